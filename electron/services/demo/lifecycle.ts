/**
 * The demo's events and 职数, derived from the roster the generator made so that they
 * agree with it: each cadre's last few 简历 lines become the 任免 events that wrote them
 * (提任 when the new post is more senior, 调任 across units, 任职 otherwise; a 职级晋升
 * at the 任现职级时间), with 文号, and a 试用期 for a recent 提任 at 县处级 or above;
 * the generator's 退休 and 调出 cadres leave by an event (their open 简历 line closed),
 * so they are in the 历史库. 职数 are the leader posts each unit's cadres held, so the
 * posts whose holders left are vacant; one unit is one over, with the recorded reason.
 */
import { probationEnd, atLeastCountyLevel, looksElected } from '../../../shared/domain/events/rules';
import { resumeAfterEvent } from '../../../shared/domain/events/resume';
import { parseResume, renderResume, type ResumeLine } from '../../../shared/domain/roster/resume';
import type { Database } from '../../db/database';
import type { DemoData } from './generate';
import { UNIT_TREE } from './units';

/** Events go back this many months before the demo's today. */
const WINDOW = 6 * 12;
export const OVER_QUOTA_REASON = '援派干部期满回任，经市委常委会研究同意暂时超职数配备，待有空缺时消化';

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const isStudy = (l: ResumeLine) => l.text.endsWith('学习') || l.text.includes('学位');
const LADDER = ['', '副科', '正科', '副处', '正处', '副厅', '正厅'];
/** The 领导职务层次 of each post the unit plans list (the 简历 lines are written from them). */
const POST_LEVELS = new Map(UNIT_TREE.flatMap(u => u.positions.map(p => [p.post, p.level] as const)));

/** How senior a post is: its planned level's step; staff 0; an unknown post by its words. */
function seniority(text: string): number {
  const level = POST_LEVELS.get(text.replace(/（[^）]*）$/, ''));
  if (level !== undefined) return LADDER.indexOf(level);
  return /科员|办事员|干部$/.test(text) ? 0 : /副/.test(text) ? 1 : 2;
}

interface EventRow {
  cadreId: number;
  kind: string;
  date: string;
  unitId: number | null;
  post: string;
  level: string;
  rank: string;
  probationEnd: string;
  resumeLine: string;
  note: string;
}

/** '2019年3月退休' / '2025年6月调出，到…' → '2019-03'. */
function monthIn(remarks: string): string | null {
  const m = /(\d{4})年(\d{1,2})月/.exec(remarks);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}` : null;
}

export function loadLifecycleDemo(db: Database, data: DemoData, unitIds: ReadonlyMap<string, number>, cadreIds: readonly number[], today: string): void {
  const now = monthIndex(today);
  const fullName = new Map(UNIT_TREE.map(u => [u.key, u.full]));
  const events: EventRow[] = [];
  const setResume = db.prepare('UPDATE cadres SET resume = ? WHERE id = ?');

  data.cadres.forEach((c, i) => {
    const cadreId = cadreIds[i];
    const unitId = unitIds.get(c.unitKey) ?? null;
    const full = fullName.get(c.unitKey) ?? '';
    const lines = parseResume(c.resume).lines.filter(l => !isStudy(l));
    lines.forEach((l, j) => {
      const current = l.end === '';
      if (!current && monthIndex(l.start) < now - WINDOW) return;
      const prev = lines[j - 1];
      const kind = !prev ? '任职' : seniority(l.text) > seniority(prev.text) ? '提任' : prev.text.slice(0, 6) === l.text.slice(0, 6) ? '任职' : '调任';
      const level = current ? c.leadershipLevel : '';
      const recent = monthIndex(l.start) >= now - 12;
      events.push({
        cadreId,
        kind,
        date: l.start,
        unitId: current || (full && l.text.startsWith(full)) ? unitId : null,
        post: l.text,
        level,
        rank: '',
        probationEnd: current && recent && kind === '提任' && atLeastCountyLevel(level) && !looksElected(l.text) ? probationEnd(l.start) : '',
        resumeLine: renderResume([{ ...l, end: '', notes: [] }]),
        note: '',
      });
    });
    if (c.rank && c.rankDate && c.rankDate !== c.postDate && monthIndex(c.rankDate) >= now - WINDOW) {
      events.push({
        cadreId,
        kind: '职级晋升',
        date: c.rankDate,
        unitId,
        post: '',
        level: c.leadershipLevel,
        rank: c.rank,
        probationEnd: '',
        resumeLine: '',
        note: '',
      });
    }
    // The generator's 退休 and 调出 leave by an event: into the 历史库, the open 简历 line closed.
    const left = c.status === '退休' || c.status === '调出' ? monthIn(c.remarks) : null;
    if (left) {
      const closed = resumeAfterEvent(c.resume, { kind: c.status as '退休', date: left, post: '', removedPost: '', rank: '' }, '');
      if (closed.ok) setResume.run(closed.text, cadreId);
      events.push({
        cadreId,
        kind: c.status,
        date: left,
        unitId,
        post: '',
        level: c.leadershipLevel,
        rank: '',
        probationEnd: '',
        resumeLine: '',
        note: c.remarks,
      });
    }
  });

  // 文号 numbered per year in date order, as a department's register would.
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.cadreId - b.cadreId));
  const perYear = new Map<string, number>();
  const insert = db.prepare(
    `INSERT INTO cadre_events(cadre_id, kind, date, doc_no, authority, unit_id, post, leadership_level, rank, probation_end, resume_line, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of events) {
    const year = e.date.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const county = atLeastCountyLevel(e.level);
    insert.run(
      e.cadreId,
      e.kind,
      e.date,
      `${county ? '滨委干' : '滨组干'}〔${year}〕${n}号`,
      county ? '中共滨江市委' : '中共滨江市委组织部',
      e.unitId,
      e.post,
      e.level,
      e.rank,
      e.probationEnd,
      e.resumeLine,
      e.note,
    );
  }
  loadQuotas(db, unitIds);
}

/**
 * Each unit's 职数: the leader posts its cadres held when the demo was generated, so the
 * posts of those who have since left (调出, 退休) are the vacancies. The first unit whose
 * 副处 posts are all filled is approved one fewer: over, with the reason on its latest event.
 */
function loadQuotas(db: Database, unitIds: ReadonlyMap<string, number>): void {
  const held = db
    .prepare(
      "SELECT unit_id AS unitId, leadership_level AS level, count(*) AS n, sum(status = '在职') AS filled FROM cadres WHERE leadership_level <> '' AND unit_id IS NOT NULL GROUP BY unit_id, leadership_level",
    )
    .all() as { unitId: number; level: string; n: number; filled: number }[];
  const byUnit = new Map<number, typeof held>();
  for (const h of held) byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), h]);
  const insert = db.prepare("INSERT INTO unit_quotas(unit_id, level, approved, doc, doc_date) VALUES (?, ?, ?, ?, '2019-03')");
  let over = false;
  let n = 0;
  for (const unit of UNIT_TREE) {
    const figures = byUnit.get(unitIds.get(unit.key) ?? -1);
    if (!figures) continue;
    n++;
    for (const f of figures) {
      let approved = f.n;
      if (!over && f.level === '副处' && f.n >= 2 && f.filled === f.n) {
        approved--;
        over = true;
        db.prepare(
          `UPDATE cadre_events SET quota_reason = ? WHERE id = (
             SELECT e.id FROM cadre_events e JOIN cadres c ON c.id = e.cadre_id
              WHERE c.unit_id = ? AND c.leadership_level = ? AND e.unit_id = c.unit_id AND e.leadership_level = c.leadership_level
              ORDER BY e.date DESC, e.id DESC LIMIT 1)`,
        ).run(OVER_QUOTA_REASON, f.unitId, f.level);
      }
      insert.run(f.unitId, f.level, approved, `滨编发〔2019〕${n}号`);
    }
  }
}
