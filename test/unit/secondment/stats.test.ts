import { describe, expect, it } from 'vitest';
import { percent, percentText, roundHalfUp } from '../../../shared/domain/common/percent';
import { rotationStats, secondmentStats, type StatsAssignment, type StatsMember } from '../../../shared/domain/secondment/stats';
import { periodsOverlap } from '../../../shared/domain/secondment/rules';

describe('percent and roundHalfUp', () => {
  it('gives one decimal, half-up, exactly', () => {
    expect(percent(15, 18)).toBe(83.3); // 83.333…
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(2, 3)).toBe(66.7); // 66.666…
    expect(percent(1, 6)).toBe(16.7); // 16.666…
    expect(percent(0, 0)).toBe(0);
    expect(percent(22, 73)).toBe(30.1); // 30.136…
    expect(percent(1, 16)).toBe(6.3); // 6.25 exactly: half goes up
    expect(percent(3, 3)).toBe(100);
    expect(percentText(15, 18)).toBe('83.3%');
  });

  it('rounds the decimal digits, not the binary float', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01); // Math.round(100.49999…) would give 1
    expect(roundHalfUp(0.05, 1)).toBe(0.1);
    expect(roundHalfUp(0.15, 1)).toBe(0.2);
    expect(roundHalfUp('0.045', 2)).toBe(0.05);
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(3.6)).toBe(4);
    expect(roundHalfUp(99.95, 1)).toBe(100);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
    expect(() => roundHalfUp('abc')).toThrow(RangeError);
  });
});

const member = (birth: string, over: Partial<StatsMember> = {}): StatsMember => ({
  birth,
  gender: '男',
  ftEducation: '大学',
  rank: '二级主任科员',
  leadershipLevel: '正科',
  status: '已返岗',
  outcome: '',
  returnDate: '2024-03',
  refDate: '2023-03',
  ...over,
});

describe('secondmentStats', () => {
  it('counts a batch of 18 with 15 born in the 1980s as 83.3%', () => {
    const rows = [
      ...Array.from({ length: 15 }, (_, i) => member(`198${i % 10}-0${(i % 9) + 1}`)),
      member('1975-05'),
      member('1978-11', { gender: '女' }),
      member('1991-02', { gender: '女' }),
    ];
    const s = secondmentStats(rows);
    expect(s.headcount).toBe(18);
    expect(s.born1980s).toBe(15);
    expect(s.born1980sPct).toBe(83.3);
    expect(s.born1970s).toBe(2);
    expect(s.born1970sPct).toBe(11.1);
    expect(s.born1990s).toBe(1);
    expect(s.female).toBe(2);
    expect(s.femalePct).toBe(11.1);
  });

  it('takes ages at the batch start with month precision, under the threshold', () => {
    // At 2023-03: born 1983-03 is 40 (not young), 1983-04 is 39 (young).
    const rows = [member('1983-03'), member('1983-04'), member('1990-01'), member('', { ftEducation: '' })];
    expect(secondmentStats(rows).young).toBe(2);
    expect(secondmentStats(rows, 41).young).toBe(3);
    expect(secondmentStats(rows, 35).young).toBe(1);
    expect(secondmentStats(rows).youngPct).toBe(50);
    expect(secondmentStats(rows).averageAge).toBe(37.3); // (40 + 39 + 33) / 3 = 37.33…
  });

  it('leaves replaced members out, keeps recalled ones, and counts promotions among those who returned', () => {
    const rows = [
      member('1985-01', { outcome: '提拔' }),
      member('1986-01', { outcome: '重用' }),
      member('1987-01', { outcome: '平职交流' }),
      member('1988-01', { status: '已调换', outcome: '提拔', returnDate: '' }),
      member('1989-01', { status: '提前召回', returnDate: '' }),
      member('1984-01', { status: '在岗', returnDate: '' }),
      member('1983-01'),
      member('1982-01'),
      member('1981-01'),
    ];
    const s = secondmentStats(rows);
    expect(s.headcount).toBe(8);
    expect(s.replaced).toBe(1);
    expect(s.recalled).toBe(1);
    expect(s.returned).toBe(6);
    expect(s.promoted).toBe(2);
    expect(s.promotedPct).toBe(33.3); // 2 / 6
    expect(s.outcomes.map(o => [o.label, o.count])).toEqual([
      ['提拔', 1],
      ['重用', 1],
      ['平职交流', 1],
    ]);
  });

  it('groups education and ranks with shares of the headcount', () => {
    const rows = [
      member('1985-01', { ftEducation: '硕士研究生' }),
      member('1985-01', { ftEducation: '大学本科' }),
      member('1985-01', { ftEducation: '本科' }),
      member('1985-01', { ftEducation: '大专' }),
      member('1985-01', { ftEducation: '', rank: '' }),
      member('1985-01', { ftEducation: '高中', rank: '四级调研员', leadershipLevel: '副处' }),
    ];
    const s = secondmentStats(rows);
    expect(s.education).toEqual([
      { label: '研究生', count: 1, pct: 16.7 },
      { label: '大学本科', count: 2, pct: 33.3 },
      { label: '大专', count: 1, pct: 16.7 },
      { label: '中专及以下', count: 1, pct: 16.7 },
      { label: '未填', count: 1, pct: 16.7 },
    ]);
    expect(s.rank).toEqual([
      { label: '四级调研员', count: 1, pct: 16.7 },
      { label: '二级主任科员', count: 4, pct: 66.7 },
      { label: '未填', count: 1, pct: 16.7 },
    ]);
    expect(s.leadershipLevel.map(l => [l.label, l.count])).toEqual([
      ['副处', 1],
      ['正科', 5],
    ]);
  });

  it('answers zeros for an empty batch', () => {
    const s = secondmentStats([]);
    expect(s.headcount).toBe(0);
    expect(s.born1980sPct).toBe(0);
    expect(s.averageAge).toBeNull();
    expect(s.promotedPct).toBe(0);
  });
});

describe('rotationStats', () => {
  const a = (kind: string, villageId: number, over: Partial<StatsAssignment> = {}): StatsAssignment => ({
    kind,
    status: '在岗',
    role: '队员',
    villageId,
    villageKind: '脱贫村',
    gender: '男',
    birth: '1985-01',
    refDate: '2023-06',
    ...over,
  });
  it('counts kept, new and replacements, and the villages covered', () => {
    const rows = [
      a('留任', 1, { role: '第一书记' }),
      a('新选派', 1),
      a('新选派', 2, { role: '第一书记', status: '已调换' }),
      a('调换', 2, { role: '第一书记' }),
      a('新选派', 3, { villageKind: '易地扶贫搬迁安置点', gender: '女', birth: '1975-01' }),
    ];
    const s = rotationStats(rows, []);
    expect([s.kept, s.new, s.replaced, s.villages, s.headcount]).toEqual([1, 3, 1, 3, 4]);
    expect(s.byRole).toEqual([
      { label: '第一书记', count: 2, pct: 50 },
      { label: '工作队队长', count: 0, pct: 0 },
      { label: '队员', count: 2, pct: 50 },
    ]);
    expect(s.byVillageKind.map(k => [k.label, k.count])).toEqual([
      ['脱贫村', 2],
      ['易地扶贫搬迁安置点', 1],
    ]);
    expect(s.female).toBe(1);
    expect(s.young).toBe(3);
  });
});

describe('the overlap rule at month granularity', () => {
  it('treats periods as [start, end): the end month is free for the next one', () => {
    expect(periodsOverlap({ start: '2021-03', end: '2022-03' }, { start: '2022-03', end: '2023-03' })).toBe(false);
    expect(periodsOverlap({ start: '2021-03', end: '2022-03' }, { start: '2022-02', end: '2023-03' })).toBe(true);
    expect(periodsOverlap({ start: '2021-03', end: '2022-03' }, { start: '2020-01', end: '2021-03' })).toBe(false);
    expect(periodsOverlap({ start: '2021-03-15', end: '2022-03-01' }, { start: '2022-03-20', end: '' })).toBe(false);
  });
  it('runs an open end forever and ignores undated periods; a one-month period occupies its month', () => {
    expect(periodsOverlap({ start: '2021-03', end: '' }, { start: '2030-01', end: '2031-01' })).toBe(true);
    expect(periodsOverlap({ start: '', end: '' }, { start: '2021-01', end: '' })).toBe(false);
    expect(periodsOverlap({ start: '2021-05', end: '2021-05' }, { start: '2021-05', end: '2021-06' })).toBe(true);
    expect(periodsOverlap({ start: '2021-05', end: '2021-05' }, { start: '2021-06', end: '' })).toBe(false);
  });
});
