import type { rosterRoutes } from '../../shared/api';
import type { ServiceContext } from './context';
import type { HandlersOf } from './dispatcher';
import { getCadre, listCadres } from './cadres';
import { listUnits } from './units';

export function rosterHandlers({ db }: ServiceContext): HandlersOf<typeof rosterRoutes> {
  return {
    listUnits: () => listUnits(db),
    listCadres: filter => listCadres(db, filter),
    getCadre: ({ id }) => getCadre(db, id),
  };
}
