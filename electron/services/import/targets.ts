/**
 * Every importer, by the kind of target the route names. Each is a small
 * description on top of the one pipeline (target.ts): the roster and .lrmx
 * persons, a batch's members (secondment/import.ts), a round's scores and
 * 民主测评 tallies (assessment/score-import.ts), annual results and the unit tree.
 */
import type { ImportTarget } from '../../../shared/contract/routes/imports';
import { roundTarget } from '../assessment/api';
import { batchTarget } from '../secondment/api';
import type { Target } from './target';
import { annualTarget } from './targets/annual';
import { rosterTarget } from './targets/roster';
import { unitsTarget } from './targets/units';

/** Each target's context type stays its own; the pipeline only passes it back. */
const erase = <C>(t: Target<C>) => t as unknown as Target<unknown>;

const TARGETS: Record<ImportTarget['kind'], Target<unknown>> = {
  roster: erase(rosterTarget),
  batch: erase(batchTarget),
  round: erase(roundTarget),
  annual: erase(annualTarget),
  units: erase(unitsTarget),
};

export function targetOf(kind: ImportTarget['kind']): Target<unknown> {
  return TARGETS[kind];
}
