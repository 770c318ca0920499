/**
 * Annual assessment results (年度考核结果) as a target, in the two layouts
 * offices send: wide (身份证号 or 工作证号, 姓名, then a column per year —
 * 2023年, 2024年度考核, 2025年考核结果 — holding 优秀/称职/基本称职/不称职/
 * 不定等次) or long (a row per person and year: 姓名, 身份证号, 考核年度, 考核结果,
 * 备注). People are matched by the one RosterMatcher among cadres already in
 * the roster (a name alone is enough when it is unique: 工作证号 is not stored);
 * a year in the file replaces that year's result, other years stay. The
 * commit is one undoable operation on the roster.
 */
import { formatAssessments, type AssessmentEntry } from '../../../../shared/domain/assessment/text';
import type { Database } from '../../../db/database';
import { withOperation } from '../../common/operation-log';
import { readCadreImage, writeCadreImage } from '../../roster/api';
import { mergeAssessments } from './roster';
import { cellText } from '../layout';
import { normalizeHeader, yearField, yearLabel } from '../mapping';
import { RosterMatcher } from '../match';
import { addAssessments, personVocabulary, readGrade } from '../person';
import { matchRecords, where } from '../plan';
import type { PlanInput, Target, Vocabulary } from '../target';
import type { ImportPlan, PlanRow, RowRecord } from '../types';

const OWN_FIELDS = [
  { key: 'year', label: '考核年度' },
  { key: 'grade', label: '考核结果（等次）' },
  { key: 'note', label: '备注（不定等次原因）' },
];
const OWN_WORDS = new Map<string, string>(
  [
    ['year', ['考核年度', '年度', '年份', '考核年份']],
    ['grade', ['考核结果', '考核等次', '等次', '年度考核结果', '年度考核等次', '评定等次', '考核情况']],
    ['note', ['备注', '说明', '原因', '不定等次原因']],
    ['ignore', ['工作证号', '工作证编号']],
  ].flatMap(([field, words]) => (words as string[]).map(w => [normalizeHeader(w), field as string] as [string, string])),
);

function annualVocabulary(): Vocabulary {
  const vocabulary = personVocabulary({
    fields: ['name', 'idNumber', 'birth', 'gender'],
    years: 'always',
    checkRecord: false,
    duplicates: false,
    own: {
      fields: OWN_FIELDS,
      label: field => OWN_FIELDS.find(f => f.key === field)?.label ?? null,
      match: path => OWN_WORDS.get(normalizeHeader(path[path.length - 1] ?? '')) ?? null,
      isHeaderWord: text => OWN_WORDS.has(normalizeHeader(text)),
      read(field, raw, rec, note) {
        const text = cellText(raw).trim();
        if (field === 'note') rec.values.note = text;
        else if (field === 'year') {
          const m = /^(\d{4})\s*年?度?$/.exec(text.replace(/\.0+$/, ''));
          if (m && Number(m[1]) >= 1950 && Number(m[1]) <= 2100) rec.values.year = m[1];
          else note('error', `考核年度「${text.slice(0, 20)}」应为四位年份，如 2024`);
        } else if (field === 'grade') rec.values.grade = text;
      },
    },
  });
  return { ...vocabulary, worthy: fields => [...fields].some(f => f === 'grade' || f.startsWith('year:')) };
}

/** A long row's 年度 + 等次 (+ 备注) as one result (a wide row's year columns are read already); 'none': the row gives no result. */
function finishLong(rec: RowRecord, issue: PlanInput['issue']): 'ok' | 'none' | 'error' {
  const { year, grade, note } = rec.values;
  if (grade === undefined) return rec.assessments?.length ? 'ok' : 'none';
  if (!year) {
    issue('error', rec, 'grade', '有考核结果但没有考核年度');
    return 'error';
  }
  const g = readGrade(grade, Number(year));
  if ('error' in g) {
    issue('error', rec, 'grade', g.error);
    return 'error';
  }
  addAssessments(rec, [{ ...g.entry, note: g.entry.note || (note ?? '') }]);
  return 'ok';
}

export const annualTarget: Target<Record<string, never>> = {
  kind: 'annual',
  load: () => ({}),
  info: () => ({
    kind: 'annual',
    title: '年度考核结果',
    actions: { new: '新增', update: '更新', unchanged: '不变', skip: '跳过', history: '历史库中已有', error: '错误' },
    modes: false,
    units: false,
  }),
  vocabulary: () => annualVocabulary(),
  people: { matcher: db => RosterMatcher.load(db), nameAlone: true },
  plan: (db, _ctx, input) => ({ rows: planAnnual(db, input) }),
  commit: (db, _ctx, plan, meta) => commitAnnual(db, plan, meta.label),
  writes: ['update'],
};

function planAnnual(db: Database, input: PlanInput): PlanRow[] {
  const { records, issue } = input;
  const outcomes = matchRecords(RosterMatcher.load(db), input, true, false);
  /** Per cadre: the year → the record that gives it (a year given twice with different grades is an error). */
  const given = new Map<number, Map<number, { rec: RowRecord; entry: AssessmentEntry }>>();
  return records.map((rec, i): PlanRow => {
    const row: PlanRow = { i, action: 'error', cadreId: null, matchedBy: null, changes: [] };
    const found = outcomes[i];
    if (rec.hasError || found === null) return row;
    const result = finishLong(rec, issue);
    if (result === 'error') return row;
    if (result === 'none') {
      issue('warning', rec, 'name', '本行没有考核结果，未导入');
      row.action = 'skip';
      return row;
    }
    if (found === 'new') {
      issue(
        'error',
        rec,
        'name',
        `名册中没有此人（${[rec.values.name, rec.values.idNumber].filter(Boolean).join('，')}），年度考核结果只能导入已在名册中的干部`,
      );
      return row;
    }
    row.cadreId = found.cadre.id;
    row.matchedBy = found.by;
    const years = given.get(found.cadre.id) ?? new Map();
    given.set(found.cadre.id, years);
    const image = readCadreImage(db, found.cadre.id)!;
    const old = new Map((image.assessments as unknown as AssessmentEntry[]).map(a => [a.year, a]));
    for (const entry of rec.assessments ?? []) {
      const twin = years.get(entry.year);
      if (twin && (twin.entry.grade !== entry.grade || twin.entry.note !== entry.note)) {
        issue(
          'error',
          rec,
          yearField(entry.year),
          `${found.cadre.name}的${yearLabel(entry.year)}与${where(twin.rec)}不同（${twin.entry.grade} / ${entry.grade}）`,
        );
        return row;
      }
      years.set(entry.year, { rec, entry });
      const before = old.get(entry.year);
      const text = (a: AssessmentEntry | undefined) => (a ? formatAssessments([a]).replace(/^\d{4}年度考核/, '') : '');
      if (text(before) !== text(entry)) row.changes.push({ field: yearField(entry.year), label: yearLabel(entry.year), old: text(before), new: text(entry) });
    }
    // 重新调入: the person of the 历史库 comes back into the roster with the results.
    if (found.returning) row.changes.push({ field: 'status', label: '状态', old: String(image.row.status), new: '在职' });
    row.action = row.changes.length ? 'update' : 'unchanged';
    return row;
  });
}

function commitAnnual(db: Database, plan: ImportPlan, label: string) {
  const rows = plan.rows.filter(r => r.action === 'update');
  const written = withOperation(db, { kind: 'import', label }, op => {
    for (const row of rows) {
      const id = row.cadreId!;
      op.touch(id);
      // The stored years merged with the file's, written back as the roster writes a record.
      const image = readCadreImage(db, id)!;
      const years = mergeAssessments(image.assessments as unknown as AssessmentEntry[], plan.records[row.i].assessments ?? []);
      const status = row.changes.find(c => c.field === 'status');
      writeCadreImage(db, id, {
        ...image,
        row: { ...image.row, ...(status && { status: status.new }), updated_at: new Date().toISOString() },
        assessments: years.map(a => ({ year: a.year, grade: a.grade, note: a.note })),
      });
    }
    return { updated: rows.length };
  });
  return { inserted: 0, updated: written.updated, unitsCreated: 0, operation: written.operation ?? null };
}
