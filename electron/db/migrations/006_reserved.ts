import type { Migration } from './index';

/**
 * PLACEHOLDER on branch wt-audit only: schema v6 belongs to the assessment
 * branch. It keeps this branch's migration list contiguous so v7 can be
 * tested; drop this file (and its line in index.ts) when merging.
 */
export const m006Reserved: Migration = {
  version: 6,
  name: 'reserved',
  up() {},
};
