/**
 * Writing an import: one transaction, one undoable operation.
 *
 * The plan shown in the preview is re-computed against the database as it is
 * now (someone may have edited, added or deleted cadres meanwhile); any error
 * refuses the whole import and nothing is written. Then, inside the same
 * transaction: the units to create, every insert and update inside
 * withOperation (kind 'import', so 撤销 undoes the whole import as one step and
 * every changed cadre is audited), and the import_runs record.
 *
 * New cadres take the bulk path: each is inserted from the image the undo log
 * keeps (built from the values written, never read back). Units the import
 * created are logged with the operation: 撤销 removes them again when nothing
 * else refers to them, 重做 recreates them.
 */
import { AppError } from '../../../shared/contract/errors';
import type { ImportCommitResult, ImportMode, ImportRun } from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { insertCadreImage, type CadreImage } from '../roster/api';
import { withOperation } from '../common/operation-log';
import { operatorName } from '../common/settings';
import { buildPlan, COLUMN_OF, planIssues } from './plan';
import type { ImportPlan, PlanRow, RowRecord, UnitRef } from './types';
import type { EditableCadreField } from '../../../shared/domain/roster/cadre-rules';

export function importLabel(fileName: string, inserted: number, updated: number): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  return `导入 ${base}（新增 ${inserted}，更新 ${updated}）`;
}

export function commitPlan(db: Database, previewed: ImportPlan): ImportCommitResult {
  return db.transaction((): ImportCommitResult => {
    const plan = buildPlan(db, {
      file: previewed.file,
      options: previewed.options,
      sheets: previewed.sheets,
      records: previewed.records,
      fileIssues: previewed.fileIssues,
    });
    if (plan.counts.errors > 0) {
      const first = planIssues(plan).filter(x => x.severity === 'error');
      const where = first
        .slice(0, 3)
        .map(x => `${x.sheet ? `「${x.sheet}」` : ''}${x.row ? `第 ${x.row} 行` : ''}${x.column ? ` ${x.column} 列` : ''}：${x.message}`)
        .join('；');
      throw new AppError('VALIDATION', `导入未执行，数据未修改：有 ${plan.counts.errors} 处错误。${where}`, { errors: first.slice(0, 50) });
    }
    const changedSincePreview = plan.rows.filter((r, k) => {
      const before = previewed.rows[k];
      return !before || before.action !== r.action || before.cadreId !== r.cadreId || before.changes.length !== r.changes.length;
    }).length;

    // Units first: the inserts point at them.
    const unitIds = new Map<string, number>();
    const insertUnit = db.prepare(
      `INSERT INTO units(parent_id, name, kind, sort_order)
       VALUES (?, ?, '', (SELECT coalesce(max(sort_order), 0) + 1 FROM units WHERE parent_id IS ?))`,
    );
    for (const u of plan.unitsToCreate) {
      const id = Number(insertUnit.run(u.parentId, u.name, u.parentId).lastInsertRowid);
      unitIds.set(u.name.replace(/[\s\u3000]+/g, ''), id);
      audit(db, { entity: 'unit', entityId: id, action: 'import', after: { name: u.name, parentId: u.parentId, file: plan.file.name } });
    }
    const createdUnits = [...unitIds.values()];
    const unitIdOf = (ref: UnitRef | null): number | null | undefined => {
      if (ref === null) return undefined;
      return 'id' in ref ? ref.id : (unitIds.get(ref.create) ?? null);
    };

    const inserting = plan.rows.filter(r => r.action === 'new');
    const updating = plan.rows.filter(r => r.action === 'update');
    const label = importLabel(plan.file.name, inserting.length, updating.length);
    const written = withOperation(db, { kind: 'import', label }, op => {
      for (const id of createdUnits) op.unitCreated(id);
      let sortOrder = (db.prepare('SELECT coalesce(max(sort_order), 0) AS n FROM cadres').get() as { n: number }).n;
      const now = new Date().toISOString(); // the schema's strftime('%Y-%m-%dT%H:%M:%fZ') form
      for (const row of inserting) {
        const image = newCadreImage(plan.records[row.i], unitIdOf(row.unit) ?? null, ++sortOrder, now);
        op.inserted(insertCadreImage(db, image), image);
      }
      const apply = updater(db);
      for (const row of updating) {
        op.touch(row.cadreId!);
        apply(plan, row, unitIdOf(row.unit));
      }
      return { inserted: inserting.length, updated: updating.length };
    });

    const counts = plan.counts;
    const operation = written.operation ?? null;
    const runId = Number(
      db
        .prepare(
          `INSERT INTO import_runs(operator, file_name, file_hash, sheets, mode, inserted, updated, skipped, unchanged, errors, warnings, operation_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          operatorName(db),
          plan.file.name,
          plan.file.sha256,
          JSON.stringify(plan.sheets.map(s => s.name)),
          plan.options.mode,
          written.inserted,
          written.updated,
          counts.skip,
          counts.unchanged,
          counts.errors,
          counts.warnings,
          operation?.id ?? null,
        ).lastInsertRowid,
    );
    return {
      runId,
      inserted: written.inserted,
      updated: written.updated,
      skipped: counts.skip,
      unchanged: counts.unchanged,
      unitsCreated: unitIds.size,
      warnings: counts.warnings,
      operation,
      changedSincePreview,
    };
  })();
}

/**
 * The row a new cadre is inserted with, as the undo log keeps it: only the
 * columns given (the others hold their defaults, '' for text), status
 * 在职 unless the file says otherwise, tags, family and assessments.
 */
function newCadreImage(rec: RowRecord, unitId: number | null, sortOrder: number, now: string): CadreImage {
  const row: Record<string, unknown> = { unit_id: unitId, sort_order: sortOrder };
  for (const field in COLUMN_OF) {
    const value = rec.values[field as EditableCadreField];
    if (value) row[COLUMN_OF[field as EditableCadreField]] = value;
  }
  row.name ??= '';
  row.created_at = now;
  row.updated_at = now;
  return {
    row,
    tags: [...new Set(rec.tags ?? [])].sort(),
    family: (rec.family ?? []).map((f, k) => ({
      seq: k + 1,
      relation: f.relation,
      name: f.name,
      birth: f.birth,
      political_status: f.politicalStatus,
      work: f.work,
    })),
    assessments: [...(rec.assessments ?? [])].sort((a, b) => a.year - b.year).map(a => ({ year: a.year, grade: a.grade, note: a.note })),
  };
}

/** Applies one matched row's changes (only fields that differ; blanks never erase). */
function updater(db: Database): (plan: ImportPlan, row: PlanRow, unitId: number | null | undefined) => void {
  const deleteTags = db.prepare('DELETE FROM cadre_tags WHERE cadre_id = ?');
  const addTag = db.prepare('INSERT OR IGNORE INTO cadre_tags(cadre_id, tag) VALUES (?, ?)');
  const deleteFamily = db.prepare('DELETE FROM cadre_family WHERE cadre_id = ?');
  const addFamily = db.prepare('INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const deleteAssessments = db.prepare('DELETE FROM cadre_assessments WHERE cadre_id = ?');
  const addAssessment = db.prepare('INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (?, ?, ?, ?)');
  return (plan, row, unitId) => {
    const rec = plan.records[row.i];
    const id = row.cadreId!;
    const set: Record<string, unknown> = {};
    for (const change of row.changes) {
      if (Object.hasOwn(COLUMN_OF, change.field)) set[COLUMN_OF[change.field as EditableCadreField]] = change.new;
    }
    if (row.changes.some(c => c.field === 'unit') && unitId !== undefined) set.unit_id = unitId;
    const cols = Object.keys(set);
    if (cols.length) {
      db.prepare(`UPDATE cadres SET ${cols.map(c => `${c} = :${c}`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`).run({
        ...set,
        id,
      });
    }
    if (rec.tags && row.changes.some(c => c.field === 'tags')) {
      deleteTags.run(id);
      for (const t of rec.tags) addTag.run(id, t);
    }
    if (rec.family && row.changes.some(c => c.field === 'family')) {
      deleteFamily.run(id);
      rec.family.forEach((f, k) => addFamily.run(id, k + 1, f.relation, f.name, f.birth, f.politicalStatus, f.work));
    }
    if (row.assessments) {
      deleteAssessments.run(id);
      for (const a of row.assessments) addAssessment.run(id, a.year, a.grade, a.note);
    }
  };
}

export function listImportRuns(db: Database, limit = 100): ImportRun[] {
  const rows = db
    .prepare(
      `SELECT id, at, operator, file_name AS fileName, file_hash AS fileHash, sheets, mode, inserted, updated, skipped, unchanged,
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
