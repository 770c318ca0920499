/**
 * Every data row through the target's vocabulary: each mapped cell is read by
 * its field's rule (for people: the roster's own rules in
 * shared/domain/roster/cadre-rules.ts), then the whole row is finished (what
 * an ID says, 单位及职务, cross-field rules). Nothing here decides what a
 * valid ID, date or code is. What this module adds is where: every error and
 * warning carries the file, sheet, Excel row and column letters.
 */
import type { ImportIssue } from '../../../shared/contract/routes/imports';
import type { SheetLayout } from './layout';
import type { CellValue } from './read';
import type { Note, SheetContext, Vocabulary } from './target';
import type { RowRecord, Tick } from './types';

export interface IssueSink {
  push(issue: ImportIssue): void;
}

export function makeIssue(
  severity: ImportIssue['severity'],
  file: string,
  sheet: string | null,
  row: number | null,
  column: string | null,
  field: string | null,
  message: string,
): ImportIssue {
  return { severity, file, sheet, row, column, field, message };
}

export const isBlank = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');

export interface SheetInput {
  layout: SheetLayout;
  /** The mapped columns, in sheet order. */
  mapped: { index: number; letter: string; field: string }[];
  context: SheetContext;
  /** The unit for rows without one (the sheet's name or its 填报单位, as the user chose), or null. */
  defaultUnit: string | null;
}

/**
 * Reads and checks every data row of one sheet. Rows come back even when they
 * have errors (hasError), so the preview can show them.
 */
export function normalizeSheetRows(
  input: SheetInput,
  vocabulary: Vocabulary,
  issues: IssueSink,
  tick: Tick,
  progress: { done: number; total: number },
): RowRecord[] {
  const { layout, mapped, context } = input;
  const { file, sheet } = context;
  const columns: Partial<Record<string, string>> = {};
  for (const m of mapped) columns[m.field] = m.letter;
  const out: RowRecord[] = [];

  // One note function for the sheet: it reports at the record and column being read.
  let rec: RowRecord | null = null;
  let at: { letter: string | null; field: string | null } = { letter: null, field: null };
  const note: Note = (severity, message, field) => {
    const f = field ?? at.field;
    if (severity === 'error') rec!.hasError = true;
    issues.push(makeIssue(severity, file, sheet, rec!.row, field ? (columns[field] ?? null) : at.letter, f, message));
  };

  for (const r of layout.dataRows) {
    rec = { file, sheet, row: r + 1, values: {}, unit: null, tags: null, family: null, assessments: null, columns, hasError: false };
    for (const m of mapped) {
      const raw = layout.cell(r, m.index);
      if (isBlank(raw) && m.field !== 'name') continue;
      at = { letter: m.letter, field: m.field };
      vocabulary.read(m.field, isBlank(raw) ? '' : raw, rec, note);
    }
    at = { letter: null, field: null };
    vocabulary.finish?.(rec, context, note);
    if (rec.unit === null && input.defaultUnit) rec.unit = input.defaultUnit.replace(/[\s\u3000]+/g, '');
    out.push(rec);
    progress.done++;
    if (progress.done % 500 === 0) tick({ phase: '正在检查数据', done: progress.done, total: progress.total });
  }
  if (layout.dataRows.length > 0) {
    for (const p of vocabulary.sheetIssues?.(context) ?? []) {
      if (p.severity === 'error') for (const r of out) r.hasError = true;
      issues.push(makeIssue(p.severity, file, sheet, null, p.field ? (columns[p.field] ?? null) : null, p.field ?? null, p.message));
    }
  }
  return out;
}
