import { describe, expect, it } from 'vitest';
import { matchPath, matchRoute, pageOfHash } from '../../../renderer/src/router';

const routes = [{ path: 'roster' }, { path: 'cadre/:id' }, { path: 'batch/:id' }, { path: 'batches' }];

describe('hash routes', () => {
  it('reads the page after #/', () => {
    expect(pageOfHash('#/batch/3')).toBe('batch/3');
    expect(pageOfHash('#batches')).toBe('batches');
    expect(pageOfHash('')).toBe('');
  });
  it(':id takes whole numbers only', () => {
    expect(matchPath('cadre/:id', 'cadre/42')).toEqual({ id: 42 });
    expect(matchPath('cadre/:id', 'cadre/x')).toBeNull();
    expect(matchPath('cadre/:id', 'cadre/4/5')).toBeNull();
    expect(matchPath('cadre/:id', 'cadre')).toBeNull();
  });
  it('finds the route and its id; the page is its key', () => {
    expect(matchRoute(routes, '#/batch/7')).toEqual({ route: routes[2], id: 7, page: 'batch/7' });
    expect(matchRoute(routes, '#/batches').route).toBe(routes[3]);
  });
  it('an unknown or empty hash goes to the first route', () => {
    expect(matchRoute(routes, '#/nowhere')).toEqual({ route: routes[0], id: 0, page: 'roster' });
    expect(matchRoute(routes, '').route).toBe(routes[0]);
    expect(matchRoute(routes, '#/batch/').route).toBe(routes[0]);
  });
});
