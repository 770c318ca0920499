/** What other areas use of import/: the one door into its internals (the lint forbids any other). */
export { importLabel } from './commit';
export { cellText, detectLayout } from './layout';
export { matchHeader, normalizeHeader } from './mapping';
export { RosterMatcher } from './match';
export { readWorkbook } from './read';
export type { CellValue } from './read';
export { findDuplicates, makeIssue, normalizeSheetRows } from './rows';
export type { RowRecord } from './types';
