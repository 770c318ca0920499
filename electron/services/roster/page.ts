/**
 * One page of the roster grid. The grid uses AG Grid's infinite row model:
 * it asks for blocks of rows as the user scrolls, with its sort and column
 * filters, and SQLite does the filtering, sorting and counting. Memory in the
 * renderer stays constant whether the roster has 600 or 100,000 cadres.
 */
import type { CadreRow } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { CADRE_SCALAR_COLUMNS } from './columns';
import { countCadreRows, IN_HISTORY, IN_ROSTER, SEARCH_TERM, selectCadreRows, type RowQuery } from './cadres';
import { UNIT_SUBTREE_CTE } from '../units/api';

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

export function rosterPage(db: Database, req: PageRequest): { rows: CadreRow[]; total: number } {
  const base = rosterWhere(req);
  const orderBy = (req.sort ?? []).map(s => `${columnExpr(s.colId, 'sort')} ${s.sort === 'desc' ? 'DESC' : 'ASC'}`);
  return {
    rows: selectCadreRows(db, { ...base, orderBy, limit: req.limit, offset: req.offset }),
    total: countCadreRows(db, base),
  };
}
