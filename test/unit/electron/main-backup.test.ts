/**
 * main.ts's backup duties under a fake `electron` and a real core: the
 * start-up quick check and its Chinese recovery screen (从最新备份恢复 / 退出,
 * never a crash loop), the day's first snapshot, and the exit snapshot taken
 * before quitting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { openCore } from '../../../electron/services/core/core';
import { takeSnapshot } from '../../../electron/services/backup/backup';
import { addCadres, corruptPage } from '../../support/backup-db';
import { resetFakeElectron, type FakeElectron } from '../../support/fake-electron';

const h = vi.hoisted(() => ({}) as FakeElectron & { response: number });

vi.mock('electron', async () => (await import('../../support/fake-electron')).fakeElectron(h));

let dataDir: string;
let dbPath: string;
const argv = process.argv;

beforeEach(() => {
  vi.resetModules();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-main-backup-'));
  dbPath = path.join(dataDir, 'cadre-desk.db');
  resetFakeElectron(h);
  // The recovery screen answers with the button a test picks; every other box with the first.
  h.response = 0;
  h.answer = box => (box.buttons?.[0] === '从最新备份恢复' ? h.response : 0);
  process.argv = [...argv.slice(0, 2), '--data-dir', dataDir];
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  h.appEvents?.emit('will-quit'); // closes the real core
  process.argv = argv;
  h.appEvents?.removeAllListeners();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** A data folder with 30 cadres, a good snapshot of them, then 10 more and a damaged page. */
async function damagedWithSnapshot(): Promise<string> {
  const core = openCore({ dataDir, appVersion: 'test' });
  addCadres(core.db, 30);
  const snap = await takeSnapshot(core.db, 'daily', { dbPath, now: new Date(2026, 10, 20, 8, 30, 0) });
  addCadres(core.db, 10, '后来');
  core.close();
  corruptPage(dbPath);
  return snap.file;
}

async function startMain() {
  await import('../../../electron/main');
  await new Promise(resolve => setTimeout(resolve, 0));
}

const backups = () => (fs.existsSync(path.join(dataDir, 'backups')) ? fs.readdirSync(path.join(dataDir, 'backups')) : []);

describe('main.ts: start-up check and recovery', () => {
  it('a damaged file: the recovery screen offers the newest good snapshot; 从最新备份恢复 restores it and the app starts', async () => {
    await damagedWithSnapshot();
    h.response = 0;
    await startMain();
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));
    const box = h.messageBoxes.find(b => b.title === '数据文件已损坏');
    expect(box.buttons).toEqual(['从最新备份恢复', '退出']);
    expect(box.detail).toContain('2026.11.20 08:30');
    expect(box.detail).toContain('干部 30 名');
    expect(h.exitCode).toBeNull();
    expect(fs.readdirSync(dataDir).some(f => /^cadre-desk\.db\.damaged-/.test(f))).toBe(true);
    const check = openDatabase(dbPath);
    expect((check.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n).toBe(30);
    check.close();
  });

  it('a damaged file, 退出: exit(1), no window, the damaged file untouched', async () => {
    await damagedWithSnapshot();
    const before = fs.readFileSync(dbPath);
    h.response = 1;
    await startMain();
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    expect(h.windows).toHaveLength(0);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('a damaged file and no snapshot: a Chinese error box and exit(1), never a loop', async () => {
    await damagedWithSnapshot();
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true });
    await startMain();
    await vi.waitFor(() => expect(h.exitCode).toBe(1));
    expect(h.errorBoxes).toHaveLength(1);
    expect(h.errorBoxes[0][0]).toBe('数据文件已损坏');
    expect(h.errorBoxes[0][1]).toMatch(/没有找到可用的备份/);
    expect(h.windows).toHaveLength(0);
  });
});

describe('main.ts: automatic snapshots', () => {
  it('the first start of the day takes a daily snapshot; quitting takes an exit snapshot first, then quits', async () => {
    const core = openCore({ dataDir, appVersion: 'test' });
    addCadres(core.db, 5);
    core.close();
    await startMain();
    expect(h.windows).toHaveLength(1);
    await vi.waitFor(() => expect(backups().filter(f => f.endsWith('-daily.db'))).toHaveLength(1));

    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    h.appEvents.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(h.quitCalled).toBe(1));
    expect(backups().filter(f => /-exit(-\d+)?\.db$/.test(f))).toHaveLength(1);

    // the quit that follows goes through
    const second = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    h.appEvents.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(false);
  });
});
