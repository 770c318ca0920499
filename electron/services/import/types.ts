/**
 * The importer's own values. Everything here is plain JSON (no Maps, no
 * Dates, no class instances) so it crosses the worker boundary and can be
 * stored, and field-keyed objects only ever get keys from our own field list.
 */
import type { AssessmentEntry } from '../../../shared/domain/assessment/text';
import type { EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import type { FamilyMember } from '../../../shared/contract/routes/roster';
import type { ImportField, ImportIssue, ParsedPlanOptions, PlanAction } from '../../../shared/contract/routes/imports';

/** One data row after normalisation: the values to write, as the field rules return them. */
export interface RowRecord {
  sheet: string;
  /** Excel row number. */
  row: number;
  values: Partial<Record<EditableCadreField, string>>;
  /** The unit as written in the row (or the sheet's default); null: not given. */
  unit: string | null;
  tags: string[] | null;
  family: FamilyMember[] | null;
  assessments: AssessmentEntry[] | null;
  /** Column letters by field, for issues raised later (matching, cross-field checks). */
  columns: Partial<Record<ImportField, string>>;
  /** The row has at least one error from the file alone. */
  hasError: boolean;
}

export interface SheetMeta {
  name: string;
  reportingUnit: string | null;
  /** Data rows read from this sheet and rows left out by the layout. */
  dataRows: number;
  layoutSkipped: number;
}

export type UnitRef = { id: number } | { create: string };

export interface FieldChange {
  field: ImportField;
  old: string;
  new: string;
}

export interface PlanRow {
  /** Index into records. */
  i: number;
  action: PlanAction;
  cadreId: number | null;
  matchedBy: 'idNumber' | 'nameBirth' | null;
  unit: UnitRef | null;
  /** Matched rows: what differs (written in update mode). */
  changes: FieldChange[];
  /** Update mode: the assessments after merging the file's years into the stored ones. */
  assessments?: AssessmentEntry[];
}

export interface UnitToCreate {
  /** The text as written; also the key of UnitRef.create. */
  name: string;
  parentId: number | null;
  parentName: string;
  rows: number;
}

export interface PlanCounts {
  rows: number;
  new: number;
  update: number;
  unchanged: number;
  skip: number;
  errorRows: number;
  errors: number;
  warnings: number;
  layoutSkipped: number;
}

/**
 * Everything the commit needs, and the preview it was shown: the normalised
 * records from the file, the options, and the plan as computed then. The commit
 * re-plans the same records against the database as it is at that moment.
 */
export interface ImportPlan {
  file: { name: string; sha256: string };
  options: ParsedPlanOptions;
  sheets: SheetMeta[];
  records: RowRecord[];
  /** Issues found in the file alone (layout, mapping, field rules, duplicates inside the file). */
  fileIssues: ImportIssue[];
  /** Issues from comparing with the roster (matching, units, merged-record checks). */
  dbIssues: ImportIssue[];
  rows: PlanRow[];
  unitsToCreate: UnitToCreate[];
  counts: PlanCounts;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
}

/** Called between chunks of work: reports progress, throws ImportCancelled when cancelled. */
export type Tick = (p: Progress) => void;
