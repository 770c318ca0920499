import type { formRoutes } from '../../shared/routes/form';
import { getCadrePhoto, getFormSettings, saveFamily, saveFormSettings, setCadrePhoto } from './cadre-form';
import type { ServiceContext } from './context';
import type { HandlersOf } from './dispatcher';
import { historyState } from './history';

export function formHandlers({ db }: ServiceContext): HandlersOf<typeof formRoutes> {
  return {
    getCadrePhoto: ({ id }) => getCadrePhoto(db, id),
    setCadrePhoto: ({ id, base64 }) => ({ hasPhoto: setCadrePhoto(db, id, base64).hasPhoto, history: historyState(db) }),
    saveFamily: ({ id, members }) => ({ family: saveFamily(db, id, members).family, history: historyState(db) }),
    getFormSettings: () => getFormSettings(db),
    saveFormSettings: values => saveFormSettings(db, values),
  };
}
