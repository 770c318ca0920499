import { describe, expect, it } from 'vitest';
import { compactDate, compactYearMonth, daysInMonth, formatDate, parseDateInput, todayCanonical, yearMonthOf } from '../../../shared/domain/common/dates';

describe('parseDateInput: text forms', () => {
  it.each([
    ['198503', '1985-03'],
    ['1985.03', '1985-03'],
    ['1985.3', '1985-03'],
    ['1985.1', '1985-01'], // typed as text: taken at its word
    ['1985.10', '1985-10'],
    ['1985年3月', '1985-03'],
    ['1985年03月', '1985-03'],
    ['1985年03月12日', '1985-03-12'],
    ['1985年3月1日', '1985-03-01'],
    ['1985-03', '1985-03'],
    ['1985-3', '1985-03'],
    ['1985/3', '1985-03'],
    ['1985/03', '1985-03'],
    ['19850301', '1985-03-01'],
    ['1985.03.01', '1985-03-01'],
    ['1985.3.1', '1985-03-01'],
    ['1985-3-1', '1985-03-01'],
    ['1985-03-12', '1985-03-12'],
    ['1985/03/12', '1985-03-12'],
    ['１９８５．０３', '1985-03'],
    ['１９８５年３月', '1985-03'],
    ['１９８５０３１２', '1985-03-12'],
    ['  1985.03  ', '1985-03'],
    ['\u30001985.03\u3000', '1985-03'],
    ['1988.02.29', '1988-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1900.01', '1900-01'],
    ['2100.12.31', '2100-12-31'],
  ])('%j → %s', (raw, value) => {
    expect(parseDateInput(raw)).toEqual({ ok: true, value });
  });
});

describe('parseDateInput: empty', () => {
  it.each([[''], ['   '], [null], [undefined]])('%j → empty', raw => {
    expect(parseDateInput(raw)).toEqual({ ok: true, value: '' });
  });
});

describe('parseDateInput: numeric cells', () => {
  it.each([
    [198503, '1985-03'],
    [19850312, '1985-03-12'],
    [1985.03, '1985-03'],
    [1985.3, '1985-03'],
    [1985.12, '1985-12'],
    [1985.11, '1985-11'],
    [1985.09, '1985-09'],
  ])('%s → %s without a warning', (raw, value) => {
    expect(parseDateInput(raw)).toEqual({ ok: true, value });
  });

  it('flags 1985.1, which may have been 1985.10', () => {
    expect(parseDateInput(1985.1)).toEqual({
      ok: true,
      value: '1985-01',
      ambiguous: '可能是 1985.10 被 Excel 存成了 1985.1，请核对',
    });
  });

  it('flags 1985.10 typed as a number (it arrives as 1985.1 too)', () => {
    expect(parseDateInput(1985.1)).toEqual(parseDateInput(Number('1985.10')));
  });
});

describe('parseDateInput: Excel date serials', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'], // after the phantom 1900-02-29
    [366, '1900-12-31'],
    [367, '1901-01-01'],
    [31118, '1985-03-12'],
    [36526, '2000-01-01'],
    [36585, '2000-02-29'],
    [44927, '2023-01-01'],
    [45658, '2025-01-01'],
  ])('serial %i → %s', (serial, value) => {
    expect(parseDateInput(serial)).toEqual({ ok: true, value });
  });

  it('rejects serial 60, the 1900-02-29 that never was', () => {
    expect(parseDateInput(60)).toEqual({
      ok: false,
      message: '无法识别的日期「60」（Excel 日期序号 60 对应并不存在的 1900-02-29）',
    });
  });

  it('reads a bare year as a serial but warns that it may be a year', () => {
    const parsed = parseDateInput(1985);
    expect(parsed).toMatchObject({ ok: true, value: '1905-06-07' });
    expect(parsed.ok && parsed.ambiguous).toBe('「1985」按 Excel 日期序号解读为 1905.06.07；如果这是年份，请补全月份');
  });

  it('rejects serials past 2100 and beyond Excel', () => {
    expect(parseDateInput(2958465)).toEqual({ ok: false, message: '无法识别的日期「2958465」（年份应在 1900–2100 之间）' });
    expect(parseDateInput(2958466)).toEqual({ ok: false, message: '无法识别的日期「2958466」' });
  });
});

describe('parseDateInput: Date objects', () => {
  it.each([
    ['UTC midnight (ExcelJS)', new Date(Date.UTC(1985, 2, 12)), '1985-03-12'],
    ['local midnight (SheetJS)', new Date(1985, 2, 12), '1985-03-12'],
    ['local afternoon', new Date(1985, 2, 12, 15, 30), '1985-03-12'],
    ['leap day', new Date(1988, 1, 29), '1988-02-29'],
  ])('%s', (_label, date, value) => {
    expect(parseDateInput(date)).toEqual({ ok: true, value });
  });

  it('rejects an invalid Date', () => {
    expect(parseDateInput(new Date('nonsense'))).toEqual({ ok: false, message: '无法识别的日期「Invalid Date」' });
  });
});

describe('parseDateInput: rejected', () => {
  it.each([
    ['1985.13', '无法识别的日期「1985.13」（月份应在 1–12 之间）'],
    ['1985.00', '无法识别的日期「1985.00」（月份应在 1–12 之间）'],
    ['198513', '无法识别的日期「198513」（月份应在 1–12 之间）'],
    ['1989.02.29', '无法识别的日期「1989.02.29」（1989 年 2 月没有 29 日）'],
    ['1900-02-29', '无法识别的日期「1900-02-29」（1900 年 2 月没有 29 日）'],
    ['1985-04-31', '无法识别的日期「1985-04-31」（1985 年 4 月没有 31 日）'],
    ['19850300', '无法识别的日期「19850300」（1985 年 3 月没有 0 日）'],
    ['1899.12', '无法识别的日期「1899.12」（年份应在 1900–2100 之间）'],
    ['2101-01', '无法识别的日期「2101-01」（年份应在 1900–2100 之间）'],
    [' abc ', '无法识别的日期「abc」'],
    ['1985', '无法识别的日期「1985」'],
    ['85.03', '无法识别的日期「85.03」'],
    ['1985.03.12.1', '无法识别的日期「1985.03.12.1」'],
    ['1985031', '无法识别的日期「1985031」'],
    [1985.13, '无法识别的日期「1985.13」（月份应在 1–12 之间）'],
    [1985.001, '无法识别的日期「1985.001」'],
    [0, '无法识别的日期「0」'],
    [-5, '无法识别的日期「-5」'],
    [Number.NaN, '无法识别的日期「NaN」'],
    [true, '无法识别的日期「true」'],
  ])('%j', (raw, message) => {
    expect(parseDateInput(raw)).toEqual({ ok: false, message });
  });
});

describe('formatDate', () => {
  it.each([
    ['1985-03', '1985.03'],
    ['1985-03-12', '1985.03.12'],
    ['', ''],
    ['民盟', '民盟'],
    ['1985.03', '1985.03'],
    ['1985-3', '1985-3'],
  ])('%j → %j', (canonical, shown) => {
    expect(formatDate(canonical)).toBe(shown);
  });
});

describe('yearMonthOf', () => {
  it.each([
    ['1985-03', { year: 1985, month: 3 }],
    ['1985-12-31', { year: 1985, month: 12 }],
    ['1985-13', null],
    ['1985.03', null],
    ['', null],
  ])('%j', (canonical, expected) => {
    expect(yearMonthOf(canonical)).toEqual(expected);
  });
});

describe('todayCanonical', () => {
  it.each([
    [new Date(2024, 1, 29), '2024-02-29'],
    [new Date(2025, 0, 1, 0, 0, 1), '2025-01-01'],
    [new Date(2025, 11, 31, 23, 59, 59), '2025-12-31'], // local time, not UTC
  ])('%s → %s', (date, expected) => {
    expect(todayCanonical(date)).toBe(expected);
  });

  it('defaults to now', () => {
    expect(todayCanonical()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('compact forms for .lrmx', () => {
  it.each([
    ['1985-03', '198503', '198503'],
    ['1985-03-12', '198503', '19850312'],
    ['', '', ''],
    ['民盟', '民盟', '民盟'],
  ])('%j → %j / %j', (canonical, yearMonth, date) => {
    expect(compactYearMonth(canonical)).toBe(yearMonth);
    expect(compactDate(canonical)).toBe(date);
  });
});

describe('daysInMonth', () => {
  it.each([
    [1988, 2, 29],
    [1989, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [1985, 4, 30],
    [1985, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});
