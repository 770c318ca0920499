/**
 * Rules written once in shared/domain and used in several places: each row is
 * one definition and what a user of it actually gets (the grid's columns, the
 * CLI export's default columns, a route's default, a code list, a schema).
 */
import { describe, expect, it } from 'vitest';
import { indicatorSchema, routes } from '../../../shared/contract/api';
import { FINAL_GRADES } from '../../../shared/domain/assessment/codes';
import { ASSESSMENT_TEMPLATES } from '../../../shared/domain/assessment/templates';
import { ASSESSMENT_GRADES } from '../../../shared/domain/roster/codes';
import { STANDARD_ROSTER_COLUMNS, GRID_DEFAULT_COLUMNS } from '../../../shared/domain/roster/fields';
import { DEFAULT_YOUNG_AGE } from '../../../shared/domain/secondment/codes';
import { DEFAULT_EXPORT_COLUMNS } from '../../../electron/services/export/cells';

/** Every indicator of every built-in template, as a saved indicator (ids and place added). */
const templateIndicators = ASSESSMENT_TEMPLATES.flatMap(t => t.indicators.flatMap(i => [i, ...i.children])).map(({ ...indicator }) => {
  delete (indicator as { children?: unknown }).children;
  return indicator;
});

describe('one definition in shared/domain, the same wherever it is used', () => {
  it.each<[string, () => unknown, unknown]>([
    [
      'the roster grid shows the standard 干部名册 columns by default (现任职务 moved beside the name)',
      () => [...GRID_DEFAULT_COLUMNS].sort(),
      [...STANDARD_ROSTER_COLUMNS].sort(),
    ],
    ['a roster export without chosen columns (cadre export roster) has them after 序号', () => DEFAULT_EXPORT_COLUMNS, ['seq', ...STANDARD_ROSTER_COLUMNS]],
    [
      'the roster’s 年度考核结果 codes are the assessment grades, numbered in order',
      () => ASSESSMENT_GRADES,
      FINAL_GRADES.map((name, i) => ({ code: `0${i + 1}`, name })),
    ],
    [
      'every built-in template indicator reads back through the saved indicator’s schema unchanged',
      () => templateIndicators.map(i => indicatorSchema.parse({ id: 1, parentId: null, cadreId: null, level: 1, sortOrder: 0, ...i })),
      templateIndicators.map(i => ({ id: 1, parentId: null, cadreId: null, level: 1, sortOrder: 0, ...i })),
    ],
    [
      'a statistics route given no 年轻干部 age uses the secondment rule’s',
      () =>
        (['secondmentBatchStats', 'villageRotationStats'] as const).map(m => (routes[m].input.parse({ id: 1 }) as { youngThreshold: number }).youngThreshold),
      [DEFAULT_YOUNG_AGE, DEFAULT_YOUNG_AGE],
    ],
  ])('%s', (_what, actual, expected) => {
    expect(actual()).toEqual(expected);
  });

  it('the rows compare real lists, not empty ones', () => {
    expect(STANDARD_ROSTER_COLUMNS).toContain('name');
    expect(FINAL_GRADES[0]).toBe('优秀');
    expect(templateIndicators.length).toBeGreaterThan(10);
  });
});
