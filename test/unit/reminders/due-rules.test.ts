/** The 工作提醒 rules at their edges (shared/domain/reminders/due.ts). */
import { describe, expect, it } from 'vitest';
import {
  compareDue,
  currentPostStart,
  dueStatus,
  horizonOf,
  probationDue,
  promotionDue,
  promotionStep,
  retirementDue,
  roundDue,
  secondmentDue,
  tenureDue,
  type DueItem,
  type PostEvent,
} from '../../../shared/domain/reminders/due';

const NOW = horizonOf('2026-12-06', 12);
const none = new Map<number, string>();

describe('the window', () => {
  it('ends the same day `months` later, or on the last day of a shorter month', () => {
    expect(NOW).toEqual({ ref: '2026-12-06', until: '2027-12-06' });
    expect(horizonOf('2026-08-31', 6).until).toBe('2027-02-28');
    expect(horizonOf('2027-08-31', 6).until).toBe('2028-02-29');
    expect(horizonOf('2026-01-15', 120).until).toBe('2036-01-15');
    expect(() => horizonOf('2026-12', 12)).toThrow(RangeError);
  });

  it.each([
    ['2026-11', 'overdue'],
    ['2026-12', 'due'], // a month-precision date is due all month
    ['2027-12', 'due'],
    ['2028-01', null],
    ['2026-12-05', 'overdue'],
    ['2026-12-06', 'due'],
    ['2027-12-06', 'due'],
    ['2027-12-07', null],
    ['', null],
    ['不详', null],
  ])('%j is %j', (due, status) => {
    expect(dueStatus(due, NOW)).toBe(status);
  });
});

describe('到龄退休 by the 2025 reform table', () => {
  const at = (birth: string, gender: string, ref = '2025-01-15', months = 12) => retirementDue({ birth, gender }, horizonOf(ref, months));

  it('a man whose 60 fell before 2025-01 is not delayed, and past it he is 逾期', () => {
    expect(at('1964-12', '男')).toMatchObject({ kind: '到龄退休', due: '2024-12', overdue: true });
    expect(at('1964-12', '男')!.detail).toBe('1964.12 出生，男，法定退休年龄 60 岁；已到龄，仍在名册中');
    expect(at('1964-12', '男', '2024-12-31')).toMatchObject({ due: '2024-12', overdue: false });
  });

  it('the first cohort of the reform (60 in 2025-01) waits one month; each four months of birth one more', () => {
    expect(at('1965-01', '男')).toMatchObject({ due: '2025-02', overdue: false, detail: '1965.01 出生，男，法定退休年龄 60 岁，按渐进式延迟退休推迟 1 个月' });
    expect(at('1965-04', '男')!.due).toBe('2025-05');
    expect(at('1965-05', '男')!.due).toBe('2025-07');
    expect(at('1965-05-20', '男')!.due).toBe('2025-07');
  });

  it('women cadres from 55, the same step; the cap of 36 months', () => {
    expect(at('1969-12', '女')).toMatchObject({ due: '2024-12', overdue: true });
    expect(at('1970-01', '女')).toMatchObject({ due: '2025-02', overdue: false });
    expect(at('1990-06', '女', '2048-01-01', 12)).toMatchObject({ due: '2048-06', detail: expect.stringContaining('推迟 36 个月') });
  });

  it('outside the horizon, or without a gender or a birth, nothing', () => {
    expect(at('1966-06', '男')).toBeNull(); // 2026-11: beyond 2026-01-15
    expect(at('1966-06', '男', '2025-01-15', 24)).toMatchObject({ due: '2026-11', detail: expect.stringContaining('推迟 5 个月') });
    expect(at('1964-12', '')).toBeNull();
    expect(at('', '男')).toBeNull();
  });
});

describe('试用期满', () => {
  const event = (probationEnd: string) => ({ probationEnd, kind: '提任', date: '2025-12', post: '市统计局副局长' });

  it('an end within the horizon, at either precision', () => {
    expect(probationDue(event('2027-12'), NOW)).toEqual({
      kind: '试用期满',
      due: '2027-12',
      overdue: false,
      detail: '2025.12 提任 市统计局副局长，试用期 2027.12 期满',
    });
    expect(probationDue(event('2027-12-06'), NOW)?.due).toBe('2027-12-06');
    expect(probationDue(event('2026-12'), NOW)?.due).toBe('2026-12');
  });

  it('an end beyond the horizon or already passed is not listed', () => {
    expect(probationDue(event('2027-12-07'), NOW)).toBeNull();
    expect(probationDue(event('2028-01'), NOW)).toBeNull();
    expect(probationDue(event('2026-12-05'), NOW)).toBeNull();
    expect(probationDue(event(''), NOW)).toBeNull();
  });
});

describe('任职满5年 / 满10年', () => {
  const ev = (date: string, unitId: number | null, post: string): PostEvent => ({ date, unitId, post });
  const leader = (start: string) => tenureDue({ leadershipLevel: '副处', start }, NOW);

  it('without events the count runs from 任现职时间', () => {
    expect(currentPostStart('2016-03', [])).toBe('2016-03');
    expect(currentPostStart('', [])).toBe('');
  });

  it('a transfer to another unit or post restarts the count; a re-appointment to the same post does not', () => {
    const same = [ev('2012-05', 3, '统计局副局长'), ev('2017-05', 3, '统计局副局长 ')];
    expect(currentPostStart('2017-05', same)).toBe('2012-05');
    const moved = [ev('2012-05', 3, '统计局副局长'), ev('2019-06', 4, '统计局副局长')];
    expect(currentPostStart('2019-06', moved)).toBe('2019-06');
    const promoted = [ev('2012-05', 3, '统计局副局长'), ev('2019-06', 3, '统计局局长')];
    expect(currentPostStart('2019-06', promoted)).toBe('2019-06');
    // the transfer was recorded, 任现职时间 was not brought up to date
    expect(currentPostStart('2012-05', moved)).toBe('2019-06');
    // 任现职时间 later than every event: the post was changed by hand since
    expect(currentPostStart('2023-02', moved)).toBe('2023-02');
    expect(currentPostStart('', moved)).toBe('2019-06');
  });

  it('10 years: due within the horizon, 逾期 once passed', () => {
    expect(leader('2017-12')).toEqual({ kind: '任职满10年', due: '2027-12', overdue: false, detail: '2017.12 起任现职，将满 10 年，应当交流' });
    expect(leader('2016-11')).toEqual({ kind: '任职满10年', due: '2026-11', overdue: true, detail: '2016.11 起任现职，已满 10 年，应当交流' });
    expect(leader('2016-12')).toMatchObject({ kind: '任职满10年', overdue: false });
  });

  it('5 years: only when the mark falls within the horizon', () => {
    expect(leader('2022-12')).toEqual({ kind: '任职满5年', due: '2027-12', overdue: false, detail: '2022.12 起任现职，将满 5 年，重要岗位宜交流' });
    expect(leader('2021-12')).toMatchObject({ kind: '任职满5年', due: '2026-12' });
    expect(leader('2021-11')).toBeNull(); // passed last month: a mark, not a standing duty
    expect(leader('2023-01')).toBeNull(); // 2028-01: beyond the horizon
  });

  it('the 5/10-year counts with a transfer in between', () => {
    const history = [ev('2016-03', 3, '统计局副局长')];
    expect(leader(currentPostStart('2016-03', history))).toMatchObject({ kind: '任职满10年', due: '2026-03', overdue: true });
    const transferred = [...history, ev('2022-01', 7, '商务局副局长')];
    expect(leader(currentPostStart('2016-03', transferred))).toMatchObject({ kind: '任职满5年', due: '2027-01' });
    const earlierTransfer = [...history, ev('2019-06', 7, '商务局副局长')];
    expect(leader(currentPostStart('2016-03', earlierTransfer))).toBeNull();
  });

  it('only leaders (a 领导职务层次) are reminded', () => {
    expect(tenureDue({ leadershipLevel: '', start: '2016-11' }, NOW)).toBeNull();
    expect(tenureDue({ leadershipLevel: '正科', start: '' }, NOW)).toBeNull();
  });
});

describe('职级晋升', () => {
  it('the ladder: 一级科员 → 四级主任科员 takes 3 years, each step above 2', () => {
    expect(promotionStep('一级科员')).toEqual({ next: '四级主任科员', years: 3 });
    expect(promotionStep('四级主任科员')).toEqual({ next: '三级主任科员', years: 2 });
    expect(promotionStep('四级调研员')).toEqual({ next: '三级调研员', years: 2 });
    expect(promotionStep('二级巡视员')).toEqual({ next: '一级巡视员', years: 2 });
    expect(promotionStep('一级巡视员')).toBeNull();
    expect(promotionStep('二级科员')).toBeNull();
    expect(promotionStep('科长')).toBeNull();
  });

  it('due when the minimum years are served within the horizon', () => {
    expect(promotionDue({ rank: '一级科员', rankDate: '2024-12' }, none, NOW)).toEqual({
      kind: '职级晋升',
      due: '2027-12',
      overdue: false,
      detail: '2024.12 任一级科员，满 3 年可晋升四级主任科员',
    });
    expect(promotionDue({ rank: '一级科员', rankDate: '2025-01' }, none, NOW)).toBeNull(); // 2028-01
    expect(promotionDue({ rank: '三级主任科员', rankDate: '2025-12' }, none, NOW)?.due).toBe('2027-12');
    expect(promotionDue({ rank: '三级主任科员', rankDate: '2024-11' }, none, NOW)).toBeNull(); // served 2026-11, before the window
    expect(promotionDue({ rank: '三级主任科员', rankDate: '' }, none, NOW)).toBeNull();
  });

  it('with 称职 or better in the years counted it is the same; 基本称职 or 不定等次 adds a year; 不称职 rules it out', () => {
    const rank = { rank: '四级主任科员', rankDate: '2024-12' };
    expect(promotionDue(rank, new Map([[2025, '称职']]), NOW)?.due).toBe('2026-12');
    expect(promotionDue(rank, new Map([[2025, '优秀']]), NOW)?.due).toBe('2026-12');
    const basic = promotionDue(rank, new Map([[2025, '基本称职']]), NOW);
    expect(basic).toEqual({
      kind: '职级晋升',
      due: '2027-12',
      overdue: false,
      detail: '2024.12 任四级主任科员，满 2 年可晋升三级主任科员（2025 年度基本称职，不计入任职年限）',
    });
    expect(promotionDue(rank, new Map([[2024, '不定等次']]), NOW)?.due).toBe('2027-12');
    // the grades outside the years counted (2024 and 2025) do not matter
    expect(promotionDue(rank, new Map([[2026, '基本称职']]), NOW)?.due).toBe('2026-12');
    expect(promotionDue(rank, new Map([[2023, '基本称职']]), NOW)?.due).toBe('2026-12');
    expect(promotionDue(rank, new Map([[2025, '不称职']]), NOW)).toBeNull();
    const twice = new Map([
      [2024, '基本称职'],
      [2025, '基本称职'],
    ]);
    expect(promotionDue(rank, twice, NOW)).toBeNull(); // 2028-12
    expect(promotionDue(rank, twice, horizonOf('2026-12-06', 24))?.due).toBe('2028-12');
  });
});

describe('挂职期满 and 考核未完成', () => {
  it('a secondment ending in the horizon, or past its end and still 在岗', () => {
    const m = (end: string) => secondmentDue({ end, batch: '京沈对口合作 第五批', hostUnit: '北京市商务局', hostPost: '副局长' }, NOW);
    expect(m('2027-03')).toEqual({ kind: '挂职期满', due: '2027-03', overdue: false, detail: '京沈对口合作 第五批，挂任北京市商务局副局长' });
    expect(m('2026-10')).toMatchObject({ overdue: true, detail: '京沈对口合作 第五批，挂任北京市商务局副局长；已过期满时间，仍为在岗' });
    expect(m('2028-03')).toBeNull();
  });

  it('an open round past its period is 逾期; without an end date its year-end counts', () => {
    const r = (endDate: string, year = 2026) => roundDue({ name: '年度考核', set: '2026年度考核', endDate, year }, NOW);
    expect(r('2026-11-30')).toEqual({
      kind: '考核未完成',
      due: '2026-11-30',
      overdue: true,
      detail: '「2026年度考核」年度考核考核期已于 2026.11.30 结束，尚未定等',
    });
    expect(r('')).toMatchObject({ due: '2026-12', overdue: false });
    expect(r('', 2025)).toMatchObject({ due: '2025-12', overdue: true });
    expect(r('', 2028)).toBeNull();
  });
});

describe('order', () => {
  it('past due first, then by due date, then by kind', () => {
    const item = (kind: DueItem['kind'], due: string, overdue: boolean): DueItem => ({ kind, due, overdue, detail: '' });
    const items = [
      item('职级晋升', '2027-01', false),
      item('到龄退休', '2027-01', false),
      item('任职满10年', '2020-03', true),
      item('试用期满', '2026-12-20', false),
      item('到龄退休', '2026-10', true),
    ];
    expect(items.sort(compareDue).map(i => `${i.kind} ${i.due}`)).toEqual([
      '任职满10年 2020-03',
      '到龄退休 2026-10',
      '试用期满 2026-12-20',
      '到龄退休 2027-01',
      '职级晋升 2027-01',
    ]);
  });
});
