/** What other areas use of export/: the one door into its internals (the lint forbids any other). */
export { csvField } from './roster-xlsx';
