/**
 * Automatic snapshots and their rotation, run for real (files on disk) with a
 * fake clock over 400 days: 7 daily, 4 weekly, 12 monthly, counted over the
 * days / ISO weeks / months that have snapshots; manual and pre-restore
 * snapshots are never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import {
  isoWeekKey,
  listSnapshots,
  parseSnapshotName,
  planRotation,
  snapshotNamesIn,
  snapshotOnExit,
  snapshotOnStart,
  takeSnapshot,
  type SnapshotName,
} from '../../../electron/services/backup/backup';
import { addCadres } from '../../support/backup-db';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let backups: string;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  backups = path.join(tmp.dir, 'backups');
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const names = (list: string[]) => list.map(n => parseSnapshotName(n)!).filter(Boolean) as SnapshotName[];

describe('planRotation (pure)', () => {
  it('ISO weeks as the calendar has them', () => {
    expect(isoWeekKey(2026, 1, 1)).toBe('2026-W01'); // a Thursday
    expect(isoWeekKey(2025, 12, 29)).toBe('2026-W01'); // Monday of that week
    expect(isoWeekKey(2027, 1, 3)).toBe('2026-W53'); // 2026 has 53 ISO weeks
    expect(isoWeekKey(2026, 11, 22)).toBe('2026-W47');
  });

  it('keeps the newest of a day, never manual or pre-restore, and is idempotent', () => {
    const list = names([
      'cadre-desk-2026-11-22T083015-daily.db',
      'cadre-desk-2026-11-22T174500-exit.db',
      'cadre-desk-2026-11-22T174500-exit-2.db',
      'cadre-desk-2020-01-01T000000-manual.db',
      'cadre-desk-2020-01-02T000000-pre-restore.db',
    ]);
    const plan = planRotation(list);
    expect(plan.remove.sort()).toEqual(['cadre-desk-2026-11-22T083015-daily.db', 'cadre-desk-2026-11-22T174500-exit.db']);
    expect(plan.keep.sort()).toEqual([
      'cadre-desk-2020-01-01T000000-manual.db',
      'cadre-desk-2020-01-02T000000-pre-restore.db',
      'cadre-desk-2026-11-22T174500-exit-2.db',
    ]);
    expect(planRotation(names(plan.keep)).remove).toEqual([]);
  });

  it('counts only days that have snapshots: a long gap loses nothing recent', () => {
    const list = names(
      ['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05', '2025-06-06', '2025-06-09', '2025-06-10', '2025-06-11', '2026-01-05'].map(
        d => `cadre-desk-${d}T090000-daily.db`,
      ),
    );
    // 9 days with snapshots, the newest after a seven-month gap: the daily rule keeps 2026-01-05 and the 6 latest days of June 2025.
    const plan = planRotation(list, { daily: 7, weekly: 0, monthly: 0 });
    expect(plan.remove).toEqual(['cadre-desk-2025-06-03T090000-daily.db', 'cadre-desk-2025-06-02T090000-daily.db']);
    // with the weekly rule too, 06-06 (newest of 2025-W23) was kept anyway; 06-02 and 06-03 are older days of that week
    expect(planRotation(list, { daily: 7, weekly: 4, monthly: 0 }).remove).toEqual(plan.remove);
  });
});

describe('automatic snapshots over 400 days with a fake clock', () => {
  it('leaves exactly the expected survivors, with the counts they were taken with', async () => {
    const holidays = new Set<string>();
    const addRange = (from: string, to: string) => {
      for (let d = new Date(`${from}T12:00:00`); d <= new Date(`${to}T12:00:00`); d.setDate(d.getDate() + 1)) holidays.add(key(d));
    };
    const key = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    addRange('2026-02-16', '2026-02-20'); // 春节
    addRange('2026-10-01', '2026-10-08'); // 国庆

    const at = (d: Date, h: number, m: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m, 0);
    const dbPath = core.dbPath;
    const countAt = new Map<string, number>();
    let cadres = 0;
    let made = 0;
    addCadres(core.db, 0, '起始'); // one unit, so the database is not empty

    const start = new Date(2025, 9, 6); // Monday 2025-10-06
    for (let i = 0; i < 400; i++) {
      const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
      if (day.getDay() === 0 || day.getDay() === 6 || holidays.has(key(day))) continue;

      const first = await snapshotOnStart(core.db, { dbPath, now: at(day, 8, 30) });
      expect(first.made).toBe(true);
      if (first.made) {
        countAt.set(first.snapshot.name, cadres);
        made++;
      }
      if (day.getDate() % 2 === 1) {
        // a second start the same day takes no second daily snapshot
        expect(await snapshotOnStart(core.db, { dbPath, now: at(day, 13, 0) })).toEqual({ made: false, why: 'already-today' });
      }
      core.db.prepare('INSERT INTO cadres(name) VALUES (?)').run(`干部${i}`);
      cadres++;
      if (key(day) === '2026-01-15') countAt.set((await takeSnapshot(core.db, 'manual', { dbPath, now: at(day, 10, 0) })).name, cadres);
      if (key(day) === '2026-03-02') countAt.set((await takeSnapshot(core.db, 'pre-restore', { dbPath, now: at(day, 11, 0) })).name, cadres);
      if (day.getDay() !== 3) {
        // no exit snapshot on Wednesdays (the app was left running, or the PC lost power)
        const exit = await snapshotOnExit(core.db, { dbPath, now: at(day, 17, 45) });
        expect(exit.made).toBe(true);
        if (exit.made) {
          countAt.set(exit.snapshot.name, cadres);
          made++;
        }
      }
    }
    expect(made).toBe(495);

    const survivors = fs.readdirSync(backups).sort();
    expect(survivors).toEqual([
      'cadre-desk-2025-12-31T083000-daily.db', // 12 monthly: 2025-12 … 2026-11, newest of each month
      'cadre-desk-2026-01-15T100000-manual.db', // never rotated
      'cadre-desk-2026-01-30T174500-exit.db',
      'cadre-desk-2026-02-27T174500-exit.db',
      'cadre-desk-2026-03-02T110000-pre-restore.db', // never rotated
      'cadre-desk-2026-03-31T174500-exit.db',
      'cadre-desk-2026-04-30T174500-exit.db',
      'cadre-desk-2026-05-29T174500-exit.db',
      'cadre-desk-2026-06-30T174500-exit.db',
      'cadre-desk-2026-07-31T174500-exit.db',
      'cadre-desk-2026-08-31T174500-exit.db',
      'cadre-desk-2026-09-30T083000-daily.db', // a Wednesday: its daily snapshot is the newest of September
      'cadre-desk-2026-10-23T174500-exit.db', // 4 weekly: 2026-W43 … W46
      'cadre-desk-2026-10-30T174500-exit.db', // 7 daily: 10-30 and 11-02 … 11-09 (working days)
      'cadre-desk-2026-11-02T174500-exit.db',
      'cadre-desk-2026-11-03T174500-exit.db',
      'cadre-desk-2026-11-04T083000-daily.db',
      'cadre-desk-2026-11-05T174500-exit.db',
      'cadre-desk-2026-11-06T174500-exit.db',
      'cadre-desk-2026-11-09T174500-exit.db',
    ]);

    // Each survivor holds the data of its moment, read from the file itself.
    const listed = listSnapshots(backups);
    expect(listed.map(s => s.name)).toEqual([...survivors].sort().reverse());
    for (const s of listed) {
      expect(s.problem).toBeUndefined();
      expect(s.counts).toEqual({ cadres: countAt.get(s.name), batches: 0, rounds: 0 });
      expect(s.size).toBeGreaterThan(0);
    }
    expect(planRotation(snapshotNamesIn(backups)).remove).toEqual([]);
  }, 120_000);

  it('an empty database is not copied', async () => {
    expect(await snapshotOnStart(core.db, { dbPath: core.dbPath })).toEqual({ made: false, why: 'empty' });
    expect(await snapshotOnExit(core.db, { dbPath: core.dbPath })).toEqual({ made: false, why: 'empty' });
    expect(fs.existsSync(backups)).toBe(false);
  });
});
