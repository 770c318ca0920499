/** What other areas use of lrmx/: the one door into its internals (the lint forbids any other). */
export { exportLrmxBytes, exportLrmxToDir } from './files';
export { readLrmx } from './read';
export type { LrmxRead } from './read';
