/** What other areas use of roster/: the one door into its internals (the lint forbids any other). */
export {
  IN_HISTORY,
  IN_ROSTER,
  NOT_DELETED,
  SEARCH_TERM,
  cadreInserter,
  countCadreRows,
  countCadres,
  getCadre,
  lastCadreSortOrder,
  matchableCadres,
  selectCadreRows,
} from './cadres';
export type { MatchableCadre } from './cadres';
export { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS } from '../common/cadre-columns';
export { insertCadreImage, insertCadreImages, readCadreImage, withCadreIndexesDeferred, writeCadreImage } from '../common/cadre-image';
export type { CadreImage } from '../common/cadre-image';
export { rosterPage, rosterWhere } from './page';
export { compileQuery } from './query';
export { applyCadreChanges } from './writes';
export { listViews } from './views';
export type { CellProblem, FieldValues } from './writes';
export {
  cadreName,
  cadrePhoto,
  cadreResume,
  cadreStanding,
  cadreSummaries,
  cadreSummary,
  countInUnit,
  countsByUnitAndLevel,
  inRosterIds,
  leadershipLevelsInUnit,
  liveCadreIds,
  liveCadreName,
  rosterIds,
  servingInUnit,
} from './lookups';
export type { CadreStanding, CadreSummary, RosterScope } from './lookups';
