/** The form opened at a field: #/cadre/12?field=workDate,birth matches the cadre route and carries the fields. */
import { describe, expect, it } from 'vitest';
import { hashParam, matchRoute, pageOfHash } from '../../../renderer/src/router';

const routes = [{ path: 'roster' }, { path: 'cadre/:id' }, { path: 'reminders' }, { path: 'reminders/quality' }];

describe('a ?query after the page', () => {
  it('is not part of the path the routes match (the page keeps it, as the key of a new page)', () => {
    expect(pageOfHash('#/cadre/12?field=workDate,birth')).toBe('cadre/12');
    expect(matchRoute(routes, '#/cadre/12?field=resume')).toEqual({ route: routes[1], id: 12, page: 'cadre/12?field=resume' });
    expect(matchRoute(routes, '#/reminders/quality').route).toBe(routes[3]);
  });

  it('is read as search parameters', () => {
    expect(hashParam('#/cadre/12?field=workDate,birth', 'field')).toBe('workDate,birth');
    expect(hashParam('#/cadre/12', 'field')).toBeNull();
    expect(hashParam('', 'field')).toBeNull();
  });
});
