/** What other areas use of lrmx/: the one door into its internals (the lint forbids any other). */
export { commitImport, sha256 } from './commit';
export { exportLrmxBytes, exportLrmxToDir } from './files';
export { planImport } from './plan';
export type { PlanInput } from './plan';
export { readLrmx } from './read';
