/** The demo's events, 历史库 and 职数 agree with its roster. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { OVER_QUOTA_REASON } from '../../../electron/services/demo/lifecycle';
import { DEFAULT_DEMO_TODAY } from '../../../electron/services/demo/generate';
import { quotaFigures } from '../../../electron/services/units/quota';
import { retirementBaseAge, retirementDate } from '../../../shared/domain/common/age';
import { parseResume } from '../../../shared/domain/roster/resume';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeAll(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  loadDemo(core.db);
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

interface Row {
  id: number;
  status: string;
  resume: string;
  birth: string;
  gender: '男' | '女';
  post_date: string;
  remarks: string;
}
const cadres = () => core.db.prepare('SELECT id, status, resume, birth, gender, post_date, remarks FROM cadres').all() as Row[];
const events = () =>
  core.db
    .prepare('SELECT cadre_id AS cadreId, kind, date, doc_no AS docNo, resume_line AS resumeLine, probation_end AS probationEnd FROM cadre_events ORDER BY id')
    .all() as {
    cadreId: number;
    kind: string;
    date: string;
    docNo: string;
    resumeLine: string;
    probationEnd: string;
  }[];
const today = DEFAULT_DEMO_TODAY.slice(0, 7);
const yearOn = (ym: string) => `${Number(ym.slice(0, 4)) + 1}${ym.slice(4)}`;

describe('the demo lifecycle', () => {
  it('gives the cadres a few years of events, each 简历 line written by one, with 文号, none after today', () => {
    const all = events();
    const byCadre = new Map(cadres().map(c => [c.id, c]));
    expect(all.length / byCadre.size).toBeGreaterThan(1.5);
    for (const e of all) {
      expect(e.date <= today, `${e.kind} ${e.date}`).toBe(true);
      expect(e.docNo).toMatch(/^滨(委|组)干〔\d{4}〕\d+号$/);
      if (!e.resumeLine) continue;
      const [line] = parseResume(e.resumeLine).lines;
      const resume = parseResume(byCadre.get(e.cadreId)!.resume).lines;
      expect(
        resume.some(l => l.start === line.start && l.text === line.text),
        `${e.resumeLine} in 简历 of ${e.cadreId}`,
      ).toBe(true);
    }
    expect(new Set(all.map(e => e.kind))).toEqual(new Set(['任职', '提任', '调任', '职级晋升', '调出', '退休']));
  });

  it('puts those who left in the 历史库 by an event, their 简历 closed', () => {
    const left = cadres().filter(c => c.status !== '在职');
    expect(left.length).toBeGreaterThan(3);
    const leaving = events().filter(e => e.kind === '退休' || e.kind === '调出');
    for (const c of left) {
      const e = leaving.find(x => x.cadreId === c.id);
      expect(e?.kind).toBe(c.status);
      expect(c.remarks).toContain(`${Number(e!.date.slice(0, 4))}年${Number(e!.date.slice(5, 7))}月`);
      expect(parseResume(c.resume).lines.filter(l => l.end === '')).toEqual([]);
    }
  });

  it('approves 职数 with a few vacancies (the posts of those who left) and one unit over, with its reason', () => {
    const rows = quotaFigures(core.db);
    const over = rows.filter(r => r.over);
    expect(over).toHaveLength(1);
    expect(over[0].reasons.map(r => r.reason)).toEqual([OVER_QUOTA_REASON]);
    const vacant = rows.reduce((n, r) => n + r.vacant, 0);
    expect(vacant).toBeGreaterThan(0);
    expect(vacant).toBeLessThanOrEqual(cadres().filter(c => c.status !== '在职').length);
  });

  it('has a handful falling due within a year: retirement, the end of a 试用期, ten years in post', () => {
    const inRoster = cadres().filter(c => c.status === '在职');
    const retiring = inRoster.filter(c => {
      const r = retirementDate(c.birth, c.gender, retirementBaseAge(c.gender));
      return !!r && r >= today && r <= yearOn(today);
    });
    expect(retiring.length).toBeGreaterThan(0);
    const probation = events().filter(e => e.probationEnd && e.probationEnd >= today && e.probationEnd <= yearOn(today));
    expect(probation.length).toBeGreaterThan(0);
    const tenYearsOn = (ym: string) => `${Number(ym.slice(0, 4)) + 10}${ym.slice(4, 7)}`;
    const tenYears = inRoster.filter(c => c.post_date && tenYearsOn(c.post_date) >= today && tenYearsOn(c.post_date) <= yearOn(today));
    expect(tenYears.length).toBeGreaterThan(0);
  });
});
