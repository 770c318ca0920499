/**
 * The 审计日志 in SQL: filters (cadre, operator, time range, kind of change)
 * become WHERE terms over `audit_log a`, pages come sorted by time (index
 * audit_at, migration 7) and counted, and each row is put into words
 * (audit-summary.ts). The kind is computed from the stored entity/action with
 * the rule table in shared/domain/audit/text.ts, compiled here to one CASE.
 */
import { AUDIT_KIND_RULES, auditKindText, type AuditKind, type AuditKindRule } from '../../../shared/domain/audit/text';
import { parseDateInput } from '../../../shared/domain/common/dates';
import { AppError } from '../../../shared/contract/errors';
import type { AuditFilter, AuditRow } from '../../../shared/contract/routes/audit';
import type { Database } from '../../db/database';
import { AuditSummarizer } from './summary';
import type { AuditRefKind } from '../../../shared/domain/audit/fields';
import { cachedStatement } from '../../db/statements';
import { SEARCH_TERM } from '../roster/api';

export type AuditOrder = 'desc' | 'asc';

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

function ruleSql(r: AuditKindRule): string {
  const terms: string[] = [];
  if (r.entity !== undefined) terms.push(`a.entity = ${sqlText(r.entity)}`);
  if (r.actions) terms.push(`a.action IN (${r.actions.map(sqlText).join(', ')})`);
  if (r.actionPrefix !== undefined) terms.push(`substr(a.action, 1, ${r.actionPrefix.length}) = ${sqlText(r.actionPrefix)}`);
  // CASE, not AND: json_type raises on text that is not JSON, and only CASE promises not to evaluate it then.
  const nulled = (side: string, key: string) => `CASE WHEN json_valid(a.${side}) THEN json_type(a.${side}, '$.${key}') END = 'null'`;
  if (r.creates) terms.push(`(a.action = 'create' OR (a.before IS NULL AND a.after IS NOT NULL) OR ${nulled('before', 'name')} OR ${nulled('before', 'id')})`);
  if (r.removes) terms.push(`((a.after IS NULL AND a.before IS NOT NULL) OR ${nulled('after', 'id')})`);
  return terms.length ? terms.join(' AND ') : '1';
}

/** The kind of change of the entry `a`, as SQL (the first matching rule wins). */
export const AUDIT_KIND_SQL = `CASE ${AUDIT_KIND_RULES.map(r => `WHEN ${ruleSql(r)} THEN ${sqlText(r.kind)}`).join(' ')} ELSE 'other' END`;

const TIME_INPUT = /^(.+?)(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/**
 * A local time bound as users write it → the stored form (ISO, UTC).
 * Inclusive: a 'to' of a day means its last millisecond, of a month its last
 * day, of a minute its last second.
 */
export function auditTimeBound(text: string, end: 'from' | 'to'): string {
  const what = end === 'from' ? '起始时间' : '截止时间';
  const shown = text.trim();
  const fail = (why = '') => new AppError('VALIDATION', `${what}「${shown}」无法识别${why}，请写成 2026.11.22、2026.11 或 2026.11.22 08:30`, { field: end });
  const m = TIME_INPUT.exec(shown);
  if (!m) throw fail();
  const date = parseDateInput(m[1]);
  if (!date.ok || !date.value) throw fail(date.ok ? '' : `（${date.message}）`);
  const [y, mo, d] = date.value.split('-').map(Number);
  const hasTime = m[2] !== undefined;
  if (hasTime && d === undefined) throw fail('（给出时刻时请写明日期）');
  const hh = Number(m[2] ?? 0);
  const mi = Number(m[3] ?? 0);
  const ss = Number(m[4] ?? 0);
  if (hh > 23 || mi > 59 || ss > 59) throw fail('（时刻超出范围）');
  let t: Date;
  if (end === 'from') t = new Date(y, mo - 1, d ?? 1, hh, mi, ss, 0);
  else if (!hasTime) t = d === undefined ? new Date(y, mo, 0, 23, 59, 59, 999) : new Date(y, mo - 1, d, 23, 59, 59, 999);
  else t = new Date(y, mo - 1, d, hh, mi, m[4] === undefined ? 59 : ss, 999);
  return t.toISOString();
}

/** Digits up to 12 long name a cadre's 编号; longer ones are ID numbers, searched as text. */
const CADRE_ID = /^\d{1,12}$/;

export interface AuditWhere {
  where: string[];
  params: Record<string, unknown>;
}

export function auditWhere(f: AuditFilter): AuditWhere {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const cadre = f.cadre?.trim();
  if (cadre) {
    where.push("a.entity = 'cadre'");
    if (CADRE_ID.test(cadre)) {
      where.push('a.entity_id = :cadreId');
      params.cadreId = Number(cadre);
    } else {
      // The roster search box's rule, over every cadre ever recorded (the 回收站 too).
      where.push(`a.entity_id IN (SELECT c.id FROM cadres c WHERE ${SEARCH_TERM})`);
      params.q = cadre;
    }
  }
  const operator = f.operator?.trim();
  if (operator) {
    where.push('a.operator = :operator');
    params.operator = operator;
  }
  const from = f.from?.trim() ? auditTimeBound(f.from, 'from') : undefined;
  const to = f.to?.trim() ? auditTimeBound(f.to, 'to') : undefined;
  if (from && to && from > to) throw new AppError('VALIDATION', `起始时间「${f.from!.trim()}」晚于截止时间「${f.to!.trim()}」`);
  if (from) {
    where.push('a.at >= :from');
    params.from = from;
  }
  if (to) {
    where.push('a.at <= :to');
    params.to = to;
  }
  if (f.kind) {
    where.push(`(${AUDIT_KIND_SQL}) = :kind`);
    params.kind = f.kind;
  }
  return { where, params };
}

const whereSql = (w: AuditWhere) => (w.where.length ? `WHERE ${w.where.join(' AND ')}` : '');

export function countAudit(db: Database, w: AuditWhere): number {
  return (db.prepare(`SELECT count(*) AS n FROM audit_log a ${whereSql(w)}`).get(w.params) as { n: number }).n;
}

/** The newest entry's id: exports read up to it, so entries written meanwhile do not shift the pages. */
export function lastAuditId(db: Database): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
}

interface RawRow {
  id: number;
  at: string;
  operator: string;
  entity: string;
  entityId: number | null;
  action: string;
  before: string | null;
  after: string | null;
  kind: AuditKind;
  cadreName: string | null;
}

/** How each kind of referenced record is named, by id. */
const REF_NAME_SQL: Record<AuditRefKind, string> = {
  cadre: 'SELECT name FROM cadres WHERE id = ?',
  unit: 'SELECT name FROM units WHERE id = ?',
  secondment_programme: 'SELECT name FROM secondment_programmes WHERE id = ?',
  secondment_batch: 'SELECT name FROM secondment_batches WHERE id = ?',
  secondment_member: 'SELECT c.name FROM secondment_members m JOIN cadres c ON c.id = m.cadre_id WHERE m.id = ?',
  village: 'SELECT name FROM villages WHERE id = ?',
  village_rotation: 'SELECT name FROM village_rotations WHERE id = ?',
  village_assignment: 'SELECT c.name FROM village_assignments a JOIN cadres c ON c.id = a.cadre_id WHERE a.id = ?',
  assessment_set: 'SELECT name FROM assessment_sets WHERE id = ?',
  assessment_round: 'SELECT name FROM assessment_rounds WHERE id = ?',
  assessment_indicator: 'SELECT name FROM assessment_indicators WHERE id = ?',
};

/** Words for entries, naming referenced records as they are now (looked up once per record). */
export function summarizerFor(db: Database): AuditSummarizer {
  const known = new Map<string, string | null>();
  return new AuditSummarizer((kind, id) => {
    const key = `${kind}:${id}`;
    if (!known.has(key)) known.set(key, (cachedStatement(db, REF_NAME_SQL[kind]).get(id) as { name: string } | undefined)?.name ?? null);
    return known.get(key)!;
  });
}

/** Rows [offset, offset + limit) of the filtered log, in time order. */
export function auditRows(db: Database, w: AuditWhere, page: { offset: number; limit: number; order?: AuditOrder }, words = summarizerFor(db)): AuditRow[] {
  const dir = page.order === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.operator, a.entity, a.entity_id AS entityId, a.action, a.before, a.after,
              ${AUDIT_KIND_SQL} AS kind, c.name AS cadreName
         FROM audit_log a LEFT JOIN cadres c ON a.entity = 'cadre' AND c.id = a.entity_id
         ${whereSql(w)}
        ORDER BY a.at ${dir}, a.id ${dir}
        LIMIT :limit OFFSET :offset`,
    )
    .all({ ...w.params, limit: page.limit, offset: page.offset }) as RawRow[];
  return rows.map(r => ({
    id: r.id,
    at: r.at,
    operator: r.operator,
    kind: r.kind,
    kindText: auditKindText(r.kind, r.action),
    entity: r.entity,
    action: r.action,
    cadreId: r.entity === 'cadre' && r.entityId !== null && r.entityId > 0 ? r.entityId : null,
    target: words.target(r),
    summary: words.summary(r),
  }));
}

export function auditPage(db: Database, f: AuditFilter & { order?: AuditOrder; offset: number; limit: number }): { rows: AuditRow[]; total: number } {
  const w = auditWhere(f);
  return { rows: auditRows(db, w, f), total: countAudit(db, w) };
}

/** Everyone who has stamped the log, most recent first. */
export function auditOperators(db: Database): string[] {
  return (db.prepare('SELECT operator FROM audit_log GROUP BY operator ORDER BY max(at) DESC').all() as { operator: string }[]).map(r => r.operator);
}
