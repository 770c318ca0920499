import { describe, expect, it } from 'vitest';
import { checkIdAgainstRecord, idCheckChar, looksLikeNumericId, makeIdNumber, normalizeIdNumber, parseIdNumber } from '../../../shared/domain/common/idcard';

// The two worked examples printed in GB 11643-1999.
const STANDARD_FEMALE = '11010519491231002X';
const STANDARD_1880 = '440524188001010014';
const TODAY = new Date(2025, 5, 15); // 2025-06-15, local

/** An ID whose check character is X, so its lower-case form can be tested. */
function idEndingInX(): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = makeIdNumber('210102', '1985-03-12', seq, '男');
    if (id.endsWith('X')) return id;
  }
  throw new Error('no sequence gives check character X');
}

describe('idCheckChar', () => {
  it.each([
    [STANDARD_FEMALE, 'X'],
    [STANDARD_1880, '4'],
  ])('%s ends in %s', (id, check) => {
    expect(idCheckChar(id.slice(0, 17))).toBe(check);
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['  11010519491231002x  ', STANDARD_FEMALE],
    ['110105 19491231 002X', STANDARD_FEMALE],
    ['110105\u300019491231002X', STANDARD_FEMALE],
    ['１１０１０５１９４９１２３１００２Ｘ', STANDARD_FEMALE],
    ['１１０１０５１９４９１２３１００２ｘ', STANDARD_FEMALE],
    [STANDARD_FEMALE, STANDARD_FEMALE],
    ['11010519491231002x', STANDARD_FEMALE],
    ['', ''],
  ])('%j → %s', (raw, expected) => {
    expect(normalizeIdNumber(raw)).toBe(expected);
  });
});

describe('parseIdNumber: valid numbers', () => {
  const lowerX = idEndingInX();
  it.each([
    ['the standard example', STANDARD_FEMALE, STANDARD_FEMALE, 18, '1949-12-31', '女'],
    ['lower-case x', '11010519491231002x', STANDARD_FEMALE, 18, '1949-12-31', '女'],
    ['a built number whose check is X, lower-cased', lowerX.toLowerCase(), lowerX, 18, '1985-03-12', '男'],
    ['full-width digits and spaces', ' １１０１０５ １９４９１２３１ ００２Ｘ ', STANDARD_FEMALE, 18, '1949-12-31', '女'],
    ['Feb 29 of a leap year', makeIdNumber('110105', '1988-02-29', 12, '男'), makeIdNumber('110105', '1988-02-29', 12, '男'), 18, '1988-02-29', '男'],
    ['born today', makeIdNumber('110105', '2025-06-15', 4, '女'), makeIdNumber('110105', '2025-06-15', 4, '女'), 18, '2025-06-15', '女'],
    ['15-digit legacy, even last digit', '110105491231002', '110105491231002', 15, '1949-12-31', '女'],
    ['15-digit legacy, odd last digit', '210102850312031', '210102850312031', 15, '1985-03-12', '男'],
  ] as const)('%s', (_label, raw, id, kind, birth, gender) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: true, id, info: { kind, birth, gender } });
  });
});

describe('parseIdNumber: rejected numbers', () => {
  it.each([
    ['empty', '   ', '身份证号为空'],
    ['wrong check character', '110105194912310021', '身份证号校验位错误（应为 X）'],
    ['wrong check digit', '440524198001010014', '身份证号校验位错误（应为 3）'],
    ['too short', '1101051949123', '身份证号应为 18 位（或 15 位旧号码），现为 13 位'],
    ['16 digits', '1101051949123100', '身份证号应为 18 位（或 15 位旧号码），现为 16 位'],
    ['letter inside', '11010519491231A02X', '身份证号前 17 位应为数字，最后一位应为数字或 X'],
    ['letter in a legacy number', '11010549123100A', '15 位旧身份证号应全部为数字'],
    ['Feb 29 of a common year', makeIdNumber('110105', '1989-02-29', 12, '男'), '身份证号中的出生日期无效（19890229）'],
    ['month 13', makeIdNumber('110105', '1985-13-01', 12, '男'), '身份证号中的出生日期无效（19851301）'],
    ['before 1900 (the standard 1880 example)', STANDARD_1880, '身份证号中的出生日期无效（18800101）'],
    ['born tomorrow', makeIdNumber('110105', '2025-06-16', 12, '男'), '身份证号中的出生日期无效（20250616）'],
    ['legacy Feb 29 of a common year', '110105890229001', '身份证号中的出生日期无效（19890229）'],
    ['precision lost by Excel', '2.10102E+17', '身份证号被 Excel 存成了数字（2.10102E+17），末尾几位已丢失，请把该列设为文本后重新填写'],
  ])('%s', (_label, raw, message) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, message });
  });

  it('accepts a real birth date only up to the given day', () => {
    const id = makeIdNumber('110105', '2025-06-16', 12, '男');
    expect(parseIdNumber(id, new Date(2025, 5, 15)).ok).toBe(false);
    expect(parseIdNumber(id, new Date(2025, 5, 16)).ok).toBe(true);
  });
});

describe('checkIdAgainstRecord', () => {
  const man = makeIdNumber('210102', '1985-03-12', 31, '男');
  it.each([
    ['agrees on year-month', { birth: '1985-03', gender: '男' }, []],
    ['agrees on the full date', { birth: '1985-03-12', gender: '男' }, []],
    ['nothing recorded', {}, []],
    ['gender not in canonical form is not compared', { birth: '1985-03', gender: '' }, []],
    ['month differs', { birth: '1985-04', gender: '男' }, ['身份证号中的出生日期 1985-03-12 与出生年月 1985.04 不一致']],
    ['day differs', { birth: '1985-03-13' }, ['身份证号中的出生日期 1985-03-12 与出生年月 1985.03.13 不一致']],
    ['year differs', { birth: '1986-03' }, ['身份证号中的出生日期 1985-03-12 与出生年月 1986.03 不一致']],
    ['gender differs', { birth: '1985-03', gender: '女' }, ['身份证号显示性别为男，与记录的性别女不一致']],
    [
      'both differ',
      { birth: '1985-04', gender: '女' },
      ['身份证号中的出生日期 1985-03-12 与出生年月 1985.04 不一致', '身份证号显示性别为男，与记录的性别女不一致'],
    ],
  ])('%s', (_label, record, problems) => {
    expect(checkIdAgainstRecord(man, record)).toEqual(problems);
  });

  it('reports the female standard example against a male record', () => {
    expect(checkIdAgainstRecord('11010519491231002x', { birth: '1949-12', gender: '男' })).toEqual(['身份证号显示性别为女，与记录的性别男不一致']);
  });

  it('leaves an invalid ID to parseIdNumber', () => {
    expect(checkIdAgainstRecord('110105194912310021', { birth: '1950-01', gender: '男' })).toEqual([]);
  });
});

describe('looksLikeNumericId', () => {
  it.each([
    [210102198503120000, true],
    [2.10102e17, true],
    [110105491231002, true], // 15 digits
    [-2.10102e17, true],
    ['2.10102E+17', true],
    ['2.10102e17', true],
    [' 2.10102E+17 ', true],
    ['4.40524E+14', true],
    ['２.１０１０２Ｅ＋１７', true],
    ['２.１０１０２ｅ１７', true],
    [99999999999999, false], // 14 digits
    [12345, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['2.10102E+5', false],
    ['210102198503120011', false],
    [STANDARD_FEMALE, false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(looksLikeNumericId(value)).toBe(expected);
  });
});

describe('makeIdNumber', () => {
  it.each([
    [0, '男', '001'],
    [0, '女', '000'],
    [7, '男', '007'],
    [7, '女', '006'],
    [998, '男', '999'],
    [999, '女', '998'],
  ] as const)('seq %i for %s → sequence %s', (seq, gender, sequence) => {
    const id = makeIdNumber('320102', '1990-07-01', seq, gender);
    expect(id.slice(0, 17)).toBe(`32010219900701${sequence}`);
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, id, info: { kind: 18, birth: '1990-07-01', gender } });
  });

  it.each([
    ['32010', '1990-07-01', 1],
    ['320102', '19900701', 1],
    ['320102', '1990-07-01', 1000],
    ['320102', '1990-07-01', 1.5],
  ])('rejects %s / %s / %s', (area, birth, seq) => {
    expect(() => makeIdNumber(area, birth, seq, '男')).toThrow(RangeError);
  });
});
