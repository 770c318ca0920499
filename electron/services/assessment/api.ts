/** What other areas use of assessment/: the one door into its internals (the lint forbids any other). */
export { addDaily } from './daily';
export { finaliseRound } from './finalise';
export { computeGrid } from './grid';
export { roundScope } from './history';
export { saveCells, saveGrades, saveTallies } from './inputs';
export { listParticipants } from './participants';
export { roundTarget } from './score-import';
export { savePersonal } from './personal';
export { saveRound } from './rounds';
export { saveSet } from './sets';
