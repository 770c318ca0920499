/** What other areas use of lrmx/: the one door into its internals (the lint forbids any other). */
export { exportLrmxBytes, exportLrmxToDir, renderLrmxFiles, MAX_LRMX_FILES } from './files';
export { readLrmx } from './read';
export type { LrmxRead } from './read';
