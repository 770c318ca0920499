/**
 * One matching rule for every importer (electron/services/import/match.ts):
 * the same cases through the Excel importer and the .lrmx importer must
 * give the same answer — which stored cadre, matched how, or new, or refused —
 * with the same warning or error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { cadreInserter } from '../../../electron/services/roster/cadres';
import { planImport } from '../../../electron/services/lrmx/plan';
import { readLrmx } from '../../../electron/services/lrmx/read';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import type { ImportIssue, PreviewRow } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { tmpFile, writeSheet } from './fixtures';
import { call, planFile } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
let stored: Record<string, number>;

const ID = {
  zhang: makeIdNumber('210102', '1985-03-12', 11, '男'),
  zhangOther: makeIdNumber('210103', '1985-03-20', 31, '男'),
  li: makeIdNumber('210102', '1990-10-05', 12, '女'),
  wang: makeIdNumber('210104', '1978-01-09', 13, '男'),
  zhao: makeIdNumber('210105', '1970-05-01', 14, '男'),
};

beforeEach(() => {
  tmp = tempDir('cadre-match-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  const insert = cadreInserter(core.db);
  stored = {
    zhang: insert({ unitId: null, name: '张三', gender: '男', birth: '1985-03-12', idNumber: ID.zhang }),
    li: insert({ unitId: null, name: '李四', gender: '女', birth: '1990-10' }), // no ID on record
    zhou1: insert({ unitId: null, name: '周八', gender: '男', birth: '1988-08' }),
    zhou2: insert({ unitId: null, name: '周八', gender: '男', birth: '1988-08' }),
    wang: insert({ unitId: null, name: '王五', gender: '男', birth: '1978-01', idNumber: ID.wang }),
    zhao: insert({ unitId: null, name: '赵六', gender: '男', birth: '1970-05', idNumber: ID.zhao }),
  };
  core.db.prepare("UPDATE cadres SET deleted_at = '2026-01-01' WHERE id = ?").run(stored.wang); // in the 回收站
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

interface Case {
  what: string;
  row: { name: string; gender: string; birth: string; idNumber: string };
  /** Which stored cadre and how, 'new', or 'error'. */
  expect: { cadre: keyof typeof ID | 'zhou1' | null; by?: 'idNumber' | 'nameBirth'; error?: RegExp; warning?: RegExp };
}

const CASES: Case[] = [
  { what: 'same ID', row: { name: '张三', gender: '男', birth: '1985.03', idNumber: ID.zhang }, expect: { cadre: 'zhang', by: 'idNumber' } },
  {
    what: 'no ID in the row, the stored match has one: matched by 姓名 + 出生年月 (the stored ID stays)',
    row: { name: '张三', gender: '男', birth: '1985.03', idNumber: '' },
    expect: { cadre: 'zhang', by: 'nameBirth' },
  },
  {
    what: 'a different ID from the stored match: another person, new, with a warning',
    row: { name: '张三', gender: '男', birth: '1985.03', idNumber: ID.zhangOther },
    expect: { cadre: null, warning: /同名且出生年月相同.*身份证号不同.*另一人/ },
  },
  {
    what: 'an ID no cadre has, the stored match has none: matched by 姓名 + 出生年月 (the import fills it in)',
    row: { name: '李四', gender: '女', birth: '1990.10', idNumber: ID.li },
    expect: { cadre: 'li', by: 'nameBirth' },
  },
  { what: 'neither has an ID', row: { name: '李四', gender: '女', birth: '1990.10', idNumber: '' }, expect: { cadre: 'li', by: 'nameBirth' } },
  {
    what: 'two stored candidates: refused',
    row: { name: '周八', gender: '男', birth: '1988.08', idNumber: '' },
    expect: { cadre: null, error: /2 名同名且出生年月相同.*无法确定/ },
  },
  {
    what: 'an ID held by a cadre in the 回收站: refused',
    row: { name: '王五', gender: '男', birth: '1978.01', idNumber: ID.wang },
    expect: { cadre: null, error: /回收站/ },
  },
  { what: 'a stranger', row: { name: '孙七', gender: '男', birth: '1995.11', idNumber: '' }, expect: { cadre: null } },
  {
    what: 'a known name without ID or birth: new, with a warning',
    row: { name: '赵六', gender: '男', birth: '', idNumber: '' },
    expect: { cadre: null, warning: /库中已有名为「赵六」.*无法确认/ },
  },
];

interface Outcome {
  cadreId: number | null;
  by: 'idNumber' | 'nameBirth' | null;
  error: string | null;
  warning: string | null;
}

async function viaExcel(c: Case, k: number): Promise<Outcome> {
  const file = tmpFile(tmp.dir, `case${k}.xlsx`);
  writeSheet(file, [
    ['姓名', '性别', '出生年月', '身份证号'],
    [c.row.name, c.row.gender, c.row.birth, c.row.idNumber],
  ]);
  const job = await planFile(core, file, { mode: 'update' });
  const { rows } = await call<{ rows: PreviewRow[] }>(core, 'importPreviewRows', { jobId: job.jobId, limit: 10 });
  const { issues } = await call<{ issues: ImportIssue[] }>(core, 'importIssues', { jobId: job.jobId, limit: 10 });
  return {
    cadreId: rows[0].cadreId,
    by: rows[0].matchedBy,
    error: issues.find(i => i.severity === 'error')?.message ?? null,
    warning: issues.find(i => i.severity === 'warning')?.message ?? null,
  };
}

function viaLrmx(c: Case): Outcome {
  const el = (tag: string, v: string) => (v ? `<${tag}>${v}</${tag}>` : '');
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Person>${el('XingMing', c.row.name)}${el('XingBie', c.row.gender)}${el('ChuShengNianYue', c.row.birth.replace('.', ''))}${el('ShenFenZheng', c.row.idNumber)}</Person>`;
  const read = readLrmx(Buffer.from(xml, 'utf8'), 'case.lrmx');
  const [r] = planImport(core.db, [{ file: read.file, record: read.record, problems: read.problems }], 'update').records;
  return {
    cadreId: r.match?.id ?? null,
    by: r.match?.by ?? null,
    error: r.problems.find(p => p.severity === 'error')?.message ?? null,
    warning: r.problems.find(p => p.severity === 'warning')?.message ?? null,
  };
}

describe('the Excel and .lrmx importers match incoming records to the roster by one rule', () => {
  CASES.forEach((c, k) => {
    it(c.what, async () => {
      const excel = await viaExcel(c, k);
      const lrmx = viaLrmx(c);
      for (const got of [excel, lrmx]) {
        // A refused row is matched to nobody.
        expect(got.cadreId).toBe(c.expect.cadre && !c.expect.error ? stored[c.expect.cadre] : null);
        expect(got.by).toBe(c.expect.by ?? null);
        if (c.expect.error) expect(got.error).toMatch(c.expect.error);
        else expect(got.error).toBeNull();
        if (c.expect.warning) expect(got.warning).toMatch(c.expect.warning);
        else expect(got.warning).toBeNull();
      }
      expect(lrmx).toEqual(excel);
    });
  });
});
