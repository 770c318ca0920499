import type { Cadre, CadreRow } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import { formatDate } from '../../../shared/domain/common/dates';
import { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS, selectList } from '../common/cadre-columns';
import { UNIT_ORDER_CTE, UNIT_SUBTREE_CTE } from '../common/unit-tree';

export interface CadreFilter {
  unitId?: number;
  /** Name, pinyin (zs, zhangsan), ID number or post text. */
  search?: string;
  /** List the 回收站 instead of the roster. */
  deleted?: boolean;
}

type RawRow = Omit<CadreRow, 'tags'> & { tags: string | null };

const ROW_SELECT = `c.id AS id, c.unit_id AS unitId, coalesce(u.name, '') AS unit, ${selectList(CADRE_SCALAR_COLUMNS)},
  (SELECT group_concat(tag, char(31)) FROM cadre_tags t WHERE t.cadre_id = c.id) AS tags`;

/** The live roster (or the 回收站), in unit-tree order, optionally narrowed. */
export function listCadres(db: Database, filter: CadreFilter = {}): CadreRow[] {
  const ctes: string[] = [];
  const where = [filter.deleted ? 'c.deleted_at IS NOT NULL' : IN_ROSTER];
  const params: Record<string, unknown> = {};
  if (filter.unitId !== undefined) {
    ctes.push(UNIT_SUBTREE_CTE);
    where.push('c.unit_id IN (SELECT id FROM unit_subtree)');
    params.unitId = filter.unitId;
  }
  const search = filter.search?.trim();
  if (search) {
    where.push(SEARCH_TERM);
    params.q = search;
  }
  return selectCadreRows(db, { ctes, where, params });
}

/**
 * A cadre in the roster (alias c): not in the 回收站 and not left (退休/调出/辞职/去世 are the
 * 历史库). Statistics, reminders and every count of "the roster" use this one condition.
 */
export const IN_ROSTER = "c.deleted_at IS NULL AND c.status = '在职'";

/** A cadre not in the 回收站 (alias c): in the roster or the 历史库, one a record may still name. */
export const NOT_DELETED = 'c.deleted_at IS NULL';

/** A cadre in the 历史库 (alias c): left the roster by an event (退休/调出/辞职/去世), not in the 回收站. */
export const IN_HISTORY = "c.deleted_at IS NULL AND c.status <> '在职'";

/**
 * cadres.name_keys ('zhang san|zhangsan zs', shared/domain/common/pinyin.ts) without its
 * trailing initials: the syllables and the full spelling.
 */
const SPELLED = "rtrim(c.name_keys, 'abcdefghijklmnopqrstuvwxyz0123456789')";

/**
 * The search box: the name, the full pinyin (zhangsan, zhang, san), the ID number or the post
 * contains :q; pinyin initials match from the start of the name ('zs' finds 张三 and 张淑杰, not
 * 李志山), as matchesPinyin does.
 */
export const SEARCH_TERM = `instr(c.name, :q) > 0 OR instr(${SPELLED}, lower(:q)) > 0 OR substr(c.name_keys, length(${SPELLED}) + 1, length(:q)) = lower(:q) OR instr(c.id_number, upper(:q)) > 0 OR instr(c.post, :q) > 0`;

export interface RowQuery {
  ctes?: string[];
  where: string[];
  params?: Record<string, unknown>;
  /** ORDER BY terms over `c`, `u` (unit) and `o` (unit_order); unit-tree order follows them. */
  orderBy?: string[];
}

/**
 * The one query that reads roster rows: callers add CTEs and WHERE terms over
 * the alias `c` (cadres); rows come back in the given order, then unit-tree order.
 */
export function selectCadreRows(db: Database, q: RowQuery): CadreRow[] {
  const order = [...(q.orderBy ?? []), 'o.path IS NULL', 'o.path', 'c.sort_order', 'c.id'];
  const sql = `WITH RECURSIVE ${[UNIT_ORDER_CTE, ...(q.ctes ?? [])].join(',')}
    SELECT ${ROW_SELECT}
      FROM cadres c
      LEFT JOIN units u ON u.id = c.unit_id
      LEFT JOIN unit_order o ON o.id = c.unit_id
     ${whereClause(q.where)}
     ORDER BY ${order.join(', ')}`;
  return (db.prepare(sql).all(q.params ?? {}) as RawRow[]).map(toRow);
}

/** Rows by id, in the order of `ids` (a grid block whose order was decided elsewhere). */
export function cadreRowsByIds(db: Database, ids: readonly number[]): CadreRow[] {
  if (!ids.length) return [];
  const rows = cachedStatement(
    db,
    `SELECT ${ROW_SELECT} FROM cadres c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as RawRow[];
  const byId = new Map(rows.map(r => [r.id, r]));
  return ids.map(id => toRow(byId.get(id)!));
}

export function countCadreRows(db: Database, q: Pick<RowQuery, 'ctes' | 'where' | 'params'>): number {
  const ctes = q.ctes?.length ? `WITH RECURSIVE ${q.ctes.join(',')}` : '';
  const row = db.prepare(`${ctes} SELECT count(*) AS n FROM cadres c ${whereClause(q.where)}`).get(q.params ?? {}) as { n: number };
  return row.n;
}

function whereClause(where: string[]): string {
  return where.length ? `WHERE ${where.map(w => `(${w})`).join(' AND ')}` : '';
}

export function getCadre(db: Database, id: number): Cadre {
  const raw = db
    .prepare(
      `SELECT ${ROW_SELECT}, ${selectList(CADRE_FORM_COLUMNS)}, c.photo IS NOT NULL AS hasPhoto
         FROM cadres c LEFT JOIN units u ON u.id = c.unit_id
        WHERE c.id = ?`,
    )
    .get(id) as (RawRow & Record<string, unknown> & { hasPhoto: number }) | undefined;
  if (!raw) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的干部`);
  const family = db
    .prepare(
      `SELECT relation, name, birth, political_status AS politicalStatus, work
         FROM cadre_family WHERE cadre_id = ? ORDER BY seq, id`,
    )
    .all(id) as Cadre['family'];
  const assessments = db.prepare('SELECT year, grade, note FROM cadre_assessments WHERE cadre_id = ? ORDER BY year').all(id) as Cadre['assessments'];
  return { ...(toRow(raw) as Cadre), ...pick(raw, Object.keys(CADRE_FORM_COLUMNS)), family, assessments, hasPhoto: !!raw.hasPhoto };
}

function toRow(raw: RawRow): CadreRow {
  return { ...raw, tags: raw.tags ? raw.tags.split('\u001f') : [] };
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map(k => [k, obj[k]]));
}

/** Cadres in the roster (not the 历史库 nor the 回收站). */
export function countCadres(db: Database): number {
  return (db.prepare(`SELECT count(*) AS n FROM cadres c WHERE ${IN_ROSTER}`).get() as { n: number }).n;
}

/** Every cadre as an import matches people (RosterMatcher): the 回收站 too, its ID numbers being taken. */
export interface MatchableCadre {
  id: number;
  name: string;
  birth: string;
  idNumber: string;
  deleted: boolean;
  /** In the 历史库: how and when the cadre left ('2025.06 退休'; the status alone without a dated event); null otherwise. */
  left: string | null;
}

export function matchableCadres(db: Database): MatchableCadre[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.birth, c.id_number AS idNumber, c.deleted_at IS NOT NULL AS deleted,
              CASE WHEN ${IN_HISTORY} THEN c.status END AS status,
              CASE WHEN ${IN_HISTORY} THEN (SELECT max(e.date) FROM cadre_events e WHERE e.cadre_id = c.id AND e.kind = c.status AND e.planned = 0) END AS leftOn
         FROM cadres c`,
    )
    .all() as (Omit<MatchableCadre, 'deleted' | 'left'> & { deleted: number; status: string | null; leftOn: string | null })[];
  return rows.map(({ status, leftOn, deleted, ...r }) => ({
    ...r,
    deleted: !!deleted,
    left: status === null ? null : leftOn ? `${formatDate(leftOn.slice(0, 7))} ${status}` : status,
  }));
}

/** The last place in the roster's order (a bulk insert numbers its new cadres after it). */
export function lastCadreSortOrder(db: Database): number {
  return (cachedStatement(db, 'SELECT coalesce(max(sort_order), 0) AS n FROM cadres').get() as { n: number }).n;
}

/** A cadre to insert: any subset of the scalar and form fields, plus its child rows. */
export type NewCadre = Partial<Record<keyof typeof CADRE_SCALAR_COLUMNS | keyof typeof CADRE_FORM_COLUMNS, string>> & {
  name: string;
  unitId: number | null;
  sortOrder?: number;
  tags?: string[];
  family?: Cadre['family'];
  assessments?: Cadre['assessments'];
};

const WRITABLE = { ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS };

/**
 * Returns an inserter bound to prepared statements; call it inside a
 * transaction when inserting many (the demo, an import).
 */
export function cadreInserter(db: Database): (c: NewCadre) => number {
  const keys = Object.keys(WRITABLE) as (keyof typeof WRITABLE)[];
  const insert = db.prepare(
    `INSERT INTO cadres(unit_id, sort_order, ${keys.map(k => WRITABLE[k]).join(', ')})
     VALUES (:unitId, :sortOrder, ${keys.map(k => ':' + k).join(', ')})`,
  );
  const tag = db.prepare('INSERT OR IGNORE INTO cadre_tags(cadre_id, tag) VALUES (?, ?)');
  const family = db.prepare('INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const assessment = db.prepare('INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (?, ?, ?, ?)');
  return c => {
    const params: Record<string, unknown> = { unitId: c.unitId, sortOrder: c.sortOrder ?? 0 };
    for (const k of keys) params[k] = c[k] ?? (k === 'status' ? '在职' : '');
    const id = Number(insert.run(params).lastInsertRowid);
    for (const t of c.tags ?? []) tag.run(id, t);
    (c.family ?? []).forEach((f, i) => family.run(id, i + 1, f.relation, f.name, f.birth, f.politicalStatus, f.work));
    for (const a of c.assessments ?? []) assessment.run(id, a.year, a.grade, a.note);
    return id;
  };
}
