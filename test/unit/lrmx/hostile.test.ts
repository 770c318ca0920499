/**
 * The hostile-file corpus through the .lrmx path of the one import pipeline
 * (importStart → importPlan → importCommit, as the pages and the CLI call it)
 * and inspectLrmx: entity expansion, external DTDs, deep nesting, text in the
 * wrong encoding, 0 bytes, binary, truncated and oversized files. Each gets a
 * clear Chinese message for that file, within a time and memory bound; nothing
 * is written, and prototype-named elements and attributes stay data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { renderLrmxFiles } from '../../../electron/services/lrmx/files';
import { tempDir } from '../../support/temp';
import { LAUGHS_DTD, withinBounds } from '../../support/hostile-corpus';
import { callResult, issuesOf, planFile, rowsOf } from '../import/support';

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

const upload = (name: string, bytes: string | Buffer) => ({ name, base64: Buffer.from(bytes).toString('base64') });

/** Everything an import could touch, to prove a refused import touched nothing. */
function snapshot(db: Core['db']): string {
  return JSON.stringify([
    db.prepare('SELECT * FROM cadres ORDER BY id').all(),
    db.prepare('SELECT cadre_id, seq, relation, name, birth, political_status, work FROM cadre_family ORDER BY cadre_id, seq').all(),
    db.prepare('SELECT * FROM cadre_assessments ORDER BY cadre_id, year').all(),
    db.prepare('SELECT count(*) AS n FROM operations').get(),
    db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    db.prepare('SELECT count(*) AS n FROM import_runs').get(),
  ]);
}

const HOSTILE: [string, Buffer][] = [
  [
    'laughs.lrmx',
    Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Person><XingMing>&b;</XingMing></Person>',
    ),
  ],
  ['doctype.lrmx', Buffer.from('<!DOCTYPE Person SYSTEM "http://example.com/x.dtd"><Person><XingMing>甲</XingMing></Person>')],
  ['deep.lrmx', Buffer.from('<Person>' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</Person>')],
  ['gbk.lrmx', Buffer.concat([Buffer.from('<Person><XingMing>'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('</XingMing></Person>')])],
  ['empty.lrmx', Buffer.alloc(0)],
  ['notxml.lrmx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
];

/** The rest of the corpus, with what each one's message says. */
const MORE: [string, Buffer, RegExp][] = [
  ['billion-laughs.lrmx', Buffer.from(`<?xml version="1.0"?>${LAUGHS_DTD}<Person><XingMing>&lol9;</XingMing></Person>`), /DOCTYPE.*安全原因拒绝读取/],
  [
    'external-entity.lrmx',
    Buffer.from('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>'),
    /安全原因拒绝读取/,
  ],
  ['deeper.lrmx', Buffer.from('<Person>' + '<a>'.repeat(200_000) + '</a>'.repeat(200_000) + '</Person>'), /嵌套过深/],
  ['wide.lrmx', Buffer.from('<Person>' + '<a/>'.repeat(100_000) + '</Person>'), /元素过多/],
  [
    'invalid-utf8.lrmx',
    Buffer.concat([Buffer.from('<Person><XingMing>'), Buffer.from([0xc0, 0xc1, 0xf5, 0x80]), Buffer.from('</XingMing></Person>')]),
    /UTF-8/,
  ],
  ['truncated.lrmx', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>张'), /[\u4e00-\u9fff]/],
  [
    'huge.lrmx',
    Buffer.concat([Buffer.from('<Person><XingMing>甲</XingMing><JianLi>'), Buffer.alloc(20 * 1024 * 1024 + 10_000, 0x61), Buffer.from('</JianLi></Person>')]),
    /文件过大/,
  ],
];

describe('hostile .lrmx files', () => {
  it('hostile files (entity expansion, DOCTYPE, 10,000-deep nesting, non-UTF-8, 0 bytes, binary) get a clear Chinese message and change nothing', async () => {
    const [good] = renderLrmxFiles(core.db, [1]);
    const files = [...HOSTILE.map(([name, bytes]) => upload(name, bytes)), upload('good.lrmx', good.text.replace(/<XianRenZhiWu>[^<]*</, '<XianRenZhiWu>乙<'))];
    const job = await planFile(core, files, { mode: 'update' });
    const rows = await rowsOf(core, job.jobId);
    const issues = await issuesOf(core, job.jobId, 'error');
    const messages = Object.fromEntries(
      HOSTILE.map(([name]) => [
        name,
        issues
          .filter(i => i.file === name)
          .map(i => i.message)
          .join(' '),
      ]),
    );
    expect(rows.map(r => r.action)).toEqual([...HOSTILE.map(() => 'error'), 'update']);
    expect(messages['laughs.lrmx']).toMatch(/DOCTYPE.*安全原因拒绝读取/);
    expect(messages['doctype.lrmx']).toMatch(/安全原因拒绝读取/);
    expect(messages['deep.lrmx']).toMatch(/嵌套过深/);
    expect(messages['gbk.lrmx']).toMatch(/不是有效的 UTF-8/);
    expect(messages['empty.lrmx']).toMatch(/文件是空的/);
    expect(messages['notxml.lrmx']).toMatch(/不是/);
    const before = snapshot(core.db);
    const refused = await callResult(core, 'importCommit', { jobId: job.jobId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/导入未执行，数据未修改：有 \d+ 处错误/) } });
    expect(snapshot(core.db)).toBe(before);
  });

  const b64 = (b: Buffer) => b.toString('base64');

  it('inspectLrmx shows a hostile file’s problem in Chinese and never throws', async () => {
    for (const [name, bytes] of [...HOSTILE, ...MORE.map(([n, b]) => [n, b] as [string, Buffer])]) {
      const { value: r } = await withinBounds(() => core.dispatch('inspectLrmx', { file: { name, base64: b64(bytes) } }));
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      const data = r.data as { record: unknown; problems: { severity: string; message: string }[] };
      expect(data.record, name).toBeNull();
      expect(data.problems[0].severity).toBe('error');
      expect(data.problems[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(MORE)('%s through the import pipeline: a Chinese error for that file, within bounds, nothing written', async (name, bytes, message) => {
    const before = snapshot(core.db);
    const { value: job } = await withinBounds(() => planFile(core, [{ name, base64: b64(bytes) }], { mode: 'update' }));
    const rows = await rowsOf(core, job.jobId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ file: name, action: 'error' });
    expect((await issuesOf(core, job.jobId, 'error')).map(p => p.message).join(' ')).toMatch(message);
    const commit = await callResult(core, 'importCommit', { jobId: job.jobId });
    expect(commit).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(snapshot(core.db)).toBe(before);
  });

  it('__proto__, constructor and prototype as element and attribute names stay data', async () => {
    const [good] = renderLrmxFiles(core.db, [1]);
    const text = good.text.replace(
      '<Person>',
      '<Person __proto__="x" constructor="y"><__proto__><polluted>1</polluted></__proto__><constructor><prototype>1</prototype></constructor>',
    );
    const job = await planFile(core, [{ name: 'proto.lrmx', base64: b64(Buffer.from(text)) }], { mode: 'update' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const [row] = await rowsOf(core, job.jobId);
    expect(['unchanged', 'update']).toContain(row.action);
  });
});
