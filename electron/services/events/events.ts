/**
 * Cadre events (职务变动). One 任免通知 (kind, date, 文号, 任免机关) names one or many
 * cadres, a row each; recording it updates every cadre through the roster's write
 * path (unit, 现任职务, 领导职务层次, 职级, 任现职/任现职级时间, status, 简历) and
 * stores the events, as one undoable step whose audit entry per cadre carries the
 * event's facts. Leaving (退休/调出/辞职/去世) moves the cadre to the 历史库; any
 * other event brings a cadre there back. A plan (拟任/拟免) fills the form's
 * 拟任职务/拟免职务/任免理由 and is recorded when decided.
 *
 * The preview and the write run the same preparation, so the 简历 line shown is
 * the line written (unless the user edited it, and then the edit is written).
 */
import type { CadreEvent, EventNotice, EventPreview, EventRowInput } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import { formatDate, parseDateInput } from '../../../shared/domain/common/dates';
import { isLeaving, takesPost, type EventKind } from '../../../shared/domain/events/kinds';
import { quotaRefusal } from '../../../shared/domain/events/quota';
import { proposedResumeLine, resumeAfterEvent } from '../../../shared/domain/events/resume';
import { describeEvent, eventProblems, postWithout, probationByDefault, probationEnd } from '../../../shared/domain/events/rules';
import { normalizeCadreField } from '../../../shared/domain/roster/cadre-rules';
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';
import type { OperationRecorder } from '../common/operation-log';
import { withOperation } from '../common/operation-log';
import { applyCadreChanges, cadreStanding, type FieldValues } from '../roster/api';
import { liveUnit, quotaOf } from '../units/api';

/** An event row as stored. */
export interface EventRecord {
  cadreId: number;
  kind: EventKind;
  date: string;
  docNo: string;
  authority: string;
  unitId: number | null;
  post: string;
  removedPost: string;
  leadershipLevel: string;
  rank: string;
  probationEnd: string;
  resumeLine: string;
  quotaReason: string;
  note: string;
  planned: boolean;
}

interface Prepared {
  index: number;
  name: string;
  problems: string[];
  quota: string | null;
  /** The roster fields the event changes. */
  values: FieldValues;
  event: EventRecord;
  closes: string[];
  /** In the 职数 before and after: 'unitId:level', or null when not counted. */
  before: string | null;
  after: string | null;
}

/** A field through the roster's own rule; a problem names the field. */
function field(key: 'post' | 'leadershipLevel' | 'rank', raw: string | undefined, label: string, problems: string[]): string {
  const r = normalizeCadreField(key, raw ?? '');
  if (r.ok) return r.value;
  problems.push(`${label}：${r.message}`);
  return '';
}

function prepareRow(db: Database, notice: EventNotice, row: EventRowInput, index: number, date: string): Prepared {
  const problems: string[] = [];
  const cadre = cadreStanding(db, row.cadreId);
  const kind = notice.kind;
  const post = field('post', row.post, '所任职务', problems);
  const removedPost = field('post', row.removedPost, '所免职务', problems);
  const level = field('leadershipLevel', row.leadershipLevel, '领导职务层次', problems);
  const rank = field('rank', row.rank, '职级', problems);
  const empty: Prepared = {
    index,
    name: cadre?.name ?? `编号 ${row.cadreId}`,
    problems,
    quota: null,
    values: {},
    closes: [],
    before: null,
    after: null,
    event: {
      cadreId: row.cadreId,
      kind,
      date,
      docNo: notice.docNo?.trim() ?? '',
      authority: notice.authority?.trim() ?? '',
      unitId: null,
      post,
      removedPost,
      leadershipLevel: level,
      rank,
      probationEnd: '',
      resumeLine: '',
      quotaReason: row.quotaReason?.trim() ?? '',
      note: row.note?.trim() ?? '',
      planned: !!notice.planned,
    },
  };
  if (!cadre) return { ...empty, problems: [...problems, `找不到编号为 ${row.cadreId} 的干部`] };
  if (cadre.deleted) problems.push('该干部在回收站中，请先恢复');
  if (isLeaving(kind) && cadre.status !== '在职') problems.push(`该干部已${cadre.status}，在历史库中`);
  problems.push(...eventProblems({ kind, date, post, removedPost, rank }));
  let unitId = cadre.unitId;
  const takes = takesPost(kind) && post !== '';
  if (takes && row.unitId) {
    try {
      unitId = liveUnit(db, row.unitId).id;
    } catch (e) {
      problems.push((e as Error).message);
    }
  }

  const newPost = takes ? post : kind === '免职' ? postWithout(cadre.post, removedPost) : cadre.post;
  const newLevel = takes ? level || cadre.level : kind === '免职' && newPost === '' ? '' : level || cadre.level;
  const newRank = rank || cadre.rank;
  const status = isLeaving(kind) ? kind : '在职';
  const month = date.slice(0, 7);
  const probation = row.probation ?? probationByDefault({ kind, leadershipLevel: newLevel, post });
  const e = { kind, date, post, removedPost, rank };
  const line = row.resumeLine ?? (date ? proposedResumeLine(e, cadre.post) : '');
  const resume = date ? resumeAfterEvent(cadre.resume, e, line) : null;
  if (resume && !resume.ok) problems.push(resume.message);

  const values: FieldValues = {};
  if (notice.planned) {
    values.proposedPost = post;
    values.proposedRemoval = removedPost || (takes ? cadre.post : '');
    if (row.note?.trim()) values.appointmentReason = row.note.trim();
  } else {
    if (unitId !== cadre.unitId) values.unitId = unitId;
    if (newPost !== cadre.post) values.post = newPost;
    if (takes) values.postDate = month;
    if (newLevel !== cadre.level) values.leadershipLevel = newLevel;
    if (newRank !== cadre.rank || kind === '职级晋升') {
      values.rank = newRank;
      values.rankDate = month;
    }
    if (status !== cadre.status) values.status = status;
    if (resume?.ok && resume.text !== cadre.resume) values.resume = resume.text;
  }
  const counted = (inRoster: boolean, u: number | null, l: string) => (inRoster && u !== null && l ? `${u}:${l}` : null);
  return {
    ...empty,
    problems,
    values,
    closes: resume?.ok ? resume.closed : [],
    before: counted(cadre.inRoster, cadre.unitId, cadre.level),
    after: notice.planned ? null : counted(status === '在职', unitId, newLevel),
    event: {
      ...empty.event,
      unitId,
      post: kind === '免职' ? '' : post,
      removedPost: notice.planned ? String(values.proposedRemoval ?? '') : removedPost,
      leadershipLevel: newLevel,
      rank: newRank === cadre.rank && kind !== '职级晋升' ? rank : newRank,
      probationEnd: probation && date ? probationEnd(date) : '',
      resumeLine: resume?.ok ? resume.added : '',
    },
  };
}

/**
 * The 职数 check over the whole notice: per unit and level, those entering minus those
 * leaving it; where that takes filled past approved, every row entering it needs a reason.
 */
function checkQuotas(db: Database, rows: Prepared[]): void {
  const net = new Map<string, { entering: Prepared[]; leaving: number }>();
  const at = (key: string) => net.get(key) ?? net.set(key, { entering: [], leaving: 0 }).get(key)!;
  for (const r of rows) {
    if (r.before === r.after) continue;
    if (r.after) at(r.after).entering.push(r);
    if (r.before) at(r.before).leaving++;
  }
  for (const [key, { entering, leaving }] of net) {
    if (!entering.length) continue;
    const [unitId, level] = [Number(key.split(':')[0]), key.slice(key.indexOf(':') + 1)];
    const { approved, filled } = quotaOf(db, unitId, level);
    if (approved === null) continue;
    const unit = (db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(unitId) as string | undefined) ?? '';
    const refusal = quotaRefusal({ unit, level, approved, filled: filled - leaving, entering: entering.length });
    if (refusal) for (const r of entering) r.quota = refusal;
  }
}

function prepareNotice(db: Database, notice: EventNotice): Prepared[] {
  const parsed = parseDateInput(notice.date);
  const date = parsed.ok ? parsed.value : '';
  const rows = notice.rows.map((row, i) => prepareRow(db, notice, row, i, date));
  if (!parsed.ok) for (const r of rows) r.problems.unshift(`时间：${parsed.message}`);
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.event.cadreId)) r.problems.push('同一名干部在通知中出现了两次');
    seen.add(r.event.cadreId);
  }
  checkQuotas(db, rows);
  return rows;
}

export function previewEvents(db: Database, notice: EventNotice): EventPreview[] {
  return prepareNotice(db, notice).map(r => ({
    cadreId: r.event.cadreId,
    name: r.name,
    resumeLine: r.event.resumeLine,
    closes: r.closes,
    probation: r.event.probationEnd !== '',
    probationEnd: r.event.probationEnd,
    quota: r.quota,
    problems: r.problems,
  }));
}

/** Refuses the notice as a whole, naming each row's first problem. */
function refuseProblems(rows: Prepared[]): void {
  const many = rows.length > 1;
  const where = (r: Prepared) => (many ? `第 ${r.index + 1} 行「${r.name}」` : `「${r.name}」`);
  const broken = rows.filter(r => r.problems.length);
  if (broken.length) {
    const text = broken.slice(0, 3).map(r => `${where(r)}：${r.problems.join('；')}`);
    throw new AppError('VALIDATION', `未登记：${text.join('；')}${broken.length > 3 ? `，共 ${broken.length} 行有问题` : ''}`, {
      problems: broken.map(r => ({ row: r.index, cadreId: r.event.cadreId, messages: r.problems })),
    });
  }
  const over = rows.filter(r => r.quota && !r.event.quotaReason);
  if (over.length) {
    throw new AppError('CONFLICT', `未登记：${over.length > 1 || many ? `${where(over[0])}：` : ''}${over[0].quota}`, {
      quota: over.map(r => ({ row: r.index, cadreId: r.event.cadreId, message: r.quota })),
    });
  }
}

const EVENT_COLUMNS = {
  cadre_id: 'cadreId',
  kind: 'kind',
  date: 'date',
  doc_no: 'docNo',
  authority: 'authority',
  unit_id: 'unitId',
  post: 'post',
  removed_post: 'removedPost',
  leadership_level: 'leadershipLevel',
  rank: 'rank',
  probation_end: 'probationEnd',
  resume_line: 'resumeLine',
  quota_reason: 'quotaReason',
  note: 'note',
} as const satisfies Record<string, keyof EventRecord>;

/** What the cadre's audit entry says about the event. */
function facts(e: EventRecord): Record<string, string> {
  const out: Record<string, string> = { [e.planned ? '拟任免' : '职务变动']: describeEvent(e) };
  if (e.docNo) out.文号 = e.docNo;
  if (e.authority) out.任免机关 = e.authority;
  if (e.probationEnd) out.试用期至 = formatDate(e.probationEnd);
  if (e.quotaReason) out.超职数配备理由 = e.quotaReason;
  if (e.note) out.说明 = e.note;
  return out;
}

/** Inserts the event (or, deciding a plan, turns that row into the event). */
export function writeEvent(db: Database, op: OperationRecorder, e: EventRecord, decides?: number): number {
  const cols = Object.keys(EVENT_COLUMNS) as (keyof typeof EVENT_COLUMNS)[];
  const params = { ...Object.fromEntries(cols.map(c => [c, e[EVENT_COLUMNS[c]]])), planned: e.planned ? 1 : 0 };
  if (decides !== undefined) {
    op.touchRow('cadre_events', decides);
    db.prepare(`UPDATE cadre_events SET ${cols.map(c => `${c} = :${c}`).join(', ')}, planned = :planned WHERE id = :id`).run({ ...params, id: decides });
    return decides;
  }
  // Cached: a data package's merge writes thousands of events in one operation.
  const id = Number(
    cachedStatement(db, `INSERT INTO cadre_events(${cols.join(', ')}, planned) VALUES (${cols.map(c => ':' + c).join(', ')}, :planned)`).run(params)
      .lastInsertRowid,
  );
  op.createdRow('cadre_events', id);
  return id;
}

/** The stored events of these cadres as records, by cadre and date (a data package carries them). */
export function eventRecordsOf(db: Database, cadreIds: readonly number[]): EventRecord[] {
  const cols = Object.entries(EVENT_COLUMNS).map(([c, k]) => `${c} AS ${k}`);
  const rows = db
    .prepare(`SELECT ${cols.join(', ')}, planned FROM cadre_events WHERE cadre_id IN (SELECT value FROM json_each(?)) ORDER BY cadre_id, date, id`)
    .all(JSON.stringify(cadreIds)) as (Omit<EventRecord, 'planned'> & { planned: number })[];
  return rows.map(r => ({ ...r, planned: r.planned === 1 }));
}

function labelOf(notice: EventNotice, rows: Prepared[], decided: boolean): string {
  const who = rows.length === 1 ? `「${rows[0].name}」` : ` ${rows.length} 名干部`;
  const what = notice.planned ? `拟${notice.kind}` : decided ? `决定${notice.kind}` : notice.kind;
  return `${what}${who}${notice.docNo?.trim() && rows.length > 1 ? `（${notice.docNo.trim()}）` : ''}`;
}

/** Records the notice; `decides` turns that plan into the event instead of adding one. */
export function recordEvents(db: Database, notice: EventNotice, decides?: { id: number; clear: FieldValues }): CadreEvent[] {
  const rows = prepareNotice(db, notice);
  refuseProblems(rows);
  const updates = rows.map(r => ({ id: r.event.cadreId, values: { ...r.values, ...(decides?.clear ?? {}) } }));
  const ids: number[] = [];
  applyCadreChanges(db, { updates, kind: 'event', label: labelOf(notice, rows, !!decides) }, op => {
    for (const r of rows) {
      ids.push(writeEvent(db, op, r.event, decides?.id));
      op.note(r.event.cadreId, facts(r.event));
    }
  });
  return eventsById(db, ids);
}

const SELECT_EVENTS = `SELECT e.id, e.cadre_id AS cadreId, e.kind, e.date, e.doc_no AS docNo, e.authority, e.unit_id AS unitId,
  coalesce(u.name, '') AS unit, e.post, e.removed_post AS removedPost, e.leadership_level AS leadershipLevel, e.rank,
  e.probation_end AS probationEnd, e.resume_line AS resumeLine, e.quota_reason AS quotaReason, e.note, e.planned
  FROM cadre_events e LEFT JOIN units u ON u.id = e.unit_id`;

const toEvent = (r: CadreEvent & { planned: number | boolean }): CadreEvent => ({ ...r, planned: !!r.planned });

function eventsById(db: Database, ids: number[]): CadreEvent[] {
  const stmt = db.prepare(`${SELECT_EVENTS} WHERE e.id = ?`);
  return ids.map(id => toEvent(stmt.get(id) as CadreEvent));
}

/** A cadre's events in date order; plans after what was decided. */
export function listEvents(db: Database, cadreId: number): CadreEvent[] {
  if (!cadreStanding(db, cadreId)) throw new AppError('NOT_FOUND', `找不到编号为 ${cadreId} 的干部`);
  return (db.prepare(`${SELECT_EVENTS} WHERE e.cadre_id = ? ORDER BY e.planned, e.date, e.id`).all(cadreId) as CadreEvent[]).map(toEvent);
}

function plannedEvent(db: Database, id: number): CadreEvent {
  const e = db.prepare(`${SELECT_EVENTS} WHERE e.id = ?`).get(id) as CadreEvent | undefined;
  if (!e) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的职务变动`);
  if (!e.planned) throw new AppError('CONFLICT', '这条职务变动已登记，不是待决定的拟任免');
  return toEvent(e);
}

/** The form's 拟任职务/拟免职务/任免理由 a plan filled, cleared where they still say what it wrote. */
function clearPlanFields(db: Database, e: CadreEvent): FieldValues {
  const c = cadreStanding(db, e.cadreId)!;
  const clear: FieldValues = {};
  if (c.proposedPost && c.proposedPost === e.post) clear.proposedPost = '';
  if (c.proposedRemoval && c.proposedRemoval === e.removedPost) clear.proposedRemoval = '';
  if (c.appointmentReason && c.appointmentReason === e.note) clear.appointmentReason = '';
  return clear;
}

export interface Decision {
  date?: string;
  docNo?: string;
  authority?: string;
  probation?: boolean;
  resumeLine?: string;
  quotaReason?: string;
}

/** Decides a plan: the event is recorded as planned, with the decision's date and 文号. */
export function decidePlannedEvent(db: Database, id: number, d: Decision): CadreEvent {
  const e = plannedEvent(db, id);
  const notice: EventNotice = {
    kind: e.kind,
    date: d.date?.trim() || e.date,
    docNo: d.docNo ?? e.docNo,
    authority: d.authority ?? e.authority,
    rows: [
      {
        cadreId: e.cadreId,
        unitId: e.unitId,
        post: e.post,
        removedPost: e.removedPost,
        leadershipLevel: e.leadershipLevel,
        rank: e.rank,
        probation: d.probation,
        resumeLine: d.resumeLine,
        quotaReason: d.quotaReason ?? e.quotaReason,
        note: e.note,
      },
    ],
  };
  return recordEvents(db, notice, { id, clear: clearPlanFields(db, e) })[0];
}

export function cancelPlannedEvent(db: Database, id: number): void {
  const e = plannedEvent(db, id);
  const name = cadreStanding(db, e.cadreId)!.name;
  const clear = clearPlanFields(db, e);
  const drop = (op: OperationRecorder) => {
    op.touchRow('cadre_events', id);
    db.prepare('DELETE FROM cadre_events WHERE id = ?').run(id);
    op.note(e.cadreId, { 取消拟任免: describeEvent(e) });
  };
  const label = `取消拟${e.kind}「${name}」`;
  if (Object.keys(clear).length) applyCadreChanges(db, { updates: [{ id: e.cadreId, values: clear }], kind: 'event', label }, drop);
  else withOperation(db, { kind: 'event', label }, drop);
}
