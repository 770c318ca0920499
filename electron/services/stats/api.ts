/** What other areas use of stats/: the one door into its internals (the lint forbids any other). */
export { withDrill } from './drill';
