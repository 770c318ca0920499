/**
 * What each record will do, against the database as it is: the target's plan
 * (new / update with each change old → new / unchanged / skip / error), the
 * counts, and the preview built from it. Who a record is comes from the one
 * RosterMatcher (match.ts); matchRecords adds the rule that two records of
 * the files cannot both be the same stored person. The same function runs for
 * the preview and again inside the commit's transaction.
 */
import type { ImportIssue, ImportTarget, PlanAction, PreviewRow, TargetInfo } from '../../../shared/contract/routes/imports';
import { formatDate } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import type { MatchedBy, RosterMatcher, StoredCadre } from './match';
import { makeIssue } from './rows';
import type { PlanInput, Target, Vocabulary } from './target';
import type { ImportPlan, PlanCounts, PlanRow, ReadResult, RowRecord, SheetMeta, Tick } from './types';

const DATE_FIELDS = new Set<string>(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

/** Field values shown in the preview as users write them. */
export function shownValue(field: string, value: string): string {
  return DATE_FIELDS.has(field) ? formatDate(value) : value;
}

const recordKey = (file: string, sheet: string | null, row: number | null) => `${file}\u0000${sheet ?? ''}\u0000${row ?? ''}`;

export interface PlanTarget<C> {
  target: Target<C>;
  ctx: C;
  ref: ImportTarget;
  info: TargetInfo;
}

export function buildPlan<C>(db: Database, { target, ctx, ref, info }: PlanTarget<C>, read: ReadResult, tick: Tick = () => {}): ImportPlan {
  const dbIssues: ImportIssue[] = [];
  const fallbackFile = read.files[0]?.name ?? '';
  const issue: PlanInput['issue'] = (severity, rec, field, message) =>
    dbIssues.push(
      makeIssue(severity, rec?.file ?? fallbackFile, rec?.sheet ?? null, rec?.row ?? null, rec && field ? (rec.columns[field] ?? null) : null, field, message),
    );
  const held = new Map<number, StoredCadre>();
  const planned = target.plan(db, ctx, { records: read.records, options: read.options, issue, tick, held });
  // People of the 历史库 the user did not bring back: their own group, whatever the target made of them.
  if (held.size) {
    for (const row of planned.rows) {
      const cadre = held.get(row.i);
      if (!cadre) continue;
      Object.assign(row, { action: 'history', cadreId: cadre.id, matchedBy: null, changes: [], note: `历史库中已有此人（${cadre.left}）` });
    }
  }
  // Rows whose only problem was found here (units, matching) become error rows.
  const errorAt = new Set(dbIssues.filter(x => x.severity === 'error' && (x.row !== null || x.sheet === null)).map(x => recordKey(x.file, x.sheet, x.row)));
  for (const row of planned.rows) {
    const rec = read.records[row.i];
    if (row.action !== 'error' && errorAt.has(recordKey(rec.file, rec.sheet, rec.row))) row.action = 'error';
  }
  const counts = countPlan(read.sheets, planned.rows, read.fileIssues, dbIssues);
  return { ...read, target: ref, info, dbIssues, rows: planned.rows, unitsToCreate: planned.unitsToCreate ?? [], counts };
}

/** Who a record is; `returning`: a person of the 历史库 the user brings back (重新调入). */
export type PersonOutcome = { cadre: StoredCadre; by: MatchedBy; returning?: boolean } | 'new' | null;

/**
 * Who each record is (null: an error, already reported, or a person of the
 * 历史库 held back). A record naming a stored person another record already
 * names is an error for both: the files hold the same person twice (unless
 * `claims` is off: a long annual sheet has a row per person and year).
 *
 * A record that is someone in the 历史库 is that person, never a twin: unless
 * the user chose 重新调入 (returnFromHistory) it is held back (input.held: its
 * own group in the preview, nothing written), with a warning saying so.
 */
export function matchRecords(matcher: RosterMatcher, input: PlanInput, nameAlone: boolean, claims = true): PersonOutcome[] {
  const { records, issue } = input;
  const claimed = new Map<number, number[]>();
  const out: PersonOutcome[] = records.map((rec, i) => {
    if (rec.hasError) return null;
    const found = matcher.match(rec.values, { nameAlone });
    if (found.kind === 'error') {
      issue('error', rec, found.error.field, found.error.message);
      return null;
    }
    if (found.kind === 'new') {
      if (found.warning) issue('warning', rec, found.warning.field, found.warning.message);
      return 'new';
    }
    const list = claimed.get(found.cadre.id);
    if (list) list.push(i);
    else claimed.set(found.cadre.id, [i]);
    if (!found.cadre.left) return { cadre: found.cadre, by: found.by };
    if (input.options.returnFromHistory) return { cadre: found.cadre, by: found.by, returning: true };
    input.held.set(i, found.cadre);
    issue(
      'warning',
      rec,
      found.by === 'idNumber' ? 'idNumber' : 'name',
      `「${found.cadre.name}」在历史库中（${found.cadre.left}，编号 ${found.cadre.id}），未导入${rec.row === null ? '' : '本行'}；如需将其重新调入名册，请选择“重新调入”`,
    );
    return null;
  });
  for (const [id, list] of claimed) {
    if (list.length < 2 || !claims) continue;
    for (const i of list) {
      input.held.delete(i);
      const others = list.filter(j => j !== i).map(j => where(records[j]));
      issue('error', records[i], 'name', `与${others.join('、')}对应库中同一名干部（编号 ${id}），请核对后删除重复的行`);
      out[i] = null;
    }
  }
  return out;
}

/** A record's place as the user sees it: 「sheet」第 n 行, or the .lrmx file. */
export function where(rec: RowRecord): string {
  return rec.row === null ? `「${rec.file}」` : `「${rec.sheet}」第 ${rec.row} 行`;
}

export function countPlan(sheets: SheetMeta[], rows: PlanRow[], fileIssues: ImportIssue[], dbIssues: ImportIssue[]): PlanCounts {
  const counts: PlanCounts = {
    rows: rows.length,
    new: 0,
    update: 0,
    unchanged: 0,
    skip: 0,
    history: 0,
    errorRows: 0,
    errors: 0,
    warnings: 0,
    layoutSkipped: 0,
  };
  for (const r of rows) {
    if (r.action === 'error') counts.errorRows++;
    else counts[r.action]++;
  }
  for (const x of fileIssues) x.severity === 'error' ? counts.errors++ : counts.warnings++;
  for (const x of dbIssues) x.severity === 'error' ? counts.errors++ : counts.warnings++;
  for (const s of sheets) counts.layoutSkipped += s.layoutSkipped;
  return counts;
}

export function planIssues(plan: ImportPlan): ImportIssue[] {
  const all = [...plan.fileIssues, ...plan.dbIssues];
  return all.sort((a, b) => sev(a) - sev(b) || a.file.localeCompare(b.file) || (a.sheet ?? '').localeCompare(b.sheet ?? '') || (a.row ?? 0) - (b.row ?? 0));
}
const sev = (x: ImportIssue) => (x.severity === 'error' ? 0 : 1);

/** What a record that will be added shows: its mapped values, as the user writes them. */
export function defaultShown(rec: RowRecord, vocabulary: Vocabulary): PreviewRow['values'] {
  const values: PreviewRow['values'] = [];
  for (const [field, value] of Object.entries(rec.values) as [string, string][]) {
    values.push({ field, label: vocabulary.label(field) ?? field, value: shownValue(field, value) });
  }
  return values;
}

/** One preview row, built on demand from the plan (the plan itself stays lean). */
export function previewRow<C>(plan: ImportPlan, row: PlanRow, target: Target<C>, vocabulary: Vocabulary): PreviewRow {
  const rec = plan.records[row.i];
  const values = row.action === 'new' || row.action === 'error' ? (target.shown?.(rec, row, vocabulary) ?? defaultShown(rec, vocabulary)) : [];
  return {
    file: rec.file,
    sheet: rec.sheet,
    row: rec.row,
    action: row.action,
    cadreId: row.cadreId,
    name: rec.values.name ?? '',
    matchedBy: row.matchedBy,
    values,
    changes: row.changes.map(c => ({ field: c.field, label: c.label, old: shownValue(c.field, c.old), new: shownValue(c.field, c.new) })),
    ...(row.note && { note: row.note }),
  };
}

export function previewRows<C>(
  plan: ImportPlan,
  target: Target<C>,
  vocabulary: Vocabulary,
  action: PlanAction | undefined,
  offset: number,
  limit: number,
): { total: number; rows: PreviewRow[] } {
  const list = action ? plan.rows.filter(r => r.action === action) : plan.rows;
  return { total: list.length, rows: list.slice(offset, offset + limit).map(r => previewRow(plan, r, target, vocabulary)) };
}
