/** What other areas use of secondment/: the one door into its internals (the lint forbids any other). */
export { batchTarget } from './import';
export { batchMemberCadreIds, MEMBER_COLUMN } from './members';
export { overlapProblem } from './overlap';
