/**
 * A drill-down travels to the roster in the address: `#/roster?drill=<JSON>` holds the
 * condition (scope, date, categories), never a list of people, so the link stays short, can be
 * opened again later, and the roster's page request and export carry it as it is.
 */
import type { StatsDrill, StatsScope } from '../../../shared/contract/api';
import { hashParam } from '../router';

export function drillHref(drill: StatsDrill): string {
  return `#/roster?drill=${encodeURIComponent(JSON.stringify(drill))}`;
}

export function openDrill(drill: StatsDrill): void {
  window.location.hash = drillHref(drill);
}

/**
 * The drill-down the address names, or null. Only its shape is looked at here: the service checks
 * it against the contract with every page request (and says in Chinese what is wrong). The page
 * runs no zod parse: zod's eval probe is refused, and reported, by the app's CSP.
 */
export function drillFromHash(hash: string): StatsDrill | null {
  const raw = hashParam(hash, 'drill');
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<StatsDrill> | null;
    return d && typeof d === 'object' && typeof d.refDate === 'string' && typeof d.scope?.kind === 'string' ? (d as StatsDrill) : null;
  } catch {
    return null;
  }
}

/** 统计分析 opened on a scope (the roster's 统计 button): `#/stats?scope=<JSON>`. */
export function statsHref(scope: StatsScope): string {
  return `#/stats?scope=${encodeURIComponent(JSON.stringify(scope))}`;
}

/** The scope the address names, or null; checked by the service with every request, as a drill-down is. */
export function scopeFromHash(hash: string): StatsScope | null {
  const raw = hashParam(hash, 'scope');
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<StatsScope> | null;
    return s && typeof s === 'object' && typeof s.kind === 'string' ? (s as StatsScope) : null;
  } catch {
    return null;
  }
}
