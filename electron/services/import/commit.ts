/**
 * Writing an import: one transaction, one undoable operation, one run record.
 *
 * The plan shown in the preview is made again against the database as it is
 * now (someone may have edited, added or deleted meanwhile); any error refuses
 * the whole import and nothing is written. Then, inside the same transaction,
 * the target writes its rows as one operation (withOperation: one 撤销 step,
 * every change audited), and the run is recorded in import_runs with one
 * audit entry naming the files, their SHA-256 and the counts.
 */
import crypto from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type { ImportCommitResult, ImportMode, ImportRun } from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { operatorName } from '../common/settings';
import { buildPlan, planIssues, type PlanTarget } from './plan';
import type { ImportPlan } from './types';

/** What 撤销 shows: 导入 花名册.xlsx（新增 3，更新 2）; other targets name themselves. */
export function importLabel(fileName: string, inserted: number, updated: number, target?: { title: string; actions: { new: string; update: string } }): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  if (!target) return `导入 ${base}（新增 ${inserted}，更新 ${updated}）`;
  const counts = [inserted ? `${target.actions.new} ${inserted}` : '', updated ? `${target.actions.update} ${updated}` : ''].filter(Boolean);
  return `导入 ${base} 到${target.title}（${counts.join('，') || '无变化'}）`;
}

/** One file's name, or how many files and the first. */
export function filesLabel(files: readonly { name: string }[]): string {
  if (files.length === 1) return files[0].name;
  return `${files.length} 个文件（${files[0]?.name.replace(/^.*[\\/]/, '') ?? ''} 等）`;
}

/** Page cache of a commit (KiB): a big import's dirty index pages stay in memory until it commits instead of spilling to the WAL again and again. */
const COMMIT_CACHE_KIB = 128 * 1024;

export function commitPlan<C>(db: Database, pt: PlanTarget<C>, previewed: ImportPlan): ImportCommitResult {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${COMMIT_CACHE_KIB}`);
  try {
    return commitTransaction(db, pt, previewed);
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}

function commitTransaction<C>(db: Database, pt: PlanTarget<C>, previewed: ImportPlan): ImportCommitResult {
  return db.transaction((): ImportCommitResult => {
    const plan = buildPlan(db, pt, previewed);
    if (plan.counts.errors > 0) {
      const first = planIssues(plan).filter(x => x.severity === 'error');
      const where = first
        .slice(0, 3)
        .map(x => `${x.sheet ? `「${x.sheet}」` : `「${x.file}」`}${x.row ? `第 ${x.row} 行` : ''}${x.column ? ` ${x.column} 列` : ''}：${x.message}`)
        .join('；');
      throw new AppError('VALIDATION', `导入未执行，数据未修改：有 ${plan.counts.errors} 处错误。${where}`, { errors: first.slice(0, 50) });
    }
    const changedSincePreview = plan.rows.filter((r, k) => {
      const before = previewed.rows[k];
      return !before || before.action !== r.action || before.cadreId !== r.cadreId || before.changes.length !== r.changes.length;
    }).length;

    const fileName = filesLabel(plan.files);
    const writes = pt.target.writes ?? ['new', 'update'];
    const planned = (a: 'new' | 'update') => (writes.includes(a) ? plan.rows.filter(r => r.action === a).length : 0);
    const label = importLabel(fileName, planned('new'), planned('update'), pt.ref.kind === 'roster' ? undefined : pt.info);
    const written = pt.target.commit(db, pt.ctx, plan, { label });

    const counts = plan.counts;
    const hash =
      plan.files.length === 1
        ? plan.files[0].sha256
        : crypto
            .createHash('sha256')
            .update(plan.files.map(f => f.sha256).join('\n'))
            .digest('hex');
    const sheets = plan.sheets.length ? plan.sheets.map(s => s.name) : plan.files.map(f => f.name);
    const runId = Number(
      db
        .prepare(
          `INSERT INTO import_runs(operator, target, file_name, file_hash, sheets, mode, inserted, updated, skipped, unchanged, errors, warnings, operation_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          operatorName(db),
          pt.info.title,
          fileName,
          hash,
          JSON.stringify(sheets),
          plan.options.mode,
          written.inserted,
          written.updated,
          counts.skip,
          counts.unchanged,
          counts.errors,
          counts.warnings,
          written.operation?.id ?? null,
        ).lastInsertRowid,
    );
    audit(db, {
      entity: 'import',
      entityId: runId,
      // The audit page's words: 导入任免审批表 for .lrmx files, 导入 for the rest (the target is in the entry).
      action: plan.files.every(f => /\.lrmx$/i.test(f.name)) ? 'import.lrmx' : 'import',
      after: {
        target: pt.info.title,
        files: plan.files,
        mode: plan.options.mode,
        inserted: written.inserted,
        updated: written.updated,
        unchanged: counts.unchanged,
        skipped: counts.skip,
        warnings: counts.warnings,
      },
    });
    return {
      runId,
      target: pt.info.title,
      inserted: written.inserted,
      updated: written.updated,
      skipped: counts.skip,
      unchanged: counts.unchanged,
      unitsCreated: written.unitsCreated,
      warnings: counts.warnings,
      operation: written.operation,
      changedSincePreview,
    };
  })();
}

export function listImportRuns(db: Database, limit = 100): ImportRun[] {
  const rows = db
    .prepare(
      `SELECT id, at, operator, target, file_name AS fileName, file_hash AS fileHash, sheets, mode, inserted, updated, skipped, unchanged,
              errors, warnings, operation_id AS operationId
         FROM import_runs ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as (Omit<ImportRun, 'sheets' | 'mode'> & { sheets: string; mode: ImportMode })[];
  return rows.map(r => ({ ...r, sheets: safeList(r.sheets) }));
}

function safeList(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
