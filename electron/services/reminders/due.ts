/**
 * 工作提醒 for the whole roster in one pass: one scan of the cadres in the roster, merged in
 * id order with the leaders' post events and the few grades below 称职; the probation ends,
 * secondments and rounds come from small indexed queries. No query per cadre.
 * The rules are shared/domain/reminders/due.ts.
 */
import {
  compareDue,
  COUNTING_GRADES,
  currentPostStart,
  DEFAULT_HORIZON_MONTHS,
  horizonOf,
  POST_EVENT_KINDS,
  probationDue,
  promotionDue,
  REMINDER_KINDS,
  retirementDue,
  roundDue,
  secondmentDue,
  tenureDue,
  type DueItem,
  type Horizon,
  type PostEvent,
  type ReminderKind,
} from '../../../shared/domain/reminders/due';
import { batchLabel } from '../../../shared/domain/secondment/rules';
import type { ReminderRow } from '../../../shared/contract/routes/reminders';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import { IN_ROSTER } from '../roster/api';

const POST_KINDS_SQL = POST_EVENT_KINDS.map(k => `'${k}'`).join(', ');

/** The columns of a cadre the reminders read, in the scan's order (also the bench's floor). */
export const DUE_SCAN_SQL = `SELECT c.id, c.name, c.unit_id, c.post, c.gender, c.birth, c.leadership_level, c.post_date, c.rank, c.rank_date
  FROM cadres c WHERE ${IN_ROSTER} ORDER BY c.id`;
type CadreCells = [number, string, number | null, string, string, string, string, string, string, string];

export interface DueList {
  date: string;
  until: string;
  months: number;
  rows: ReminderRow[];
  counts: { kind: ReminderKind; count: number; overdue: number }[];
}

/**
 * Rows ordered by their first cell (a cadre id), handed out group by group: the returned
 * function gives the rows of `id`, for ids asked in ascending order (a merge join with the scan).
 */
function groupsById<T extends unknown[]>(rows: Iterable<T>): (id: number) => T[] {
  const it = rows[Symbol.iterator]();
  let next = it.next();
  return id => {
    const out: T[] = [];
    while (!next.done && (next.value[0] as number) < id) next = it.next();
    while (!next.done && next.value[0] === id) {
      out.push(next.value);
      next = it.next();
    }
    return out;
  };
}

type Who = Pick<ReminderRow, 'cadreId' | 'name' | 'unit' | 'post'> & { roundId?: number };
type Push = (item: DueItem | null, who: () => Who) => void;

export function listDue(db: Database, opts: { date?: string; months?: number } = {}): DueList {
  const months = opts.months ?? DEFAULT_HORIZON_MONTHS;
  const h = horizonOf(opts.date ?? todayCanonical(), months);
  const rows: ReminderRow[] = [];
  // `who` is worked out only for the few that fall due.
  const push: Push = (item, who) => {
    if (!item) return;
    const w = who();
    rows.push({ kind: item.kind, ...w, roundId: w.roundId ?? null, due: item.due, overdue: item.overdue, detail: item.detail });
  };
  cadreReminders(db, h, push);
  probationReminders(db, h, push);
  secondmentReminders(db, h, push);
  roundReminders(db, h, push);
  rows.sort((a, b) => compareDue(a, b) || (a.cadreId ?? 0) - (b.cadreId ?? 0) || (a.roundId ?? 0) - (b.roundId ?? 0));
  const counts = REMINDER_KINDS.map(kind => {
    const mine = rows.filter(r => r.kind === kind);
    return { kind, count: mine.length, overdue: mine.filter(r => r.overdue).length };
  });
  return { date: h.ref, until: h.until, months, rows, counts };
}

const NO_GRADES: ReadonlyMap<number, string> = new Map();

/** The cadre columns a reminder row shows, for the queries that join cadres (alias c, units u). */
const WHO_SQL = "c.id AS cadreId, c.name, coalesce(u.name, '') AS unit, c.post";

/**
 * 到龄退休, 任职满5/10年 and 职级晋升 in one scan of the roster, merged in id order with the
 * leaders' post events (an indexed read of a few rows each) and the grades below 称职 (few).
 */
function cadreReminders(db: Database, h: Horizon, push: Push): void {
  const units = new Map(db.prepare('SELECT id, name FROM units').raw().all() as [number, string][]);
  const cadres = db.prepare(DUE_SCAN_SQL).raw().all() as CadreCells[];
  const postEvents = groupsById(
    db
      .prepare(
        `SELECT e.cadre_id, e.date, e.unit_id, e.post FROM cadre_events e
          WHERE e.cadre_id IN (SELECT c.id FROM cadres c WHERE c.leadership_level > '' AND ${IN_ROSTER})
            AND e.planned = 0 AND e.post <> '' AND e.kind IN (${POST_KINDS_SQL})
          ORDER BY e.cadre_id, e.date, e.id`,
      )
      .raw()
      .all() as [number, string, number | null, string][],
  );
  const counting = [...COUNTING_GRADES].map(g => `'${g}'`).join(', ');
  const lowGrades = groupsById(
    db.prepare(`SELECT cadre_id, year, grade FROM cadre_assessments WHERE grade NOT IN (${counting}) ORDER BY cadre_id, year`).raw().all() as [
      number,
      number,
      string,
    ][],
  );
  for (const [id, name, unitId, post, gender, birth, leadershipLevel, postDate, rank, rankDate] of cadres) {
    const who = () => ({ cadreId: id, name, unit: unitId === null ? '' : (units.get(unitId) ?? ''), post });
    push(retirementDue({ birth, gender }, h), who);
    if (leadershipLevel) {
      const events: PostEvent[] = postEvents(id).map(([, date, eventUnit, eventPost]) => ({ date, unitId: eventUnit, post: eventPost }));
      push(tenureDue({ leadershipLevel, start: currentPostStart(postDate, events) }, h), who);
    }
    if (rank && rankDate) {
      const low = lowGrades(id);
      push(promotionDue({ rank, rankDate }, low.length ? new Map(low.map(([, year, grade]) => [year, grade])) : NO_GRADES, h), who);
    }
  }
}

/** Probation ends in the window, of decided events no later post event has superseded. */
function probationReminders(db: Database, h: Horizon, push: Push): void {
  const events = db
    .prepare(
      `SELECT ${WHO_SQL}, e.kind, e.date, e.post AS eventPost, e.probation_end AS probationEnd
         FROM cadre_events e JOIN cadres c ON c.id = e.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE e.probation_end <> '' AND e.probation_end >= :from AND e.probation_end <= :until AND e.planned = 0 AND ${IN_ROSTER}
          AND NOT EXISTS (SELECT 1 FROM cadre_events l
                           WHERE l.cadre_id = e.cadre_id AND l.planned = 0 AND l.post <> '' AND l.kind IN (${POST_KINDS_SQL})
                             AND (l.date > e.date OR (l.date = e.date AND l.id > e.id)))`,
    )
    .all({ from: h.ref.slice(0, 7), until: h.until }) as (Who & { kind: string; date: string; eventPost: string; probationEnd: string })[];
  for (const { kind, date, eventPost, probationEnd, ...who } of events) push(probationDue({ kind, date, post: eventPost, probationEnd }, h), () => who);
}

/** Members still 在岗 whose period (theirs, else the batch's planned one) ends by the horizon. */
function secondmentReminders(db: Database, h: Horizon, push: Push): void {
  const members = db
    .prepare(
      `SELECT ${WHO_SQL}, coalesce(nullif(m.end_date, ''), b.planned_end_date) AS endDate, p.name AS programme, b.name AS batch,
              m.host_unit AS hostUnit, m.host_post AS hostPost
         FROM secondment_members m
         JOIN secondment_batches b ON b.id = m.batch_id
         JOIN secondment_programmes p ON p.id = b.programme_id
         JOIN cadres c ON c.id = m.cadre_id LEFT JOIN units u ON u.id = c.unit_id
        WHERE m.status = '在岗' AND ${IN_ROSTER} AND endDate <> '' AND endDate <= :until`,
    )
    .all({ until: h.until }) as (Who & { endDate: string; programme: string; batch: string; hostUnit: string; hostPost: string })[];
  for (const { endDate, programme, batch, hostUnit, hostPost, ...who } of members) {
    push(secondmentDue({ end: endDate, batch: batchLabel(programme, batch), hostUnit, hostPost }, h), () => who);
  }
}

function roundReminders(db: Database, h: Horizon, push: Push): void {
  const rounds = db
    .prepare(
      `SELECT r.id, r.name, r.end_date AS endDate, r.year, s.name AS setName
         FROM assessment_rounds r JOIN assessment_sets s ON s.id = r.set_id WHERE r.status = 'open'`,
    )
    .all() as { id: number; name: string; endDate: string; year: number; setName: string }[];
  for (const r of rounds) {
    push(roundDue({ name: r.name, set: r.setName, endDate: r.endDate, year: r.year }, h), () => ({
      cadreId: null,
      roundId: r.id,
      name: r.name,
      unit: '',
      post: '',
    }));
  }
}
