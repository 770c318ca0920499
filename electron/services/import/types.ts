/**
 * The pipeline's own values. Everything here is plain JSON (no Maps, no
 * Dates, no class instances) so it crosses the worker boundary, and
 * field-keyed objects only ever get keys from a target's vocabulary (never
 * text from a file).
 */
import type { AssessmentEntry } from '../../../shared/domain/assessment/text';
import type { FamilyMember } from '../../../shared/contract/routes/roster';
import type {
  ImportIssue,
  ImportTarget,
  ParsedPlanOptions,
  PlanAction,
  SkippedFile,
  SkippedRowRef,
  SplitRow,
  TargetInfo,
  UnmappedColumn,
} from '../../../shared/contract/routes/imports';
import type { MatchedBy } from './match';

/** One record read from a file: a sheet's data row, or a person of an .lrmx file. */
export interface RowRecord {
  file: string;
  /** Null for an .lrmx person. */
  sheet: string | null;
  /** Excel row number; null for an .lrmx person. */
  row: number | null;
  /** Field key → the value to write, as the field's rule returns it. */
  values: Partial<Record<string, string>>;
  /** The unit as written in the row (or the sheet's default); null: not given. */
  unit: string | null;
  tags: string[] | null;
  family: FamilyMember[] | null;
  assessments: AssessmentEntry[] | null;
  /** .lrmx: the photo (base64) and 年度考核结果 text that did not read as year + grade (kept in 备注). */
  photo?: string;
  assessmentText?: string;
  /** Column letters by field (one object per sheet), for issues raised later. */
  columns: Partial<Record<string, string>>;
  /** The record has at least one error from the file alone. */
  hasError: boolean;
}

export interface SheetMeta {
  file: string;
  name: string;
  reportingUnit: string | null;
  /** Data rows read from this sheet and rows left out by the layout. */
  dataRows: number;
  layoutSkipped: number;
}

export type UnitRef = { id: number } | { create: string };

export interface FieldChange {
  field: string;
  label: string;
  old: string;
  new: string;
}

export interface PlanRow {
  /** Index into records. */
  i: number;
  action: PlanAction;
  cadreId: number | null;
  matchedBy: MatchedBy | null;
  unit?: UnitRef | null;
  /** What differs from what is stored (written in update mode). */
  changes: FieldChange[];
  /** Update mode: the assessments after merging the file's years into the stored ones. */
  assessments?: AssessmentEntry[];
  /** What the target's commit needs of this row beyond the record (plain JSON). */
  data?: unknown;
  /** Shown with the row: 历史库中已有此人（2025.06 退休）. */
  note?: string;
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
  history: number;
  errorRows: number;
  errors: number;
  warnings: number;
  layoutSkipped: number;
}

/** What the files said, before anything is compared with the database. */
export interface ReadResult {
  files: { name: string; sha256: string }[];
  options: ParsedPlanOptions;
  sheets: SheetMeta[];
  records: RowRecord[];
  /** Issues found in the files alone (layout, mapping, field rules, duplicates inside the files). */
  fileIssues: ImportIssue[];
  unmapped: UnmappedColumn[];
  skippedRows: SkippedRowRef[];
  /** .lrmx files left out for their errors (the user chose 跳过有误的文件). */
  skippedFiles: SkippedFile[];
  splits: SplitRow[];
}

/**
 * Everything the commit needs, and the preview it was shown: what the files
 * said and the plan against the database as it was then. The commit plans the
 * same records again against the database as it is at that moment.
 */
export interface ImportPlan extends ReadResult {
  target: ImportTarget;
  info: TargetInfo;
  /** Issues from comparing with what is stored (matching, units, merged-record checks). */
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
