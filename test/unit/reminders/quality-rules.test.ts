/** The 数据质量 (三龄两历) checks, each true and false (shared/domain/reminders/quality.ts). */
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { reviewRecord, type QualityRecord } from '../../../shared/domain/reminders/quality';

const ID = makeIdNumber('210102', '1985-03-12', 123, '男');
const RESUME = [
  '2003.09--2007.07  东北大学工商管理专业学习',
  '2007.07--2015.03  滨江市统计局综合科科员、副科长',
  '2015.03--         滨江市统计局综合科科长（其间：2016.09--2019.07 在省委党校在职研究生学习）',
].join('\n');

/** A record with nothing to find: each test changes what it checks. */
const clean: QualityRecord = {
  birth: '1985-03',
  gender: '男',
  idNumber: ID,
  partyDate: '2006-05',
  workDate: '2007-07',
  postDate: '2015-03',
  resume: RESUME,
};
const review = (patch: Partial<QualityRecord>) => reviewRecord({ ...clean, ...patch });
const kinds = (patch: Partial<QualityRecord>) => review(patch).map(f => f.kind);

describe('a consistent record', () => {
  it('has no findings', () => {
    expect(reviewRecord(clean)).toEqual([]);
  });
});

describe('ages', () => {
  it('参加工作 before 16 (month precision), or before birth', () => {
    expect(kinds({ workDate: '2001-03' })).toEqual([]);
    expect(review({ workDate: '2001-02' })).toEqual([
      {
        kind: '参加工作早于16岁',
        fields: [
          { key: 'workDate', label: '参加工作时间', value: '2001.02' },
          { key: 'birth', label: '出生年月', value: '1985.03' },
        ],
        detail: '参加工作时间 2001.02 时年仅 15 岁（出生年月 1985.03）',
      },
    ]);
    expect(review({ workDate: '1984-09' })[0].detail).toBe('参加工作时间 1984.09 时尚未出生（出生年月 1985.03）');
    expect(kinds({ workDate: '' })).toEqual([]);
    expect(kinds({ birth: '', idNumber: '' })).toEqual([]);
  });

  it('入党 before 18; a democratic party written instead of a date is not a date', () => {
    expect(kinds({ partyDate: '2003-03' })).toEqual([]);
    expect(review({ partyDate: '2003-02' })).toEqual([
      {
        kind: '入党早于18岁',
        fields: [
          { key: 'partyDate', label: '入党时间', value: '2003.02' },
          { key: 'birth', label: '出生年月', value: '1985.03' },
        ],
        detail: '入党时间 2003.02 时年仅 17 岁（出生年月 1985.03）',
      },
    ]);
    expect(kinds({ partyDate: '民盟' })).toEqual([]);
  });
});

describe('身份证号 against 出生年月 and 性别', () => {
  it('a birth month the ID disagrees with, compared to the day when the record has one', () => {
    expect(kinds({ birth: '1985-03-12' })).toEqual([]);
    const found = review({ birth: '1985-04', workDate: '2007-07' });
    expect(found.map(f => f.kind)).toEqual(['身份证号与出生年月不符']);
    expect(found[0].fields).toEqual([
      { key: 'birth', label: '出生年月', value: '1985.04' },
      { key: 'idNumber', label: '身份证号', value: ID },
    ]);
    expect(found[0].detail).toBe('身份证号中的出生日期 1985-03-12 与出生年月 1985.04 不一致');
    expect(kinds({ birth: '1985-03-13' })).toEqual(['身份证号与出生年月不符']);
  });

  it('a sex the ID disagrees with', () => {
    expect(review({ gender: '女' })).toEqual([
      {
        kind: '身份证号与性别不符',
        fields: [
          { key: 'gender', label: '性别', value: '女' },
          { key: 'idNumber', label: '身份证号', value: ID },
        ],
        detail: '身份证号显示性别为男，与记录的性别女不一致',
      },
    ]);
    expect(kinds({ gender: '女', birth: '1985-05' })).toEqual(['身份证号与出生年月不符', '身份证号与性别不符']);
  });

  it('an invalid ID or none is not compared (the roster reports it)', () => {
    expect(kinds({ idNumber: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0'), gender: '女' })).toEqual([]);
    expect(kinds({ idNumber: '', gender: '女' })).toEqual([]);
  });
});

describe('简历', () => {
  const withLines = (...lines: string[]) => ({ resume: lines.join('\n'), postDate: '' });

  it('lines that overlap', () => {
    const found = review(withLines('2003.09--2007.07  东北大学学习', '2007.05--2015.03  滨江市统计局科员'));
    expect(found).toEqual([
      {
        kind: '简历时间重叠',
        fields: [{ key: 'resume', label: '简历', value: '2003.09--2007.07 东北大学学习\n2007.05--2015.03 滨江市统计局科员' }],
        detail: '「2003.09--2007.07 东北大学学习」与「2007.05--2015.03 滨江市统计局科员」时间重叠',
      },
    ]);
    // a line after one that runs 至今
    expect(kinds(withLines('2007.07--  滨江市统计局科员', '2015.03--2018.01  滨江市商务局副科长'))).toEqual(['简历时间重叠']);
    // the month one line ends is the month the next begins
    expect(kinds(withLines('2003.09--2007.07  东北大学学习', '2007.07--  滨江市统计局科员'))).toEqual([]);
  });

  it('a 挂职 line may overlap the post held at home, and does not open a gap after it', () => {
    const resume = withLines('2007.07--2023.09  滨江市统计局科员、科长', '2019.09--2020.09  挂任北京市通州区统计局副局长', '2023.09--  滨江市商务局副局长');
    expect(kinds(resume)).toEqual([]);
    expect(kinds(withLines('2007.07--  滨江市统计局科长', '2021.03--2022.03  挂职锻炼，挂任北京市大兴区副区长'))).toEqual([]);
  });

  it('gaps of 3 months or more; fewer are not', () => {
    expect(kinds(withLines('2003.09--2007.07  东北大学学习', '2007.10--  滨江市统计局科员'))).toEqual([]);
    const found = review(withLines('2003.09--2007.07  东北大学学习', '2007.11--  滨江市统计局科员'));
    expect(found.map(f => [f.kind, f.detail])).toEqual([['简历时间断档', '「2003.09--2007.07 东北大学学习」与「2007.11-- 滨江市统计局科员」之间空缺 3 个月']]);
  });

  it('a 简历 that cannot be read is named, with the line', () => {
    const found = review(withLines('2003.09--2007.07  东北大学学习', '2007.07--2015 滨江市统计局科员'));
    expect(found.map(f => f.kind)).toEqual(['简历格式有误']);
    expect(found[0].fields).toEqual([{ key: 'resume', label: '简历', value: '第 2 行' }]);
    expect(found[0].detail).toMatch(/^第 2 行：/);
  });

  it('任现职时间 matching no 简历 line', () => {
    expect(kinds({ postDate: '2015-03' })).toEqual([]);
    expect(review({ postDate: '2016-03' })).toEqual([
      {
        kind: '任现职时间与简历不符',
        fields: [
          { key: 'postDate', label: '任现职时间', value: '2016.03' },
          { key: 'resume', label: '简历', value: '2015.03-- 滨江市统计局综合科科长' },
        ],
        detail: '任现职时间 2016.03，简历中没有从该月开始的经历（至今一行为「2015.03-- 滨江市统计局综合科科长」）',
      },
    ]);
    expect(kinds({ postDate: '2016-03', resume: '' })).toEqual([]);
  });

  it('学历 before school age: 大学 before 15, any schooling before 6; in-service notes are not read', () => {
    expect(kinds({ birth: '1988-09', idNumber: '', workDate: '', partyDate: '' })).toEqual([]); // 大学 at 15
    const found = review({ birth: '1988-10', idNumber: '', workDate: '', partyDate: '' });
    expect(found.map(f => [f.kind, f.detail])).toEqual([
      ['学历时间早于入学年龄', '「2003.09--2007.07 东北大学工商管理专业学习」开始时年仅 14 岁（出生年月 1988.10）'],
    ]);
    expect(found[0].fields.map(f => f.key)).toEqual(['resume', 'birth']);
    const school = (birth: string) => kinds({ birth, idNumber: '', workDate: '', partyDate: '', postDate: '', resume: '1991.09--1997.07  沈阳市实验小学读书' });
    expect(school('1985-09')).toEqual([]);
    expect(school('1985-10')).toEqual(['学历时间早于入学年龄']);
  });
});
