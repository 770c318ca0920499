/**
 * Every data row through the roster's own field rules (shared/domain/roster/cadre-rules.ts):
 * each mapped cell is normalised by normalizeCadreField, each record checked
 * by checkCadreRecord, family rows by checkFamilyMember, annual assessments
 * read by shared/domain/assessment/text.ts. Nothing here decides what a valid ID,
 * date or code is. What this module adds is where: every error and warning
 * carries the file, sheet, Excel row and column letters — and the checks that
 * need the whole file: a required 姓名 column, the same person twice.
 */
import { parseAssessments } from '../../../shared/domain/assessment/text';
import { checkCadreRecord, checkFamilyMember, normalizeCadreField, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { formatDate, parseDateInput } from '../../../shared/domain/common/dates';
import { normalizePersonName } from '../../../shared/domain/common/pinyin';
import type { ImportField, ImportIssue } from '../../../shared/contract/routes/imports';
import type { FamilyMember } from '../../../shared/contract/routes/roster';
import { cellText, type SheetLayout } from './layout';
import { isEditableField } from './mapping';
import type { CellValue } from './read';
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

const isBlank = (v: CellValue) => v === null || (typeof v === 'string' && v.trim() === '');

/** Tags as sheets write them: 选调生、年轻干部库 / 选调生,第一书记 / one per line. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、，,;；\s/|]+/)
        .map(t => t.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * 家庭主要成员 in one cell: one member per line (or separated by ；), fields separated by
 * spaces or commas in the form's order — 称谓 姓名 出生年月 政治面貌 工作单位及职务.
 */
export function parseFamilyText(text: string): { members: FamilyMember[]; problems: string[] } {
  const members: FamilyMember[] = [];
  const problems: string[] = [];
  const lines = text
    .split(/\r\n|\r|\n|[；;]/)
    .map(l => l.trim())
    .filter(Boolean);
  lines.forEach((line, i) => {
    const parts = line.split(/[\s\u3000，,]+/).filter(Boolean);
    const [relation = '', name = '', birth = '', politicalStatus = '', ...rest] = parts;
    const member = { relation, name: normalizePersonName(name), birth, politicalStatus, work: rest.join(' ') };
    const issues = checkFamilyMember(member);
    if (issues.length) {
      problems.push(`第 ${i + 1} 位成员（${line.slice(0, 30)}）：${issues.join('；')}`);
      return;
    }
    const parsed = parseDateInput(birth);
    members.push({ ...member, birth: parsed.ok ? parsed.value : birth });
  });
  return { members, problems };
}

export interface SheetInput {
  file: string;
  sheet: string;
  layout: SheetLayout;
  /** column index → field, for the mapped columns only. */
  mapped: { index: number; letter: string; field: ImportField }[];
  /** The unit for rows without one (the sheet's default), or null. */
  defaultUnit: string | null;
}

/**
 * Normalises and checks every data row of one sheet. Rows come back even when
 * they have errors (hasError), so the preview can show them.
 */
export function normalizeSheetRows(input: SheetInput, issues: IssueSink, tick: Tick, progress: { done: number; total: number }): RowRecord[] {
  const { file, sheet, layout, mapped } = input;
  const out: RowRecord[] = [];
  const columnOf: Partial<Record<ImportField, string>> = {};
  for (const m of mapped) columnOf[m.field] = m.letter;
  const hasNameColumn = columnOf.name !== undefined;

  for (const r of layout.dataRows) {
    const row = r + 1;
    const rec: RowRecord = { sheet, row, values: {}, unit: null, tags: null, family: null, assessments: null, columns: columnOf, hasError: false };
    const fail = (column: string | null, field: string | null, message: string) => {
      rec.hasError = true;
      issues.push(makeIssue('error', file, sheet, row, column, field, message));
    };
    const warn = (column: string | null, field: string | null, message: string) => issues.push(makeIssue('warning', file, sheet, row, column, field, message));

    for (const { index, letter, field } of mapped) {
      const raw = layout.cell(r, index);
      if (isEditableField(field)) {
        if (isBlank(raw) && field !== 'name') continue;
        const res = normalizeCadreField(field, isBlank(raw) ? '' : raw);
        if (!res.ok) fail(letter, field, res.message);
        else {
          if (res.value !== '') rec.values[field] = res.value;
          if (res.warning) warn(letter, field, res.warning);
        }
        continue;
      }
      if (isBlank(raw)) continue;
      const text = cellText(raw);
      switch (field) {
        case 'unit':
          rec.unit = text.replace(/[\s\u3000]+/g, '');
          break;
        case 'tags':
          rec.tags = splitTags(text);
          break;
        case 'family': {
          const { members, problems } = parseFamilyText(text);
          for (const p of problems) fail(letter, field, `家庭主要成员：${p}`);
          rec.family = members;
          break;
        }
        case 'assessments': {
          const { entries, rest } = parseAssessments(text);
          if (rest) warn(letter, field, `年度考核结果中「${rest.slice(0, 40)}」无法识别，这部分未导入；应写作“2023年度考核优秀；2024年度考核称职”`);
          rec.assessments = entries;
          break;
        }
      }
    }
    if (!hasNameColumn) rec.hasError = true; // reported once for the sheet, below
    if (rec.unit === null && input.defaultUnit) rec.unit = input.defaultUnit;

    for (const p of checkCadreRecord(rec.values)) {
      const column = columnOf[p.field] ?? null;
      if (p.severity === 'error') fail(column, p.field, p.message);
      else warn(column, p.field, p.message);
    }
    out.push(rec);
    progress.done++;
    if (progress.done % 500 === 0) tick({ phase: '正在检查数据', done: progress.done, total: progress.total });
  }
  if (!hasNameColumn && layout.dataRows.length > 0) {
    issues.push(makeIssue('error', file, sheet, null, null, 'name', '没有对应“姓名”的列：请在列对应中为姓名指定一列'));
  }
  return out;
}

/**
 * The same person twice in the file (across all chosen sheets): by 身份证号, else by
 * 姓名 + 出生年月. Every occurrence is an error naming the other rows.
 */
export function findDuplicates(file: string, records: RowRecord[], issues: IssueSink): void {
  const byId = new Map<string, RowRecord[]>();
  const byNameBirth = new Map<string, RowRecord[]>();
  for (const rec of records) {
    const id = rec.values.idNumber;
    if (id) push(byId, id, rec);
    else if (rec.values.name && rec.values.birth) push(byNameBirth, `${rec.values.name}\u0000${rec.values.birth.slice(0, 7)}`, rec);
  }
  const where = (r: RowRecord, multiSheet: boolean) => (multiSheet ? `「${r.sheet}」第 ${r.row} 行` : `第 ${r.row} 行`);
  const report = (groups: Map<string, RowRecord[]>, field: EditableCadreField, why: (r: RowRecord) => string) => {
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const multiSheet = new Set(group.map(g => g.sheet)).size > 1;
      for (const rec of group) {
        const others = group.filter(g => g !== rec).map(g => where(g, multiSheet));
        rec.hasError = true;
        issues.push(
          makeIssue(
            'error',
            file,
            rec.sheet,
            rec.row,
            rec.columns[field] ?? null,
            field,
            `同一人在表中出现了 ${group.length} 次：与${others.join('、')}${why(rec)}，请删除重复的行`,
          ),
        );
      }
    }
  };
  report(byId, 'idNumber', r => `的身份证号相同（${r.values.idNumber}）`);
  report(byNameBirth, 'name', r => `的姓名和出生年月相同（${r.values.name}，${formatDate(r.values.birth!.slice(0, 7))}）`);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
