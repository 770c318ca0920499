/**
 * A drill-down travels to the roster in the address: `#/roster?drill=<JSON>` holds the
 * condition (scope, date, categories), never a list of people, so the link stays short, can be
 * opened again later, and the roster's page request and export carry it as it is.
 */
import { statsDrillSchema, type StatsDrill } from '../../../shared/contract/api';
import { hashParam } from '../router';

export function drillHref(drill: StatsDrill): string {
  return `#/roster?drill=${encodeURIComponent(JSON.stringify(drill))}`;
}

export function openDrill(drill: StatsDrill): void {
  window.location.hash = drillHref(drill);
}

/** The drill-down the address names, or null (none, or not one this version understands). */
export function drillFromHash(hash: string): StatsDrill | null {
  const raw = hashParam(hash, 'drill');
  if (!raw) return null;
  try {
    const parsed = statsDrillSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
