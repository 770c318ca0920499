/**
 * Speed of 工作提醒 and 数据质量 on the bench's generated roster, each beside its floor in
 * the same run: the bare SQL scan of the cadres table reading the same columns (better-sqlite3,
 * no app code). Each must stay within TARGET_RATIO × its floor.
 */
import type { Database } from '../../electron/db/database';
import { DUE_SCAN_SQL, listDue } from '../../electron/services/reminders/due';
import { QUALITY_SCAN_SQL, reviewQuality } from '../../electron/services/reminders/quality';

export const TARGET_RATIO = 3;
const RUNS = 7;

/**
 * Medians of the floor and the figure, timed in turn (floor, figure, floor, …): on a shared,
 * busy machine both meet the same load, so their ratio means something.
 */
function pairedMedians(floor: () => unknown, figure: () => unknown): [number, number] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [fn, xs] of [
      [floor, a],
      [figure, b],
    ] as const) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
  }
  const median = (xs: number[]) => Math.round(xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] * 100) / 100;
  return [median(a), median(b)];
}

/**
 * A few decided events per cadre, as a roster kept with this app would have them: 任职 at
 * 参加工作, 调任 three years before 任现职, 提任 at 任现职 into the current post (with a one-year
 * probation when that was in the last two years). Only when the demo brought none of its own.
 */
export function seedEvents(db: Database): number {
  const has = db.prepare('SELECT count(*) AS n FROM cadre_events').get() as { n: number };
  if (has.n > 0) return has.n;
  db.transaction(() => {
    db.exec(`
      INSERT INTO cadre_events(cadre_id, kind, date, unit_id, post)
        SELECT id, '任职', work_date, unit_id, '科员' FROM cadres WHERE work_date <> '';
      INSERT INTO cadre_events(cadre_id, kind, date, unit_id, post)
        SELECT id, '调任', substr(date(post_date || '-01', '-3 years'), 1, 7), unit_id, '副' || post FROM cadres WHERE post_date <> '' AND post <> '';
      INSERT INTO cadre_events(cadre_id, kind, date, unit_id, post, probation_end)
        SELECT id, '提任', post_date, unit_id, post,
               CASE WHEN post_date >= substr(date('now', '-2 years'), 1, 7) THEN substr(date(post_date || '-01', '+1 year'), 1, 7) ELSE '' END
          FROM cadres WHERE post_date <> '' AND post <> '';
    `);
  })();
  return (db.prepare('SELECT count(*) AS n FROM cadre_events').get() as { n: number }).n;
}

export interface RemindersBench {
  cadres: number;
  events: number;
  reminders: number;
  qualityFindings: number;
  remindersMs: number;
  remindersFloorMs: number;
  remindersRatio: number;
  qualityMs: number;
  qualityFloorMs: number;
  qualityRatio: number;
  pass: boolean;
}

export function benchReminders(db: Database): RemindersBench {
  const events = seedEvents(db);
  const cadres = (db.prepare(DUE_SCAN_SQL).raw().all() as unknown[]).length;
  const reminders = listDue(db).rows.length;
  const qualityFindings = reviewQuality(db).rows.length;
  const [remindersFloorMs, remindersMs] = pairedMedians(
    () => db.prepare(DUE_SCAN_SQL).raw().all(),
    () => listDue(db),
  );
  const [qualityFloorMs, qualityMs] = pairedMedians(
    () => db.prepare(QUALITY_SCAN_SQL).raw().all(),
    () => reviewQuality(db),
  );
  const remindersRatio = Math.round((remindersMs / remindersFloorMs) * 100) / 100;
  const qualityRatio = Math.round((qualityMs / qualityFloorMs) * 100) / 100;
  return {
    cadres,
    events,
    reminders,
    qualityFindings,
    remindersMs,
    remindersFloorMs,
    remindersRatio,
    qualityMs,
    qualityFloorMs,
    qualityRatio,
    pass: remindersRatio <= TARGET_RATIO && qualityRatio <= TARGET_RATIO,
  };
}

export function remindersVerdict(r: RemindersBench): string {
  return (
    `reminders: ${r.cadres} cadres, ${r.events} events; 工作提醒 ${r.remindersMs} ms vs bare scan ${r.remindersFloorMs} ms (${r.remindersRatio}x), ` +
    `数据质量 ${r.qualityMs} ms vs bare scan ${r.qualityFloorMs} ms (${r.qualityRatio}x); target <= ${TARGET_RATIO}x: ${r.pass ? 'PASS' : 'FAIL'}`
  );
}
