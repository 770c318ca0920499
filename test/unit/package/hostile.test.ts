/**
 * Packages that must be refused with a Chinese reason and nothing written: damaged, tampered,
 * from a newer schema, with names that leave the folder, with entries that claim to be huge,
 * with fields the roster does not have. Through the route (every door) and the CLI (exit 1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZip, readZipDirectory, zipEntryBytes } from '../../../electron/services/common/zip';
import { sha256 } from '../../../electron/services/package/records';
import { openCore, type Core } from '../../../electron/services/core/core';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { routeError } from '../../support/dispatch';
import { tempDir } from '../../support/temp';
import { office } from './offices';

let tmp: ReturnType<typeof tempDir>;
let city: Core;
let good: Buffer;
beforeEach(async () => {
  tmp = tempDir();
  city = openCore({ dataDir: path.join(tmp.dir, 'city'), appVersion: 'test', checkOutput: true });
  const a = office(tmp.dir, '望江区');
  a.add('张三', 1);
  a.add('李四', 2);
  good = fs.readFileSync(await a.send('good.cadrepkg'));
  a.core.close();
});
afterEach(() => {
  city.close();
  tmp.cleanup();
});

type Parts = Map<string, Buffer>;
function partsOf(bytes: Buffer): Parts {
  const dir = readZipDirectory(bytes)!;
  return new Map(dir.entries.map(e => [e.name, Buffer.from(zipEntryBytes(bytes, e)!)]));
}
const zip = (parts: Parts) => buildZip([...parts].map(([name, data]) => ({ name, data })));
const json = (b: Buffer) => JSON.parse(b.toString('utf8'));
/** Changes a data part and, with `rehash`, the manifest's size and hash of it too (a consistent forgery). */
function edit(name: string, change: (v: any) => void, rehash: boolean, from = good): Buffer {
  const parts = partsOf(from);
  const v = json(parts.get(name)!);
  change(v);
  const data = Buffer.from(JSON.stringify(v));
  parts.set(name, data);
  if (rehash && name !== 'manifest.json') {
    const m = json(parts.get('manifest.json')!);
    const p = m.parts.find((x: { name: string }) => x.name === name);
    p.size = data.length;
    p.sha256 = sha256(data);
    parts.set('manifest.json', Buffer.from(JSON.stringify(m)));
  }
  return zip(parts);
}

async function refused(bytes: Buffer): Promise<string> {
  const e = await routeError(city, 'previewPackages', { files: [{ name: 'x.cadrepkg', base64: bytes.toString('base64') }] });
  expect(e.code).toBe('VALIDATION');
  // nothing written
  expect(city.db.prepare('SELECT (SELECT count(*) FROM cadres) + (SELECT count(*) FROM units) + (SELECT count(*) FROM package_senders)').pluck().get()).toBe(0);
  return e.message;
}

describe('a package that is not what it claims is refused, nothing written', () => {
  it('a data part changed after it was made (wrong hash)', async () => {
    expect(await refused(edit('data/cadres.json', v => (v[0].fields.post = '望江区区长'), false))).toMatch(
      /「data\/cadres\.json」校验值与清单不符，数据包可能被篡改或损坏，未接收，数据未修改。$/,
    );
  });

  it('a tampered manifest: counts that do not match, or a shape it does not have', async () => {
    expect(await refused(edit('manifest.json', m => (m.counts.cadres = 1), false))).toMatch(/清单与数据的条数不符/);
    expect(await refused(edit('manifest.json', m => (m.extra = 'x'), false))).toMatch(/清单不符合格式/);
    expect(await refused(edit('manifest.json', m => (m.parts = m.parts.slice(1)), false))).toMatch(/不在清单中/);
  });

  it('a truncated file, a file that is not a package', async () => {
    expect(await refused(good.subarray(0, good.length - 40))).toMatch(/已损坏（文件不完整或被截断）/);
    expect(await refused(Buffer.from('不是数据包'))).toMatch(/不是数据包/);
  });

  it('names that leave the folder (zip-slip)', async () => {
    for (const name of ['../evil.json', '/etc/evil', 'a/../../evil', 'C:\\evil', 'data\\x.json']) {
      const parts = partsOf(good);
      parts.set(name, Buffer.from('{}'));
      expect(await refused(zip(parts))).toMatch(/不安全的文件名/);
    }
  });

  it('a package from a newer schema or format', async () => {
    expect(await refused(edit('manifest.json', m => (m.schemaVersion = 999), false))).toMatch(
      /由更新版本的程序生成（数据格式版本 999，本程序为 \d+），请先升级本程序再接收/,
    );
    expect(await refused(edit('manifest.json', m => (m.formatVersion = 3), false))).toMatch(/由更新版本的程序生成（数据包版本 3，本程序为 2）/);
    // a version-2 manifest says what it carries
    expect(await refused(edit('manifest.json', m => delete m.includes, false))).toMatch(/缺少所含内容/);
  });

  it('an entry that claims to inflate to hundreds of megabytes is refused before it is read', async () => {
    const bytes = Buffer.from(good);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const central = view.getUint32(eocd + 16, true);
    view.setUint32(central + 24, 900 * 1024 * 1024, true); // the first entry's uncompressed size
    expect(await refused(bytes)).toMatch(/解压后过大/);
  });

  it('consistent forgeries with what the roster cannot hold: an unknown field, a bad value, a unit loop', async () => {
    expect(await refused(edit('data/cadres.json', v => (v[0].fields['name) VALUES (1); DROP TABLE cadres; --'] = 'x'), true))).toMatch(/未知的字段/);
    expect(await refused(edit('data/cadres.json', v => (v[0].fields.status = '失踪'), true))).toMatch(/「张三」的「.+」有误/);
    expect(await refused(edit('data/cadres.json', v => (v[0].fields.idNumber = '123'), true))).toMatch(/「张三」/);
    // Shapes: the record that does not fit is named by its place in the part.
    expect(await refused(edit('data/cadres.json', v => (v[1].photo = 42), true))).toMatch(/的干部不符合格式（第 2 条）/);
    expect(await refused(edit('data/cadres.json', v => (v[0].family = [{ name: '李四' }]), true))).toMatch(/的干部不符合格式（第 1 条）/);
    expect(await refused(edit('data/events.json', v => v.push({ cadreId: 1, kind: '升天' }), true))).toMatch(/的职务变动不符合格式（第 1 条）/);
    expect(
      await refused(
        edit(
          'data/units.json',
          v => {
            v.push({ ...v[0], id: 99, parentId: 98, name: '甲' }, { ...v[0], id: 98, parentId: 99, name: '乙' });
          },
          true,
        ),
      ),
    ).toMatch(/清单与数据的条数不符|成环/);
  });

  it('a consistent forgery whose batch member is not a cadre of the package: refused naming the batch', async () => {
    const batch = {
      id: 7,
      programme: { name: '京沈对口合作干部交流', partnerPlace: '', notes: '' },
      seq: 9,
      name: '第九批',
      direction: '派出',
      sendingPlace: '',
      receivingPlace: '',
      startDate: '2025-03',
      plannedEndDate: '',
      actualEndDate: '',
      status: '在岗',
      leaderCadreId: null,
      branchName: '',
      branchSecretaryId: null,
      notes: '',
    };
    const {
      id: _id,
      batchId: _b,
      cadreId: _c,
      ...rest
    } = {
      id: 0,
      batchId: 0,
      cadreId: 0,
      homeUnit: '',
      homePost: '',
      hostUnit: '',
      hostPost: '',
      startDate: '',
      endDate: '',
      status: '在岗',
      branchRole: '',
      pairId: null,
      recallDate: '',
      recallReason: '',
      replacesId: null,
      replacementReason: '',
      returnDate: '',
      outcome: '',
      outcomeDate: '',
      outcomePost: '',
      resumeLine: '',
      notes: '',
    };
    const forged = (cadreId: number, counts = { batches: 1, members: 1 }) =>
      edit(
        'manifest.json',
        m => Object.assign(m.counts, counts),
        false,
        edit(
          'data/batches.json',
          v => v.push(batch),
          true,
          edit('data/members.json', v => v.push({ id: 3, batchId: 7, cadreId, ...rest }), true),
        ),
      );
    const cadreIds = json(partsOf(good).get('data/cadres.json')!).map((c: { id: number }) => c.id) as number[];
    expect(await refused(forged(999_999))).toMatch(/挂职批次「京沈对口合作干部交流 第九批」有成员（第 1 条）对应的干部不在数据包中，未接收/);
    expect(await refused(forged(cadreIds[0], { batches: 1, members: 0 }))).toMatch(/条数不符/);
    // a member of a batch with a bad status is refused by its shape
    expect(
      await refused(
        edit(
          'manifest.json',
          m => Object.assign(m.counts, { members: 1 }),
          false,
          edit('data/members.json', v => v.push({ id: 3, batchId: 7, cadreId: cadreIds[0], ...rest, status: '失踪' }), true),
        ),
      ),
    ).toMatch(/的挂职成员不符合格式（第 1 条）/);
  });

  it('the CLI exits 1 with the reason, no stack trace', { timeout: CLI_TEST_BUDGET.testTimeout }, () => {
    const file = path.join(tmp.dir, 'bad.cadrepkg');
    fs.writeFileSync(
      file,
      edit('data/cadres.json', v => (v[0].fields.post = '望江区区长'), false),
    );
    const r = runCli(['--db', path.join(tmp.dir, 'cli.db'), 'package', 'import', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/数据包「bad\.cadrepkg」中的「data\/cadres\.json」校验值与清单不符/);
    expect(r.err).not.toMatch(/at .+\.(ts|js|cjs):\d+/);
  });
});
