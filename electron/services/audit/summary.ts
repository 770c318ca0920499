/**
 * One audit entry in words for the 审计日志 page, its export and the CLI: what
 * it is about (a cadre's name, 单位「…」, 挂职成员「张三」, 设置, 全部数据) and what
 * changed, before → after, with each table's Chinese labels
 * (shared/domain/audit/fields.ts). Bookkeeping columns are left out, columns
 * naming another record show what they name (batch_id → 第四批), dates read
 * 1985.03 / 2026.12.06 and times 2026.12.06 08:30. Long values are clipped;
 * the cadre's 修改记录 shows them whole.
 */
import { auditKeyLabel, auditTable, shownAuditKeys, type AuditRefKind, type AuditTable } from '../../../shared/domain/audit/fields';
import { auditActionLabel, formatAuditValue } from '../../../shared/domain/audit/text';
import { formatDate } from '../../../shared/domain/common/dates';

export interface StoredAuditEntry {
  entity: string;
  entityId: number | null;
  action: string;
  before: string | null;
  after: string | null;
  /** The cadre's current name (null when not a cadre, or the record is gone). */
  cadreName: string | null;
}

/** The name of a record another one refers to; null when it no longer exists. */
export type RefNamer = (kind: AuditRefKind, id: number) => string | null;

type Side = Record<string, unknown> | null;

const MAX_VALUE = 60;

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
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
/**
 * A side on which the record did not exist: the undo log stores a created
 * record's before side (and a removed one's after side) with every key null,
 * the id too (a cadre's image has no id: its name, never null otherwise, is).
 */
const absent = (side: Side, entity: string) => side !== null && (entity === 'cadre' ? 'name' in side && side.name === null : 'id' in side && side.id === null);

export class AuditSummarizer {
  constructor(private readonly names: RefNamer) {}

  /** A stored value as a reader writes it; references by what they name. */
  private value(table: AuditTable | undefined, key: string, v: unknown): string {
    const ref = table?.refs?.[key];
    if (ref) {
      if (empty(v)) return '（无）';
      const ids = Array.isArray(v) ? v : [v];
      return clip(ids.map(id => (typeof id === 'number' ? (this.names(ref, id) ?? '（已删除）') : str(id))).join('、'));
    }
    if (table?.flags?.includes(key)) return v ? '是' : '否';
    if (key === 'deleted_at') return v ? '在回收站' : '在名册中';
    return clip(formatAuditValue(key, v, new Map()));
  }

  /** The shown keys of one side that hold something, in the table's order. */
  private filled(table: AuditTable, side: Record<string, unknown>): string[] {
    return shownAuditKeys(table, Object.keys(side)).filter(k => !empty(side[k]) && k !== 'deleted_at');
  }

  private listed(table: AuditTable, side: Record<string, unknown>): string {
    return this.filled(table, side)
      .map(k => `${auditKeyLabel(table, k)} ${this.value(table, k, side[k])}`)
      .join('，');
  }

  /** Each shown key that differs, as '标签：旧 → 新'. */
  private diff(table: AuditTable, before: Side, after: Side): string {
    const keys = shownAuditKeys(table, [...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    return keys
      .filter(k => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
      .filter(k => !(empty(before?.[k]) && empty(after?.[k])))
      .map(k => `${auditKeyLabel(table, k)}：${this.value(table, k, before?.[k])} → ${this.value(table, k, after?.[k])}`)
      .join('；');
  }

  /** A record of a table the map knows: created, removed, or changed field by field. */
  private record(entity: string, table: AuditTable, before: Side, after: Side): string {
    if (after && (before === null || absent(before, entity))) return `新增记录：${this.listed(table, after)}`;
    if (before && (after === null || absent(after, entity))) return entity === 'cadre' ? '移除该记录' : `删除记录：${this.listed(table, before)}`;
    const keys = Object.keys({ ...before, ...after });
    if (entity === 'cadre' && keys.length === 1 && keys[0] === 'deleted_at') return after?.deleted_at ? '移入回收站' : '移出回收站，回到名册';
    return this.diff(table, before, after) || '（内容已更新，无字段差异可显示）';
  }

  private database(action: string, after: Side): string {
    const a = after ?? {};
    if (action.startsWith('demo.')) return `${auditActionLabel(action)}：${str(a.city)}，单位 ${str(a.units)} 个，干部 ${str(a.cadres)} 名`;
    if (action === 'backup') return `备份全部数据到「${str(a.file ?? a.name)}」`;
    if (action === 'restore') {
      if (a.recovered) return `数据文件损坏，从备份「${str(a.from)}」恢复；恢复后在册干部 ${str(a.cadres)} 名`;
      return `从备份「${str(a.from)}」恢复；恢复后在册干部 ${str(a.cadres)} 名；恢复前的数据已另存为「${str(a.preRestore)}」`;
    }
    return auditActionLabel(action);
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
    return `${importWhat(action, a.target)}：文件 ${files.length} 个（${shown}）${counts ? `，${counts}` : ''}`;
  }

  /** A round's inputs (scores, tallies, grades) changed by one operation or step: who, and the step's name. */
  private roundInputs(before: Side, after: Side): string {
    const a = after ?? {};
    const cadres = a.cadres;
    const ids = Array.isArray(cadres) ? cadres : cadres && typeof cadres === 'object' ? Object.keys(cadres).map(Number) : [];
    const names = ids.slice(0, 5).map(id => this.names('cadre', Number(id)) ?? '（已删除）');
    const who = ids.length ? `：${names.join('、')}${ids.length > 5 ? ` 等 ${ids.length} 人` : ''}` : '';
    void before;
    return `${str(a.label)}${who}`;
  }

  /** What the entry is about: the cadre's name, or 单位「…」, 挂职成员「张三」, 设置, 全部数据, … */
  target(e: StoredAuditEntry): string {
    const before = parseSide(e.before);
    const after = parseSide(e.after);
    if (e.entity === 'cadre') return e.cadreName ?? (str(after?.name) || str(before?.name) || `编号 ${str(e.entityId)}（记录已不存在）`);
    if (e.entity === 'database') return '全部数据';
    if (e.entity === 'import') return '导入的文件';
    if (e.entity === 'package') return `数据包「${str(after?.sender)}」`;
    const table = auditTable(e.entity);
    if (!table) return e.entity;
    const own = e.entityId !== null ? this.ownName(e.entity, e.entityId) : null;
    const side = [after, before].find(s => s && !absent(s, e.entity) && table.title?.some(k => !empty(s[k])));
    const named =
      own ??
      (side && table.title
        ? table.title
            .filter(k => !empty(side[k]))
            .map(k => this.value(table, k, side[k]))
            .join(' ')
        : '');
    return named ? `${table.label}「${named}」` : table.label;
  }

  /** The current name of the record an entry is about, when it still exists and has one. */
  private ownName(entity: string, id: number): string | null {
    const kinds: Record<string, AuditRefKind> = {
      unit: 'unit',
      units: 'unit',
      secondment_programmes: 'secondment_programme',
      secondment_batches: 'secondment_batch',
      secondment_members: 'secondment_member',
      villages: 'village',
      village_rotations: 'village_rotation',
      village_assignments: 'village_assignment',
      assessment_set: 'assessment_set',
      assessment_round: 'assessment_round',
    };
    return kinds[entity] ? this.names(kinds[entity], id) : null;
  }

  summary(e: StoredAuditEntry): string {
    const before = parseSide(e.before);
    const after = parseSide(e.after);
    if (e.entity === 'database') return this.database(e.action, after);
    if (e.entity === 'import') return this.importRun(e.action, after);
    if (e.entity === 'package' && after) {
      return `接收数据包「${str(after.file)}」：报送单位「${str(after.sender)}」，报送日期 ${formatDate(str(after.referenceDate))}，干部 ${str(after.cadres)} 名，校验值 ${str(after.sha256).slice(0, 16)}…`;
    }
    if (e.entity === 'unit' && e.action === 'import' && after) return `新建单位「${str(after.name)}」（导入「${str(after.file)}」时）`;
    if (e.entity === 'assessment_round' && after && 'label' in after && 'cadres' in after) return this.roundInputs(before, after);
    const table = auditTable(e.entity);
    if (!table) return auditActionLabel(e.action);
    return this.record(e.entity, table, before, after);
  }
}

/** 导入干部名册, 导入挂职批次「第四批」成员, 导入任免审批表到干部名册; runs logged before the target was recorded say 导入. */
function importWhat(action: string, target: unknown): string {
  const label = auditActionLabel(action);
  if (typeof target !== 'string' || !target) return label;
  return action === 'import' ? `导入${target}` : `${label}到${target}`;
}
