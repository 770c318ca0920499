/** What other areas use of events/: the one door into its internals (the lint forbids any other). */
export { recordEvents } from './events';
