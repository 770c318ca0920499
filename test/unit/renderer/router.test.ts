import { describe, expect, it } from 'vitest';
import { hashParam, matchPath, matchRoute, pageOfHash } from '../../../renderer/src/router';
import { drillFromHash, drillHref } from '../../../renderer/src/stats/drill';

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
  it('parameters after ? name a page’s state, not another page', () => {
    const drill = {
      scope: { kind: 'unit' as const, unitId: 3 },
      refDate: '2026-11-01',
      group: 'ageBand' as const,
      categories: ['36-40岁'],
      label: '测试 · 36-40岁',
    };
    const hash = drillHref(drill);
    expect(matchRoute(routes, hash)).toEqual({ route: routes[0], id: 0, page: hash.slice(2) });
    expect(matchRoute(routes, '#/batch/7?x=1')).toMatchObject({ route: routes[2], id: 7 });
    expect(hashParam('#/roster?a=1&b=%E4%B8%AD', 'b')).toBe('中');
    expect(hashParam('#/roster', 'a')).toBeNull();
    expect(drillFromHash(hash)).toEqual(drill);
    expect(drillFromHash('#/roster?drill=%7Bnot%20json')).toBeNull();
    expect(drillFromHash('#/roster?drill=%7B%7D')).toBeNull();
    expect(drillFromHash('#/roster')).toBeNull();
  });
});
