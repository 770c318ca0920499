/**
 * The audit log in words: the one place that maps the stored (entity, action)
 * pairs to the kinds of change users filter by (新增/修改/删除/…) and to
 * Chinese labels, and that shows a stored value as users write it.
 *
 * Writers store plain machine words (entity 'cadre', action 'paste'); new areas
 * add their words here (a rule, a label), never a second mapping elsewhere.
 */
import { formatDate } from '../common/dates';

/** Kinds of change, in the order a picker lists them. */
export const AUDIT_KIND_LABELS = {
  create: '新增',
  edit: '修改',
  delete: '删除',
  restore: '恢复',
  undo: '撤销',
  redo: '重做',
  import: '导入',
  demo: '示例数据',
  backup: '备份',
  restoreBackup: '从备份恢复',
  settings: '设置',
  assessment: '考核',
  other: '其他',
} as const;
export type AuditKind = keyof typeof AUDIT_KIND_LABELS;
export const AUDIT_KINDS = Object.keys(AUDIT_KIND_LABELS) as [AuditKind, ...AuditKind[]];

/**
 * How a stored entry becomes a kind: the first rule that matches wins.
 * `creates`: the entry brought a record into being (action 'create', no
 * before side at all (the undo log's bulk path), or a before side whose name
 * (a cadre) or id (a row of another table) is null: the record did not exist
 * before). `removes`: the reverse, on the after side.
 * electron/services/audit/query.ts compiles these rules to SQL.
 */
export interface AuditKindRule {
  kind: AuditKind;
  entity?: string;
  actions?: readonly string[];
  actionPrefix?: string;
  creates?: boolean;
  /** The entry took a record away: no after side, or an after image whose id is null. */
  removes?: boolean;
}

// 'secondment' / 'village' are the undo-log kinds of the 挂职 and 驻村 pages' writes; 'event' (职务变动),
// 'unit' (the unit tree) and 'quota' (职数) those of the roster's lifecycle.
const WRITE_ACTIONS = ['edit', 'paste', 'fill', 'create', 'update', 'secondment', 'village', 'exchange', 'event', 'unit', 'quota'] as const;

export const AUDIT_KIND_RULES: readonly AuditKindRule[] = [
  { kind: 'restoreBackup', entity: 'database', actions: ['restore'] },
  { kind: 'backup', entity: 'database', actions: ['backup'] },
  { kind: 'demo', actionPrefix: 'demo.' },
  { kind: 'settings', entity: 'settings' },
  { kind: 'assessment', actions: ['finalise', 'unlock', 'assessment.finalise'] },
  { kind: 'assessment', entity: 'assessment_set' },
  { kind: 'assessment', entity: 'assessment_round' },
  { kind: 'assessment', entity: 'assessment_daily' },
  { kind: 'create', actions: WRITE_ACTIONS, creates: true },
  { kind: 'delete', actions: WRITE_ACTIONS, removes: true },
  { kind: 'edit', actions: WRITE_ACTIONS },
  { kind: 'delete', actions: ['delete'] },
  { kind: 'restore', actions: ['restore'] },
  { kind: 'undo', actions: ['undo'] },
  { kind: 'redo', actions: ['redo'] },
  { kind: 'import', actions: ['import'] },
  { kind: 'import', actionPrefix: 'import.' },
  { kind: 'import', entity: 'import' },
];

/** A kind named by its key or its Chinese label ('edit' or '修改'); null when neither. */
export function parseAuditKind(text: string): AuditKind | null {
  const t = text.trim();
  if ((AUDIT_KINDS as readonly string[]).includes(t)) return t as AuditKind;
  const byLabel = AUDIT_KINDS.find(k => AUDIT_KIND_LABELS[k] === t);
  return byLabel ?? null;
}

/** The stored actions in words (more precise than the kind: 粘贴 is a 修改). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  edit: '修改',
  paste: '粘贴',
  fill: '向下填充',
  create: '新增',
  delete: '删除',
  restore: '恢复',
  import: '导入',
  'import.lrmx': '导入任免审批表',
  'import.package': '接收数据包',
  undo: '撤销',
  redo: '重做',
  form: '表头设置',
  operator: '操作员',
  unitName: '本单位名称',
  backupDir: '备份文件夹',
  backup: '备份',
  secondment: '挂职',
  village: '驻村',
  exchange: '挂职锻炼',
  event: '职务变动',
  unit: '单位树',
  quota: '职数',
  finalise: '定稿',
  unlock: '解锁',
  'assessment.finalise': '考核定稿',
  copy: '复制',
  statsLayout: '统计表设置',
  teamRequirements: '班子配备要求',
  'demo.load': '载入示例数据',
  'demo.replace': '清空后载入示例数据',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** What the 类型 column shows: the kind, and how when that says more ('修改（粘贴）'). */
export function auditKindText(kind: AuditKind, action: string): string {
  const label = AUDIT_KIND_LABELS[kind];
  const how = AUDIT_ACTION_LABELS[action];
  return (action === 'paste' || action === 'fill') && how ? `${label}（${how}）` : label;
}

/** One side of a change as a user reads it (dates 1985.03, units by name, lists joined). */
export function formatAuditValue(field: string, v: unknown, units: ReadonlyMap<number, string>): string {
  if (field === 'deleted') return v ? '在回收站' : '在名册中';
  if (field === 'photo') return v ? '有照片' : '无照片';
  if (field === 'unitId') return v === null || v === undefined ? '（无）' : (units.get(Number(v)) ?? `编号 ${String(v)}`);
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'string') return STORED_TIME.test(v) ? formatAuditTime(v) : formatDate(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '（无）';
    return v
      .map(item => {
        if (typeof item !== 'object' || item === null) return String(item);
        const o = item as Record<string, unknown>;
        if ('relation' in o) {
          return [o.relation, o.name, o.birth ? formatDate(String(o.birth)) : '', o.political_status ?? o.politicalStatus, o.work].filter(Boolean).join(' ');
        }
        if ('year' in o && 'grade' in o) return `${String(o.year)}年度${String(o.grade)}`;
        return JSON.stringify(o);
      })
      .join(field === 'tags' ? '、' : '；');
  }
  return JSON.stringify(v);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A time as SQLite stamps it (ISO, UTC), as opposed to a date the user wrote. */
const STORED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Stored time (ISO, UTC) → '2026.11.22 14:03' (or with seconds) in the user's time zone. */
export function formatAuditTime(iso: string, withSeconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}${withSeconds ? `:${pad2(d.getSeconds())}` : ''}`;
  return `${d.getFullYear()}.${pad2(d.getMonth() + 1)}.${pad2(d.getDate())} ${hm}`;
}

/** The longest operator name kept (a name, maybe with a post: 张三（干部一科）). */
export const MAX_OPERATOR_NAME = 40;

/** An operator name as typed → the name kept (spaces collapsed), or why it cannot be. */
export function normalizeOperatorName(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.replace(/[\s\u3000]+/g, ' ').trim();
  if (!value) return { ok: false, message: '请填写操作员姓名' };
  if (/[\u0000-\u001f\u007f]/.test(raw.replace(/[\t\r\n]/g, ''))) return { ok: false, message: '操作员姓名含有不可见的控制字符' };
  if ([...value].length > MAX_OPERATOR_NAME) return { ok: false, message: `操作员姓名最多 ${MAX_OPERATOR_NAME} 个字` };
  return { ok: true, value };
}

/** The longest 本单位名称 kept (中共某某市某某区委员会组织部 and the like). */
export const MAX_UNIT_NAME = 60;

/** 本单位名称 as typed → the name kept (spaces collapsed; '' clears it), or why it cannot be. */
export function normalizeUnitName(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.replace(/[\s\u3000]+/g, ' ').trim();
  if (/[\u0000-\u001f\u007f]/.test(raw.replace(/[\t\r\n]/g, ''))) return { ok: false, message: '本单位名称含有不可见的控制字符' };
  if ([...value].length > MAX_UNIT_NAME) return { ok: false, message: `本单位名称最多 ${MAX_UNIT_NAME} 个字` };
  return { ok: true, value };
}
