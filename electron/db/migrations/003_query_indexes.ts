import type { Migration } from './migration';

/**
 * Schema v3: indexes for the combined-condition query (electron/services/roster/query.ts).
 *
 * 领导职务层次 and 职级 conditions compile to `column IN (the ladder names in range)`, and are
 * usually the most selective part of a 组合查询 ("正处及以上" is a few dozen people in a
 * roster of thousands), so an index lets SQLite start from them instead of scanning every
 * cadre with his 简历. Deliberately not indexed:
 * - birth: age conditions are broad ranges ("45 岁以下" is most of a roster); without
 *   statistics SQLite would still prefer the index and read most rows through it, several
 *   times slower than the scan it replaces;
 * - education, gender, status: a handful of values each, never selective.
 * Tags already have cadre_tags_tag, and units cadres_unit (migration 1).
 */
export const m003QueryIndexes: Migration = {
  version: 3,
  name: 'query_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX cadres_leadership_level ON cadres(leadership_level);
      CREATE INDEX cadres_rank ON cadres(rank);
    `);
  },
};
