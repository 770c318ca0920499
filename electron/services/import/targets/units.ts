/**
 * The unit tree (单位树) as a target: a sheet of units, each with its 上级单位
 * (or written as a path 市委/组织部/干部科), 简称, 单位类别 and 单位级别. Units
 * already in the tree (same name under the same parent) are left as they are;
 * new ones are added under their parent, which may be a unit of the tree or
 * one added by a row above. The commit is one undoable operation: 撤销 removes
 * the units again while nothing refers to them.
 */
import type { Database } from '../../../db/database';
import { audit } from '../../common/audit';
import { withOperation } from '../../common/operation-log';
import { cellText } from '../layout';
import { normalizeHeader } from '../mapping';
import { where } from '../plan';
import type { PlanInput, Target, Vocabulary } from '../target';
import type { ImportPlan, PlanRow, RowRecord } from '../types';

const FIELDS = [
  { key: 'name', label: '单位名称' },
  { key: 'parent', label: '上级单位' },
  { key: 'shortName', label: '简称' },
  { key: 'kind', label: '单位类别' },
  { key: 'level', label: '单位级别' },
];
const WORDS = new Map<string, string>(
  [
    ['name', ['单位名称', '单位', '名称', '机构名称', '单位全称', '机构']],
    ['parent', ['上级单位', '上级', '隶属单位', '主管单位', '上级机构', '所属单位', '上级单位名称']],
    ['shortName', ['简称', '单位简称']],
    ['kind', ['单位类别', '单位性质', '类别', '性质', '机构类别', '单位类型', '机构性质']],
    ['level', ['单位级别', '机构规格', '规格', '级别', '单位规格']],
    ['ignore', ['序号', '编号']],
  ].flatMap(([field, words]) => (words as string[]).map(w => [normalizeHeader(w), field as string] as [string, string])),
);

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
const segments = (path: string) =>
  path
    .split(/[/\\／>＞]/)
    .map(squeeze)
    .filter(Boolean);

function unitsVocabulary(): Vocabulary {
  return {
    fields: FIELDS,
    label: field => FIELDS.find(f => f.key === field)?.label ?? null,
    isHeaderWord: text => WORDS.has(normalizeHeader(text)),
    matchColumns: columns => columns.map(c => WORDS.get(normalizeHeader(c.path[c.path.length - 1] ?? '')) ?? null),
    read(field, raw, rec, note) {
      const text = cellText(raw).trim();
      if (field === 'name' && !text) return note('error', '单位名称不能为空');
      if (text.length > 100) return note('error', `${FIELDS.find(f => f.key === field)?.label}过长（最多 100 个字）`);
      rec.values[field] = field === 'name' || field === 'parent' ? text.replace(/\s*[/\\／>＞]\s*/g, '/').replace(/[\s\u3000]+/g, '') : text;
    },
    sheetIssues: sheet =>
      sheet.mapped.has('name') ? [] : [{ severity: 'error', field: 'name', message: '没有对应“单位名称”的列：请在列对应中为单位名称指定一列' }],
  };
}

interface UnitRow {
  id: number;
  parentId: number | null;
  name: string;
}

/** Where a new unit goes: under a unit of the tree, or under one an earlier row adds. */
type Parent = { id: number | null } | { row: number };

export const unitsTarget: Target<Record<string, never>> = {
  kind: 'units',
  load: () => ({}),
  info: () => ({
    kind: 'units',
    title: '单位树',
    actions: { new: '新增单位', update: '更新', unchanged: '已在单位树中', skip: '跳过', error: '错误' },
    modes: false,
    units: false,
  }),
  vocabulary: () => unitsVocabulary(),
  plan: (db, _ctx, input) => ({ rows: planUnits(db, input) }),
  commit: (db, _ctx, plan, meta) => commitUnits(db, plan, meta.label),
  shown: rec => FIELDS.filter(f => rec.values[f.key]).map(f => ({ field: f.key, label: f.label, value: rec.values[f.key]! })),
};

function planUnits(db: Database, input: PlanInput): PlanRow[] {
  const { records, issue } = input;
  const units = db.prepare('SELECT id, parent_id AS parentId, name FROM units').all() as UnitRow[];
  const byName = new Map<string, UnitRow[]>();
  for (const u of units) byName.set(squeeze(u.name), [...(byName.get(squeeze(u.name)) ?? []), u]);
  /** Units this file adds so far, by name: their row index (a name given twice is ambiguous). */
  const added = new Map<string, number[]>();
  /** The stored unit a path names ('市委/组织部'), or null; 'many' when a bare name is not unique. */
  const stored = (path: string[]): UnitRow | null | 'many' => {
    let candidates = byName.get(path[0]) ?? [];
    for (const seg of path.slice(1)) {
      const ids = new Set(candidates.map(c => c.id));
      candidates = (byName.get(seg) ?? []).filter(u => u.parentId !== null && ids.has(u.parentId));
    }
    return candidates.length === 1 ? candidates[0] : candidates.length > 1 ? 'many' : null;
  };
  const byPath = new Map<string, number>();
  return records.map((rec, i): PlanRow => {
    const row: PlanRow = { i, action: 'error', cadreId: null, matchedBy: null, changes: [] };
    if (rec.hasError) return row;
    const path = segments(rec.values.name ?? '');
    const parentPath = rec.values.parent ? segments(rec.values.parent) : path.slice(0, -1);
    const name = path[path.length - 1];
    let parent: Parent = { id: null };
    if (parentPath.length) {
      const own = added.get(parentPath[parentPath.length - 1]);
      const found = stored(parentPath);
      if (found === 'many') {
        issue(
          'error',
          rec,
          rec.values.parent ? 'parent' : 'name',
          `上级单位「${parentPath.join('/')}」在单位树中有多个同名单位，请写明它的上级，如「市教育局/办公室」`,
        );
        return row;
      }
      if (found) parent = { id: found.id };
      else if (own?.length === 1 && parentPath.length === 1) parent = { row: own[0] };
      else {
        issue('error', rec, rec.values.parent ? 'parent' : 'name', `上级单位「${parentPath.join('/')}」不在单位树中，也不在表中前面的行里`);
        return row;
      }
    }
    const key = 'id' in parent ? `${parent.id}/${name}` : `r${parent.row}/${name}`;
    const twin = byPath.get(key);
    if (twin !== undefined) {
      issue('error', rec, 'name', `与${where(records[twin])}是同一个单位（${[...parentPath, name].join('/')}），请删除重复的行`);
      return row;
    }
    byPath.set(key, i);
    const existing = 'id' in parent ? units.find(u => u.parentId === parent.id && squeeze(u.name) === name) : undefined;
    if (existing) {
      row.action = 'unchanged';
      return row;
    }
    added.set(name, [...(added.get(name) ?? []), i]);
    row.action = 'new';
    row.data = parent;
    return row;
  });
}

function commitUnits(db: Database, plan: ImportPlan, label: string) {
  const insert = db.prepare(
    `INSERT INTO units(parent_id, name, short_name, kind, level, sort_order)
     VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM units WHERE parent_id IS ?))`,
  );
  const idOfRow = new Map<number, number>();
  const rows = plan.rows.filter(r => r.action === 'new');
  const written = withOperation(db, { kind: 'import', label }, op => {
    for (const row of rows) {
      const rec: RowRecord = plan.records[row.i];
      const parent = row.data as Parent;
      const parentId = 'id' in parent ? parent.id : (idOfRow.get(parent.row) ?? null);
      const name = segments(rec.values.name ?? '').pop()!;
      const v = rec.values;
      const id = Number(insert.run(parentId, name, v.shortName ?? '', v.kind ?? '', v.level ?? '', parentId).lastInsertRowid);
      idOfRow.set(row.i, id);
      op.unitCreated(id);
      audit(db, {
        entity: 'unit',
        entityId: id,
        action: 'import',
        after: { name, parentId, shortName: v.shortName ?? '', kind: v.kind ?? '', level: v.level ?? '', file: rec.file },
      });
    }
    return { inserted: rows.length };
  });
  return { inserted: written.inserted, updated: 0, unitsCreated: rows.length, operation: written.operation ?? null };
}
