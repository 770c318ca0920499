/**
 * Scores from an .xlsx (for instance the 评分表 exported and filled in), read
 * with the importer's machinery: readWorkbook (formats, hostile files),
 * detectLayout (title rows, the header, footnotes, blank rows) and the header
 * matcher (姓名 / 身份证号 / 出生年月 by their synonyms). Indicator columns are
 * matched by indicator name (a bracketed unit such as （亿元） is ignored).
 * Rows are matched to the round's participants by ID number, else by name and
 * birth. Every problem names the file, sheet, Excel row and column; any
 * problem blocks the commit, which writes all cells as one undo step.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import { normalizeCadreField } from '../../../shared/domain/roster/cadre-rules';
import { parseCell } from '../../../shared/domain/assessment/scoring';
import type { Indicator } from '../../../shared/contract/routes/assessment';
import type { Database } from '../../db/database';
import { cellText, detectLayout } from '../import/api';
import { matchHeader, normalizeHeader } from '../import/api';
import { readWorkbook, type CellValue } from '../import/api';
import { listParticipants, type Participant } from './participants';
import { getRound, loadIndicators } from './rows';
import type { CellChange } from './inputs';

export interface ScoreImportIssue {
  file: string;
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ScoreImportPlan {
  planId: string;
  roundId: number;
  file: string;
  sheet: string;
  columns: { column: string; header: string; indicatorId: number | null; indicator: string | null }[];
  rows: { row: number; cadreId: number | null; name: string; matchedBy: 'idNumber' | 'nameBirth' | null; cells: number }[];
  cells: number;
  issues: ScoreImportIssue[];
  blocked: boolean;
  changes: CellChange[];
}

/** '招商引资（亿元）' / '工作状态(加减分)' → the indicator name's key. */
function indicatorKey(header: string): string {
  return normalizeHeader(header).replace(/\([^()]*\)$/, '');
}

export function planScoreImport(db: Database, roundId: number, fileName: string, bytes: Uint8Array): ScoreImportPlan {
  const round = getRound(db, roundId);
  const wb = readWorkbook(bytes, fileName);
  const indicators = loadIndicators(db, round.setId);
  const parents = new Set(indicators.flatMap(i => (i.parentId === null ? [] : [i.parentId])));
  const inputs = indicators.filter(i => !parents.has(i.id) && i.method !== 'vote');
  const byKey = new Map<string, Indicator[]>();
  for (const i of inputs) byKey.set(normalizeHeader(i.name), [...(byKey.get(normalizeHeader(i.name)) ?? []), i]);

  // The first visible sheet whose header has 姓名 or 身份证号 and at least one indicator.
  for (const sheet of wb.sheets.filter(s => s.visibility === 'visible')) {
    const layout = detectLayout(sheet);
    if (!layout.recognised) continue;
    const keyCols: Partial<Record<'name' | 'idNumber' | 'birth', number>> = {};
    const indCols: { index: number; letter: string; header: string; key: string }[] = [];
    const columns: ScoreImportPlan['columns'] = [];
    for (const col of layout.columns) {
      const field = matchHeader(col.path);
      if (field === 'name' || field === 'idNumber' || field === 'birth') {
        keyCols[field] ??= col.index;
        columns.push({ column: col.letter, header: col.header, indicatorId: null, indicator: null });
        continue;
      }
      const key = indicatorKey(col.path[col.path.length - 1]);
      const match = byKey.get(key) ?? byKey.get(normalizeHeader(col.path[col.path.length - 1]));
      if (match) {
        indCols.push({ index: col.index, letter: col.letter, header: col.header, key: normalizeHeader(match[0].name) });
        const own = match.find(i => i.cadreId === null);
        columns.push({ column: col.letter, header: col.header, indicatorId: own?.id ?? null, indicator: match[0].name });
      } else {
        columns.push({ column: col.letter, header: col.header, indicatorId: null, indicator: null });
      }
    }
    if ((keyCols.name === undefined && keyCols.idNumber === undefined) || indCols.length === 0) continue;
    return planSheet(round.id, fileName, sheet.name, layout, keyCols, indCols, byKey, columns, listParticipants(db, round.setId));
  }
  throw new AppError('VALIDATION', `文件「${fileName}」中没有找到成绩表：需要“姓名”或“身份证号”列，以及至少一列与指标名称相同的表头`);
}

function planSheet(
  roundId: number,
  file: string,
  sheet: string,
  layout: ReturnType<typeof detectLayout>,
  keyCols: Partial<Record<'name' | 'idNumber' | 'birth', number>>,
  indCols: { index: number; letter: string; header: string; key: string }[],
  byKey: Map<string, Indicator[]>,
  columns: ScoreImportPlan['columns'],
  people: Participant[],
): ScoreImportPlan {
  const issues: ScoreImportIssue[] = [];
  const letter = (c: number | undefined) => layout.columns.find(col => col.index === c)?.letter ?? '';
  const headerOf = (c: number | undefined) => layout.columns.find(col => col.index === c)?.header ?? '';
  const issue = (r: number, c: number | undefined, message: string) =>
    issues.push({ file, sheet, row: r + 1, column: `${letter(c)}（${headerOf(c)}）`, message });
  const byId = new Map(people.filter(p => p.idNumber).map(p => [p.idNumber, p]));
  const rows: ScoreImportPlan['rows'] = [];
  const changes: CellChange[] = [];
  const seen = new Map<number, number>();
  for (const r of layout.dataRows) {
    const value = (c: number | undefined): CellValue => (c === undefined ? null : layout.cell(r, c));
    const rawId = value(keyCols.idNumber);
    const rawName = value(keyCols.name);
    const id = cellText(rawId) ? normalizeCadreField('idNumber', rawId) : null;
    const name = cellText(rawName) ? normalizeCadreField('name', rawName) : null;
    let match: Participant | undefined;
    let by: 'idNumber' | 'nameBirth' | null = null;
    if (id && !id.ok) issue(r, keyCols.idNumber, id.message);
    else if (id?.ok && id.value) {
      match = byId.get(id.value);
      by = 'idNumber';
      if (!match) issue(r, keyCols.idNumber, `身份证号 ${id.value} 不是这一轮考核的干部`);
    } else if (name?.ok) {
      const birth = keyCols.birth !== undefined && cellText(value(keyCols.birth)) ? normalizeCadreField('birth', value(keyCols.birth)) : null;
      if (birth && !birth.ok) issue(r, keyCols.birth, birth.message);
      const same = people.filter(p => p.name === name.value && (!birth?.ok || p.birth.slice(0, 7) === birth.value.slice(0, 7)));
      if (same.length === 1) {
        match = same[0];
        by = 'nameBirth';
      } else if (same.length > 1) issue(r, keyCols.name, `本轮有 ${same.length} 名干部叫${name.value}，请填写身份证号或出生年月以区分`);
      else issue(r, keyCols.name, `${name.value}${birth?.ok ? `（${birth.value}）` : ''}不是这一轮考核的干部`);
    } else {
      issue(r, keyCols.name ?? keyCols.idNumber, '缺少姓名和身份证号，无法对应到干部');
    }
    let cells = 0;
    if (match) {
      const dup = seen.get(match.cadreId);
      if (dup !== undefined) issue(r, keyCols.idNumber ?? keyCols.name, `${match.name}在第 ${dup} 行已出现过`);
      seen.set(match.cadreId, r + 1);
      for (const col of indCols) {
        const v = value(col.index);
        if (cellText(v) === '') continue;
        const options = byKey.get(col.key) ?? [];
        const ind = options.find(i => i.cadreId === match!.cadreId) ?? options.find(i => i.cadreId === null);
        if (!ind) {
          issue(r, col.index, `${match.name}没有个性化指标「${options[0]?.name ?? col.header}」`);
          continue;
        }
        const parsed = parseCell(ind, v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? '是' : '否') : v);
        if (!parsed.ok) issue(r, col.index, parsed.message);
        else {
          changes.push({ cadreId: match.cadreId, indicatorId: ind.id, value: parsed.value });
          cells++;
        }
      }
    }
    rows.push({
      row: r + 1,
      cadreId: match?.cadreId ?? null,
      name: match?.name ?? (name?.ok ? name.value : cellText(rawName)),
      matchedBy: match ? by : null,
      cells,
    });
  }
  if (changes.length === 0 && issues.length === 0) issues.push({ file, sheet, row: 0, column: '', message: '文件中没有可导入的成绩' });
  return { planId: randomUUID(), roundId, file, sheet, columns, rows, cells: changes.length, issues, blocked: issues.length > 0, changes };
}
