/** Cadre events on real SQLite files: the cadre's update, the 简历 line, batches, leaving, plans, 职数; each one undo step and one audit entry per cadre. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countCadres } from '../../../electron/services/roster/cadres';
import type { EventNotice } from '../../../shared/contract/api';
import { openTree, type Tree } from '../units/support';

let w: Tree;
let bureau: number;
let office: number;
beforeEach(async () => {
  w = openTree();
  const city = await w.unit('滨江市');
  bureau = await w.unit('滨江市教育局', city, '部门');
  office = await w.unit('办公室', bureau, '内设机构');
});
afterEach(() => w.close());

const undo = () => w.call('stepHistory', { direction: 'undo' });
const audits = (cadreId: number) =>
  (
    w.db.prepare("SELECT action, after FROM audit_log WHERE entity = 'cadre' AND entity_id = ? ORDER BY id").all(cadreId) as { action: string; after: string }[]
  ).map(a => ({
    action: a.action,
    after: JSON.parse(a.after) as Record<string, unknown>,
  }));

async function deputy(name = '张三') {
  return w.cadre(name, office, {
    post: '滨江市教育局办公室主任',
    leadershipLevel: '正科',
    rank: '一级主任科员',
    postDate: '2018.03',
    workDate: '2003.07',
    resume: '2003.07--2018.03  滨江市教育局科员\n2018.03--  滨江市教育局办公室主任',
  });
}

describe('recording an event', () => {
  it('提任 updates unit, 现任职务, 领导职务层次, 职级 and their dates, closes and appends the 简历 line, opens a 试用期', async () => {
    const id = await deputy();
    const notice = {
      kind: '提任' as const,
      date: '2026.11.06',
      docNo: '滨组干〔2026〕12号',
      authority: '中共滨江市委组织部',
      rows: [{ cadreId: id, unitId: bureau, post: '滨江市教育局副局长', leadershipLevel: '副处', rank: '四级调研员' }],
    };
    const [preview] = await w.call('previewEvents', notice);
    expect(preview).toMatchObject({
      resumeLine: '2026.11--         滨江市教育局副局长',
      closes: ['2018.03--2026.11  滨江市教育局办公室主任'],
      probation: true,
      probationEnd: '2027-11-05',
      quota: null,
      problems: [],
    });
    const before = w.dump();
    const logBefore = w.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const { events } = await w.call('recordEvents', notice);
    expect(events[0]).toMatchObject({
      kind: '提任',
      date: '2026-11-06',
      docNo: '滨组干〔2026〕12号',
      unitId: bureau,
      unit: '滨江市教育局',
      probationEnd: '2027-11-05',
    });
    expect(events[0].resumeLine).toBe(preview.resumeLine);
    const c = await w.call('getCadre', { id });
    expect(c).toMatchObject({
      unitId: bureau,
      post: '滨江市教育局副局长',
      leadershipLevel: '副处',
      rank: '四级调研员',
      postDate: '2026-11',
      rankDate: '2026-11',
    });
    expect(c.resume).toBe(
      ['2003.07--2018.03  滨江市教育局科员', '2018.03--2026.11  滨江市教育局办公室主任', '2026.11--         滨江市教育局副局长'].join('\n'),
    );
    // one audit entry: the fields that changed and the event's facts
    expect((w.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number) - logBefore).toBe(1);
    const [entry] = audits(id).slice(-1);
    expect(entry.action).toBe('event');
    expect(entry.after).toMatchObject({
      post: '滨江市教育局副局长',
      职务变动: '2026.11.06 提任 滨江市教育局副局长',
      文号: '滨组干〔2026〕12号',
      试用期至: '2027.11.05',
    });
    expect((await w.call('getHistory', {})).undo?.label).toBe('提任「张三」');
    // one 撤销 step restores the cadre and removes the event
    await undo();
    expect(w.dump()).toBe(before);
    expect(await w.call('listEvents', { cadreId: id })).toEqual([]);
  });

  it('records 任 A 免 B as one event, writes an edited 简历 line, and lists events in date order', async () => {
    const id = await deputy();
    await w.call('recordEvents', { kind: '职级晋升', date: '2024.12', rows: [{ cadreId: id, rank: '二级主任科员' }] });
    const { events } = await w.call('recordEvents', {
      kind: '调任',
      date: '2021.06',
      rows: [{ cadreId: id, post: '滨江市教育局人事科科长', removedPost: '滨江市教育局办公室主任', resumeLine: '2021.06--  滨江市教育局人事科科长（正科级）' }],
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ post: '滨江市教育局人事科科长', removedPost: '滨江市教育局办公室主任' });
    const c = await w.call('getCadre', { id });
    expect(c.post).toBe('滨江市教育局人事科科长');
    expect(c.resume.split('\n')).toContain('2021.06--         滨江市教育局人事科科长（正科级）');
    expect((await w.call('listEvents', { cadreId: id })).map(e => `${e.date} ${e.kind}`)).toEqual(['2021-06 调任', '2024-12 职级晋升']);
    expect(c.rank).toBe('二级主任科员');
  });

  it('refuses an incomplete event in Chinese and writes nothing', async () => {
    const id = await deputy();
    const before = w.dump();
    const e = await w.fails('recordEvents', { kind: '提任', date: '2026.13', rows: [{ cadreId: id }] });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/^未登记：「张三」：时间：无法识别的日期「2026.13」.*提任须填写所任职务/);
    const bad = await w.fails('recordEvents', { kind: '职级晋升', date: '2026.11', rows: [{ cadreId: id, rank: '五级调研员' }] });
    expect(bad.message).toMatch(/职级：职级「五级调研员」无法识别/);
    expect(w.dump()).toBe(before);
  });

  it('a batch appointment (one 任免通知) is one step; its rows may be edited line by line', async () => {
    const ids = [await deputy('甲'), await deputy('乙'), await deputy('丙')];
    const before = w.dump();
    const { events } = await w.call('recordEvents', {
      kind: '转任',
      date: '2026.10',
      docNo: '滨组干〔2026〕20号',
      rows: ids.map((cadreId, i) => ({
        cadreId,
        unitId: bureau,
        post: `滨江市教育局${['一', '二', '三'][i]}级主任科员`,
        resumeLine: i === 2 ? '' : undefined,
      })),
    });
    expect(events.map(e => e.docNo)).toEqual(Array(3).fill('滨组干〔2026〕20号'));
    expect(events[2].resumeLine).toBe('');
    expect((await w.call('getHistory', {})).undo?.label).toBe('转任 3 名干部（滨组干〔2026〕20号）');
    await undo();
    expect(w.dump()).toBe(before);
    const twice = await w.fails('recordEvents', {
      kind: '转任',
      date: '2026.10',
      rows: [
        { cadreId: ids[0], post: '甲' },
        { cadreId: ids[0], post: '乙' },
      ],
    });
    expect(twice.message).toMatch(/第 2 行「甲」：同一名干部在通知中出现了两次/);
  });
});

describe('leaving and the 历史库', () => {
  it('退休 moves the cadre to the 历史库: out of the roster and its counts, searchable there, restorable by a new event', async () => {
    const id = await deputy();
    const other = await deputy('李四');
    const { events } = await w.call('recordEvents', { kind: '退休', date: '2026.11', rows: [{ cadreId: id }] });
    expect(events[0].resumeLine).toBe('');
    const c = await w.call('getCadre', { id });
    expect(c.status).toBe('退休');
    expect(c.resume.split('\n').at(-1)).toBe('2018.03--2026.11  滨江市教育局办公室主任');
    const page = await w.call('queryCadrePage', { offset: 0, limit: 50 });
    expect(page.rows.map(r => r.id)).toEqual([other]);
    expect((await w.call('listCadres', {})).map(r => r.id)).toEqual([other]);
    expect(countCadres(w.db)).toBe(1);
    expect((await w.call('getStatus', {})).counts.cadres).toBe(1);
    const history = await w.call('queryCadrePage', { history: true, search: '张', offset: 0, limit: 50 });
    expect(history.rows.map(r => [r.id, r.status])).toEqual([[id, '退休']]);
    expect((await w.call('listCadreRecords', { status: 'history' })).map(r => r.name)).toEqual(['张三']);
    expect((await w.fails('recordEvents', { kind: '辞职', date: '2026.12', rows: [{ cadreId: id }] })).message).toMatch(/该干部已退休，在历史库中/);
    // back by a new event
    await w.call('recordEvents', { kind: '任职', date: '2027.01', rows: [{ cadreId: id, post: '滨江市教育局调研员' }] });
    expect((await w.call('getCadre', { id })).status).toBe('在职');
    expect(countCadres(w.db)).toBe(2);
  });
});

describe('plans (拟任/拟免)', () => {
  it('a plan fills the form and waits; deciding records it and clears the form; cancelling drops it', async () => {
    const id = await deputy();
    const plan = await w.call('recordEvents', {
      kind: '提任',
      date: '2026.12',
      planned: true,
      rows: [{ cadreId: id, unitId: bureau, post: '滨江市教育局副局长', leadershipLevel: '副处', note: '工作需要' }],
    });
    let c = await w.call('getCadre', { id });
    expect(c).toMatchObject({
      proposedPost: '滨江市教育局副局长',
      proposedRemoval: '滨江市教育局办公室主任',
      appointmentReason: '工作需要',
      post: '滨江市教育局办公室主任',
    });
    expect(plan.events[0].planned).toBe(true);
    const decided = await w.call('decidePlannedEvent', { id: plan.events[0].id, date: '2027.01.05', docNo: '滨组干〔2027〕1号' });
    expect(decided.event).toMatchObject({ id: plan.events[0].id, planned: false, date: '2027-01-05', docNo: '滨组干〔2027〕1号', probationEnd: '2028-01-04' });
    c = await w.call('getCadre', { id });
    expect(c).toMatchObject({ post: '滨江市教育局副局长', proposedPost: '', proposedRemoval: '', appointmentReason: '', unitId: bureau });
    expect((await w.fails('decidePlannedEvent', { id: plan.events[0].id })).message).toBe('这条职务变动已登记，不是待决定的拟任免');

    const second = await w.call('recordEvents', { kind: '免职', date: '2027.03', planned: true, rows: [{ cadreId: id, removedPost: '滨江市教育局副局长' }] });
    expect((await w.call('getCadre', { id })).proposedRemoval).toBe('滨江市教育局副局长');
    await w.call('cancelPlannedEvent', { id: second.events[0].id });
    expect((await w.call('getCadre', { id })).proposedRemoval).toBe('');
    expect((await w.call('listEvents', { cadreId: id })).map(e => e.planned)).toEqual([false]);
  });
});

describe('undo', () => {
  it('takes back a 职数 figure, a plan, its decision and its cancelling, each as one step', async () => {
    const id = await deputy();
    const steps: string[] = [];
    const change = async (fn: () => Promise<unknown>) => {
      steps.push(w.dump());
      await fn();
    };
    await change(() => w.call('setQuota', { unitId: bureau, level: '副处', approved: 2, doc: '三定' }));
    await change(() => w.call('setQuota', { unitId: bureau, level: '副处', approved: 3 }));
    await change(() =>
      w.call('recordEvents', { kind: '提任', date: '2026.12', planned: true, rows: [{ cadreId: id, post: '滨江市教育局副局长', leadershipLevel: '副处' }] }),
    );
    const plan = (await w.call('listEvents', { cadreId: id }))[0];
    await change(() => w.call('decidePlannedEvent', { id: plan.id, docNo: '滨组干〔2026〕30号' }));
    await change(() => w.call('recordEvents', { kind: '免职', date: '2027.01', planned: true, rows: [{ cadreId: id, removedPost: '滨江市教育局副局长' }] }));
    const second = (await w.call('listEvents', { cadreId: id })).find(e => e.planned)!;
    await change(() => w.call('cancelPlannedEvent', { id: second.id }));
    await change(() => w.call('setQuota', { unitId: bureau, level: '副处', approved: null }));
    for (const before of steps.reverse()) {
      await undo();
      expect(w.dump()).toBe(before);
    }
  });
});

describe('职数', () => {
  it('refuses an appointment past the approved number, naming unit, level, approved and filled; a reason lets it through, flagged and audited', async () => {
    await w.call('setQuota', { unitId: bureau, level: '副处', approved: 1, doc: '滨编〔2019〕5号', docDate: '2019.03' });
    const first = await deputy('甲');
    const second = await deputy('乙');
    const up = (cadreId: number, quotaReason?: string): EventNotice => ({
      kind: '提任',
      date: '2026.11',
      rows: [{ cadreId, unitId: bureau, post: '滨江市教育局副局长', leadershipLevel: '副处', quotaReason }],
    });
    let report = await w.call('quotaReport', { unitId: bureau });
    expect(report.rows).toEqual([
      expect.objectContaining({ unit: '滨江市教育局', level: '副处', approved: 1, filled: 0, vacant: 1, over: 0, doc: '滨编〔2019〕5号', docDate: '2019-03' }),
      expect.objectContaining({ unit: '办公室', level: '正科', approved: null, filled: 2 }),
    ]);
    await w.call('recordEvents', up(first));
    report = await w.call('quotaReport', { unitId: bureau });
    expect(report.rows[0]).toMatchObject({ filled: 1, vacant: 0, over: 0 });
    expect((await w.call('previewEvents', up(second)))[0].quota).toBe('「滨江市教育局」副处职数已满：核定 1 名，实配 1 名。如确需超职数配备，请填写超职数理由');
    const before = w.dump();
    const refused = await w.fails('recordEvents', up(second));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe('未登记：「滨江市教育局」副处职数已满：核定 1 名，实配 1 名。如确需超职数配备，请填写超职数理由');
    expect(w.dump()).toBe(before);
    await w.call('recordEvents', up(second, '援派干部回任，市委常委会研究同意'));
    report = await w.call('quotaReport', { unitId: bureau });
    expect(report.rows[0]).toMatchObject({
      approved: 1,
      filled: 2,
      vacant: 0,
      over: 1,
      reasons: [{ cadreId: second, name: '乙', reason: '援派干部回任，市委常委会研究同意' }],
    });
    expect(report.total).toEqual({ approved: 1, filled: 2, vacant: 0, over: 1 }); // 办公室 has no figure set
    expect(audits(second).at(-1)?.after).toMatchObject({ 超职数配备理由: '援派干部回任，市委常委会研究同意' });
    // a swap inside one notice (one in, one out of the same level) is judged on the result: still one over
    const third = await deputy('丙');
    const swap: EventNotice = {
      kind: '轮换',
      date: '2026.12',
      rows: [
        { cadreId: third, unitId: bureau, post: '滨江市教育局副局长', leadershipLevel: '副处' },
        { cadreId: first, unitId: office, post: '滨江市教育局办公室调研员', leadershipLevel: '' },
      ],
    };
    expect((await w.fails('recordEvents', swap)).message).toMatch(/^未登记：第 1 行「丙」：「滨江市教育局」副处职数已满：核定 1 名，实配 1 名。/);
    await w.call('recordEvents', { kind: '退休', date: '2026.12', rows: [{ cadreId: second }] });
    await w.call('recordEvents', swap);
    expect((await w.call('quotaReport', { unitId: bureau })).rows[0]).toMatchObject({ filled: 1, over: 0, reasons: [] });
  });

  it('counts filled from the roster after a move, a merge and a departure', async () => {
    const other = await w.unit('滨江市体育局');
    await w.call('setQuota', { unitId: bureau, level: '正科', approved: 2 });
    await w.call('setQuota', { unitId: other, level: '正科', approved: 1 });
    const a = await w.cadre('甲', bureau, { leadershipLevel: '正科' });
    const b = await w.cadre('乙', bureau, { leadershipLevel: '正科' });
    await w.cadre('丙', other, { leadershipLevel: '正科' });
    const figures = async () => (await w.call('quotaReport', {})).rows.map(r => `${r.unit}:${r.level}:${r.approved}/${r.filled}/${r.vacant}/${r.over}`);
    expect(await figures()).toEqual(['滨江市教育局:正科:2/2/0/0', '滨江市体育局:正科:1/1/0/0']);
    await w.call('saveCadres', { updates: [{ id: b, values: { unitId: office } }] }); // moved in the grid
    expect(await figures()).toEqual(['滨江市教育局:正科:2/1/1/0', '办公室:正科:null/1/0/0', '滨江市体育局:正科:1/1/0/0']);
    await w.call('recordEvents', { kind: '退休', date: '2026.11', rows: [{ cadreId: a }] });
    expect(await figures()).toEqual(['滨江市教育局:正科:2/0/2/0', '办公室:正科:null/1/0/0', '滨江市体育局:正科:1/1/0/0']);
    await w.call('mergeUnit', { id: bureau, into: other });
    expect(await figures()).toEqual(['滨江市体育局:正科:1/1/0/0', '办公室:正科:null/1/0/0']);
    await w.call('mergeUnit', { id: office, into: other });
    expect(await figures()).toEqual(['滨江市体育局:正科:1/2/0/1']);
    await w.call('setQuota', { unitId: other, level: '正科', approved: null });
    expect(await figures()).toEqual(['滨江市体育局:正科:null/2/0/0']);
  });

  it('exports the 职数 table as a styled .xlsx', async () => {
    await w.call('setQuota', { unitId: bureau, level: '正处', approved: 1 });
    const file = await w.call('exportQuotaReport', { unitId: bureau });
    expect(file.fileName).toBe('领导职数配备情况表_滨江市_滨江市教育局.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64!, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('领导职数配备情况表');
    expect(ws.getRow(3).values).toEqual([undefined, '单位', '领导职务层次', '核定职数', '实配', '空缺', '超配', '三定文件', '超职数配备理由']);
    expect(ws.getRow(4).values).toEqual([undefined, '滨江市教育局', '正处', 1, 0, 1, 0, '', '']);
    expect(ws.getRow(5).getCell(1).value).toBe('合计');
    expect(ws.getCell('A3').font?.bold).toBe(true);
  });
});
