/** What other areas use of demo/: the one door into its internals (the lint forbids any other). */
export { loadDemo } from './load';
