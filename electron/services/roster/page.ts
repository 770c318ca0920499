/**
 * One page of the roster grid. The grid uses AG Grid's infinite row model:
 * it asks for blocks of rows as the user scrolls, with its sort and column
 * filters, and SQLite does the filtering, sorting and counting. Memory in the
 * renderer stays constant whether the roster has 600 or 100,000 cadres.
 *
 * A block costs about what a bare indexed `SELECT … ORDER BY … LIMIT 200
 * OFFSET n` costs, whatever the block (npm run bench):
 * - the count is computed once per filter (and data version), with the number
 *   of matching cadres in each unit, and kept (FilterFacts);
 * - in the default order (the unit tree, then each unit's own order) a block
 *   is read unit by unit: the per-unit counts say which units it spans, and
 *   each unit's slice is an index seek (cadres_live_tree, migration 10);
 * - sorted by 姓名 (pinyin) or 出生年月, the block is read straight from
 *   cadres_live_name / cadres_live_birth, ties broken by the index's own order;
 * - any other sort is computed once per filter and sort into a list of ids,
 *   which the following blocks slice.
 */
import type { CadreRow } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { CADRE_SCALAR_COLUMNS } from '../common/cadre-columns';
import { cadreRowsByIds, IN_HISTORY, IN_ROSTER, SEARCH_TERM, type RowQuery } from './cadres';
import { UNIT_ORDER_CTE, UNIT_SUBTREE_CTE } from '../common/unit-tree';

export type TextFilterType = 'contains' | 'notContains' | 'equals' | 'notEqual' | 'startsWith' | 'endsWith' | 'blank' | 'notBlank';

export interface PageRequest {
  /** The 历史库 (cadres who left by an event) instead of the roster. */
  history?: boolean;
  unitId?: number;
  search?: string;
  filters?: Record<string, { type: TextFilterType; filter?: string }>;
  sort?: { colId: string; sort: 'asc' | 'desc' }[];
  /** Extra WHERE terms from a combined-condition query (already compiled). */
  extra?: Pick<RowQuery, 'ctes' | 'where' | 'params'>;
  offset: number;
  limit: number;
}

const DATE_FIELDS = new Set(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

/** The SQL expression a grid column filters and sorts on. */
function columnExpr(colId: string, purpose: 'filter' | 'sort'): string {
  if (colId === 'name' && purpose === 'sort') return 'c.name_keys'; // pinyin order
  if (colId === 'unit') return purpose === 'sort' ? 'o.path' : "coalesce((SELECT name FROM units WHERE id = c.unit_id), '')";
  if (colId === 'ftEducationDegree') return purpose === 'sort' ? 'c.ft_education' : "c.ft_education || ' ' || c.ft_degree";
  const col = (CADRE_SCALAR_COLUMNS as Record<string, string>)[colId];
  if (!col) throw new AppError('VALIDATION', `不能按「${colId}」筛选或排序`);
  return `c.${col}`;
}

export function rosterWhere(req: Omit<PageRequest, 'offset' | 'limit' | 'sort'>): Pick<RowQuery, 'ctes' | 'where' | 'params'> {
  const ctes = [...(req.extra?.ctes ?? [])];
  const where = [req.history ? IN_HISTORY : IN_ROSTER, ...(req.extra?.where ?? [])];
  const params: Record<string, unknown> = { ...(req.extra?.params ?? {}) };
  if (req.unitId !== undefined) {
    ctes.push(UNIT_SUBTREE_CTE);
    where.push('c.unit_id IN (SELECT id FROM unit_subtree)');
    params.unitId = req.unitId;
  }
  const search = req.search?.trim();
  if (search) {
    where.push(SEARCH_TERM);
    params.q = search;
  }
  Object.entries(req.filters ?? {}).forEach(([colId, f], i) => {
    const expr = columnExpr(colId, 'filter');
    const p = `f${i}`;
    // Users type dates as they write them (1985.03); stored canonically (1985-03).
    params[p] = DATE_FIELDS.has(colId)
      ? (f.filter ?? '')
          .trim()
          .replace(/[./年月]/g, '-')
          .replace(/-+$/, '')
      : (f.filter ?? '').trim();
    const term: Record<TextFilterType, string> = {
      contains: `instr(${expr}, :${p}) > 0`,
      notContains: `instr(${expr}, :${p}) = 0`,
      equals: `${expr} = :${p}`,
      notEqual: `${expr} <> :${p}`,
      startsWith: `substr(${expr}, 1, length(:${p})) = :${p}`,
      endsWith: `substr(${expr}, -length(:${p})) = :${p}`,
      blank: `${expr} = ''`,
      notBlank: `${expr} <> ''`,
    };
    if (!(f.type in term)) throw new AppError('VALIDATION', `不支持的筛选方式：${f.type}`);
    if (f.type === 'blank' || f.type === 'notBlank') delete params[p];
    where.push(term[f.type]);
  });
  return { ctes, where, params };
}

type Filter = Pick<RowQuery, 'ctes' | 'where' | 'params'>;

/** What one filter matches, in unit-tree order: each unit's count, the unit-less last. */
interface FilterFacts {
  total: number;
  /** Every unit of the tree, in tree order (a cadre in none of them is in the last group). */
  tree: number[];
  /** Units with matches in tree order; unitIds null: the cadres in no unit of the tree (shown last). */
  groups: { unitIds: number[] | null; count: number }[];
  /** Ordered ids per sort that no index serves, computed on first use. */
  sorted: Map<string, number[]>;
}

const KEPT_FILTERS = 8;
/** Per open database: the data version the kept facts are of, and the facts by filter (oldest first). */
const factsCache = new WeakMap<Database, { version: string; byFilter: Map<string, FilterFacts> }>();

/** Changes on this connection and, through data_version, on any other (the CLI beside the app). */
function dataVersion(db: Database): string {
  const changes = (cachedStatement(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  return `${db.pragma('data_version', { simple: true }) as number}.${changes}`;
}

/**
 * Each unit's live cadres in their order (migration 10). Every roster filter holds
 * `c.deleted_at IS NULL`, which this partial index needs.
 */
const LIVE_TREE = 'INDEXED BY cadres_live_tree';

const withCtes = (f: Filter) => (f.ctes?.length ? `WITH RECURSIVE ${f.ctes.join(',')} ` : '');
const whereSql = (terms: string[]) => terms.map(t => `(${t})`).join(' AND ');

/** The facts of a filter: computed once per filter and data version, then kept (a few filters at a time). */
function filterFacts(db: Database, f: Filter): FilterFacts {
  const version = dataVersion(db);
  let cache = factsCache.get(db);
  if (cache?.version !== version) factsCache.set(db, (cache = { version, byFilter: new Map() }));
  const kept = cache.byFilter;
  const key = JSON.stringify([f.ctes ?? [], f.where, f.params ?? {}]);
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  // Named: left to itself the planner counts through cadres_unit, reading every row of the table.
  const perUnit = db
    .prepare(`${withCtes(f)}SELECT c.unit_id AS unitId, count(*) AS n FROM cadres c ${LIVE_TREE} WHERE ${whereSql(f.where)} GROUP BY c.unit_id`)
    .all(f.params ?? {}) as { unitId: number | null; n: number }[];
  const counts = new Map(perUnit.map(r => [r.unitId, r.n]));
  const tree = (cachedStatement(db, `WITH RECURSIVE ${UNIT_ORDER_CTE} SELECT id FROM unit_order ORDER BY path`).all() as { id: number }[]).map(r => r.id);
  const groups: FilterFacts['groups'] = [];
  for (const id of tree) {
    const n = counts.get(id);
    if (n) groups.push({ unitIds: [id], count: n });
    counts.delete(id);
  }
  // Cadres in no unit (or a unit outside the tree) come last, together, in their own order.
  const rest = [...counts.values()].reduce((a, b) => a + b, 0);
  if (rest) groups.push({ unitIds: null, count: rest });
  const facts: FilterFacts = { total: perUnit.reduce((a, r) => a + r.n, 0), tree, groups, sorted: new Map() };
  kept.set(key, facts);
  while (kept.size > KEPT_FILTERS) kept.delete(kept.keys().next().value!);
  return facts;
}

/** Ids of the block in unit-tree order: unit by unit, each slice an index seek. */
function treeBlock(db: Database, f: Filter, facts: FilterFacts, offset: number, limit: number): number[] {
  const ids: number[] = [];
  let start = 0;
  for (const g of facts.groups) {
    const end = start + g.count;
    if (end > offset && ids.length < limit) {
      const skip = Math.max(0, offset - start);
      const take = Math.min(limit - ids.length, g.count - skip);
      const unit = g.unitIds ? 'c.unit_id = :groupUnit' : 'c.unit_id IS NULL OR c.unit_id NOT IN (SELECT value FROM json_each(:treeUnits))';
      const sql = `${withCtes(f)}SELECT c.id FROM cadres c ${LIVE_TREE} WHERE ${whereSql([...f.where, unit])} ORDER BY c.sort_order, c.status, c.id LIMIT :take OFFSET :skip`;
      const params = { ...f.params, take, skip, ...(g.unitIds ? { groupUnit: g.unitIds[0] } : { treeUnits: JSON.stringify(facts.tree) }) };
      ids.push(...(db.prepare(sql).pluck().all(params) as number[]));
    }
    start = end;
    if (start >= offset + limit) break;
  }
  return ids;
}

/** Sorts an index serves in full (migration 10): the column, then its index's own tie order. */
const INDEXED_SORTS: Record<string, string> = { name: 'c.name_keys', birth: 'c.birth' };

/** Ids of the block in a chosen sort: from an index, or from the filter's ordered ids for that sort. */
function sortedBlock(db: Database, f: Filter, facts: FilterFacts, sort: NonNullable<PageRequest['sort']>, offset: number, limit: number): number[] {
  const dir = (s: { sort: string }) => (s.sort === 'desc' ? 'DESC' : 'ASC');
  if (sort.length === 1 && INDEXED_SORTS[sort[0].colId]) {
    const d = dir(sort[0]);
    const sql = `${withCtes(f)}SELECT c.id FROM cadres c WHERE ${whereSql(f.where)} ORDER BY ${INDEXED_SORTS[sort[0].colId]} ${d}, c.status ${d}, c.id ${d} LIMIT :limit OFFSET :offset`;
    return db
      .prepare(sql)
      .pluck()
      .all({ ...f.params, limit, offset }) as number[];
  }
  const key = JSON.stringify(sort);
  let ids = facts.sorted.get(key);
  if (!ids) {
    // Ties in unit-tree order, as the unsorted grid shows them.
    const order = [...sort.map(s => `${columnExpr(s.colId, 'sort')} ${dir(s)}`), 'o.path IS NULL', 'o.path', 'c.sort_order', 'c.id'];
    const ctes = [UNIT_ORDER_CTE, ...(f.ctes ?? [])];
    ids = db
      .prepare(
        `WITH RECURSIVE ${ctes.join(',')} SELECT c.id FROM cadres c LEFT JOIN unit_order o ON o.id = c.unit_id WHERE ${whereSql(f.where)} ORDER BY ${order.join(', ')}`,
      )
      .pluck()
      .all(f.params ?? {}) as number[];
    facts.sorted.set(key, ids);
  }
  return ids.slice(offset, offset + limit);
}

export function rosterPage(db: Database, req: PageRequest): { rows: CadreRow[]; total: number } {
  const f = rosterWhere(req);
  const facts = filterFacts(db, f);
  const offset = Math.max(0, Math.trunc(req.offset));
  const limit = Math.max(0, Math.trunc(req.limit));
  const ids = req.sort?.length ? sortedBlock(db, f, facts, req.sort, offset, limit) : treeBlock(db, f, facts, offset, limit);
  return { rows: cadreRowsByIds(db, ids), total: facts.total };
}

/** The grid's count for a filter (kept with the filter's facts). */
export function rosterCount(db: Database, req: Omit<PageRequest, 'offset' | 'limit' | 'sort'>): number {
  return filterFacts(db, rosterWhere(req)).total;
}
