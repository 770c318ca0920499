/** What other areas use of import/: the one door into its internals (the lint forbids any other). */
export { importError } from './errors';
export { cellText } from './layout';
export { normalizeHeader } from './mapping';
export { RosterMatcher } from './match';
export { familyText } from './targets/roster';
export type { MatchedBy, StoredCadre } from './match';
export { personVocabulary } from './person';
export { defaultShown, matchRecords, shownValue, where } from './plan';
export type { CellValue } from './read';
export type { CommitMeta, FieldSpec, Note, PlanInput, PlannedRows, Target, Vocabulary, Written } from './target';
export type { FieldChange, ImportPlan, PlanRow, RowRecord } from './types';
