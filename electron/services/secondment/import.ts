/**
 * A batch's member list (成员名单) as a target of the one import pipeline:
 * member columns (派出单位, 原任职务, 挂职单位, 挂任职务, 挂职时间 …) and the
 * person columns of the roster. People are matched by the one RosterMatcher
 * (by ID, else 姓名 + 出生年月, whether or not the cadre's ID is on record, else
 * a name that is unique): a list without IDs finds the cadres already in the
 * roster and adds none. Matched people join the batch; people not in the
 * roster join the roster and the batch (they need an ID or a birth month);
 * people already in the batch are skipped; an overlapping placement is an
 * error. The commit is one operation: the new cadres and the member rows.
 */
import { AppError } from '../../../shared/contract/errors';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/contract/routes/imports';
import { MEMBER_FIELD_LABELS, type MemberEditableField } from '../../../shared/contract/routes/secondment';
import { formatDate } from '../../../shared/domain/common/dates';
import { overlapMessage, periodsOverlap } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { applyCadreChanges, type FieldValues } from '../roster/api';
import {
  cellText,
  defaultShown,
  matchRecords,
  normalizeHeader,
  personVocabulary,
  RosterMatcher,
  type PlanRow,
  type RowRecord,
  type Target,
} from '../import/api';
import { batchScope, checkMemberField, checkMembersWritten, insertMemberFor, type MemberValues } from './members';
import { placementsOf } from './overlap';

/** Member columns by header (normalised); tried before the roster's header words. */
const MEMBER_HEADERS: [RegExp, MemberEditableField | 'period'][] = [
  [/^(派出单位|原单位|原工作单位|所在单位)$/, 'homeUnit'],
  [/^(原任职务|原职务|现任职务|派出单位职务)$/, 'homePost'],
  [/^(挂职单位|挂职岗位单位|接收单位)$/, 'hostUnit'],
  [/^(挂任职务|挂职职务|挂职岗位)$/, 'hostPost'],
  [/^(挂职时间|挂职起止时间|起止时间)$/, 'period'],
  [/^(挂职开始时间|开始时间)$/, 'startDate'],
  [/^(挂职结束时间|结束时间)$/, 'endDate'],
  [/^(临时党支部职务|支部职务)$/, 'branchRole'],
  [/^备注$/, 'notes'],
];
const MEMBER_FIELDS: (MemberEditableField | 'period')[] = [
  'homeUnit',
  'homePost',
  'hostUnit',
  'hostPost',
  'period',
  'startDate',
  'endDate',
  'branchRole',
  'notes',
];
const label = (f: MemberEditableField | 'period') => (f === 'period' ? '挂职时间（起止）' : MEMBER_FIELD_LABELS[f]);
const isMemberField = (f: string): f is MemberEditableField | 'period' => (MEMBER_FIELDS as string[]).includes(f);

/** Roster fields a member list may carry, for matching and for people new to the roster. */
const PERSON_FIELDS: ImportField[] = [
  'name',
  'gender',
  'birth',
  'idNumber',
  'ethnicity',
  'ftEducation',
  'ftDegree',
  'ptEducation',
  'rank',
  'leadershipLevel',
  'politicalStatus',
  'nativePlace',
  'partyDate',
  'workDate',
  'post',
  'unitPost',
].filter(f => (IMPORT_FIELDS as readonly string[]).includes(f)) as ImportField[];

/** '2021.03—2022.03' / '2021.03-2022.03' / '2021.03至2022.03' → start and end. */
function splitPeriod(text: string): [string, string] {
  const m = /^(.+?)\s*(?:--|—+|–|~|～|至|-(?=\s*\d{4}))\s*(.*)$/.exec(text.trim());
  return m ? [m[1], m[2].replace(/^至今$/, '')] : [text.trim(), ''];
}

interface Batch {
  id: number;
  name: string;
  start: string;
  end: string;
}

function loadBatch(db: Database, id: number): Batch {
  const b = db.prepare('SELECT id, name, start_date AS start, planned_end_date AS end FROM secondment_batches WHERE id = ?').get(id) as Batch | undefined;
  if (!b) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的挂职批次`);
  return b;
}

/** What a row adds to the batch: the member values, and the roster fields of someone new. */
function memberValues(rec: RowRecord): MemberValues {
  const out: MemberValues = {};
  for (const f of MEMBER_FIELDS) if (f !== 'period' && rec.values[f] !== undefined) out[f] = rec.values[f]!;
  if (out.homeUnit === undefined && rec.unit) out.homeUnit = rec.unit;
  if (out.homePost === undefined && rec.values.post) out.homePost = rec.values.post;
  return out;
}

export const batchTarget: Target<Batch> = {
  kind: 'batch',
  load: (db, ref) => loadBatch(db, ref.kind === 'batch' ? ref.batchId : 0),
  info: batch => ({
    kind: 'batch',
    title: `挂职批次「${batch.name}」成员`,
    actions: { new: '新入名册', update: '已匹配名册', unchanged: '不变', skip: '已在本批次', history: '历史库中已有', error: '有错误' },
    modes: false,
    units: false,
  }),
  vocabulary: (_batch, env) =>
    personVocabulary({
      fields: PERSON_FIELDS,
      years: false,
      checkRecord: true,
      splits: env,
      duplicates: true,
      own: {
        fields: MEMBER_FIELDS.map(f => ({ key: f, label: label(f) })),
        label: f => (isMemberField(f) ? label(f) : null),
        match: path => MEMBER_HEADERS.find(([re]) => re.test(normalizeHeader(path[path.length - 1] ?? '')))?.[1] ?? null,
        isHeaderWord: text => MEMBER_HEADERS.some(([re]) => re.test(normalizeHeader(text))),
        read(field, raw, rec, note) {
          if (field === 'period') {
            const [s, e] = splitPeriod(cellText(raw));
            for (const [f, text] of [
              ['startDate', s],
              ['endDate', e],
            ] as const) {
              const checked = checkMemberField(f, text);
              if (checked.ok) rec.values[f] = checked.value;
              else note('error', `挂职时间：${checked.message}`);
            }
            return;
          }
          const checked = checkMemberField(field as MemberEditableField, raw instanceof Date ? raw : typeof raw === 'boolean' ? String(raw) : raw);
          if (checked.ok) rec.values[field] = checked.value;
          else note('error', checked.message);
        },
      },
    }),
  people: { matcher: db => RosterMatcher.load(db), nameAlone: true },
  plan: (db, batch, input) => {
    const { records, issue } = input;
    const fresh = loadBatch(db, batch.id);
    const inBatch = new Set(
      (db.prepare("SELECT cadre_id AS id FROM secondment_members WHERE batch_id = ? AND status <> '已调换'").all(batch.id) as { id: number }[]).map(r => r.id),
    );
    const outcomes = matchRecords(RosterMatcher.load(db), input, true);
    const rows = records.map((rec, i): PlanRow => {
      const row: PlanRow = { i, action: 'error', cadreId: null, matchedBy: null, changes: [] };
      const found = outcomes[i];
      if (rec.hasError || found === null) return row;
      const member = memberValues(rec);
      if (found === 'new') {
        if (!rec.values.idNumber && !rec.values.birth) {
          issue('error', rec, 'birth', `「${rec.values.name ?? ''}」不在名册中：新加入名册的人须填写身份证号或出生年月`);
          return row;
        }
        row.action = 'new';
        return row;
      }
      row.cadreId = found.cadre.id;
      row.matchedBy = found.by;
      if (inBatch.has(found.cadre.id)) {
        issue('warning', rec, 'name', `「${found.cadre.name}」已在本批次中，${rec.row === null ? '' : '本行'}不导入`);
        row.action = 'skip';
        return row;
      }
      const period = { start: String(member.startDate ?? '') || fresh.start, end: String(member.endDate ?? '') || fresh.end };
      const other = placementsOf(db, found.cadre.id).find(p => periodsOverlap(period, p.period));
      if (other) {
        issue('error', rec, 'name', overlapMessage(other.kind, other.where, other.period, `「${found.cadre.name}」`));
        return row;
      }
      row.action = 'update';
      row.changes = [
        // 重新调入: the person of the 历史库 comes back into the roster.
        ...(found.returning ? [{ field: 'status', label: '状态', old: found.cadre.left ?? '', new: '在职' }] : []),
        { field: 'batch', label: '加入批次', old: '', new: fresh.name },
        ...(Object.entries(member) as [MemberEditableField, string][]).map(([f, v]) => ({ field: f, label: label(f), old: '', new: shownMember(f, v) })),
      ];
      return row;
    });
    return { rows };
  },
  commit: (db, batch, plan, meta) => {
    const toAdd = plan.rows.filter(r => r.action === 'update' || r.action === 'new');
    const creates = toAdd.filter(r => r.action === 'new');
    const memberIds: number[] = [];
    const result = applyCadreChanges(
      db,
      {
        creates: creates.map(r => ({ values: newCadre(plan.records[r.i]) })),
        updates: toAdd.filter(r => r.changes.some(c => c.field === 'status')).map(r => ({ id: r.cadreId!, values: { status: '在职' } })),
        kind: 'import',
        label: meta.label,
        scope: batchScope(batch.id),
      },
      (op, written) => {
        const created = new Map(creates.map((r, k) => [r, written.created[k]]));
        for (const r of toAdd) memberIds.push(insertMemberFor(db, op, batch.id, r.cadreId ?? created.get(r)!, memberValues(plan.records[r.i])));
        checkMembersWritten(db, memberIds);
      },
    );
    return { inserted: creates.length, updated: toAdd.length - creates.length, unitsCreated: 0, operation: result.operation ?? null };
  },
  shown: (rec, _row, vocabulary) => defaultShown(rec, vocabulary).map(v => (isMemberField(v.field) ? { ...v, value: shownMember(v.field, v.value) } : v)),
};

const shownMember = (field: string, value: string) => (field === 'startDate' || field === 'endDate' ? formatDate(value) : value);

/** The roster fields of a person new to the roster: what the row gives, its post from 原任职务 when it has none. */
function newCadre(rec: RowRecord): FieldValues {
  const out: FieldValues = {};
  for (const f of PERSON_FIELDS) if (f !== 'unitPost' && rec.values[f] !== undefined) out[f as keyof FieldValues] = rec.values[f]!;
  if (!out.post && rec.values.homePost) out.post = rec.values.homePost;
  return out;
}
