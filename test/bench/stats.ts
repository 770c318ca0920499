/**
 * Speed of the structure table (统计分析) on whatever database it is given (the bench runner
 * passes a generated roster): the full table (every group × 总体, 领导职务层次 and 性别 columns)
 * for everyone and for the unit whose subtree is nearest 1,000 cadres, each beside an honest
 * floor measured here on the same database: a bare `SELECT gender, count(*) … GROUP BY gender`
 * over the same people (one category, no CASE, no app code). Medians of 7 runs, milliseconds.
 */
import type { Database } from '../../electron/db/database';
import { IN_ROSTER } from '../../electron/services/roster/api';
import { structureTable } from '../../electron/services/stats/structure';
import { medianMs } from './query';

/** The unit whose subtree holds the number of cadres nearest `target`. */
function unitNear(db: Database, target: number): { unitId: number; cadres: number } {
  const sizes = db
    .prepare(
      `WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM units UNION ALL SELECT s.root, u.id FROM units u JOIN sub s ON u.parent_id = s.id)
       SELECT s.root AS unitId, count(*) AS cadres FROM sub s JOIN cadres c ON c.unit_id = s.id WHERE ${IN_ROSTER} GROUP BY s.root`,
    )
    .all() as { unitId: number; cadres: number }[];
  return sizes.reduce((best, u) => (Math.abs(u.cadres - target) < Math.abs(best.cadres - target) ? u : best));
}

export function benchStats(db: Database, refDate: string): Record<string, number> {
  const unit = unitNear(db, 1000);
  const everyone = medianMs(() => structureTable(db, { kind: 'all' }, refDate));
  const subtree = medianMs(() => structureTable(db, { kind: 'unit', unitId: unit.unitId }, refDate));
  const bareEveryone = medianMs(() => db.prepare(`SELECT c.gender, count(*) FROM cadres c WHERE ${IN_ROSTER} GROUP BY c.gender`).all());
  const bareSubtree = medianMs(() =>
    db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT u.id FROM units u JOIN sub s ON u.parent_id = s.id)
         SELECT c.gender, count(*) FROM cadres c WHERE ${IN_ROSTER} AND c.unit_id IN (SELECT id FROM sub) GROUP BY c.gender`,
      )
      .all(unit.unitId),
  );
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
  return {
    everyoneCadres: (db.prepare(`SELECT count(*) FROM cadres c WHERE ${IN_ROSTER}`).pluck().get() as number) ?? 0,
    everyoneTableMs: everyone,
    everyoneBareGroupByMs: bareEveryone,
    everyoneRatio: ratio(everyone, bareEveryone),
    subtreeCadres: unit.cadres,
    subtreeTableMs: subtree,
    subtreeBareGroupByMs: bareSubtree,
    subtreeRatio: ratio(subtree, bareSubtree),
  };
}
