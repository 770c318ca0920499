/**
 * The implementation of every route in shared/contract/api.ts, one factory per area.
 * `Handlers` makes a missing or misspelt method a type error.
 */
import { appHandlers } from '../app/handlers';
import { backupHandlers } from '../backup/handlers';
import type { ServiceContext } from './context';
import type { Handlers } from './dispatcher';
import { exportHandlers } from '../export/handlers';
import { importHandlers } from '../import/handlers';
import { rosterHandlers } from '../roster/handlers';
import { formHandlers } from '../form/handlers';
import { secondmentHandlers } from '../secondment/handlers';
import { assessmentHandlers } from '../assessment/handlers';
import { auditHandlers } from '../audit/handlers';
import { reminderHandlers } from '../reminders/handlers';
import { settingsHandlers } from '../settings/handlers';
import { unitHandlers } from '../units/handlers';
import { eventHandlers } from '../events/handlers';
import { statsHandlers } from '../stats/handlers';
import { packageHandlers } from '../package/handlers';
import { PlanStore } from '../common/plan-store';

/** Called once per opened database (open and every reopen): the plan store starts empty each time. */
export function createHandlers(base: Omit<ServiceContext, 'plans'>): Handlers {
  const ctx: ServiceContext = { ...base, plans: new PlanStore() };
  return {
    ...appHandlers(ctx),
    ...importHandlers(ctx),
    ...rosterHandlers(ctx),
    ...backupHandlers(ctx),
    ...exportHandlers(ctx),
    ...formHandlers(ctx),
    ...secondmentHandlers(ctx),
    ...assessmentHandlers(ctx),
    ...auditHandlers(ctx),
    ...reminderHandlers(ctx),
    ...settingsHandlers(ctx),
    ...unitHandlers(ctx),
    ...eventHandlers(ctx),
    ...statsHandlers(ctx),
    ...packageHandlers(ctx),
  };
}
