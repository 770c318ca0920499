/** What other areas use of events/: the one door into its internals (the lint forbids any other). */
export { eventRecordsOf, writeEvent } from './events';
export type { EventRecord } from './events';
