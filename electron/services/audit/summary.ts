/**
 * One audit entry in words for the 审计日志 page and its export: what it is
 * about (a cadre's name, 单位「…」, 设置, 全部数据) and what changed, before →
 * after, with the fields' Chinese labels and values as users write them.
 * Long values are clipped; the cadre's 修改记录 shows them whole.
 */
import { AUDIT_COLUMN_LABELS, AUDIT_ENTITY_LABELS, AUDIT_SETTING_LABELS, auditActionLabel, formatAuditValue } from '../../../shared/domain/audit/text';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { FIELD_OF_COLUMN } from '../common/audit';

export interface StoredAuditEntry {
  entity: string;
  entityId: number | null;
  action: string;
  before: string | null;
  after: string | null;
  /** The cadre's current name (null when not a cadre, or the record is gone). */
  cadreName: string | null;
}

type Side = Record<string, unknown> | null;

const MAX_VALUE = 60;
/** Bookkeeping columns a new record has that say nothing to a reader. */
const HIDDEN = new Set(['id', 'sort_order', 'created_at', 'updated_at', 'name_keys', 'deleted_at']);

function parseSide(text: string | null): Side {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: text };
  }
}

const clip = (s: string) => (s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
/** A record's side with every key null: the record did not exist on that side. */
const absent = (side: Side) => side !== null && 'name' in side && side.name === null;

export class AuditSummarizer {
  constructor(private readonly units: ReadonlyMap<number, string>) {}

  private value(field: string, v: unknown): string {
    return clip(formatAuditValue(field, v, this.units));
  }

  /** Each changed key as '标签：旧 → 新'. */
  private diff(before: Side, after: Side, label: (key: string) => { field: string; label: string }): string {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys
      .filter(k => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
      .map(k => {
        const { field, label: shown } = label(k);
        return `${shown}：${this.value(field, before?.[k])} → ${this.value(field, after?.[k])}`;
      })
      .join('；');
  }

  private cadre(before: Side, after: Side): string {
    const label = (col: string) => {
      const field = FIELD_OF_COLUMN[col] ?? col;
      return { field, label: fieldLabel(field) };
    };
    if (absent(before) && after) {
      const filled = Object.entries(after).filter(([col, v]) => !HIDDEN.has(col) && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
      return `新增记录：${filled.map(([col, v]) => `${label(col).label} ${this.value(label(col).field, v)}`).join('，')}`;
    }
    if (absent(after)) return '移除该记录';
    const keys = Object.keys({ ...before, ...after });
    if (keys.length === 1 && keys[0] === 'deleted_at') return after?.deleted_at ? '移入回收站' : '移出回收站，回到名册';
    return this.diff(before, after, label) || '（内容已更新，无字段差异可显示）';
  }

  private database(action: string, after: Side): string {
    const a = after ?? {};
    if (action.startsWith('demo.')) return `${auditActionLabel(action)}：${str(a.city)}，单位 ${str(a.units)} 个，干部 ${str(a.cadres)} 名`;
    if (action === 'backup') return `备份全部数据到「${str(a.file ?? a.name)}」`;
    if (action === 'restore') {
      if (a.recovered) return `数据文件损坏，从备份「${str(a.from)}」恢复；恢复后在册干部 ${str(a.cadres)} 名`;
      return `从备份「${str(a.from)}」恢复；恢复后在册干部 ${str(a.cadres)} 名；恢复前的数据已另存为「${str(a.preRestore)}」`;
    }
    return this.generic(null, after);
  }

  private importRun(action: string, after: Side): string {
    const a = after ?? {};
    const files = Array.isArray(a.files) ? a.files.map(f => str((f as { name?: unknown })?.name ?? f)) : [];
    const shown = files.slice(0, 3).join('、') + (files.length > 3 ? ` 等` : '');
    const counts = [
      ['新增', a.inserted],
      ['更新', a.updated],
      ['未变', a.unchanged],
      ['跳过', a.skipped],
    ]
      .filter(([, n]) => typeof n === 'number')
      .map(([label, n]) => `${String(label)} ${String(n)}`)
      .join('，');
    return `${auditActionLabel(action)}：文件 ${files.length} 个（${shown}）${counts ? `，${counts}` : ''}`;
  }

  /** Any other entry: its keys with the table's, settings' or fields' labels. */
  private generic(before: Side, after: Side, columns: Record<string, string> = {}): string {
    const label = (k: string) => ({
      field: k === 'unit_id' || k === 'parent_id' ? 'unitId' : k,
      label: columns[k] ?? AUDIT_SETTING_LABELS[k] ?? fieldLabel(k),
    });
    if (before === null && after !== null) {
      return Object.entries(after)
        .map(([k, v]) => `${label(k).label} ${this.value(k, v)}`)
        .join('，');
    }
    return this.diff(before, after, label);
  }

  /** What the entry is about: the cadre's name, or 单位「…」, 设置, 全部数据, … */
  target(e: StoredAuditEntry): string {
    if (e.entity === 'cadre') {
      const before = parseSide(e.before);
      const after = parseSide(e.after);
      return e.cadreName ?? (str(after?.name) || str(before?.name) || `编号 ${str(e.entityId)}（记录已不存在）`);
    }
    if (e.entity === 'unit' || e.entity === 'units') {
      const name = (e.entityId !== null ? this.units.get(e.entityId) : undefined) ?? str(parseSide(e.after)?.name);
      return `单位「${name}」`;
    }
    return AUDIT_ENTITY_LABELS[e.entity] ?? e.entity;
  }

  summary(e: StoredAuditEntry): string {
    const before = parseSide(e.before);
    const after = parseSide(e.after);
    switch (e.entity) {
      case 'cadre':
        return this.cadre(before, after);
      case 'database':
        return this.database(e.action, after);
      case 'import':
        return this.importRun(e.action, after);
      case 'unit':
        if (e.action === 'import' && after) return `新建单位「${str(after.name)}」（导入「${str(after.file)}」时）`;
        return this.generic(before, after);
      default:
        return this.generic(before, after, AUDIT_COLUMN_LABELS[e.entity]);
    }
  }
}
