/**
 * Every assessment route through both doors (the in-process dispatcher and
 * the loopback web host), each over its own database: the same answers,
 * each matching the route's output schema. Files and import previews carry
 * write times and random ids, so for those the shape is compared.
 */
import { describe, expect, it } from 'vitest';
import { routes, type Method, ASSESSMENT_METHODS } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { pageDispatch } from '../../../electron/services/core/dispatcher';
import { answer } from '../../support/dispatch';
import { overHttp, twoDoors } from '../../support/over-http';
import { addBatch, addPeople, names } from './support';

const doors = twoDoors(core => {
  core.db.prepare("INSERT INTO settings(key, value) VALUES ('operator', '测试员')").run();
  const ids = addPeople(
    core.db,
    names(6).map(name => ({ name })),
  );
  addBatch(core.db, ids.slice(0, 4));
});

const normalised = (v: unknown) =>
  JSON.parse(
    JSON.stringify(v)
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
      .replace(/"(planId|base64)":"[^"]*"/g, '"$1":"<x>"'),
  );

const called = new Set<string>();
async function both(method: Method, input: unknown, opts: { shapeOnly?: boolean } = {}): Promise<ApiResult<unknown>> {
  called.add(method);
  const a = await doors.sides[0].core.dispatch(method, input);
  const { body: b } = await overHttp(doors.host, method, input);
  if (opts.shapeOnly) expect(Object.keys(b.ok ? (b.data as object) : b.error).sort()).toEqual(Object.keys(a.ok ? (a.data as object) : a.error).sort());
  else expect(normalised(b)).toEqual(normalised(a));
  if (a.ok) expect(() => routes[method].output.parse(a.data)).not.toThrow();
  return a;
}
const data = <T>(r: ApiResult<unknown>) => answer<T>('the call', r);

describe('assessment routes through both doors', () => {
  it('answer alike from templates to import', async () => {
    await both('listAssessmentTemplates', {});
    const set = data<{ id: number; indicators: { id: number; name: string }[] }>(
      await both('saveAssessmentSet', { name: '挂职考核', year: 2025, scope: { kind: 'batch', ref: '1' }, template: 'de-neng-qin-ji-lian' }),
    );
    await both('saveAssessmentSet', { id: set.id, name: '第四批挂职考核', year: 2025, scope: { kind: 'batch', ref: '1' } });
    await both('listAssessmentSets', {});
    await both('getAssessmentSet', { id: set.id });
    await both('saveAssessmentIndicators', {
      setId: set.id,
      indicators: [
        { name: '工作实绩', weight: 60, method: 'score' },
        { name: '作风', weight: 40, method: 'points', baseScore: 80, addCap: 20, deductCap: 80 },
      ],
    });
    const copy = data<{ id: number }>(await both('copyAssessmentSet', { id: set.id, name: '副本' }));
    await both('deleteAssessmentSet', { id: copy.id });
    const inds = data<{ indicators: { id: number; name: string }[] }>(await both('getAssessmentSet', { id: set.id })).indicators;
    await both('listAssessmentParticipants', { setId: set.id });
    await both('saveAssessmentParticipants', { setId: set.id, add: [5], remove: [4] });
    await both('listPersonalIndicators', { setId: set.id });
    await both('savePersonalIndicators', {
      setId: set.id,
      cadreId: 1,
      overrides: [
        { indicatorId: inds[0].id, weight: 50 },
        { indicatorId: inds[1].id, weight: 50 },
      ],
    });
    const rec = data<{ id: number }>(
      await both('addDailyRecord', { setId: set.id, cadreId: 1, indicatorId: inds[1].id, date: '2025-03-01', points: 3, note: '表扬' }),
    );
    await both('listDailyRecords', { setId: set.id });
    await both('removeDailyRecord', { id: rec.id });
    const round = data<{ id: number }>(await both('saveAssessmentRound', { setId: set.id, name: '期满考核', kind: '专项', year: 2025 }));
    const spare = data<{ id: number }>(await both('saveAssessmentRound', { setId: set.id, name: '作废', kind: '季度', year: 2025 }));
    await both('deleteAssessmentRound', { id: spare.id });
    await both('listAssessmentRounds', { setId: set.id });
    await both('getAssessmentRound', { id: round.id });
    const people = [1, 2, 3, 5];
    await both('saveScores', { roundId: round.id, cells: people.map((cadreId, k) => ({ cadreId, indicatorId: inds[0].id, value: 95 - k * 5 })) });
    await both('saveScores', { roundId: round.id, cells: [{ cadreId: 1, indicatorId: inds[0].id, value: 'x' }] });
    await both('stepRoundHistory', { roundId: round.id, direction: 'undo' });
    await both('stepRoundHistory', { roundId: round.id, direction: 'redo' });
    await both('saveVotes', { roundId: round.id, tallies: [{ cadreId: 1, excellent: 3, competent: 1, basic: 0, incompetent: 0 }] });
    await both('setGrades', { roundId: round.id, grades: [{ cadreId: 2, grade: '称职' }] });
    await both('getScoreGrid', { roundId: round.id });
    await both('exportScoreSheet', { roundId: round.id }, { shapeOnly: true });
    await both('exportGradingTable', { roundId: round.id }, { shapeOnly: true });
    await both('finaliseAssessmentRound', { roundId: round.id });
    await both('unlockAssessmentRound', { roundId: round.id, reason: '复核' });
    expect(ASSESSMENT_METHODS.filter(m => !called.has(m))).toEqual([]);
  });

  it('the page door refuses an export path', async () => {
    const page = pageDispatch(doors.sides[0].core.dispatch);
    expect(await page('exportScoreSheet', { roundId: 1, outPath: '/tmp/x.xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
