/**
 * 工作提醒 and 数据质量 through the dispatcher on a real SQLite file: who is listed, in which
 * order, who is left out (历史库, 回收站, planned or superseded events, finished secondments and
 * rounds), the counts, and the styled .xlsx exports read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { addCadre, addEvent, addRound, addSecondment, addUnit, CHILD_WORKER, childWorkerFinding, openRoster, REF } from './support';

let w: ReturnType<typeof openRoster>;
const id: Record<string, number> = {};

beforeAll(() => {
  w = openRoster();
  const db = w.db;
  const stats = addUnit(db, '市统计局');
  const commerce = addUnit(db, '市商务局');
  // 到龄退休
  id.retiredLate = addCadre(db, { name: '王过龄', birth: '1966-06', unitId: stats, post: '市统计局一级调研员' }); // 2026-11
  id.retiring = addCadre(db, { name: '李将退', birth: '1966-12', unitId: stats }); // 2027-06
  id.history = addCadre(db, { name: '赵历史', birth: '1966-06', status: '退休' });
  id.binned = addCadre(db, { name: '钱回收', birth: '1966-06' });
  db.prepare("UPDATE cadres SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(id.binned);
  // 试用期满
  id.probation = addCadre(db, { name: '孙试用', unitId: commerce, post: '市商务局副局长' });
  addEvent(db, id.probation, { kind: '提任', date: '2025-12', unitId: commerce, post: '市商务局副局长', probationEnd: '2026-12' });
  id.planned = addCadre(db, { name: '周拟任' });
  addEvent(db, id.planned, { kind: '提任', date: '2026-01', unitId: commerce, post: '市商务局副局长', probationEnd: '2027-01', planned: 1 });
  id.superseded = addCadre(db, { name: '吴调走' });
  addEvent(db, id.superseded, { kind: '提任', date: '2026-03', unitId: stats, post: '市统计局副局长', probationEnd: '2027-03' });
  addEvent(db, id.superseded, { kind: '调任', date: '2026-09', unitId: commerce, post: '市商务局副局长' });
  id.later = addCadre(db, { name: '郑远期' });
  addEvent(db, id.later, { kind: '提任', date: '2027-01', unitId: stats, post: '市统计局副局长', probationEnd: '2028-01' });
  // 任职满5年 / 满10年 (leaders)
  id.tenYears = addCadre(db, { name: '冯十年', leadershipLevel: '副处', postDate: '2016-03', unitId: stats, post: '市统计局副局长' });
  id.transferred = addCadre(db, { name: '陈交流', leadershipLevel: '副处', postDate: '2016-03', unitId: commerce, post: '市商务局副局长' });
  addEvent(db, id.transferred, { kind: '任职', date: '2016-03', unitId: stats, post: '市统计局副局长' });
  addEvent(db, id.transferred, { kind: '调任', date: '2022-01', unitId: commerce, post: '市商务局副局长' });
  id.reappointed = addCadre(db, { name: '褚连任', leadershipLevel: '正处', postDate: '2022-06', unitId: stats, post: '市统计局局长' });
  addEvent(db, id.reappointed, { kind: '任职', date: '2017-06', unitId: stats, post: '市统计局局长' });
  addEvent(db, id.reappointed, { kind: '任职', date: '2022-06', unitId: stats, post: '市统计局局长' });
  id.staff = addCadre(db, { name: '卫科员', postDate: '2010-01', post: '市统计局综合科一级主任科员' }); // no 领导职务层次
  // 职级晋升
  id.basic = addCadre(db, {
    name: '蒋基本',
    rank: '四级主任科员',
    rankDate: '2024-12',
    assessments: [
      { year: 2024, grade: '称职', note: '' },
      { year: 2025, grade: '基本称职', note: '' },
    ],
  });
  id.clerk = addCadre(db, { name: '沈科员', rank: '一级科员', rankDate: '2023-12', assessments: [{ year: 2024, grade: '优秀', note: '' }] });
  id.failed = addCadre(db, { name: '韩不称职', rank: '四级主任科员', rankDate: '2024-12', assessments: [{ year: 2025, grade: '不称职', note: '' }] });
  // 挂职期满
  id.seconded = addCadre(db, { name: '杨挂职' });
  id.returned = addCadre(db, { name: '朱返岗' });
  addSecondment(db, [
    { cadreId: id.seconded, endDate: '', status: '在岗' }, // the batch's planned end, 2026-10
    { cadreId: id.returned, endDate: '2026-10', status: '已返岗' },
  ]);
  // 考核未完成
  id.round = addRound(db, { name: '年度考核', endDate: '2026-11-30', status: 'open' });
  addRound(db, { name: '已定等的考核', endDate: '2026-11-30', status: 'finalised' });
});
afterAll(() => w.close());

describe('listReminders', () => {
  it('lists what falls due, past due first, then by date and kind, with why', async () => {
    const list = await w.call('listReminders', { date: REF });
    expect([list.date, list.until, list.months]).toEqual(['2026-12-06', '2027-12-06', 12]);
    expect(list.rows.map(r => [r.kind, r.name, r.due, r.overdue])).toEqual([
      ['任职满10年', '冯十年', '2026-03', true],
      ['挂职期满', '杨挂职', '2026-10', true],
      ['到龄退休', '王过龄', '2026-11', true],
      ['考核未完成', '年度考核', '2026-11-30', true],
      ['试用期满', '孙试用', '2026-12', false],
      ['职级晋升', '沈科员', '2026-12', false],
      ['任职满5年', '陈交流', '2027-01', false],
      ['到龄退休', '李将退', '2027-06', false],
      ['任职满10年', '褚连任', '2027-06', false],
      ['职级晋升', '蒋基本', '2027-12', false],
    ]);
    const byName = new Map(list.rows.map(r => [r.name, r]));
    expect(byName.get('王过龄')).toEqual({
      kind: '到龄退休',
      cadreId: id.retiredLate,
      roundId: null,
      name: '王过龄',
      unit: '市统计局',
      post: '市统计局一级调研员',
      due: '2026-11',
      overdue: true,
      detail: '1966.06 出生，男，法定退休年龄 60 岁，按渐进式延迟退休推迟 5 个月；已到龄，仍在名册中',
    });
    expect(byName.get('年度考核')).toMatchObject({ cadreId: null, roundId: id.round, detail: expect.stringContaining('「2026年度考核」') });
    expect(byName.get('陈交流')?.detail).toBe('2022.01 起任现职，将满 5 年，重要岗位宜交流');
    expect(byName.get('蒋基本')?.detail).toContain('2025 年度基本称职，不计入任职年限');
    expect(byName.get('杨挂职')?.detail).toBe('京沈对口合作干部交流 第五批，挂任北京市商务局副局长；已过期满时间，仍为在岗');
    expect(list.counts).toEqual([
      { kind: '到龄退休', count: 2, overdue: 1 },
      { kind: '试用期满', count: 1, overdue: 0 },
      { kind: '任职满10年', count: 2, overdue: 1 },
      { kind: '任职满5年', count: 1, overdue: 0 },
      { kind: '职级晋升', count: 2, overdue: 0 },
      { kind: '挂职期满', count: 1, overdue: 1 },
      { kind: '考核未完成', count: 1, overdue: 1 },
    ]);
  });

  it('a longer horizon takes in more; a cadre who leaves the roster leaves the reminders', async () => {
    const two = await w.call('listReminders', { date: REF, months: 24 });
    expect(two.rows.filter(r => r.kind === '试用期满').map(r => r.name)).toEqual(['孙试用', '郑远期']);
    w.db.prepare("UPDATE cadres SET status = '调出' WHERE id = ?").run(id.seconded);
    try {
      const list = await w.call('listReminders', { date: REF });
      expect(list.rows.map(r => r.name)).not.toContain('杨挂职');
    } finally {
      w.db.prepare("UPDATE cadres SET status = '在职' WHERE id = ?").run(id.seconded);
    }
  });

  it('refuses a day that does not exist and a horizon out of range, in Chinese', async () => {
    const bad = await w.core.dispatch('listReminders', { date: '2026-02-30' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('没有这一天') } });
    expect(await w.core.dispatch('listReminders', { months: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('the sidebar figure counts today’s window, and follows a change of the data', async () => {
    const summary = await w.call('reminderSummary', {});
    const today = await w.call('listReminders', {});
    expect(summary).toEqual({ total: today.rows.length, overdue: today.rows.filter(r => r.overdue).length, months: 12 });
    const old = addCadre(w.db, { name: '褚超龄', birth: '1950-01' });
    try {
      expect(await w.call('reminderSummary', {})).toEqual({ total: summary.total + 1, overdue: summary.overdue + 1, months: 12 });
    } finally {
      w.db.prepare('DELETE FROM cadres WHERE id = ?').run(old);
    }
    expect(await w.call('reminderSummary', {})).toEqual(summary);
  });

  it('exports the list (or some kinds) as the styled table', async () => {
    const file = await w.call('exportReminders', { date: REF, kinds: ['到龄退休', '职级晋升'] });
    expect(file.fileName).toMatch(/^工作提醒_\d{8}\.xlsx$/);
    expect(file.rows).toBe(4);
    const sheet = XLSX.read(Buffer.from(file.base64!, 'base64')).Sheets['工作提醒（2026.12.06 至 2027.12.06）'];
    const cells = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    expect(cells[0][0]).toBe('工作提醒（2026.12.06 至 2027.12.06）');
    expect(cells[1][0]).toMatch(/^填报单位：/);
    expect(cells[2]).toEqual(['序号', '提醒类别', '到期时间', '逾期', '姓名', '单位', '现任职务', '说明']);
    expect(cells.slice(3).map(r => r.slice(0, 5))).toEqual([
      [1, '到龄退休', '2026.11', '逾期', '王过龄'],
      [2, '职级晋升', '2026.12', '', '沈科员'],
      [3, '到龄退休', '2027.06', '', '李将退'],
      [4, '职级晋升', '2027.12', '', '蒋基本'],
    ]);
  });
});

describe('reviewQuality', () => {
  it('names each contradiction with the fields, counts every kind, and leaves the 历史库 out', async () => {
    const db = w.db;
    const before = await w.call('reviewQuality', {});
    expect(before.rows).toEqual([]);
    expect(before.counts.every(c => c.count === 0)).toBe(true);
    const young = addCadre(db, { ...CHILD_WORKER, idNumber: makeIdNumber('210102', '1990-05-20', 11, '男') });
    const woman = addCadre(db, { name: '何性别', gender: '女', birth: '1988-02', idNumber: makeIdNumber('210102', '1988-02-03', 12, '男') });
    addCadre(db, { name: '吕已退', status: '退休', birth: '1990-05', workDate: '2005-09' });
    const review = await w.call('reviewQuality', {});
    expect(review.rows).toEqual([
      childWorkerFinding(young),
      {
        kind: '身份证号与性别不符',
        cadreId: woman,
        name: '何性别',
        unit: '',
        fields: [
          { key: 'gender', label: '性别', value: '女' },
          { key: 'idNumber', label: '身份证号', value: makeIdNumber('210102', '1988-02-03', 12, '男') },
        ],
        detail: '身份证号显示性别为男，与记录的性别女不一致',
      },
    ]);
    expect(review.counts.filter(c => c.count > 0)).toEqual([
      { kind: '参加工作早于16岁', count: 1 },
      { kind: '身份证号与性别不符', count: 1 },
    ]);
    expect(review.counts).toHaveLength(9);

    const file = await w.call('exportQuality', { kinds: ['身份证号与性别不符'] });
    expect(file.rows).toBe(1);
    const cells = XLSX.utils.sheet_to_json<string[]>(XLSX.read(Buffer.from(file.base64!, 'base64')).Sheets['数据质量审核'], { header: 1, defval: '' });
    expect(cells[2]).toEqual(['序号', '问题类别', '姓名', '单位', '涉及字段', '说明']);
    expect(cells[3].slice(0, 5)).toEqual([1, '身份证号与性别不符', '何性别', '', `性别：女\n身份证号：${makeIdNumber('210102', '1988-02-03', 12, '男')}`]);
    db.prepare('DELETE FROM cadres WHERE id IN (?, ?)').run(young, woman);
  });
});
