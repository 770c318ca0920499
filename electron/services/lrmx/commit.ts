/**
 * Writes an import plan: one transaction, one undoable operation
 * (withOperation), one audit entry per changed cadre plus one for the run
 * (files with their SHA-256, counts). The plan is computed again inside the
 * transaction, so what is written is what the database holds at that moment;
 * if it differs from the preview the user saw (fingerprint), nothing is
 * written. Any failure leaves the database exactly as before.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import { pinyinKeys } from '../../../shared/domain/common/pinyin';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { withOperation, type OperationSummary } from '../common/operation-log';
import { importLabel } from '../import/api';
import { operatorName } from '../common/settings';
import type { IncomingCadre } from './incoming';
import {
  COLUMN_OF,
  loadCurrent,
  mergedAssessments,
  planImport,
  remarksWithAssessmentText,
  sameStoredValue,
  type ImportMode,
  type ImportPlan,
  type PlanInput,
} from './plan';

export interface CommitOptions {
  mode: ImportMode;
  /** Unit for new cadres (the sources carry no unit); null = 未分配单位. */
  unitId?: number | null;
  /** The preview's fingerprint: refuse if the plan came out differently. */
  fingerprint?: string;
  /** Import the valid records and leave out those with errors (default: any error blocks all). */
  skipInvalid?: boolean;
  /** What 撤销 shows; a default names the counts. */
  label?: string;
  /** For the audit entry of the run: the files and their hashes. */
  sources?: { name: string; sha256: string }[];
  /** Audit action name of the run, e.g. 'import.lrmx'. */
  kind?: string;
}

export interface CommitResult {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: number;
  insertedIds: number[];
  updatedIds: number[];
  plan: ImportPlan;
  operation?: OperationSummary;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

function insertCadre(db: Database, r: IncomingCadre, unitId: number | null): number {
  const cols: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(r.fields)) cols[COLUMN_OF[field as keyof typeof COLUMN_OF]] = value;
  if (r.assessmentText !== undefined) cols.remarks = remarksWithAssessmentText(String(cols.remarks ?? ''), r.assessmentText);
  cols.name_keys = pinyinKeys(String(cols.name));
  cols.unit_id = unitId;
  cols.sort_order = (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM cadres').get() as { n: number }).n;
  if (r.photo) cols.photo = r.photo;
  const names = Object.keys(cols);
  const id = Number(db.prepare(`INSERT INTO cadres(${names.join(', ')}) VALUES (${names.map(n => ':' + n).join(', ')})`).run(cols).lastInsertRowid);
  writeChildren(db, id, r, { family: [], assessments: [] });
  for (const t of r.tags ?? []) db.prepare('INSERT OR IGNORE INTO cadre_tags(cadre_id, tag) VALUES (?, ?)').run(id, t);
  return id;
}

function writeChildren(
  db: Database,
  id: number,
  r: IncomingCadre,
  stored: { family: IncomingCadre['family']; assessments: { year: number; grade: string; note: string }[] },
): void {
  if (r.family && JSON.stringify(r.family) !== JSON.stringify(stored.family)) {
    db.prepare('DELETE FROM cadre_family WHERE cadre_id = ?').run(id);
    const insert = db.prepare('INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (?, ?, ?, ?, ?, ?, ?)');
    r.family.forEach((m, i) => insert.run(id, i + 1, m.relation, m.name, m.birth, m.politicalStatus, m.work));
  }
  if (r.assessments) {
    const merged = mergedAssessments(stored.assessments, r.assessments);
    if (JSON.stringify(merged) === JSON.stringify(stored.assessments)) return;
    db.prepare('DELETE FROM cadre_assessments WHERE cadre_id = ?').run(id);
    const insert = db.prepare('INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (?, ?, ?, ?)');
    for (const a of merged) insert.run(id, a.year, a.grade, a.note);
  }
}

function updateCadre(db: Database, id: number, r: IncomingCadre): void {
  const current = loadCurrent(db, id);
  const cols: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(r.fields)) {
    const col = COLUMN_OF[field as keyof typeof COLUMN_OF];
    if (sameStoredValue(field as keyof typeof COLUMN_OF, String(current.row[col] ?? ''), value)) continue;
    cols[col] = value;
  }
  if (r.assessmentText !== undefined && !('remarks' in r.fields)) {
    const stored = String(current.row.remarks ?? '');
    const after = remarksWithAssessmentText(stored, r.assessmentText);
    if (after !== stored) cols.remarks = after;
  }
  if (cols.name !== undefined) cols.name_keys = pinyinKeys(String(cols.name));
  if (r.photo && !(current.photo && Buffer.compare(current.photo, r.photo) === 0)) cols.photo = r.photo;
  const names = Object.keys(cols);
  if (names.length) {
    db.prepare(`UPDATE cadres SET ${names.map(n => `${n} = :${n}`).join(', ')}, updated_at = ${now} WHERE id = :id`).run({ ...cols, id });
  }
  writeChildren(db, id, r, current);
}

/** Plans again and writes, as one undoable step. Throws AppError (nothing written) on errors or a stale preview. */
export function commitImport(db: Database, inputs: PlanInput[], opts: CommitOptions): CommitResult {
  const unitId = opts.unitId ?? null;
  if (unitId !== null && !db.prepare('SELECT 1 FROM units WHERE id = ?').get(unitId)) {
    throw new AppError('VALIDATION', `单位不存在（编号 ${unitId}）`);
  }
  const preview = planImport(db, inputs, opts.mode);
  const label =
    opts.label ??
    importLabel(
      inputs.length === 1 ? inputs[0].file : `${inputs.length} 个任免审批表文件`,
      preview.counts.new,
      preview.mode === 'update' ? preview.counts.update : 0,
    );
  // One transaction for the change and its run record (withOperation nests as a savepoint).
  return db.transaction((): CommitResult => {
    const result: CommitResult = withOperation(db, { kind: 'import', label }, op => {
      // Planned again inside the transaction: what is written is what the database holds now.
      const plan = planImport(db, inputs, opts.mode);
      if ((opts.fingerprint && opts.fingerprint !== plan.fingerprint) || plan.fingerprint !== preview.fingerprint) {
        throw new AppError('CONFLICT', '预览之后数据已发生变化（或选择的方式不同），未导入。请重新预览后再确认导入。');
      }
      if (plan.counts.error && !opts.skipInvalid) {
        const first = plan.records
          .filter(r => r.action === 'error')
          .slice(0, 3)
          .map(r => `「${r.file}」：${r.problems.find(p => p.severity === 'error')?.message ?? '有错误'}`)
          .join('；');
        throw new AppError('VALIDATION', `未导入：${plan.counts.error} 个文件有错误。${first}`, { plan });
      }
      const insertedIds: number[] = [];
      const updatedIds: number[] = [];
      for (const planned of plan.records) {
        const r = inputs[planned.index].record;
        if (!r) continue;
        if (planned.action === 'new') {
          const id = insertCadre(db, r, unitId);
          op.created(id);
          insertedIds.push(id);
        } else if (planned.action === 'update' && planned.match) {
          op.touch(planned.match.id);
          updateCadre(db, planned.match.id, r);
          updatedIds.push(planned.match.id);
        }
      }
      const counts = {
        inserted: insertedIds.length,
        updated: updatedIds.length,
        unchanged: plan.counts.unchanged,
        skipped: plan.counts.skip,
        errors: plan.counts.error,
      };
      const files = opts.sources ?? inputs.map(i => ({ name: i.file, sha256: '' }));
      audit(db, { entity: 'import', action: opts.kind ?? 'import.lrmx', after: { mode: opts.mode, files, ...counts } });
      return { ...counts, insertedIds, updatedIds, plan };
    });
    recordRun(db, inputs, opts, result);
    return result;
  })();
}

/**
 * The run in import_runs, beside the Excel importer's runs (file name, hash,
 * counts, operator, time, the undoable operation). A batch of files is one
 * run: its name says how many, its hash covers each file's hash in order,
 * and `sheets` lists the file names.
 */
function recordRun(db: Database, inputs: PlanInput[], opts: CommitOptions, r: CommitResult): void {
  const files = opts.sources ?? inputs.map(i => ({ name: i.file, sha256: '' }));
  const name = files.length === 1 ? files[0].name : `${files.length} 个任免审批表文件（${files[0]?.name ?? ''} 等）`;
  const hash =
    files.length === 1
      ? files[0].sha256
      : createHash('sha256')
          .update(files.map(f => f.sha256).join('\n'))
          .digest('hex');
  const warnings = r.plan.records.reduce((n, rec) => n + rec.problems.filter(p => p.severity === 'warning').length, 0);
  db.prepare(
    `INSERT INTO import_runs(operator, file_name, file_hash, sheets, mode, inserted, updated, skipped, unchanged, errors, warnings, operation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    operatorName(db),
    name,
    hash,
    JSON.stringify(files.map(f => f.name)),
    opts.mode,
    r.inserted,
    r.updated,
    r.skipped,
    r.unchanged,
    r.errors,
    warnings,
    r.operation?.id ?? null,
  );
}
