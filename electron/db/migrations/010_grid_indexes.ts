import type { Migration } from './migration';

/**
 * Schema v10: indexes that let the roster grid read any block of 200 rows at
 * 100,000 cadres for about the cost of a bare indexed LIMIT/OFFSET (see
 * electron/services/roster/page.ts), without reading the wide cadre rows of
 * the blocks before it. Each covers cadres not in the 回收站 only, with the
 * status after the sort key so that the roster's condition (status '在职' for
 * the roster, others for the 历史库) is read from the index too:
 * - cadres_live_tree: each unit's cadres in their order (the unsorted grid,
 *   read unit by unit in tree order; also the count per unit);
 * - cadres_live_name: 姓名 sorted by pinyin (cadres.name_keys);
 * - cadres_live_birth: 出生年月 sorted either way.
 * The age conditions of a 组合查询 do not take cadres_live_birth: broad ranges
 * are cheaper scanned, and the planner has statistics (optimize at open).
 */
export const m010GridIndexes: Migration = {
  version: 10,
  name: 'grid_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX cadres_live_tree ON cadres(unit_id, sort_order, status) WHERE deleted_at IS NULL;
      CREATE INDEX cadres_live_name ON cadres(name_keys, status) WHERE deleted_at IS NULL;
      CREATE INDEX cadres_live_birth ON cadres(birth, status) WHERE deleted_at IS NULL;
    `);
  },
};
