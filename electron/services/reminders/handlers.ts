import type { reminderRoutes } from '../../../shared/contract/routes/reminders';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { listDue } from './due';
import { reviewQuality } from './quality';
import { exportQuality, exportReminders } from './xlsx';

type Summary = { total: number; overdue: number; months: number };

/**
 * The sidebar asks for the summary on every change of section; at 100,000 cadres the list
 * takes a noticeable moment, so the answer is kept until the day or the data changes (this
 * connection's writes, or another process's: SQLite's data_version).
 */
function summaryOf(db: Database): () => Summary {
  const changes = db.prepare('SELECT total_changes()').pluck();
  let key = '';
  let kept: Summary = { total: 0, overdue: 0, months: 0 };
  return () => {
    const now = `${todayCanonical()}|${db.pragma('data_version', { simple: true })}|${changes.get()}`;
    if (now !== key) {
      const { rows, months } = listDue(db);
      kept = { total: rows.length, overdue: rows.filter(r => r.overdue).length, months };
      key = now;
    }
    return kept;
  };
}

export function reminderHandlers({ db }: ServiceContext): HandlersOf<typeof reminderRoutes> {
  const summary = summaryOf(db);
  return {
    listReminders: input => listDue(db, input),
    reminderSummary: () => summary(),
    exportReminders: input => exportReminders(db, input),
    reviewQuality: () => reviewQuality(db),
    exportQuality: input => exportQuality(db, input),
  };
}
