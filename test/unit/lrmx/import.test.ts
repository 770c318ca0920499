import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { getCadre } from '../../../electron/services/roster/cadres';
import { stepHistory } from '../../../electron/services/common/operation-log';
import { renderLrmxFiles } from '../../../electron/services/lrmx/files';
import { makeIdNumber } from '../../../shared/domain/common/idcard';

const STRANGER_ID = makeIdNumber('110105', '1990-01-15', 2, '女');
import { tempDir } from '../../support/temp';
import { callResult, commitJob, issuesOf, planFile, rowsOf } from '../import/support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  loadDemo(core.db, { cadreCount: 30 });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const person = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Person>${body}</Person>`;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const upload = (name: string, text: string | Buffer) => ({ name, base64: b64(text) });

/** Everything an import could touch, to prove a refused import touched nothing. */
function snapshot(db: Core['db']): string {
  return JSON.stringify([
    db.prepare('SELECT * FROM cadres ORDER BY id').all(),
    // Family rows by content: undo rewrites them under new row ids.
    db.prepare('SELECT cadre_id, seq, relation, name, birth, political_status, work FROM cadre_family ORDER BY cadre_id, seq').all(),
    db.prepare('SELECT * FROM cadre_assessments ORDER BY cadre_id, year').all(),
    db.prepare('SELECT count(*) AS n FROM operations').get(),
    db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    db.prepare('SELECT count(*) AS n FROM import_runs').get(),
  ]);
}

/** .lrmx files through the one import pipeline, as the page uploads them. */
async function plan(files: { name: string; base64: string }[], mode: 'add' | 'update' | 'skip' = 'update', options: object = {}) {
  const job = await planFile(core, files, { mode, ...options });
  return { job, rows: await rowsOf(core, job.jobId), issues: await issuesOf(core, job.jobId) };
}

describe('.lrmx import: matching and preview', () => {
  it('matches by 身份证号: unchanged files are unchanged, an edited one shows old → new, a stranger is new', async () => {
    const [a, b] = renderLrmxFiles(core.db, [1, 2]);
    const before = getCadre(core.db, 2);
    const edited = b.text.replace(/<XianRenZhiWu>[^<]*<\/XianRenZhiWu>/, '<XianRenZhiWu>滨江市委常委、组织部部长</XianRenZhiWu>');
    const stranger = person(
      `<XingMing>新来的</XingMing><XingBie>女</XingBie><ChuShengNianYue>199001</ChuShengNianYue><ShenFenZheng>${STRANGER_ID}</ShenFenZheng>`,
    );
    const files = [upload(a.fileName, a.text), upload(b.fileName, edited), upload('new.lrmx', stranger)];
    const { job, rows } = await plan(files);
    expect(job.inspection!.files.map(f => f.format)).toEqual(['lrmx', 'lrmx', 'lrmx']);
    expect(job.inspection!.documents).toBe(3);
    expect(rows.map(r => [r.file, r.sheet, r.row, r.action])).toEqual([
      [a.fileName, null, null, 'unchanged'],
      [b.fileName, null, null, 'update'],
      ['new.lrmx', null, null, 'new'],
    ]);
    expect(rows[1]).toMatchObject({ cadreId: 2, name: before.name, matchedBy: 'idNumber' });
    expect(rows[1].changes).toEqual([{ field: 'post', label: '现任职务', old: before.post, new: '滨江市委常委、组织部部长' }]);
    expect(job.preview!.counts).toMatchObject({ new: 1, update: 1, unchanged: 1, errors: 0 });

    const add = await plan(files, 'add');
    expect(add.rows.map(r => r.action)).toEqual(['skip', 'skip', 'new']);
  });

  it('matches by 姓名 + 出生年月 where the file has no ID, and never onto a cadre with another ID', async () => {
    const c = getCadre(core.db, 3);
    const noId = person(`<XingMing>${c.name}</XingMing><ChuShengNianYue>${c.birth.replace('-', '')}</ChuShengNianYue><XianRenZhiWu>新职务</XianRenZhiWu>`);
    const one = await plan([upload('x.lrmx', noId)]);
    expect(one.rows[0]).toMatchObject({ action: 'update', cadreId: 3, matchedBy: 'nameBirth' });
    // Same name and birth but a different valid ID: another person.
    const otherId = person(`<XingMing>${c.name}</XingMing><ChuShengNianYue>${c.birth.replace('-', '')}</ChuShengNianYue>`);
    const otherValidId = makeIdNumber('110105', `${c.birth}-15`, 998, c.gender as '男' | '女');
    expect(otherValidId).not.toBe(c.idNumber);
    const two = await plan([upload('y.lrmx', otherId.replace('</Person>', `<ShenFenZheng>${otherValidId}</ShenFenZheng></Person>`))]);
    expect(two.rows[0]).toMatchObject({ action: 'new', cadreId: null });
  });

  it('the same person twice in one import is an error, and so is an ID held by a cadre in the 回收站', async () => {
    const [a] = renderLrmxFiles(core.db, [1]);
    const twice = await plan([upload('a.lrmx', a.text), upload('a2.lrmx', a.text)]);
    expect(twice.rows.map(r => r.action)).toEqual(['error', 'error']);
    expect(twice.issues.map(p => p.message).join(' ')).toMatch(/与「a\.lrmx」的身份证号相同/);
    core.db.prepare("UPDATE cadres SET deleted_at = '2026-01-01' WHERE id = 1").run();
    const bin = await plan([upload('a.lrmx', a.text)], 'add');
    expect(bin.rows[0].action).toBe('error');
    expect(bin.issues[0].message).toMatch(/回收站/);
  });
});

describe('.lrmx import: commit', () => {
  it('writes new and changed records as one undoable operation, and undo restores the database', async () => {
    const before = snapshot(core.db);
    const [b] = renderLrmxFiles(core.db, [2]);
    const edited = b.text
      .replace(/<XianRenZhiWu>[^<]*<\/XianRenZhiWu>/, '<XianRenZhiWu>新职务</XianRenZhiWu>')
      .replace(/<NianDuKaoHeJieGuo>[^<]*</, '<NianDuKaoHeJieGuo>2030年度考核优秀<');
    const stranger = person(
      `<XingMing>新来的</XingMing><XingBie>女</XingBie><ChuShengNianYue>199001</ChuShengNianYue><ShenFenZheng>${STRANGER_ID}</ShenFenZheng>` +
        '<JiaTingChengYuan><Item><ChengWei>父亲</ChengWei><XingMing>老王</XingMing><ChuShengRiQi>19600115</ChuShengRiQi><ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>退休</GongZuoDanWeiJiZhiWu></Item></JiaTingChengYuan>',
    );
    const unit = (core.db.prepare('SELECT id FROM units ORDER BY id LIMIT 1').get() as { id: number }).id;
    const { job } = await plan([upload(b.fileName, edited), upload('new.lrmx', stranger)], 'update', { defaultUnit: { id: unit } });
    const r = await commitJob(core, job.jobId);
    expect(r).toMatchObject({ inserted: 1, updated: 1, target: '干部名册' });
    expect(r.operation?.label).toBe(`导入 2 个文件（${b.fileName} 等）（新增 1，更新 1）`);
    const updated = getCadre(core.db, 2);
    expect(updated.post).toBe('新职务');
    // Assessments merge by year: 2030 added, the earlier years kept.
    expect(updated.assessments.at(-1)).toEqual({ year: 2030, grade: '优秀', note: '' });
    expect(updated.assessments.length).toBeGreaterThan(1);
    const created = core.db.prepare("SELECT id FROM cadres WHERE name = '新来的'").pluck().get() as number;
    expect(getCadre(core.db, created)).toMatchObject({ name: '新来的', gender: '女', birth: '1990-01', unitId: unit, status: '在职' });
    // A family birth with a day is stored as year-month, like every 年月 field.
    expect(getCadre(core.db, created).family).toEqual([{ relation: '父亲', name: '老王', birth: '1960-01', politicalStatus: '群众', work: '退休' }]);
    const run = core.db.prepare("SELECT after FROM audit_log WHERE entity = 'import' ORDER BY id DESC").get() as { after: string };
    expect(JSON.parse(run.after)).toMatchObject({ target: '干部名册', mode: 'update', inserted: 1, updated: 1 });
    // The run sits beside every other import's runs.
    const recorded = core.db
      .prepare('SELECT target, file_name, sheets, mode, inserted, updated, operation_id FROM import_runs ORDER BY id DESC')
      .get() as Record<string, unknown>;
    expect(recorded).toMatchObject({ target: '干部名册', mode: 'update', inserted: 1, updated: 1, operation_id: r.operation!.id });
    expect(JSON.parse(String(recorded.sheets))).toEqual([b.fileName, 'new.lrmx']);

    stepHistory(core.db, 'undo');
    const undone = JSON.parse(snapshot(core.db));
    const original = JSON.parse(before);
    expect(undone[0]).toEqual(original[0]);
    expect(undone[1]).toEqual(original[1]);
    expect(undone[2]).toEqual(original[2]);
  });

  it('the commit plans again against the roster as it is now: what changed since the preview is said, errors write nothing', async () => {
    const [b] = renderLrmxFiles(core.db, [2]);
    const { job } = await plan([upload(b.fileName, b.text.replace(/<XianRenZhiWu>[^<]*</, '<XianRenZhiWu>甲<'))]);
    core.db.prepare("UPDATE cadres SET post = '甲' WHERE id = 2").run();
    const r = await commitJob(core, job.jobId);
    expect(r).toMatchObject({ updated: 0, unchanged: 1, changedSincePreview: 1 });

    const again = await plan([upload(b.fileName, b.text)]);
    core.db.prepare("UPDATE cadres SET deleted_at = '2026-01-01' WHERE id = 2").run(); // now in the 回收站: an error
    const before = snapshot(core.db);
    const refused = await callResult(core, 'importCommit', { jobId: again.job.jobId });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/导入未执行，数据未修改.*回收站/) } });
    expect(snapshot(core.db)).toBe(before);
  });

  it('a .zip of .lrmx files, as exportLrmx makes it, imports into another database', async () => {
    const zip = await core.dispatch('exportLrmx', { ids: [1, 2, 3] });
    if (!zip.ok) throw new Error(zip.error.message);
    const other = openCore({ dataDir: path.join(tmp.dir, 'other'), appVersion: 'test' });
    try {
      const job = await planFile(other, [{ name: '任免审批表.zip', base64: (zip.data as { base64: string }).base64 }]);
      expect(job.inspection!.files.map(f => f.name)).toEqual(
        [1, 2, 3]
          .map(id => `任免审批表.zip/${getCadre(core.db, id).name}_${getCadre(core.db, id).idNumber.slice(-4)}.lrmx`)
          .sort((x, y) => x.localeCompare(y, 'zh-CN')),
      );
      expect(job.preview!.counts).toMatchObject({ new: 3, errors: 0 });
      await commitJob(other, job.jobId);
      expect((other.db.prepare('SELECT name FROM cadres ORDER BY name').pluck().all() as string[]).sort()).toEqual(
        [1, 2, 3].map(id => getCadre(core.db, id).name).sort(),
      );
    } finally {
      other.close();
    }
  });
});

describe('.lrmx routes', () => {
  it('exportLrmx gives one file as is and several as a zip of 姓名_身份证后4位.lrmx', async () => {
    const one = await core.dispatch('exportLrmx', { ids: [1] });
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    const c1 = getCadre(core.db, 1);
    expect((one.data as { fileName: string }).fileName).toBe(`${c1.name}_${c1.idNumber.slice(-4)}.lrmx`);
    const many = await core.dispatch('exportLrmx', { ids: [1, 2, 3] });
    if (!many.ok) throw new Error(many.error.message);
    const data = many.data as { fileName: string; base64: string; count: number };
    expect(data.fileName).toMatch(/\.zip$/);
    expect(data.count).toBe(3);
    // SheetJS's CFB module reads zip files too (typed `any` upstream).
    const zip = XLSX.CFB.read(Buffer.from(data.base64, 'base64'), { type: 'buffer' }) as { FileIndex: { type: number; name: string; content: Uint8Array }[] };
    const entries = zip.FileIndex.filter(f => f.type === 2 && f.name.endsWith('.lrmx'));
    // SheetJS's CFB reader ignores the zip's UTF-8 flag and gives the name bytes as Latin-1.
    expect(entries.map(e => Buffer.from(e.name, 'latin1').toString('utf8')).sort()).toEqual(
      [1, 2, 3]
        .map(id => {
          const c = getCadre(core.db, id);
          return `${c.name}_${c.idNumber.slice(-4)}.lrmx`;
        })
        .sort(),
    );
    const text = Buffer.from(entries[0].content as Uint8Array).toString('utf8');
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Person>/);
  });

  it('exportRoster, exportCsv and downloadTemplate return files for download', async () => {
    const x = await core.dispatch('exportRoster', {
      columns: [{ key: 'seq' }, { key: 'name' }],
      view: { filters: { gender: { type: 'equals', filter: '女' } } },
      title: '女干部名册',
      date: '2026-11-22',
    });
    if (!x.ok) throw new Error(x.error.message);
    const xd = x.data as { fileName: string; base64: string; rows: number };
    expect(xd.fileName).toBe('女干部名册_20261122.xlsx');
    const wb = XLSX.read(Buffer.from(xd.base64, 'base64'), { type: 'buffer' });
    expect(wb.Sheets[wb.SheetNames[0]].A1.v).toBe('女干部名册');
    const c = await core.dispatch('exportCsv', { columns: [{ key: 'name' }], ids: [3, 1] });
    if (!c.ok) throw new Error(c.error.message);
    const csv = Buffer.from((c.data as { base64: string }).base64, 'base64').toString('utf8');
    expect(csv).toBe(`\uFEFF姓名\r\n${getCadre(core.db, 3).name}\r\n${getCadre(core.db, 1).name}\r\n`);
    const t = await core.dispatch('downloadTemplate', {});
    expect(t.ok).toBe(true);
    const bad = await core.dispatch('exportRoster', { columns: [{ key: '__proto__' }] });
    expect(bad.ok).toBe(false);
  });

  it('writes to a save-dialog path instead when given one, but only files of the expected kind', async () => {
    const out = path.join(tmp.dir, '名册.xlsx');
    const x = await core.dispatch('exportRoster', { columns: [{ key: 'name' }], ids: [1], outPath: out });
    if (!x.ok) throw new Error(x.error.message);
    expect(x.data).toMatchObject({ path: out, base64: null, fileName: '名册.xlsx', rows: 1 });
    expect(fs.existsSync(out)).toBe(true);
    for (const target of [path.join(tmp.dir, 'evil.exe'), path.join(tmp.dir, 'x.csv'), path.join(tmp.dir, 'no-such-dir', 'a.xlsx')]) {
      const r = await core.dispatch('exportRoster', { columns: [{ key: 'name' }], ids: [1], outPath: target });
      expect(r.ok, target).toBe(false);
      expect(fs.existsSync(target)).toBe(false);
    }
    const dir = path.join(tmp.dir, 'forms');
    fs.mkdirSync(dir);
    const l = await core.dispatch('exportLrmx', { ids: [1, 2], outPath: dir });
    if (!l.ok) throw new Error(l.error.message);
    expect(fs.readdirSync(dir)).toHaveLength(2);
    const zip = await core.dispatch('exportLrmx', { ids: [1, 2], outPath: path.join(tmp.dir, 'forms.zip') });
    expect(zip.ok).toBe(true);
    const wrong = await core.dispatch('exportLrmx', { ids: [1, 2], outPath: path.join(tmp.dir, 'forms.lrmx') });
    expect(wrong.ok).toBe(false);
    const t = await core.dispatch('downloadTemplate', { outPath: path.join(tmp.dir, 't.xlsx') });
    expect(t.ok && fs.existsSync(path.join(tmp.dir, 't.xlsx'))).toBe(true);
  });
});
