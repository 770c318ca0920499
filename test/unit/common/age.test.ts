import { describe, expect, it } from 'vitest';
import { completedAge, formatBirthWithAge, generationOf, retirementBaseAge, retirementDate } from '../../../shared/domain/common/age';

describe('completedAge', () => {
  it.each([
    ['birth month equals ref month: birthday counted', '1985-03', '2025-03', 40],
    ['same month, ref day before birth day: still counted', '1985-03-31', '2025-03-01', 40],
    ['month before the birth month', '1985-03', '2025-02-28', 39],
    ['month after the birth month', '1985-03', '2025-04', 40],
    ['born Feb 29, ref in February of a leap year', '2000-02-29', '2024-02', 24],
    ['born 2000-02, ref 2024-02', '2000-02', '2024-02', 24],
    ['born 2000-02, ref 2023-03', '2000-02', '2023-03', 23],
    ['born 2000-02, ref 2023-01', '2000-02', '2023-01', 22],
    ['born Feb 29, ref Feb 28 of a common year', '2000-02-29', '2023-02-28', 23],
    ['born December, ref January', '1990-12', '2025-01-01', 34],
    ['ref in the birth month itself', '2025-03', '2025-03', 0],
    ['ref before birth', '2025-03', '2025-02', null],
    ['ref a year before birth', '2025-03', '2024-06', null],
    ['unknown birth', '', '2025-03', null],
    ['unknown ref', '1985-03', '', null],
    ['non-canonical birth', '1985.03', '2025-03', null],
  ])('%s', (_label, birth, ref, age) => {
    expect(completedAge(birth, ref)).toBe(age);
  });
});

describe('formatBirthWithAge', () => {
  it.each([
    ['1985-03', '2025-06-30', '1985.03(40岁)'],
    ['1985-03-12', '2025-02-01', '1985.03(39岁)'],
    ['1985-03', '2025-03', '1985.03(40岁)'],
    ['1985-03', '', '1985.03'],
    ['1985-03', '1980-01', '1985.03'],
    ['', '2025-03', ''],
    ['不详', '2025-03', '不详'],
  ])('%j at %j → %j', (birth, ref, shown) => {
    expect(formatBirthWithAge(birth, ref)).toBe(shown);
  });
});

describe('generationOf', () => {
  it.each([
    ['1949-10', '40后'],
    ['1955-01', '50后'],
    ['1960-01', '60后'],
    ['1969-12', '60后'],
    ['1970-01-01', '70后'],
    ['1985-03', '80后'],
    ['1989-12', '80后'],
    ['1990-01', '90后'],
    ['1999-12-31', '90后'],
    ['2000-01', '00后'],
    ['2009-12', '00后'],
    ['2010-01', '10后'],
    ['', ''],
    ['1985.03', ''],
  ])('%j → %j', (birth, generation) => {
    expect(generationOf(birth)).toBe(generation);
  });
});

describe('retirementDate (2025 gradual-delay reform)', () => {
  it.each([
    // Men, base 60: +1 month per 4 months, cap 36.
    ['man reaching 60 before the reform', '1964-12', '男', 60, '2024-12'],
    ['man born 1965-01: 60y1m', '1965-01', '男', 60, '2025-02'],
    ['man born 1965-01-31: the day does not matter', '1965-01-31', '男', 60, '2025-02'],
    ['man born 1965-04: 60y1m', '1965-04', '男', 60, '2025-05'],
    ['man born 1965-05: 60y2m', '1965-05', '男', 60, '2025-07'],
    ['man born 1965-08: 60y2m', '1965-08', '男', 60, '2025-10'],
    ['man born 1965-09: 60y3m', '1965-09', '男', 60, '2025-12'],
    ['man born 1965-12: 60y3m', '1965-12', '男', 60, '2026-03'],
    ['man born 1966-01: 60y4m', '1966-01', '男', 60, '2026-05'],
    ['man born 1976-08: 62y11m', '1976-08', '男', 60, '2039-07'],
    ['man born 1976-09: 63y', '1976-09', '男', 60, '2039-09'],
    ['man born 1976-12: 63y', '1976-12', '男', 60, '2039-12'],
    ['man born 1990-05: capped at 63y', '1990-05', '男', 60, '2053-05'],
    // Women cadres, base 55: same steps, cap 36.
    ['woman cadre reaching 55 before the reform', '1969-12', '女', 55, '2024-12'],
    ['woman cadre born 1970-01: 55y1m', '1970-01', '女', 55, '2025-02'],
    ['woman cadre born 1970-05: 55y2m', '1970-05', '女', 55, '2025-07'],
    ['woman cadre born 1981-12: 58y', '1981-12', '女', 55, '2039-12'],
    ['woman cadre born 1995-06: capped at 58y', '1995-06', '女', 55, '2053-06'],
    // Women workers, base 50: +1 month per 2 months, cap 60.
    ['woman worker reaching 50 before the reform', '1974-12', '女', 50, '2024-12'],
    ['woman worker born 1975-01: 50y1m', '1975-01', '女', 50, '2025-02'],
    ['woman worker born 1975-02: 50y1m', '1975-02', '女', 50, '2025-03'],
    ['woman worker born 1975-03: 50y2m', '1975-03', '女', 50, '2025-05'],
    ['woman worker born 1984-10: 54y11m', '1984-10', '女', 50, '2039-09'],
    ['woman worker born 1984-11: 55y', '1984-11', '女', 50, '2039-11'],
    ['woman worker born 1984-12: 55y', '1984-12', '女', 50, '2039-12'],
    ['woman worker born 1990-01: capped at 55y', '1990-01', '女', 50, '2045-01'],
    // Unknown birth.
    ['unknown birth', '', '男', 60, ''],
  ] as const)('%s', (_label, birth, gender, base, expected) => {
    expect(retirementDate(birth, gender, base)).toBe(expected);
  });
});

describe('retirementBaseAge', () => {
  it.each([
    ['男', undefined, 60],
    ['男', false, 60],
    ['女', undefined, 55],
    ['女', true, 55],
    ['女', false, 50],
  ] as const)('%s, cadre or management %s → %i', (gender, cadre, base) => {
    expect(retirementBaseAge(gender, cadre)).toBe(base);
  });
});
