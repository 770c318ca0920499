/** Handlers of shared/contract/routes/events.ts: cadre events (职务变动). */
import type { eventRoutes } from '../../../shared/contract/api';
import { historyState } from '../common/operation-log';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { cancelPlannedEvent, decidePlannedEvent, listEvents, previewEvents, recordEvents } from './events';

export function eventHandlers({ db }: ServiceContext): HandlersOf<typeof eventRoutes> {
  return {
    previewEvents: notice => previewEvents(db, notice),
    recordEvents: notice => ({ events: recordEvents(db, notice), history: historyState(db) }),
    listEvents: ({ cadreId }) => listEvents(db, cadreId),
    decidePlannedEvent: ({ id, ...decision }) => ({ event: decidePlannedEvent(db, id, decision), history: historyState(db) }),
    cancelPlannedEvent: ({ id }) => {
      cancelPlannedEvent(db, id);
      return { history: historyState(db) };
    },
  };
}
