/**
 * What an importer is on top of the one pipeline: a target description.
 *
 * The pipeline reads the files (sniff, encoding, layout, headers), proposes a
 * mapping from the target's vocabulary (synonyms, remembered mappings), reads
 * every mapped cell with the vocabulary's rules, matches people with the one
 * RosterMatcher, and shows the preview; the commit runs in one transaction,
 * re-plans against the database as it is then, writes through the target as
 * one undoable operation (common/operation-log.ts withOperation) and records
 * the run. A target says only what is its own:
 *
 *   vocabulary  the columns it takes (labels, header words, how a cell reads);
 *   people      whom its rows are (the roster, a round's participants) and
 *               whether a row may name someone not there yet;
 *   plan        what each record will do: new / update (old → new) / unchanged
 *               / skip / error, and what its commit needs;
 *   commit      the writes, as one operation.
 *
 * A new importer (职务变动 events, say) is one more file like targets/annual.ts
 * registered in targets.ts: its vocabulary, its plan and its commit.
 */
import type { ImportIssue, ImportTarget, ParsedPlanOptions, PlanAction, SplitRow, TargetInfo } from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import type { OperationSummary } from '../common/operation-log';
import type { RosterMatcher, StoredCadre } from './match';
import type { CellValue } from './read';
import type { FieldChange, ImportPlan, PlanRow, RowRecord, Tick, UnitToCreate } from './types';

export type Severity = ImportIssue['severity'];

/** Reports a problem with the cell being read (or, from `finish`, with the record). */
export type Note = (severity: Severity, message: string, field?: string) => void;

export interface FieldSpec {
  key: string;
  label: string;
}

/** A column's header as the layout found it. */
export interface HeaderColumn {
  header: string;
  path: readonly string[];
  /** The values of its data rows (for columns whose meaning depends on what they hold: year columns). */
  values?: () => Iterable<CellValue>;
}

/** What a sheet knows that its rows may fall back on. */
export interface SheetContext {
  file: string;
  sheet: string;
  reportingUnit: string | null;
  /** The user chose where rows without a unit go (the sheet name, 填报单位 or a unit). */
  unitChosen: boolean;
  /** Fields some column of the sheet feeds. */
  mapped: ReadonlySet<string>;
  /** The source ran the cross-field rules already (an .lrmx file, read by lrmx/read.ts). */
  checked?: boolean;
}

export interface Vocabulary {
  /** The fields of the mapping menu, in order (a sheet's year columns are added as found). */
  fields: FieldSpec[];
  /** The label of any field this vocabulary takes (a year column's too); null: not one of its fields. */
  label(field: string): string | null;
  /** Header words the layout detector counts when it looks for the header row. */
  isHeaderWord(text: string): boolean;
  /** The field each column names ('ignore': known, never imported), in one pass: a column may take context from the one before. */
  matchColumns(columns: readonly HeaderColumn[]): (string | 'ignore' | null)[];
  /** Reads one non-blank cell (blank 姓名 too) into the record. */
  read(field: string, raw: CellValue, rec: RowRecord, note: Note): void;
  /** After the row's cells: what needs the whole row (an ID's birth and sex, 单位及职务, cross-field rules). */
  finish?(rec: RowRecord, sheet: SheetContext, note: Note): void;
  /** After all sheets: checks across the whole file (the same person twice). */
  finishAll?(records: RowRecord[], issue: (rec: RowRecord, field: string, message: string) => void): void;
  /** Whether a sheet whose columns feed these fields is one to import by default (a round's 得分明细 sheet is not). */
  worthy?(fields: ReadonlySet<string>): boolean;
  /** Problems of a sheet as a whole once it is read (no 姓名 column; how many rows took their sex from the ID). */
  sheetIssues?(sheet: SheetContext): { severity: Severity; message: string; field?: string }[];
}

/** A plan's view of the outcome for one record. */
export interface PlannedRows {
  rows: PlanRow[];
  unitsToCreate?: UnitToCreate[];
}

export interface PlanInput {
  records: RowRecord[];
  options: ParsedPlanOptions;
  /** Raises an issue found against the database, at the record's place (null: the file as a whole). */
  issue(severity: Severity, rec: RowRecord | null, field: string | null, message: string): void;
  tick: Tick;
  /** Records that are people in the 历史库, held back by matchRecords (record index → the cadre): their own group. */
  held: Map<number, StoredCadre>;
}

export interface CommitMeta {
  /** What 撤销 shows. */
  label: string;
}

export interface Written {
  inserted: number;
  updated: number;
  unitsCreated: number;
  operation: OperationSummary | null;
}

/** What a vocabulary may read (the unit tree) and where it reports how 单位及职务 was split. */
export interface VocabularyEnv {
  db: Database;
  splits: SplitRow[];
}

export interface Target<C = unknown> {
  kind: ImportTarget['kind'];
  /** What the target needs (a batch, a round's indicators); a Chinese AppError when it is gone. */
  load(db: Database, ref: ImportTarget): C;
  info(ctx: C): Omit<TargetInfo, 'fields'>;
  vocabulary(ctx: C, env: VocabularyEnv): Vocabulary;
  /** Whom rows are matched to; absent: the target has no people (the unit tree). */
  people?: {
    matcher(db: Database, ctx: C): RosterMatcher;
    /** A row with neither ID nor birth matches the one cadre of its name (targets that never add people). */
    nameAlone: boolean;
  };
  plan(db: Database, ctx: C, input: PlanInput): PlannedRows;
  /** Writes the plan's rows as one operation (inside the pipeline's transaction). */
  commit(db: Database, ctx: C, plan: ImportPlan, meta: CommitMeta): Written;
  /** What a preview row shows of a record that will be added (default: its mapped values). */
  shown?(rec: RowRecord, row: PlanRow, vocabulary: Vocabulary): { field: string; label: string; value: string }[];
  /** Which actions a commit writes (default new and update). */
  writes?: readonly PlanAction[];
}

export type { FieldChange };
