import type { reminderRoutes } from '../../../shared/contract/routes/reminders';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { listDue } from './due';
import { reviewQuality } from './quality';
import { exportQuality, exportReminders } from './xlsx';

export function reminderHandlers({ db }: ServiceContext): HandlersOf<typeof reminderRoutes> {
  return {
    listReminders: input => listDue(db, input),
    reminderSummary: () => {
      const { rows, months } = listDue(db);
      return { total: rows.length, overdue: rows.filter(r => r.overdue).length, months };
    },
    exportReminders: input => exportReminders(db, input),
    reviewQuality: () => reviewQuality(db),
    exportQuality: input => exportQuality(db, input),
  };
}
