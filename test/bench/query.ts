/**
 * Speed of the combined-condition query (组合查询) on whatever database it is given (the
 * bench runner passes a generated roster). Medians of 7 runs in milliseconds, plus how many
 * cadres each query matched so the figures can be read against the result size.
 */
import type { Database } from '../../electron/db/database';
import { countQueryCadres, queryCadreIds, queryCadres } from '../../electron/services/roster/query';
import { todayCanonical } from '../../shared/domain/common/dates';
import type { CadreQuery } from '../../shared/domain/roster/query';

const RUNS = 7;

export function medianMs(fn: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return Math.round(xs[Math.floor(xs.length / 2)] * 100) / 100;
}

/** 正处及以上, 45 岁以下, 全日制本科, 简历有乡镇: the seed articles' example. */
export const EXAMPLE_QUERY: CadreQuery = {
  where: {
    join: 'and',
    items: [
      { field: 'leadershipLevel', op: 'atLeast', value: '正处' },
      { field: 'age', op: 'lt', value: 45 },
      { field: 'ftEducation', op: 'in', value: ['大学'] },
      { field: 'resume', op: 'contains', value: '乡镇' },
    ],
  },
};

/** Young-cadre candidates: (80后/90后 with a 调研员 rank, or already in the pool), 大学 or above. */
const YOUNG_QUERY: CadreQuery = {
  where: {
    join: 'and',
    items: [
      { field: 'ftEducation', op: 'atLeast', value: '大学' },
      {
        join: 'or',
        items: [
          {
            join: 'and',
            items: [
              { field: 'generation', op: 'in', value: ['80后', '90后'] },
              { field: 'rank', op: 'between', value: '四级调研员', value2: '一级调研员' },
            ],
          },
          { field: 'tags', op: 'hasAny', value: ['年轻干部库'] },
        ],
      },
    ],
  },
};

/** A broad text query: women with township or street experience, no party-school 研究生. */
const TOWNSHIP_WOMEN_QUERY: CadreQuery = {
  where: {
    join: 'and',
    items: [
      { field: 'gender', op: 'in', value: ['女'] },
      {
        join: 'or',
        items: [
          { field: 'resume', op: 'contains', value: '镇' },
          { field: 'resume', op: 'contains', value: '乡' },
          { field: 'resume', op: 'contains', value: '街道' },
        ],
      },
      { field: 'ptEducation', op: 'notIn', value: ['中央党校研究生', '省委党校研究生'] },
      { field: 'age', op: 'between', value: 30, value2: 50 },
    ],
  },
};

export function benchQuery(db: Database): Record<string, number> {
  const opts = { today: todayCanonical() };
  const result: Record<string, number> = {};
  const cases: [string, CadreQuery][] = [
    ['queryExample', EXAMPLE_QUERY],
    ['queryYoung', YOUNG_QUERY],
    ['queryTownshipWomen', TOWNSHIP_WOMEN_QUERY],
  ];
  for (const [name, q] of cases) {
    result[`${name}Rows`] = countQueryCadres(db, q, opts);
    result[`${name}IdsMs`] = medianMs(() => queryCadreIds(db, q, opts));
    result[`${name}RowsMs`] = medianMs(() => queryCadres(db, q, opts));
  }
  return result;
}
