/**
 * What a roster export writes in each cell: the columns it knows, their
 * Chinese headers and print widths, and each value shown as users write it
 * (dates 1985.03, 出生年月 optionally with the age, tags joined with 、).
 *
 * Formula injection (CSV/spreadsheet injection, OWASP): a cell whose text
 * starts with = + - @ or a tab / carriage return could be run as a formula
 * by Excel or WPS. In .xlsx such values are written as plain text cells with
 * the text number format, so they are never formulas. In CSV there is no cell
 * type, so the text is prefixed with a single quote (') as OWASP recommends;
 * the quote shows in the cell, which is the accepted price of the guard.
 */
import type { CadreRow } from '../../../shared/contract/api';
import { completedAge, formatBirthWithAge } from '../../../shared/domain/common/age';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import { CADRE_FIELD_LABELS, STANDARD_ROSTER_COLUMNS } from '../../../shared/domain/roster/fields';
import { ROSTER_EXPORT_COLUMN_LABELS, type RosterExportColumnKey } from '../../../shared/contract/routes/exports';

export type RosterFieldKey = keyof typeof CADRE_FIELD_LABELS;
/** Every column a roster export can have: the cadre fields plus 序号, 年龄 and the grid's combined 学历学位. */
export type RosterColumnKey = RosterExportColumnKey;

export const ROSTER_COLUMN_LABELS: Record<RosterColumnKey, string> = ROSTER_EXPORT_COLUMN_LABELS;

export function isRosterColumnKey(key: string): key is RosterColumnKey {
  return Object.prototype.hasOwnProperty.call(ROSTER_COLUMN_LABELS, key);
}

/** Print widths in Excel character units, chosen for A4 landscape. */
const WIDTHS: Partial<Record<RosterColumnKey, number>> = {
  seq: 5,
  name: 8,
  gender: 5,
  birth: 10,
  age: 5,
  ethnicity: 7,
  nativePlace: 10,
  birthplace: 10,
  partyDate: 10,
  workDate: 10,
  politicalStatus: 10,
  health: 8,
  professionalTitle: 14,
  expertise: 16,
  ftEducation: 9,
  ftDegree: 10,
  ftEduSchool: 22,
  ftDegreeSchool: 18,
  ftEducationDegree: 14,
  ptEducationDegree: 14,
  ptEducation: 9,
  ptDegree: 10,
  ptEduSchool: 22,
  ptDegreeSchool: 18,
  unit: 18,
  post: 28,
  leadershipLevel: 8,
  rank: 12,
  postDate: 10,
  rankDate: 10,
  idNumber: 20,
  status: 6,
  tags: 14,
  remarks: 20,
};

/** Columns whose text is long: wrapped and left-aligned; the rest are centred. */
const WRAPPED = new Set<RosterColumnKey>([
  'unit',
  'post',
  'expertise',
  'ftEduSchool',
  'ftDegreeSchool',
  'ptEduSchool',
  'ptDegreeSchool',
  'professionalTitle',
  'remarks',
  'tags',
  'nativePlace',
  'birthplace',
]);

const DATE_FIELDS = new Set<RosterColumnKey>(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

export function columnWidth(key: RosterColumnKey): number {
  return WIDTHS[key] ?? 12;
}

export function isWrapped(key: RosterColumnKey): boolean {
  return WRAPPED.has(key);
}

export interface RosterColumn {
  key: RosterColumnKey;
  /** The header the grid shows; defaults to the field's Chinese label. */
  header?: string;
}

export interface CellOptions {
  /** Reference date for ages (canonical YYYY-MM-DD or YYYY-MM). */
  ageRef: string;
  /** Show 出生年月 as 1985.03(40岁). */
  birthWithAge: boolean;
}

/** The value of one cell: text, or a number for 序号 and 年龄. */
export function cellValue(row: CadreRow, key: RosterColumnKey, index: number, opts: CellOptions): string | number | null {
  switch (key) {
    case 'seq':
      return index + 1;
    case 'age':
      return completedAge(row.birth, opts.ageRef);
    case 'tags':
      return row.tags.join('、');
    case 'ftEducationDegree':
      return [row.ftEducation, row.ftDegree].filter(Boolean).join(' ');
    case 'ptEducationDegree':
      return [row.ptEducation, row.ptDegree].filter(Boolean).join(' ');
    case 'birth':
      return opts.birthWithAge ? formatBirthWithAge(row.birth, opts.ageRef) : formatDate(row.birth);
    default: {
      const v = row[key];
      if (DATE_FIELDS.has(key)) return formatDate(String(v ?? ''));
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

export function defaultDate(): string {
  return todayCanonical();
}

/** The columns a roster export has when none are chosen: the grid's default set, numbered. */
export const DEFAULT_EXPORT_COLUMNS: RosterColumnKey[] = ['seq', ...STANDARD_ROSTER_COLUMNS];
