/** What other areas use of export/: the one door into its internals (the lint forbids any other). */
export { csvField } from './roster-xlsx';
export { buildRosterXlsx, selectRosterRows } from './roster-xlsx';
export { DEFAULT_EXPORT_COLUMNS } from './cells';
