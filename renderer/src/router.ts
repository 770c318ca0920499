/**
 * Hash routes (#/roster, #/batch/12): one table of patterns, matched in one place.
 * A pattern is fixed segments and `:id` (a positive whole number). A page may take
 * parameters after `?` (#/cadre/12?field=resume, #/roster?drill=…); they do not take part in matching.
 */

export interface RouteMatch<R> {
  route: R;
  /** The `:id` segment, when the pattern has one. */
  id: number;
  /** The page as written after #/ (a key that changes when the id changes). */
  page: string;
}

/** The page part of a location hash: '#/batch/3' → 'batch/3' (without its ?query). */
export const pageOfHash = (hash: string) => hash.replace(/^#\/?/, '').replace(/\?.*$/, '');

/** A parameter after `?` in the hash: ('#/roster?drill=…', 'drill') → '…'; null when absent. */
export function hashParam(hash: string, name: string): string | null {
  const q = hash.indexOf('?');
  return q < 0 ? null : new URLSearchParams(hash.slice(q + 1)).get(name);
}

export function matchPath(pattern: string, page: string): { id: number } | null {
  const want = pattern.split('/');
  const got = page.split('/');
  if (want.length !== got.length) return null;
  let id = 0;
  for (let i = 0; i < want.length; i++) {
    if (want[i] === ':id') {
      if (!/^\d+$/.test(got[i])) return null;
      id = Number(got[i]);
    } else if (want[i] !== got[i]) return null;
  }
  return { id };
}

/** The first route whose path matches the hash; the fallback route (the first) for anything unknown. */
export function matchRoute<R extends { path: string }>(routes: readonly R[], hash: string): RouteMatch<R> {
  // The page keeps its ?parameters: a new drill-down or field is a new page (and key).
  const page = hash.replace(/^#\/?/, '');
  const path = pageOfHash(hash);
  for (const route of routes) {
    const m = matchPath(route.path, path);
    if (m) return { route, id: m.id, page };
  }
  return { route: routes[0], id: 0, page: routes[0].path };
}
