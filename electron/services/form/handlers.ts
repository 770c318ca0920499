import type { formRoutes } from '../../../shared/contract/routes/form';
import { getCadrePhoto, getFormSettings, saveFamily, saveFormSettings, setCadrePhoto } from './form';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { historyState } from '../common/operation-log';

export function formHandlers({ db }: ServiceContext): HandlersOf<typeof formRoutes> {
  return {
    getCadrePhoto: ({ id }) => getCadrePhoto(db, id),
    setCadrePhoto: ({ id, base64 }) => ({ hasPhoto: setCadrePhoto(db, id, base64).hasPhoto, history: historyState(db) }),
    saveFamily: ({ id, members }) => ({ family: saveFamily(db, id, members).family, history: historyState(db) }),
    getFormSettings: () => getFormSettings(db),
    saveFormSettings: values => saveFormSettings(db, values),
  };
}
