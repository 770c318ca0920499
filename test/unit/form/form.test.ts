/**
 * The appointment form's own routes on a real temporary database with the demo:
 * photo (round trip, refusals, undo), family members (validation, all or nothing,
 * audit, undo) and the form footer settings. Calls go through the dispatcher,
 * as the renderer's do, with every output checked against the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { stepHistory } from '../../../electron/services/common/operation-log';
import { routeData, routeError } from '../../support/dispatch';
import { tempDir } from '../../support/temp';
import { normalizeFamilyMember } from '../../../shared/domain/roster/cadre-rules';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  loadDemo(core.db);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const call = <T = unknown>(method: string, input: unknown) => routeData<T>(core, method, input);
const refused = (method: string, input: unknown) => routeError(core, method, input);

/** A tiny real PNG (1×1, red) and the start of a JPEG: enough for the magic-byte check. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);

const cadreId = () => (core.db.prepare('SELECT min(id) AS id FROM cadres').get() as { id: number }).id;

describe('photo', () => {
  it('round-trips a JPEG and a PNG, reports the type from the bytes, and getCadre says hasPhoto', async () => {
    const id = cadreId();
    expect(await call('getCadrePhoto', { id })).toEqual({ base64: null, mime: null });

    const saved = await call<{ hasPhoto: boolean; history: { undo: { label: string } | null } }>('setCadrePhoto', { id, base64: JPEG.toString('base64') });
    expect(saved.hasPhoto).toBe(true);
    expect(saved.history.undo?.label).toBe('修改 照片');
    expect(await call('getCadrePhoto', { id })).toEqual({ base64: JPEG.toString('base64'), mime: 'image/jpeg' });
    expect((await call<{ hasPhoto: boolean }>('getCadre', { id })).hasPhoto).toBe(true);

    // a data: URL prefix is accepted too
    await call('setCadrePhoto', { id, base64: `data:image/png;base64,${PNG.toString('base64')}` });
    expect(await call('getCadrePhoto', { id })).toEqual({ base64: PNG.toString('base64'), mime: 'image/png' });

    await call('setCadrePhoto', { id, base64: null });
    expect(await call('getCadrePhoto', { id })).toEqual({ base64: null, mime: null });
    expect((await call<{ hasPhoto: boolean }>('getCadre', { id })).hasPhoto).toBe(false);
  });

  it('refuses a text file, broken base64 and more than 2 MB, in Chinese, and stores nothing', async () => {
    const id = cadreId();
    const text = await refused('setCadrePhoto', { id, base64: Buffer.from('姓名,性别\n张三,男\n').toString('base64') });
    expect(text.code).toBe('VALIDATION');
    expect(text.message).toBe('只能使用 JPEG 或 PNG 格式的照片');

    const broken = await refused('setCadrePhoto', { id, base64: '这不是照片' });
    expect(broken.message).toContain('base64');

    const big = Buffer.concat([JPEG.subarray(0, 3), Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await refused('setCadrePhoto', { id, base64: big.toString('base64') });
    expect(tooBig.message).toMatch(/照片过大.*不能超过 2 MB/);

    expect(await call('getCadrePhoto', { id })).toEqual({ base64: null, mime: null });
    expect(core.db.prepare('SELECT count(*) AS n FROM operations').get()).toEqual({ n: 0 });
  });

  it('is one undoable step: undo brings the old photo back, redo the new one, and the 修改记录 shows it', async () => {
    const id = cadreId();
    await call('setCadrePhoto', { id, base64: JPEG.toString('base64') });
    await call('setCadrePhoto', { id, base64: PNG.toString('base64') });

    expect(stepHistory(core.db, 'undo').label).toBe('修改 照片');
    expect(await call('getCadrePhoto', { id })).toEqual({ base64: JPEG.toString('base64'), mime: 'image/jpeg' });
    stepHistory(core.db, 'undo');
    expect(await call('getCadrePhoto', { id })).toEqual({ base64: null, mime: null });
    stepHistory(core.db, 'redo');
    expect((await call<{ mime: string }>('getCadrePhoto', { id })).mime).toBe('image/jpeg');

    const log = await call<{ action: string; changes: { field: string; before: unknown; after: unknown }[] }[]>('cadreAuditLog', { id });
    expect(log.map(e => e.action)).toEqual(['redo', 'undo', 'undo', 'edit', 'edit']);
    expect(log.at(-1)!.changes).toContainEqual(expect.objectContaining({ field: 'photo', before: null, after: '[新照片]' }));
  });

  it('refuses a cadre that does not exist or is in the 回收站', async () => {
    expect((await refused('setCadrePhoto', { id: 999_999, base64: JPEG.toString('base64') })).code).toBe('NOT_FOUND');
    const id = cadreId();
    await call('setCadresDeleted', { ids: [id], deleted: true });
    expect((await refused('setCadrePhoto', { id, base64: JPEG.toString('base64') })).code).toBe('CONFLICT');
  });
});

describe('family members', () => {
  const member = (m: Partial<Record<'relation' | 'name' | 'birth' | 'politicalStatus' | 'work', string>>) => ({
    relation: '',
    name: '',
    birth: '',
    politicalStatus: '',
    work: '',
    ...m,
  });

  it('saves the list in order, normalised (dates canonical, padded names joined), and drops blank rows', async () => {
    const id = cadreId();
    const r = await call<{ family: unknown[] }>('saveFamily', {
      id,
      members: [
        member({ relation: '妻子', name: '王　芳', birth: '1986.5', politicalStatus: '党员', work: '市第一中学教师' }),
        member({}),
        member({ relation: '女儿', name: '张小雨', birth: '2012年3月', politicalStatus: '群众', work: '市实验小学学生' }),
      ],
    });
    const expected = [
      { relation: '妻子', name: '王芳', birth: '1986-05', politicalStatus: '中共党员', work: '市第一中学教师' },
      { relation: '女儿', name: '张小雨', birth: '2012-03', politicalStatus: '群众', work: '市实验小学学生' },
    ];
    expect(r.family).toEqual(expected);
    expect((await call<{ family: unknown[] }>('getCadre', { id })).family).toEqual(expected);
  });

  // One table for the one rule (normalizeFamilyMember): the form stores exactly what it gives, the day of a birth date dropped.
  const FAMILY_TABLE: [string, ReturnType<typeof member>, ReturnType<typeof member>][] = [
    [
      'a date with a day keeps year-month',
      member({ relation: '父亲', name: '张 建国', birth: '1956-05-17' }),
      member({ relation: '父亲', name: '张建国', birth: '1956-05' }),
    ],
    [
      'a dotted day',
      member({ relation: '母亲', name: '李秀英', birth: '1958.11.02', politicalStatus: '群众' }),
      member({ relation: '母亲', name: '李秀英', birth: '1958-11', politicalStatus: '群众' }),
    ],
    [
      'an 8-digit date',
      member({ relation: '儿子', name: '张明', birth: '20100315', work: ' 学生 ' }),
      member({ relation: '儿子', name: '张明', birth: '2010-03', work: '学生' }),
    ],
    [
      'no birth date',
      member({ relation: ' 妻 子', name: '王芳', politicalStatus: '中共党员' }),
      member({ relation: '妻子', name: '王芳', politicalStatus: '中共党员' }),
    ],
  ];
  it.each(FAMILY_TABLE)('form and imports store a member by the one rule: %s', async (_, input, stored) => {
    expect(normalizeFamilyMember(input)).toEqual({ ok: true, value: stored });
    const r = await call<{ family: unknown[] }>('saveFamily', { id: cadreId(), members: [input] });
    expect(r.family).toEqual([stored]);
  });

  it('refuses the whole list when a row lacks 称谓 or 姓名 or has a bad 出生年月, naming row and field', async () => {
    const id = cadreId();
    const before = (await call<{ family: unknown[] }>('getCadre', { id })).family;
    const err = await refused('saveFamily', {
      id,
      members: [
        member({ relation: '父亲', name: '张建国', birth: '1958.04' }),
        member({ name: '李秀兰', birth: '1960.02' }),
        member({ relation: '儿子', name: '张小明', birth: '2013.13' }),
      ],
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^未保存：第 2 位成员「称谓」：称谓不能为空/);
    const problems = (err.details as { problems: { row: number; field: string; message: string }[] }).problems;
    expect(problems).toEqual([
      { row: 1, field: 'relation', message: '称谓不能为空' },
      { row: 2, field: 'birth', message: expect.stringContaining('月份应在 1–12 之间') },
    ]);
    expect((await call<{ family: unknown[] }>('getCadre', { id })).family).toEqual(before);
  });

  it('is audited and undoable as one step', async () => {
    const id = cadreId();
    const before = (await call<{ family: unknown[] }>('getCadre', { id })).family;
    const saved = await call<{ history: { undo: { label: string } } }>('saveFamily', {
      id,
      members: [member({ relation: '丈夫', name: '赵刚', birth: '1980.01', work: '市供电公司职工' })],
    });
    expect(saved.history.undo.label).toBe('修改 家庭主要成员及重要社会关系');
    const log = await call<{ action: string; changes: { field: string; label: string }[] }[]>('cadreAuditLog', { id });
    expect(log[0].action).toBe('edit');
    expect(log[0].changes.map(c => c.label)).toEqual(['家庭主要成员及重要社会关系']);
    stepHistory(core.db, 'undo');
    expect((await call<{ family: unknown[] }>('getCadre', { id })).family).toEqual(before);
  });
});

describe('form settings (呈报单位, 填表人)', () => {
  it('default to blank and the operator name, and are saved trimmed', async () => {
    core.db.prepare("INSERT INTO settings(key, value) VALUES ('operator', '刘干事')").run();
    expect(await call('getFormSettings', {})).toEqual({ reportingUnit: '', filledBy: '刘干事' });
    expect(await call('saveFormSettings', { reportingUnit: '  中共示例市委组织部 ' })).toEqual({ reportingUnit: '中共示例市委组织部', filledBy: '刘干事' });
    expect(await call('saveFormSettings', { filledBy: '王五' })).toEqual({ reportingUnit: '中共示例市委组织部', filledBy: '王五' });
  });
});
