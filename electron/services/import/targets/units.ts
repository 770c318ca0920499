/**
 * The unit tree (单位树) as a target: a sheet of units, each with its 上级单位
 * (or written as a path 市委/组织部/干部科), 简称, 单位类别, 单位级别 and 排序.
 *
 * A row names a unit of the tree when the tree has one of that name under the
 * row's parent; or, the row giving a 上级单位 column, when its name (a bare name
 * unique among the live units, or a path 市财政局/办公室) names one elsewhere: that
 * unit moves under the new parent. A unit found is updated where the row says
 * something else (简称, 类别, 级别, 排序, 上级单位: old → new in the preview; a blank
 * cell never erases). The others are added under their parent, which may be a
 * unit of the tree or one added by a row above. The commit is one undoable
 * operation: 撤销 restores the units changed and removes the ones added while
 * nothing refers to them.
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
  { key: 'order', label: '排序' },
];
/** The unit columns each field updates. */
const COLUMNS = { shortName: 'short_name', kind: 'kind', level: 'level' } as const;
const WORDS = new Map<string, string>(
  [
    ['name', ['单位名称', '单位', '名称', '机构名称', '单位全称', '机构']],
    ['parent', ['上级单位', '上级', '隶属单位', '主管单位', '上级机构', '所属单位', '上级单位名称']],
    ['shortName', ['简称', '单位简称']],
    ['kind', ['单位类别', '单位性质', '类别', '性质', '机构类别', '单位类型', '机构性质']],
    ['level', ['单位级别', '机构规格', '规格', '级别', '单位规格']],
    ['order', ['排序', '排序号', '顺序', '显示顺序', '排列顺序', '单位排序']],
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
      if (field === 'order' && text && !/^\d{1,6}$/.test(text)) return note('error', `排序「${text}」不是正整数`);
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
  shortName: string;
  kind: string;
  level: string;
  sortOrder: number;
}

/** Where a new unit goes: under a unit of the tree, or under one an earlier row adds. */
type Parent = { id: number | null } | { row: number };

/** What the commit does with a row: add a unit under its parent, or update one of the tree. */
type UnitWrite = { parent: Parent } | { id: number; set: Record<string, unknown> };

export const unitsTarget: Target<Record<string, never>> = {
  kind: 'units',
  load: () => ({}),
  info: () => ({
    kind: 'units',
    title: '单位树',
    actions: { new: '新增单位', update: '更新单位', unchanged: '已在单位树中', skip: '跳过', history: '历史库中已有', error: '错误' },
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
  const units = db
    .prepare(
      `SELECT id, parent_id AS parentId, name, short_name AS shortName, kind, level, sort_order AS sortOrder
         FROM units WHERE abolished_at IS NULL`,
    )
    .all() as UnitRow[];
  const byId = new Map(units.map(u => [u.id, u]));
  const byName = new Map<string, UnitRow[]>();
  for (const u of units) byName.set(squeeze(u.name), [...(byName.get(squeeze(u.name)) ?? []), u]);
  const pathOf = (id: number | null): string => {
    const names: string[] = [];
    for (let u = id === null ? undefined : byId.get(id); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) names.unshift(u.name);
    return names.join('/') || '（顶层）';
  };
  /** Whether `id` is `top` or below it (a unit cannot move under itself). */
  const within = (id: number | null, top: number): boolean => {
    for (let u = id === null ? undefined : byId.get(id); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) if (u.id === top) return true;
    return false;
  };
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
  /** Units a row above already names (each unit is updated by one row at most). */
  const named = new Map<number, number>();
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
    let existing = 'id' in parent ? units.find(u => u.parentId === parent.id && squeeze(u.name) === name) : undefined;
    if (!existing && rec.values.parent && 'id' in parent) {
      // Named elsewhere in the tree (a unique name, or its path): the row moves it.
      const elsewhere = stored(path);
      if (elsewhere && elsewhere !== 'many' && !(path.length === 1 && added.has(name))) existing = elsewhere;
    }
    if (existing) {
      const other = named.get(existing.id);
      if (other !== undefined) {
        issue('error', rec, 'name', `与${where(records[other])}是同一个单位（${pathOf(existing.id)}），请删除重复的行`);
        return row;
      }
      named.set(existing.id, i);
      return planUpdate(rec, row, existing, 'id' in parent ? parent.id : null);
    }
    added.set(name, [...(added.get(name) ?? []), i]);
    row.action = 'new';
    row.data = { parent } satisfies UnitWrite;
    return row;
  });

  /** A unit of the tree the row names: what differs (blank cells say nothing). */
  function planUpdate(rec: RowRecord, row: PlanRow, unit: UnitRow, parentId: number | null): PlanRow {
    const set: Record<string, unknown> = {};
    const change = (field: string, old: string, value: string) => row.changes.push({ field, label: FIELDS.find(f => f.key === field)!.label, old, new: value });
    for (const [field, column] of Object.entries(COLUMNS)) {
      const value = rec.values[field];
      const old = unit[field as keyof typeof COLUMNS];
      if (value && value !== old) {
        change(field, old, value);
        set[column] = value;
      }
    }
    if (parentId !== unit.parentId) {
      if (parentId !== null && within(parentId, unit.id)) {
        issue('error', rec, 'parent', `不能把「${unit.name}」移到它自己或它的下级单位「${pathOf(parentId)}」之下`);
        return row;
      }
      if (units.some(u => u.parentId === parentId && u.id !== unit.id && u.name === unit.name)) {
        issue('error', rec, 'parent', `「${pathOf(parentId)}」下已有名为「${unit.name}」的单位`);
        return row;
      }
      change('parent', pathOf(unit.parentId), pathOf(parentId));
      set.parent_id = parentId;
    }
    const order = rec.values.order ? Number(rec.values.order) : null;
    if (order !== null && order !== unit.sortOrder) {
      change('order', String(unit.sortOrder), String(order));
      set.sort_order = order;
    } else if (order === null && 'parent_id' in set) set.sort_order = null; // last among its new siblings
    row.action = row.changes.length ? 'update' : 'unchanged';
    row.data = { id: unit.id, set } satisfies UnitWrite;
    return row;
  }
}

function commitUnits(db: Database, plan: ImportPlan, label: string) {
  const last = `(SELECT coalesce(max(sort_order), 0) + 1 FROM units WHERE parent_id IS ?)`;
  const insert = db.prepare(`INSERT INTO units(parent_id, name, short_name, kind, level, sort_order) VALUES (?, ?, ?, ?, ?, coalesce(?, ${last}))`);
  const idOfRow = new Map<number, number>();
  const adding = plan.rows.filter(r => r.action === 'new');
  const updating = plan.rows.filter(r => r.action === 'update');
  const lastPlace = db.prepare(`SELECT ${last}`).pluck();
  const written = withOperation(db, { kind: 'import', label }, op => {
    for (const row of updating) {
      const { id, set: planned } = row.data as { id: number; set: Record<string, unknown> };
      const set = { ...planned };
      op.touchRow('units', id);
      // Moved without a 排序: last among its new siblings.
      if (set.sort_order === null) set.sort_order = (lastPlace.get(set.parent_id) as number | undefined) ?? 1;
      const cols = Object.keys(set);
      db.prepare(`UPDATE units SET ${cols.map(c => `${c} = :${c}`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`).run({
        ...set,
        id,
      });
    }
    for (const row of adding) {
      const rec: RowRecord = plan.records[row.i];
      const { parent } = row.data as { parent: Parent };
      const parentId = 'id' in parent ? parent.id : (idOfRow.get(parent.row) ?? null);
      const name = segments(rec.values.name ?? '').pop()!;
      const v = rec.values;
      const order = v.order ? Number(v.order) : null;
      const id = Number(insert.run(parentId, name, v.shortName ?? '', v.kind ?? '', v.level ?? '', order, parentId).lastInsertRowid);
      idOfRow.set(row.i, id);
      op.unitCreated(id);
      audit(db, {
        entity: 'unit',
        entityId: id,
        action: 'import',
        after: { name, parentId, shortName: v.shortName ?? '', kind: v.kind ?? '', level: v.level ?? '', file: rec.file },
      });
    }
    return { inserted: adding.length, updated: updating.length };
  });
  return { inserted: written.inserted, updated: written.updated, unitsCreated: adding.length, operation: written.operation ?? null };
}
