/**
 * Team analysis (班子结构) of every unit: its 领导班子 (shared/domain/stats/teams.ts says who is
 * in it; scope.ts gives the same people to the roster), figures against the approved 职数, and
 * the requirements of its kind of unit. Three queries in all (units, leaders, 职数), whatever
 * the number of units; the approved 职数 come from units/api.ts.
 */
import { LEVEL_STEPS, levelOrder } from '../../../shared/domain/stats/categories';
import { teamFigures, teamFloor, type Team, type TeamMember, type TeamRequirements } from '../../../shared/domain/stats/teams';
import type { Database } from '../../db/database';
import { IN_ROSTER } from '../roster/api';
import { UNIT_ORDER_CTE } from '../common/unit-tree';
import { quotaRecords } from '../units/api';

interface UnitRow {
  id: number;
  name: string;
  kind: string;
  level: string;
}

type Leader = TeamMember & { unitId: number };

function byUnit<T extends { unitId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), r]);
  return map;
}

/** Every unit with a 领导班子 (or approved 职数), in unit-tree order. */
export function teamAnalysis(db: Database, refDate: string, reqs: TeamRequirements): Team[] {
  const units = db
    .prepare(
      `WITH RECURSIVE ${UNIT_ORDER_CTE}
       SELECT u.id, u.name, u.kind, u.level FROM units u JOIN unit_order o ON o.id = u.id
        WHERE u.abolished_at IS NULL ORDER BY o.path`,
    )
    .all() as UnitRow[];
  const spellings = LEVEL_STEPS.flatMap(s => s.spellings);
  const leaders = byUnit(
    db
      .prepare(
        `SELECT c.id, c.unit_id AS unitId, c.name, c.gender, c.birth, c.political_status AS politicalStatus,
                c.ft_education AS ftEducation, c.post_date AS postDate, c.leadership_level AS leadershipLevel, c.post
           FROM cadres c
          WHERE ${IN_ROSTER} AND c.unit_id IS NOT NULL AND c.leadership_level IN (${spellings.map(() => '?').join(', ')})
          ORDER BY c.unit_id, c.sort_order, c.id`,
      )
      .all(...spellings) as Leader[],
  );
  const quotas = byUnit(quotaRecords(db));

  const teams: Team[] = [];
  for (const u of units) {
    const all = leaders.get(u.id) ?? [];
    const orders = all.map(m => levelOrder(m.leadershipLevel));
    const floor = teamFloor(u.level, orders.length ? Math.min(...orders) : null);
    const members = all
      .map((m, i) => ({ m, order: orders[i] }))
      .filter(x => floor !== null && x.order <= floor)
      .sort((a, b) => a.order - b.order) // stable: roster order within a step
      .map(x => x.m);
    const unitQuotas = quotas.get(u.id) ?? [];
    if (!members.length && !unitQuotas.length) continue;
    teams.push(teamFigures(u, members, unitQuotas, refDate, reqs));
  }
  return teams;
}
