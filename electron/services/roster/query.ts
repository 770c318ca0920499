/**
 * The combined-condition query (组合查询) compiled to SQL: a WHERE fragment over the alias
 * `c` (cadres) with named parameters :p1, :p2, …, so "正处, 45 岁以下, 全日制本科, 有乡镇
 * 工作经历" runs in SQLite instead of loading the roster. No value ever enters the SQL text:
 * user values and code-list names alike are parameters; the only literals are fixed GLOB
 * patterns and numbers written here, and the roster's own scope (IN_ROSTER / IN_HISTORY).
 *
 * Semantics (see shared/domain/roster/query.ts for the language):
 * - only cadres in the roster match (IN_ROSTER: not in the 回收站 nor the 历史库), or with
 *   `history` only those in the 历史库;
 * - age is the completed age at refDate (default `today`) at month precision, as the national
 *   form computes it; it becomes a range on c.birth, so a cadre with no (or a non-canonical)
 *   birth never matches an age or 出生年代 condition;
 * - dates compare as canonical text; when either side is year-month only, on the month;
 *   values that are not dates (入党时间 '民盟') never match before/after/between;
 * - ladders (职级, 领导职务层次, 学历) compare by their order in shared/domain/roster/codes.ts (shared/domain/roster/query.ts
 *   LADDERS, with aliases such as 正处级/县处级正职): atLeast/atMost/between become
 *   `column IN (the names in range)`; a value off the ladder never matches them;
 * - tags are set membership in cadre_tags;
 * - the terms of each group run cheapest first (see Compiler.group);
 * - text matching is literal (instr/substr, never LIKE), so '%' and '_' are plain characters;
 * - `notIn`, `notContains`, `notEquals` and `hasNone` match empty values too;
 * - an empty group matches everyone.
 */
import type { CadreRow } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import {
  GENERATIONS,
  LADDERS,
  isGroup,
  ladderOrder,
  parseCadreQuery,
  queryField,
  type CadreQuery,
  type Condition,
  type Group,
  type LadderField,
} from '../../../shared/domain/roster/query';
import type { Database } from '../../db/database';
import { CADRE_SCALAR_COLUMNS } from '../common/cadre-columns';
import { IN_HISTORY, IN_ROSTER, selectCadreRows } from './cadres';
import { UNIT_ORDER_CTE, UNIT_SUBTREE_CTE } from '../common/unit-tree';

export interface CompiledQuery {
  /** A WHERE fragment over the alias `c` (cadres); always includes IN_ROSTER (or IN_HISTORY). */
  sql: string;
  /** Named parameters for `sql` and `ctes` (:p1, :p2, …). */
  params: Record<string, unknown>;
  /** CTEs `sql` refers to, for a `WITH RECURSIVE` prefix (may be empty). */
  ctes: string[];
}

export interface QueryOptions {
  /** 'YYYY-MM-DD': the age reference when the query has no refDate. */
  today: string;
  /** Search the 历史库 instead of the roster. */
  history?: boolean;
}

/**
 * UNIT_SUBTREE_CTE under its own name and parameter, so a compiled query can be combined
 * with a caller's own unit filter (rosterWhere / listCadres use unit_subtree and :unitId).
 */
const QUERY_UNIT_CTE = (() => {
  const cte = UNIT_SUBTREE_CTE.replaceAll('unit_subtree', 'query_unit_subtree').replaceAll(':unitId', ':p0');
  if (cte === UNIT_SUBTREE_CTE || !cte.includes(':p0')) throw new Error('UNIT_SUBTREE_CTE changed shape');
  return cte;
})();

/** A canonical date ('YYYY-MM' or 'YYYY-MM-DD') in a column: the guard every date term needs. */
const isDate = (expr: string) => `${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'`;

/**
 * The stored spellings (names and aliases) of the ladder steps whose order lies in [lo, hi]
 * (0 = top), so an order comparison becomes `column IN (…)`: the same meaning as mapping each
 * name to its order with a CASE, but SQLite can answer it from an index on the column.
 */
function ladderNames(field: LadderField, lo: number, hi: number): string[] {
  return LADDERS[field].filter(s => s.order >= lo && s.order <= hi).flatMap(s => [s.name, ...s.aliases]);
}

/** Columns of the fields that are not in CADRE_SCALAR_COLUMNS. */
const EXTRA_EXPR: Readonly<Record<string, string>> = {
  resume: 'c.resume',
  unit: "coalesce((SELECT qu.name FROM units qu WHERE qu.id = c.unit_id), '')",
};

function columnOf(field: string): string {
  const col = (CADRE_SCALAR_COLUMNS as Record<string, string>)[field];
  if (col) return `c.${col}`;
  const extra = EXTRA_EXPR[field];
  if (extra) return extra;
  throw new AppError('VALIDATION', `不能按「${field}」查询`);
}

// Month arithmetic: a month index is year * 12 + (month - 1).
const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const ymOf = (i: number) => {
  const clamped = Math.max(0, i);
  return `${String(Math.floor(clamped / 12)).padStart(4, '0')}-${String((clamped % 12) + 1).padStart(2, '0')}`;
};
const nextMonth = (ym: string) => ymOf(monthIndex(ym) + 1);

interface Term {
  sql: string;
  /** Rough cost per row, to order the terms of a group. */
  cost: number;
}

/** Per-row cost: a column test 1, a set lookup 2, text search 3, a search of every 简历 20. */
function costOf(c: Condition): number {
  if (c.field === 'resume') return c.op === 'isEmpty' || c.op === 'isNotEmpty' ? 3 : 20;
  if (c.field === 'tags' || c.field === 'unit') return 2;
  if (c.op === 'contains' || c.op === 'notContains') return 3;
  return 1;
}

class Compiler {
  readonly params: Record<string, unknown> = {};
  readonly ctes: string[] = [];
  private n = 0;

  constructor(private readonly refDate: string) {}

  /** Binds a value and returns its placeholder. */
  p(value: unknown): string {
    const name = `p${++this.n}`;
    this.params[name] = value;
    return `:${name}`;
  }

  list(values: readonly string[]): string {
    return values.map(v => this.p(v)).join(', ');
  }

  /**
   * SQLite evaluates the terms of an AND/OR in the order written, so cheap column tests go
   * first and a scan of every 简历 last: the expensive term then runs only on the rows the
   * cheap ones let through (AND) or did not already accept (OR).
   */
  group(g: Group): Term {
    const parts = g.items.map(item => (isGroup(item) ? this.group(item) : { sql: this.condition(item), cost: costOf(item) }));
    if (!parts.length) return { sql: '1', cost: 0 };
    const ordered = parts.map((t, i) => ({ ...t, i })).sort((a, b) => a.cost - b.cost || a.i - b.i);
    return {
      sql: `(${ordered.map(t => t.sql).join(g.join === 'and' ? ' AND ' : ' OR ')})`,
      cost: parts.reduce((sum, t) => sum + t.cost, 0),
    };
  }

  condition(c: Condition): string {
    const def = queryField(c.field);
    if (!def) throw new AppError('VALIDATION', `没有名为「${c.field}」的查询字段`);
    if (c.field === 'age') return this.age(c);
    if (c.field === 'generation') return this.generation(c);
    if (c.field === 'tags') return this.tags(c);
    switch (def.type) {
      case 'text':
      case 'enum':
        return this.text(c, columnOf(c.field));
      case 'date':
        return this.date(c, columnOf(c.field));
      case 'ladder':
        return this.ladder(c, c.field as LadderField);
      default:
        throw new AppError('VALIDATION', `「${def.label}」不能用「${c.op}」作条件`);
    }
  }

  private str(v: Condition['value']): string {
    return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
  }

  private strs(v: Condition['value']): string[] {
    return Array.isArray(v) ? v : v === undefined ? [] : [String(v)];
  }

  private text(c: Condition, expr: string): string {
    // 身份证号 ends in an upper-case X as stored; match what users type in either case.
    const value = c.field === 'idNumber' ? this.str(c.value).toUpperCase() : this.str(c.value);
    switch (c.op) {
      case 'contains':
        return `instr(${expr}, ${this.p(value)}) > 0`;
      case 'notContains':
        return `instr(${expr}, ${this.p(value)}) = 0`;
      case 'equals':
        return `${expr} = ${this.p(value)}`;
      case 'notEquals':
        return `${expr} <> ${this.p(value)}`;
      case 'startsWith': {
        const p = this.p(value);
        return `substr(${expr}, 1, length(${p})) = ${p}`;
      }
      case 'isEmpty':
        return `trim(${expr}) = ''`;
      case 'isNotEmpty':
        return `trim(${expr}) <> ''`;
      case 'in':
        return `${expr} IN (${this.list(this.strs(c.value))})`;
      case 'notIn':
        return `${expr} NOT IN (${this.list(this.strs(c.value))})`;
      default:
        throw badOp(c);
    }
  }

  /** Column ≥ / ≤ / < / > a canonical date, on the month when either side is year-month only. */
  private dateCmp(expr: string, cmp: '>=' | '<=' | '<' | '>', v: string): string {
    if (v.length === 7) {
      // Against a month, a full date compares on its first 7 characters; expressed on the
      // whole column so an index on it stays usable.
      switch (cmp) {
        case '>=':
          return `${expr} >= ${this.p(v)}`;
        case '<':
          return `${expr} < ${this.p(v)}`;
        case '<=':
          return `${expr} < ${this.p(nextMonth(v))}`;
        case '>':
          return `${expr} >= ${this.p(nextMonth(v))}`;
      }
    }
    return `(CASE WHEN length(${expr}) = 7 THEN ${expr} ${cmp} ${this.p(v.slice(0, 7))} ELSE ${expr} ${cmp} ${this.p(v)} END)`;
  }

  private date(c: Condition, expr: string): string {
    const v = this.str(c.value);
    switch (c.op) {
      case 'before':
        return `(${isDate(expr)} AND ${this.dateCmp(expr, '<', v)})`;
      case 'after':
        return `(${isDate(expr)} AND ${this.dateCmp(expr, '>', v)})`;
      case 'between':
        return `(${isDate(expr)} AND ${this.dateCmp(expr, '>=', v)} AND ${this.dateCmp(expr, '<=', String(c.value2 ?? ''))})`;
      case 'isEmpty':
        return `trim(${expr}) = ''`;
      case 'isNotEmpty':
        return `trim(${expr}) <> ''`;
      default:
        throw badOp(c);
    }
  }

  /**
   * Completed age at the ref month = floor((refMonthIndex − birthMonthIndex) / 12), so
   * min ≤ age ≤ max ⇔ ref − 12·max − 11 ≤ birth ≤ ref − 12·min (month indices), a range on
   * c.birth that SQLite can take from an index. Age is never negative: birth ≤ ref month.
   */
  private age(c: Condition): string {
    const a = Number(c.value);
    const b = Number(c.value2);
    const [min, max] = ((): [number, number | null] => {
      switch (c.op) {
        case 'lt':
          return [0, a - 1];
        case 'lte':
          return [0, a];
        case 'gt':
          return [a + 1, null];
        case 'gte':
          return [a, null];
        case 'equals':
          return [a, a];
        case 'between':
          return [Math.min(a, b), Math.max(a, b)];
        default:
          throw badOp(c);
      }
    })();
    if (max !== null && max < min) return '0';
    const ref = monthIndex(this.refDate);
    const terms = [isDate('c.birth'), `c.birth < ${this.p(ymOf(ref - 12 * min + 1))}`];
    if (max !== null) terms.push(`c.birth >= ${this.p(ymOf(ref - 12 * max - 11))}`);
    return `(${terms.join(' AND ')})`;
  }

  /** 出生年代: 80后 = born 1980–1989. */
  private generation(c: Condition): string {
    const ranges = () =>
      this.strs(c.value).map(name => {
        const g = GENERATIONS.find(x => x.name === name);
        if (!g) throw new AppError('VALIDATION', `「${name}」不是出生年代`);
        return `(c.birth >= ${this.p(String(g.from))} AND c.birth < ${this.p(String(g.from + 10))})`;
      });
    switch (c.op) {
      case 'in':
        return `(${isDate('c.birth')} AND (${ranges().join(' OR ')}))`;
      case 'notIn':
        return `(${isDate('c.birth')} AND NOT (${ranges().join(' OR ')}))`;
      case 'isEmpty':
        return `NOT (${isDate('c.birth')})`;
      case 'isNotEmpty':
        return isDate('c.birth');
      default:
        throw badOp(c);
    }
  }

  private ladder(c: Condition, field: LadderField): string {
    const order = (v: unknown) => {
      const o = ladderOrder(field, String(v ?? ''));
      if (o === null) throw new AppError('VALIDATION', `「${String(v)}」不在「${queryField(field)?.label}」的序列中`);
      return o;
    };
    const inRange = (lo: number, hi: number) => {
      const names = ladderNames(field, lo, hi);
      return names.length ? `${columnOf(field)} IN (${this.list(names)})` : '0';
    };
    const bottom = Math.max(...LADDERS[field].map(s => s.order));
    switch (c.op) {
      // Order 0 is the top: 正处及以上 is every step from 正厅 down to 正处.
      case 'atLeast':
        return inRange(0, order(c.value));
      case 'atMost':
        return inRange(order(c.value), bottom);
      case 'between': {
        const a = order(c.value);
        const b = order(c.value2);
        return inRange(Math.min(a, b), Math.max(a, b));
      }
      case 'in':
      case 'notIn': {
        // A step's aliases are the same step (正处 = 正处级 = 县处级正职); a party-school
        // education is a step of its own, so 大学 never matches 中央党校大学 here.
        const names = this.strs(c.value).flatMap(v => [v, ...(LADDERS[field].find(s => s.name === v)?.aliases ?? [])]);
        return `${columnOf(field)} ${c.op === 'in' ? 'IN' : 'NOT IN'} (${this.list(names)})`;
      }
      default:
        throw badOp(c);
    }
  }

  /**
   * Tags as set membership: `c.id IN (SELECT cadre_id FROM cadre_tags WHERE tag …)`. Same
   * meaning as a correlated EXISTS, but SQLite builds the set once from the tag index
   * instead of probing cadre_tags for every cadre (7 ms instead of 85 ms at 100,000).
   */
  private tags(c: Condition): string {
    const tags = this.strs(c.value);
    const holders = (list: string) => `SELECT qt.cadre_id FROM cadre_tags qt WHERE qt.tag IN (${list})`;
    switch (c.op) {
      case 'hasAny':
        return `c.id IN (${holders(this.list(tags))})`;
      case 'hasNone':
        return `c.id NOT IN (${holders(this.list(tags))})`;
      case 'hasAll':
        return `(${tags.map(t => `c.id IN (${holders(this.p(t))})`).join(' AND ')})`;
      default:
        throw badOp(c);
    }
  }
}

function badOp(c: Condition): AppError {
  return new AppError('VALIDATION', `「${queryField(c.field)?.label ?? c.field}」不能用「${c.op}」作条件`);
}

/**
 * Compiles a query (validated and normalised here, whatever its source: IPC, a saved view,
 * the CLI) into a WHERE fragment over `c`. Throws a VALIDATION AppError with a Chinese message.
 */
export function compileQuery(q: CadreQuery, opts: QueryOptions): CompiledQuery {
  const query = parseCadreQuery(q);
  const refDate = query.refDate ?? opts.today;
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(refDate)) throw new AppError('VALIDATION', `计算年龄的日期「${refDate}」格式不正确`);
  const compiler = new Compiler(refDate);
  const terms = [opts.history ? IN_HISTORY : IN_ROSTER];
  if (query.unitId !== undefined) {
    compiler.ctes.push(QUERY_UNIT_CTE);
    compiler.params.p0 = query.unitId;
    terms.push('c.unit_id IN (SELECT id FROM query_unit_subtree)');
  }
  if (query.where && query.where.items.length) terms.push(compiler.group(query.where).sql);
  return { sql: terms.join(' AND '), params: compiler.params, ctes: compiler.ctes };
}

const withCtes = (ctes: string[]) => `WITH RECURSIVE ${[UNIT_ORDER_CTE, ...ctes].join(',')}`;

/** Ids of the matching cadres, in roster order (unit tree, then sort order, then id). */
export function queryCadreIds(db: Database, q: CadreQuery, opts: QueryOptions): number[] {
  const { sql, params, ctes } = compileQuery(q, opts);
  return db
    .prepare(
      `${withCtes(ctes)}
       SELECT c.id FROM cadres c LEFT JOIN unit_order o ON o.id = c.unit_id
        WHERE ${sql}
        ORDER BY o.path IS NULL, o.path, c.sort_order, c.id`,
    )
    .pluck()
    .all(params) as number[];
}

/** How many cadres match. */
export function countQueryCadres(db: Database, q: CadreQuery, opts: QueryOptions): number {
  const { sql, params, ctes } = compileQuery(q, opts);
  const prefix = ctes.length ? `WITH RECURSIVE ${ctes.join(',')}` : '';
  return db.prepare(`${prefix} SELECT count(*) FROM cadres c WHERE ${sql}`).pluck().get(params) as number;
}

/** The matching cadres as roster rows, in the order listCadres gives them. */
export function queryCadres(db: Database, q: CadreQuery, opts: QueryOptions): CadreRow[] {
  const { sql, params, ctes } = compileQuery(q, opts);
  return selectCadreRows(db, { ctes, where: [sql], params });
}
