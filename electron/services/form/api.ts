/** What other areas use of form/: the one door into its internals (the lint forbids any other). */
export { getFormSettings, photoMime } from './form';
