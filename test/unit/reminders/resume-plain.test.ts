/**
 * parseResume reads the canonical form with one pattern per line (the 数据质量 review parses
 * every 简历 of the roster at once). That path must give exactly what the general reader
 * gives: a heading line '简历' in front sends the same text down the general reader.
 */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../electron/services/demo/generate';
import { parseResume } from '../../../shared/domain/roster/resume';

/** The general reader's answer for the same text (a heading before the first entry is skipped). */
const general = (text: string) => parseResume(`简历\n${text}`);

const SAMPLES = [
  '2003.09--2007.07  东北大学学习\n2007.07--         滨江市统计局科员',
  '2003.09--2007.07\u3000东北大学学习\r\n2007.07--\t滨江市统计局科员  \n\n',
  '2010.04--2013.04  滨江市统计局办公室主任（其间：2010.09--2013.03 在东北大学公共管理专业在职研究生学习，获公共管理硕士学位）',
  '2010.04--2013.04  滨江市统计局办公室主任(其间:2010年9月至2013年3月在东北大学学习;2011.01--2011.06 挂任北京市统计局副局长)',
  '2015.03--  （其间：2016.09--2019.07 在省委党校学习）',
  '2015.03--  今日头条公司编辑',
  '2015.03--  至今在滨江市统计局工作',
  '2015.03--2019.09  2019年起兼任办公室主任',
  '2015.03--2019.09  ，滨江市统计局科员',
  '1899.09--1903.07  某学堂学习',
  '2100.01--  滨江市统计局科员',
  '2019.09--2015.03  滨江市统计局科员',
  '2019.13--2020.03  滨江市统计局科员',
  '2019.9--2020.3  滨江市统计局科员',
  '2008.12--2012.06  滨江市统计局科长（其间：2010.09--2012.07 在省委党校\n在职研究生学习）',
  '2008.12--2012.06  滨江市统计局科长（其间：2010.09--\n2012.07 在省委党校学习）\n2012.06--  滨江市商务局副局长',
  '2008.12--2012.06  滨江市统计局科长）（',
  '2008.12--2012.06  （其间）',
  '2008.12--2012.06  滨江市统计局科长\n            兼办公室主任',
  '',
];

describe('the canonical fast path agrees with the general reader', () => {
  it.each(SAMPLES.map(s => [s]))('%j', text => {
    const { lines, problems } = general(text);
    expect(parseResume(text)).toEqual({ lines, problems: problems.map(p => ({ ...p, line: p.line - 1 })) });
  });

  it('on every 简历 of a generated roster', () => {
    const resumes = generateDemo({ cadreCount: 1500 }).cadres.map(c => c.resume);
    expect(resumes.filter(r => r.includes('其间')).length).toBeGreaterThan(10);
    for (const text of resumes) expect(parseResume(text), text).toEqual(general(text));
  });
});
