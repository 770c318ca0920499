/** What other areas use of roster/: the one door into its internals (the lint forbids any other). */
export {
  IN_HISTORY,
  IN_ROSTER,
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
export { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS } from './columns';
export { insertCadreImage, insertCadreImages, readCadreImage, withCadreIndexesDeferred, writeCadreImage } from './image';
export type { CadreImage } from './image';
export { rosterPage, rosterWhere } from './page';
export { compileQuery } from './query';
export { applyCadreChanges } from './writes';
export { listViews } from './views';
export type { CellProblem, FieldValues } from './writes';
