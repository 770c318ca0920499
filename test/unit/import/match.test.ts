/**
 * One matching rule for every importer (electron/services/import/match.ts):
 * the same cases through the roster (an Excel row and an .lrmx file), a
 * batch's member list, annual results and a round's scores give the same
 * answer — which stored cadre, matched how, new, or refused — except where the
 * rule itself says a target differs: targets that never add people match a
 * name alone when it is unique, and cannot take a stranger.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter } from '../../../electron/services/roster/cadres';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import type { ImportTarget } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { tmpFile, writeSheet } from './fixtures';
import { call, issuesOf, planFile, rowsOf } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let stored: Record<string, number>;
let targets: Record<string, ImportTarget>;

const ID = {
  zhang: makeIdNumber('210102', '1985-03-12', 11, '男'),
  zhangOther: makeIdNumber('210103', '1985-03-20', 31, '男'),
  li: makeIdNumber('210102', '1990-10-05', 12, '女'),
  wang: makeIdNumber('210104', '1978-01-09', 13, '男'),
  zhao: makeIdNumber('210105', '1970-05-01', 14, '男'),
};

beforeEach(async () => {
  tmp = tempDir('cadre-match-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const insert = cadreInserter(core.db);
  stored = {
    zhang: insert({ unitId: null, name: '张三', gender: '男', birth: '1985-03', idNumber: ID.zhang }),
    li: insert({ unitId: null, name: '李四', gender: '女', birth: '1990-10' }), // no ID on record
    zhou1: insert({ unitId: null, name: '周八', gender: '男', birth: '1988-08' }),
    zhou2: insert({ unitId: null, name: '周八', gender: '男', birth: '1988-08' }),
    wang: insert({ unitId: null, name: '王五', gender: '男', birth: '1978-01', idNumber: ID.wang }),
    zhao: insert({ unitId: null, name: '赵六', gender: '男', birth: '1970-05', idNumber: ID.zhao }),
  };
  core.db.prepare("UPDATE cadres SET deleted_at = '2026-01-01' WHERE id = ?").run(stored.wang); // in the 回收站
  const programme = await call<{ id: number }>(core, 'saveSecondmentProgramme', { name: '京沈对口合作干部交流', partnerPlace: '北京市' });
  const batch = await call<{ id: number }>(core, 'saveSecondmentBatch', { programmeId: programme.id, seq: 1, startDate: '2030.01', plannedEndDate: '2031.01' });
  const set = await call<{ id: number }>(core, 'saveAssessmentSet', { name: '年度考核', year: 2025, scope: { kind: 'all', ref: '' } });
  await call(core, 'saveAssessmentIndicators', { setId: set.id, indicators: [{ name: '工作实绩', weight: 100, method: 'score', maxScore: 100 }] });
  const round = await call<{ id: number }>(core, 'saveAssessmentRound', { setId: set.id, name: '年终', kind: '年度', year: 2025 });
  targets = {
    roster: { kind: 'roster' },
    lrmx: { kind: 'roster' },
    batch: { kind: 'batch', batchId: batch.id },
    annual: { kind: 'annual' },
    round: { kind: 'round', roundId: round.id },
  };
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

type Way = 'roster' | 'lrmx' | 'batch' | 'annual' | 'round';
const ALL: Way[] = ['roster', 'lrmx', 'batch', 'annual', 'round'];
/** Targets that only update people already there. */
const EXISTING_ONLY: Way[] = ['annual', 'round'];

interface Case {
  what: string;
  row: { name: string; gender: string; birth: string; idNumber: string };
  /** Which stored cadre and how, or null (new, or refused); per way where the rule differs. */
  expect: (way: Way) => { cadre: keyof typeof stored | null; by?: 'idNumber' | 'nameBirth' | 'name'; error?: RegExp; warning?: RegExp };
}

const same = (e: ReturnType<Case['expect']>) => () => e;

const CASES: Case[] = [
  {
    what: 'same ID',
    row: { name: '张三', gender: '男', birth: '1985.03', idNumber: ID.zhang },
    expect: same({ cadre: 'zhang', by: 'idNumber' }),
  },
  {
    what: 'no ID in the row, the stored match has one: matched by 姓名 + 出生年月 (the stored ID stays)',
    row: { name: '张三', gender: '男', birth: '1985.03', idNumber: '' },
    expect: same({ cadre: 'zhang', by: 'nameBirth' }),
  },
  {
    what: 'a different ID from the stored match: another person',
    row: { name: '张三', gender: '男', birth: '1985.03', idNumber: ID.zhangOther },
    expect: way =>
      EXISTING_ONLY.includes(way)
        ? { cadre: null, error: /没有此人|不是这一轮考核的干部/ }
        : { cadre: null, warning: /同名且出生年月相同.*身份证号不同.*另一人/ },
  },
  {
    what: 'an ID no cadre has, the stored match has none: matched by 姓名 + 出生年月',
    row: { name: '李四', gender: '女', birth: '1990.10', idNumber: ID.li },
    expect: same({ cadre: 'li', by: 'nameBirth' }),
  },
  { what: 'neither has an ID', row: { name: '李四', gender: '女', birth: '1990.10', idNumber: '' }, expect: same({ cadre: 'li', by: 'nameBirth' }) },
  {
    what: 'two stored candidates: refused',
    row: { name: '周八', gender: '男', birth: '1988.08', idNumber: '' },
    expect: same({ cadre: null, error: /2 名同名且出生年月相同.*无法确定/ }),
  },
  {
    what: 'an ID held by a cadre in the 回收站: refused',
    row: { name: '王五', gender: '男', birth: '1978.01', idNumber: ID.wang },
    // A round's participants leave the 回收站 out: there the ID is nobody's.
    expect: way => ({ cadre: null, error: way === 'round' ? /不是这一轮考核的干部/ : /回收站/ }),
  },
  {
    what: 'a stranger',
    row: { name: '孙七', gender: '男', birth: '1995.11', idNumber: '' },
    expect: way => (EXISTING_ONLY.includes(way) ? { cadre: null, error: /没有此人|不是这一轮考核的干部/ } : { cadre: null }),
  },
  {
    what: 'a known name without ID or birth',
    row: { name: '赵六', gender: '男', birth: '', idNumber: '' },
    expect: way => (way === 'roster' || way === 'lrmx' ? { cadre: null, warning: /库中已有名为「赵六」.*无法确认/ } : { cadre: 'zhao', by: 'name' }),
  },
];

interface Outcome {
  cadreId: number | null;
  by: string | null;
  error: string | null;
  warning: string | null;
}

async function run(way: Way, c: Case, k: number): Promise<Outcome> {
  let file: string;
  if (way === 'lrmx') {
    const el = (tag: string, v: string) => (v ? `<${tag}>${v}</${tag}>` : '');
    file = tmpFile(tmp.dir, `case${k}.lrmx`);
    fs.writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?><Person>${el('XingMing', c.row.name)}${el('XingBie', c.row.gender)}${el('ChuShengNianYue', c.row.birth.replace('.', ''))}${el('ShenFenZheng', c.row.idNumber)}</Person>`,
    );
  } else {
    file = tmpFile(tmp.dir, `case${k}-${way}.xlsx`);
    const extra: Record<string, [string, string]> = { batch: ['挂任职务', '副局长'], annual: ['2024年', '优秀'], round: ['工作实绩', '90'] };
    const [header, value] = extra[way] ?? ['现任职务', '科长'];
    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号', header],
      [c.row.name, c.row.gender, c.row.birth, c.row.idNumber, value],
    ]);
  }
  const job = await planFile(core, file, { mode: 'update' }, targets[way]);
  const [row] = await rowsOf(core, job.jobId);
  const issues = await issuesOf(core, job.jobId);
  return {
    cadreId: row.cadreId,
    by: row.matchedBy,
    error: issues.find(i => i.severity === 'error')?.message ?? null,
    warning: issues.find(i => i.severity === 'warning')?.message ?? null,
  };
}

describe('every importer matches incoming records to the roster by one rule', () => {
  CASES.forEach((c, k) => {
    it(c.what, async () => {
      for (const way of ALL) {
        const want = c.expect(way);
        const got = await run(way, c, k);
        const tag = `${way}: ${JSON.stringify(got)}`;
        // A refused row is matched to nobody.
        expect(got.cadreId, tag).toBe(want.cadre && !want.error ? stored[want.cadre] : null);
        expect(got.by, tag).toBe(want.cadre && !want.error ? (want.by ?? null) : null);
        if (want.error) expect(got.error, tag).toMatch(want.error);
        else expect(got.error, tag).toBeNull();
        if (want.warning) expect(got.warning, tag).toMatch(want.warning);
        else if (!want.error) expect(got.warning, tag).toBeNull();
      }
    });
  });
});
