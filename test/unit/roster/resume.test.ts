import { describe, expect, it } from 'vitest';
import { appendResumeLine, parseResume, renderResume, type ResumeLine } from '../../../shared/domain/roster/resume';

/** A 简历 as pasted from a real form: one wrapped text line, a note wrapped onto the next line, two notes on their own line. */
const FORM = [
  '1999.09--2003.07  东北大学工商管理学院工商管理专业学习',
  '2003.07--2005.03  辽宁省沈阳市浑南区五三街道办事处科员',
  '2005.03--2008.12  辽宁省沈阳市浑南区委组织部干部科科员、副主任科员',
  '2008.12--2012.06  辽宁省沈阳市浑南区委组织部干部科科长（其间：2010.09--2012.07 在辽宁省委党校经济管理专业',
  '                  在职研究生学习）',
  '2012.06--2015.09  辽宁省沈阳市浑南区委组织部副部长、区委老干部局局长',
  '2015.09--2018.11  辽宁省沈阳市浑南区祝家街道党工委书记',
  '2018.11--2021.09  辽宁省沈阳市浑南区人民政府副区长、区政府党组成员，',
  '　　　　　　　　　区应急管理局局长',
  '2021.09--         辽宁省沈阳市浑南区委常委、常务副区长',
  '（其间：2023.03--2024.03 挂任北京市朝阳区发展和改革委员会副主任；2022.09--2024.07 在中央党校研究生院在职研究生学习）',
].join('\n');

const FORM_LINES: ResumeLine[] = [
  { start: '1999-09', end: '2003-07', text: '东北大学工商管理学院工商管理专业学习', notes: [] },
  { start: '2003-07', end: '2005-03', text: '辽宁省沈阳市浑南区五三街道办事处科员', notes: [] },
  { start: '2005-03', end: '2008-12', text: '辽宁省沈阳市浑南区委组织部干部科科员、副主任科员', notes: [] },
  {
    start: '2008-12',
    end: '2012-06',
    text: '辽宁省沈阳市浑南区委组织部干部科科长',
    notes: ['2010.09--2012.07 在辽宁省委党校经济管理专业在职研究生学习'],
  },
  { start: '2012-06', end: '2015-09', text: '辽宁省沈阳市浑南区委组织部副部长、区委老干部局局长', notes: [] },
  { start: '2015-09', end: '2018-11', text: '辽宁省沈阳市浑南区祝家街道党工委书记', notes: [] },
  { start: '2018-11', end: '2021-09', text: '辽宁省沈阳市浑南区人民政府副区长、区政府党组成员，区应急管理局局长', notes: [] },
  {
    start: '2021-09',
    end: '',
    text: '辽宁省沈阳市浑南区委常委、常务副区长',
    notes: ['2023.03--2024.03 挂任北京市朝阳区发展和改革委员会副主任', '2022.09--2024.07 在中央党校研究生院在职研究生学习'],
  },
];

const FORM_CANONICAL = [
  '1999.09--2003.07  东北大学工商管理学院工商管理专业学习',
  '2003.07--2005.03  辽宁省沈阳市浑南区五三街道办事处科员',
  '2005.03--2008.12  辽宁省沈阳市浑南区委组织部干部科科员、副主任科员',
  '2008.12--2012.06  辽宁省沈阳市浑南区委组织部干部科科长（其间：2010.09--2012.07 在辽宁省委党校经济管理专业在职研究生学习）',
  '2012.06--2015.09  辽宁省沈阳市浑南区委组织部副部长、区委老干部局局长',
  '2015.09--2018.11  辽宁省沈阳市浑南区祝家街道党工委书记',
  '2018.11--2021.09  辽宁省沈阳市浑南区人民政府副区长、区政府党组成员，区应急管理局局长',
  '2021.09--         辽宁省沈阳市浑南区委常委、常务副区长（其间：2023.03--2024.03 挂任北京市朝阳区发展和改革委员会副主任；2022.09--2024.07 在中央党校研究生院在职研究生学习）',
].join('\n');

describe('parseResume: a real form', () => {
  it('reads wrapped text, a wrapped note and a note line with two notes', () => {
    expect(parseResume(FORM)).toEqual({ lines: FORM_LINES, problems: [] });
  });

  it('renders the canonical text, texts aligned after open ends', () => {
    expect(renderResume(FORM_LINES)).toBe(FORM_CANONICAL);
  });

  it('round-trips: parse(render(x)) = x', () => {
    expect(parseResume(renderResume(FORM_LINES))).toEqual({ lines: FORM_LINES, problems: [] });
  });

  it('CRLF line ends read the same', () => {
    expect(parseResume(FORM.replaceAll('\n', '\r\n')).lines).toEqual(FORM_LINES);
  });
});

describe('parseResume: date ranges', () => {
  it.each([
    ['1999.09--2003.07  大学学习'],
    ['1999.09-2003.07 大学学习'],
    ['1999.9-2003.7 大学学习'],
    ['1999.09—2003.07 大学学习'],
    ['1999.09——2003.07 大学学习'],
    ['1999.09–2003.07 大学学习'],
    ['1999.09~2003.07 大学学习'],
    ['1999.09～2003.07 大学学习'],
    ['1999.09至2003.07 大学学习'],
    ['1999.09 -- 2003.07 大学学习'],
    ['1999.09一2003.07 大学学习'],
    ['１９９９．０９－－２００３．０７　大学学习'],
    ['１９９９．０９——２００３．０７　大学学习'],
    ['1999年9月至2003年7月 大学学习'],
    ['1999年09月—2003年07月，大学学习'],
    ['1999年9月1日至2003年7月10日 大学学习'],
    ['199909--200307 大学学习'],
    ['1999/09--2003/07 大学学习'],
    ['1999-09--2003-07 大学学习'],
    ['1999-09-2003-07 大学学习'],
    ['1999.09.01--2003.07.15 大学学习'],
    ['1999.09--2003.07大学学习'],
    ['\t1999.09--2003.07\t大学学习  '],
  ])('%s', line => {
    expect(parseResume(line)).toEqual({
      lines: [{ start: '1999-09', end: '2003-07', text: '大学学习', notes: [] }],
      problems: [],
    });
  });
});

describe('parseResume: open end (至今)', () => {
  it.each([
    ['2021.09--         区委常委'],
    ['2021.09--  区委常委'],
    ['2021.09-- 区委常委'],
    ['2021.09--区委常委'],
    ['2021.09— 区委常委'],
    ['2021.09至今 区委常委'],
    ['2021.09--至今 区委常委'],
    ['2021年9月至今，区委常委'],
    ['2021.09--\n                  区委常委'],
  ])('%j', text => {
    expect(parseResume(text)).toEqual({
      lines: [{ start: '2021-09', end: '', text: '区委常委', notes: [] }],
      problems: [],
    });
  });

  it('a text starting with a year word stays text after an open end', () => {
    expect(parseResume('2021.09--  2022年度考核优秀').lines[0]).toMatchObject({ end: '', text: '2022年度考核优秀' });
  });
});

describe('parseResume: notes (其间)', () => {
  const one = (text: string) => {
    const { lines, problems } = parseResume(text);
    expect(problems).toEqual([]);
    expect(lines).toHaveLength(1);
    return lines[0];
  };

  it('on the same line, half-width brackets and colon', () => {
    expect(one('2008.12--2012.06  组织部科长(其间:2010.09--2012.07 在省委党校在职研究生学习)')).toEqual({
      start: '2008-12',
      end: '2012-06',
      text: '组织部科长',
      notes: ['2010.09--2012.07 在省委党校在职研究生学习'],
    });
  });

  it('several notes split at ；, dates in notes written canonically', () => {
    expect(one('2008.12--2012.06  组织部科长（其间：2010年9月至2012年7月在省委党校在职研究生学习；2011.03-2011.09挂任某县副县长。）').notes).toEqual([
      '2010.09--2012.07 在省委党校在职研究生学习',
      '2011.03--2011.09 挂任某县副县长',
    ]);
  });

  it('a note on its own line written without brackets', () => {
    expect(one('2008.12--2012.06  组织部科长\n其间：2010.09--2012.07 在省委党校学习').notes).toEqual(['2010.09--2012.07 在省委党校学习']);
  });

  it('brackets inside a note stay in the note', () => {
    expect(one('2008.12--2012.06  组织部科长（其间：2010.09--2012.07 在中央党校研究生院（在职）学习）')).toMatchObject({
      text: '组织部科长',
      notes: ['2010.09--2012.07 在中央党校研究生院（在职）学习'],
    });
  });

  it('brackets that are not a note stay in the text', () => {
    expect(one('2012.06--2015.09  区委组织部副部长（正科级）').text).toBe('区委组织部副部长（正科级）');
  });

  it('a date at the start of a wrapped note line does not start a new entry', () => {
    expect(one('2008.12--2012.06  组织部科长（其间：2010.09--\n2012.07 在省委党校学习）').notes).toEqual(['2010.09--2012.07 在省委党校学习']);
  });

  it('a forgotten closing bracket does not swallow the next entries', () => {
    const { lines, problems } = parseResume(
      '2008.12--2012.06  组织部科长（其间：2010.09--2012.07 在省委党校学习\n2012.06--2015.09  组织部副部长（正科级\n2015.09--  街道党工委书记',
    );
    expect(problems).toEqual([]);
    expect(lines.map(l => [l.start, l.text, l.notes])).toEqual([
      ['2008-12', '组织部科长', ['2010.09--2012.07 在省委党校学习']],
      ['2012-06', '组织部副部长（正科级', []],
      ['2015-09', '街道党工委书记', []],
    ]);
  });

  it('a note without a readable range is kept as written', () => {
    expect(one('2008.12--2012.06  组织部科长（其间：参加省委组织部遴选）').notes).toEqual(['参加省委组织部遴选']);
  });
});

describe('parseResume: continuation lines', () => {
  it('Chinese wrapped text joins without a space, Latin words keep one', () => {
    const { lines } = parseResume('2003.07--2005.03  某某大学 MBA\nprogram 学习\n2005.03--2008.12  某区\n科员');
    expect(lines.map(l => l.text)).toEqual(['某某大学 MBA program 学习', '某区科员']);
  });

  it('a heading 简历： above the lines is ignored, blank lines too', () => {
    expect(parseResume('简  历：\n\n1999.09--2003.07  大学学习\n\n').lines).toHaveLength(1);
  });
});

describe('parseResume: problems', () => {
  it.each([
    ['1999.13--2003.07  大学学习', 1, ['起始时间', '1999.13']],
    ['1999.09--2003.13  大学学习', 1, ['结束时间', '2003.13']],
    ['1999.09--2003  大学学习', 1, ['结束时间', '2003']],
    ['2003.07--1999.09  大学学习', 1, ['结束时间 1999.09 早于起始时间 2003.07']],
    ['1999--2003  大学学习', 1, ['无法识别的起止时间「1999--2003」']],
    ['1999.09  大学学习', 1, ['缺少“--”']],
    ['1999.09--2003.07', 1, ['缺少单位及职务']],
    ['大学学习\n1999.09--2003.07  大学学习', 1, ['此行之前没有带起止时间的简历行']],
    ['1999.09--2003.07  大学学习\n\n2003.13--2005.03  科员', 3, ['起始时间', '2003.13']],
  ])('%j → line %i', (text, line, fragments) => {
    const { problems } = parseResume(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(line);
    for (const f of fragments) expect(problems[0].message).toContain(f);
  });

  it('a bad dated line is dropped with its continuation; the good lines survive', () => {
    const { lines, problems } = parseResume('1999.09--2003.07  大学学习\n2003.13--2005.03  某区\n科员\n2005.03--  某局局长');
    expect(problems.map(p => p.line)).toEqual([2]);
    expect(lines.map(l => l.text)).toEqual(['大学学习', '某局局长']);
  });

  it('an end before the start is reported but the line is kept', () => {
    const { lines, problems } = parseResume('2003.07--1999.09  大学学习');
    expect(problems).toHaveLength(1);
    expect(lines).toEqual([{ start: '2003-07', end: '1999-09', text: '大学学习', notes: [] }]);
  });

  it('empty text is an empty resume', () => {
    expect(parseResume('')).toEqual({ lines: [], problems: [] });
    expect(parseResume('\n \n')).toEqual({ lines: [], problems: [] });
  });
});

describe('renderResume', () => {
  it.each<[ResumeLine, string]>([
    [{ start: '1999-09', end: '2003-07', text: '大学学习', notes: [] }, '1999.09--2003.07  大学学习'],
    [{ start: '2021-09', end: '', text: '区委常委', notes: [] }, '2021.09--         区委常委'],
    [
      { start: '2008-12', end: '2012-06', text: '科长', notes: ['2010.09--2012.07 在省委党校学习', '2011.03--2011.09 挂任副县长'] },
      '2008.12--2012.06  科长（其间：2010.09--2012.07 在省委党校学习；2011.03--2011.09 挂任副县长）',
    ],
  ])('%j', (line, text) => {
    expect(renderResume([line])).toBe(text);
    expect(parseResume(text).lines).toEqual([line]);
  });

  it('the open end pads to the width of a date, so texts start in one column', () => {
    const [closed, open] = renderResume([
      { start: '2018-11', end: '2021-09', text: '副区长', notes: [] },
      { start: '2021-09', end: '', text: '常务副区长', notes: [] },
    ]).split('\n');
    expect(closed.indexOf('副区长')).toBe(open.indexOf('常务副区长'));
  });

  it('an open end with no text leaves no trailing spaces', () => {
    expect(renderResume([{ start: '2021-09', end: '', text: '', notes: [] }])).toBe('2021.09--');
  });
});

describe('appendResumeLine', () => {
  const secondment: ResumeLine = { start: '2023-03', end: '2024-03', text: '挂任北京市××区××局副局长', notes: [] };

  it('goes before the first line that starts later', () => {
    const text = '1999.09--2003.07  大学学习\n2003.07--2023.03  某区科员\n2024.03--  某区副区长';
    expect(appendResumeLine(text, secondment)).toBe(
      '1999.09--2003.07  大学学习\n2003.07--2023.03  某区科员\n2023.03--2024.03  挂任北京市××区××局副局长\n2024.03--         某区副区长',
    );
  });

  it('after an open-ended current post that started earlier', () => {
    const result = appendResumeLine(FORM, secondment);
    expect(result).toBe(`${FORM_CANONICAL}\n2023.03--2024.03  挂任北京市××区××局副局长`);
  });

  it('is idempotent: the same line twice is added once', () => {
    const once = appendResumeLine('1999.09--2003.07  大学学习', secondment);
    expect(appendResumeLine(once, secondment)).toBe(once);
  });

  it('into an empty resume', () => {
    expect(appendResumeLine('', secondment)).toBe('2023.03--2024.03  挂任北京市××区××局副局长');
  });

  it('text with problems is kept as written and the line goes at its end', () => {
    const broken = '1999.13--2003.07  大学学习';
    expect(appendResumeLine(broken, secondment)).toBe(`${broken}\n2023.03--2024.03  挂任北京市××区××局副局长`);
  });

  it('refuses dates that are not YYYY-MM', () => {
    expect(() => appendResumeLine('', { ...secondment, start: '2023.03' })).toThrow(RangeError);
  });
});
