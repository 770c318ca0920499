/**
 * Member lists from Excel (.xlsx/.xls/.csv…) into a batch, with the import
 * machinery: the workbook reader, the layout detector (titles, 填报单位 line,
 * multi-row headers, subtotals, footnotes), the header matcher and the row
 * checks of the roster importer. People are matched to the roster by ID
 * number, else name + birth; unmatched people join the roster. Preview first;
 * the commit is one transaction and one undoable step, refused while any row
 * has an error (nothing is half-written) or when the roster changed since.
 */
import { AppError } from '../../../shared/contract/errors';
import type { ImportField, ImportIssue } from '../../../shared/contract/routes/imports';
import type { MemberEditableField, MemberImportPreview, MemberImportRow } from '../../../shared/contract/routes/secondment';
import { overlapMessage, periodsOverlap } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { decodeUpload, uploadName } from '../common/files';
import { PREVIEW_SHELF, type PlanStore } from '../common/plan-store';
import { applyCadreChanges, type FieldValues } from '../roster/api';
import { detectLayout } from '../import/api';
import { matchHeader, normalizeHeader } from '../import/api';
import { readWorkbook } from '../import/api';
import { findDuplicates, makeIssue, normalizeSheetRows } from '../import/api';
import type { RowRecord } from '../import/api';
import { batchScope, checkMemberField, checkMembersWritten, insertMemberFor, type MemberValues } from './members';
import { placementsOf } from './overlap';

/** Member columns by header (normalised); checked before the roster's header words. */
const MEMBER_HEADERS: [RegExp, MemberEditableField | 'period'][] = [
  [/^(派出单位|原单位|原工作单位|所在单位)$/, 'homeUnit'],
  [/^(原任职务|原职务|现任职务|派出单位职务)$/, 'homePost'],
  [/^(挂职单位|挂职岗位单位|接收单位)$/, 'hostUnit'],
  [/^(挂任职务|挂职职务|挂职岗位)$/, 'hostPost'],
  [/^(挂职时间|挂职起止时间|起止时间)$/, 'period'],
  [/^(挂职开始时间|开始时间)$/, 'startDate'],
  [/^(挂职结束时间|结束时间)$/, 'endDate'],
  [/^(临时党支部职务|支部职务)$/, 'branchRole'],
  [/^备注$/, 'notes'],
];
/** Roster fields a member list may carry for matching and for new people. */
const CADRE_FIELDS = new Set<ImportField>([
  'name',
  'gender',
  'birth',
  'idNumber',
  'ethnicity',
  'ftEducation',
  'ftDegree',
  'ptEducation',
  'rank',
  'leadershipLevel',
  'politicalStatus',
  'nativePlace',
  'partyDate',
  'workDate',
]);

interface PlannedRow extends MemberImportRow {
  values: MemberValues;
  cadre: FieldValues;
}

interface StoredPlan {
  batchId: number;
  files: { name: string; bytes: Buffer }[];
  fingerprint: string;
}

const shelfOf = (store: PlanStore) => store.shelf<StoredPlan>('secondment.members', PREVIEW_SHELF);

/** '2021.03—2022.03' / '2021.03-2022.03' / '2021.03至2022.03' → start and end cells. */
function splitPeriod(text: string): [string, string] {
  const m = /^(.+?)\s*(?:--|—+|–|~|～|至|-(?=\s*\d{4}))\s*(.*)$/.exec(text.trim());
  return m ? [m[1], m[2].replace(/^至今$/, '')] : [text.trim(), ''];
}

interface Built {
  rows: PlannedRow[];
  issues: ImportIssue[];
}

function buildRows(db: Database, batchId: number, files: { name: string; bytes: Buffer }[]): Built {
  const batch = db.prepare('SELECT start_date AS s, planned_end_date AS e FROM secondment_batches WHERE id = ?').get(batchId) as
    { s: string; e: string } | undefined;
  if (!batch) throw new AppError('NOT_FOUND', `找不到编号为 ${batchId} 的挂职批次`);
  const issues: ImportIssue[] = [];
  const sink = { push: (i: ImportIssue) => issues.push(i) };
  const rows: PlannedRow[] = [];
  const stored = db.prepare('SELECT id, name, birth, id_number AS idNumber FROM cadres WHERE deleted_at IS NULL').all() as {
    id: number;
    name: string;
    birth: string;
    idNumber: string;
  }[];
  const byId = new Map(stored.filter(c => c.idNumber).map(c => [c.idNumber, c]));
  const byNameBirth = new Map<string, typeof stored>();
  for (const c of stored) {
    const key = `${c.name}\u0000${c.birth.slice(0, 7)}`;
    byNameBirth.set(key, [...(byNameBirth.get(key) ?? []), c]);
  }
  const inBatch = new Set(
    (db.prepare("SELECT cadre_id AS id FROM secondment_members WHERE batch_id = ? AND status <> '已调换'").all(batchId) as { id: number }[]).map(r => r.id),
  );

  for (const file of files) {
    let wb;
    try {
      wb = readWorkbook(file.bytes, file.name);
    } catch (err) {
      issues.push(makeIssue('error', file.name, null, null, null, null, err instanceof Error ? err.message : String(err)));
      continue;
    }
    const records: { rec: RowRecord; member: MemberValues; period: string | null; periodColumn: string | null; sheet: string }[] = [];
    for (const sheet of wb.sheets) {
      if (sheet.visibility !== 'visible') continue;
      const layout = detectLayout(sheet);
      if (!layout.recognised) continue;
      const memberCols: { index: number; letter: string; field: MemberEditableField | 'period' }[] = [];
      const cadreCols: { index: number; letter: string; field: ImportField }[] = [];
      for (const col of layout.columns) {
        const leaf = normalizeHeader(col.path[col.path.length - 1] ?? '');
        const member = MEMBER_HEADERS.find(([re]) => re.test(leaf))?.[1];
        if (member) memberCols.push({ index: col.index, letter: col.letter, field: member });
        else {
          const f = matchHeader(col.path);
          if (f && f !== 'ignore' && CADRE_FIELDS.has(f)) cadreCols.push({ index: col.index, letter: col.letter, field: f });
        }
      }
      const recs = normalizeSheetRows({ file: file.name, sheet: sheet.name, layout, mapped: cadreCols, defaultUnit: null }, sink, () => {}, {
        done: 0,
        total: 0,
      });
      recs.forEach((rec, k) => {
        const r = layout.dataRows[k];
        const member: MemberValues = {};
        let period: string | null = null;
        let periodColumn: string | null = null;
        for (const c of memberCols) {
          const raw = layout.cell(r, c.index);
          if (raw === null || raw === '') continue;
          if (c.field === 'period') {
            period = String(raw);
            periodColumn = c.letter;
            continue;
          }
          const v = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'boolean' ? String(raw) : raw;
          const checked = checkMemberField(c.field, v);
          if (checked.ok) member[c.field] = checked.value;
          else {
            rec.hasError = true;
            issues.push(makeIssue('error', file.name, sheet.name, rec.row, c.letter, c.field, checked.message));
          }
        }
        if (period !== null) {
          const [s, e] = splitPeriod(period);
          for (const [field, text] of [
            ['startDate', s],
            ['endDate', e],
          ] as const) {
            const checked = checkMemberField(field, text);
            if (checked.ok) member[field] = checked.value;
            else {
              rec.hasError = true;
              issues.push(makeIssue('error', file.name, sheet.name, rec.row, periodColumn, field, `挂职时间：${checked.message}`));
            }
          }
        }
        records.push({ rec, member, period, periodColumn, sheet: sheet.name });
      });
    }
    if (records.length === 0)
      issues.push(makeIssue('error', file.name, null, null, null, null, '文件中没有找到名册（没有可识别的表头行，如“姓名、性别、出生年月”）'));
    findDuplicates(
      file.name,
      records.map(r => r.rec),
      sink,
    );
    // findDuplicates reports; mark those rows as errors too.
    const dupRows = new Set(issues.filter(i => i.file === file.name && i.severity === 'error' && i.row !== null).map(i => `${i.sheet}\u0000${i.row}`));

    for (const { rec, member, sheet } of records) {
      const v = rec.values;
      const row: PlannedRow = {
        file: file.name,
        sheet,
        row: rec.row,
        name: v.name ?? '',
        idNumber: v.idNumber ?? '',
        birth: v.birth ?? '',
        action: 'error',
        cadreId: null,
        matchedBy: null,
        hostUnit: String(member.hostUnit ?? ''),
        hostPost: String(member.hostPost ?? ''),
        values: member,
        cadre: { ...v, post: v.post ?? (member.homePost as string | undefined) ?? '' },
      };
      rows.push(row);
      if (rec.hasError || dupRows.has(`${sheet}\u0000${rec.row}`)) continue;
      const fail = (field: string, message: string) =>
        issues.push(makeIssue('error', file.name, sheet, rec.row, rec.columns[field as ImportField] ?? null, field, message));
      let hit: { id: number; name: string } | undefined;
      if (v.idNumber) {
        hit = byId.get(v.idNumber);
        if (hit) row.matchedBy = 'idNumber';
      } else if (v.name && v.birth) {
        const candidates = (byNameBirth.get(`${v.name}\u0000${v.birth.slice(0, 7)}`) ?? []).filter(c => !c.idNumber);
        if (candidates.length > 1) {
          fail('name', `库中有 ${candidates.length} 名同名且出生年月相同的干部，无法确定是哪一位：请填写身份证号`);
          continue;
        }
        hit = candidates[0];
        if (hit) row.matchedBy = 'nameBirth';
      }
      if (!hit && !v.idNumber && !v.birth) {
        fail('birth', '无法与名册比对：请填写身份证号或出生年月');
        continue;
      }
      if (hit) {
        row.cadreId = hit.id;
        if (inBatch.has(hit.id)) {
          row.action = 'already';
          issues.push(makeIssue('warning', file.name, sheet, rec.row, null, 'name', `「${hit.name}」已在本批次中，本行不导入`));
          continue;
        }
        const period = { start: String(member.startDate ?? '') || batch.s, end: String(member.endDate ?? '') || batch.e };
        const other = placementsOf(db, hit.id).find(p => periodsOverlap(period, p.period));
        if (other) {
          fail('name', overlapMessage(other.kind, other.where, other.period, `「${hit.name}」`));
          continue;
        }
        row.action = 'existing';
      } else {
        row.action = 'new';
      }
    }
  }
  return { rows, issues };
}

const fingerprintOf = (rows: PlannedRow[]) => JSON.stringify(rows.map(r => [r.file, r.sheet, r.row, r.action, r.cadreId]));

function previewOf(planId: string, batchId: number, built: Built): MemberImportPreview {
  const count = (a: MemberImportRow['action']) => built.rows.filter(r => r.action === a).length;
  const errorRows = count('error');
  const blocked = errorRows > 0 || built.issues.some(i => i.severity === 'error');
  return {
    planId,
    batchId,
    rows: built.rows.map(({ values: _v, cadre: _c, ...row }) => row),
    issues: built.issues.slice(0, 500),
    counts: { rows: built.rows.length, existing: count('existing'), new: count('new'), already: count('already'), error: errorRows },
    blocked,
  };
}

export function planMemberImport(db: Database, store: PlanStore, batchId: number, uploads: { name: string; base64: string }[]): MemberImportPreview {
  const files = uploads.map(f => ({ name: uploadName(f.name, '未命名.xlsx'), bytes: decodeUpload(f.base64) }));
  const built = buildRows(db, batchId, files);
  const planId = shelfOf(store).put({ batchId, files, fingerprint: fingerprintOf(built.rows) });
  return previewOf(planId, batchId, built);
}

/** Re-reads the previewed files against the roster as it is now, then writes everything or nothing. */
export function commitMemberImport(db: Database, store: PlanStore, planId: string): { added: number; cadresCreated: number; memberIds: number[] } {
  const plans = shelfOf(store);
  const plan = plans.get(planId);
  if (!plan) throw new AppError('NOT_FOUND', '导入预览已过期，请重新选择文件预览');
  const built = buildRows(db, plan.batchId, plan.files);
  const preview = previewOf(planId, plan.batchId, built);
  if (preview.blocked) {
    const first = built.issues.find(i => i.severity === 'error');
    throw new AppError(
      'VALIDATION',
      `未导入：有 ${preview.counts.error} 行存在错误${first ? `（${first.file}${first.sheet ? ` 工作表「${first.sheet}」` : ''}${first.row ? ` 第 ${first.row} 行` : ''}${first.column ? ` ${first.column} 列` : ''}：${first.message}）` : ''}`,
      {
        issues: built.issues,
      },
    );
  }
  if (fingerprintOf(built.rows) !== plan.fingerprint) throw new AppError('CONFLICT', '名册在预览之后有变化，请重新预览后再导入');
  const toAdd = built.rows.filter(r => r.action === 'existing' || r.action === 'new');
  const creates = toAdd.filter(r => r.action === 'new');
  const batch = db.prepare('SELECT b.name FROM secondment_batches b WHERE b.id = ?').get(plan.batchId) as { name: string };
  const memberIds: number[] = [];
  const result = applyCadreChanges(
    db,
    {
      creates: creates.map(r => ({ values: r.cadre })),
      kind: 'import',
      label: `导入「${batch.name}」成员 ${toAdd.length} 名`,
      scope: batchScope(plan.batchId),
    },
    (op, written) => {
      const created = new Map(creates.map((r, i) => [r, written.created[i]]));
      for (const r of toAdd) memberIds.push(insertMemberFor(db, op, plan.batchId, r.cadreId ?? created.get(r)!, r.values));
      checkMembersWritten(db, memberIds);
    },
  );
  plans.delete(planId);
  return { added: memberIds.length, cadresCreated: result.created.length, memberIds };
}
