/**
 * The one map of what the audit log may show of each table's records: the
 * Chinese label of every column a reader cares about, which columns name
 * another record (shown as what they name: cadre_id → the cadre's name,
 * batch_id → 第四批, unit_id → the unit's name) and which hold a yes/no.
 * A column not listed here is bookkeeping (id, sort_order, created_at,
 * updated_at, name_keys…) and is never shown.
 *
 * Keys are the stored entity names (audit_log.entity): the undo log's tables
 * by table name, a cadre as 'cadre', a unit as 'unit' (also 'units'), and the
 * assessment pages' own entries. The cadre's labels are the roster's own
 * (shared/domain/roster/fields.ts), keyed by column.
 */
import { CADRE_FIELD_LABELS, CADRE_FORM_LABELS } from '../roster/fields';

/** The kinds of record a column may refer to (resolved to a name by the audit service). */
export const AUDIT_REF_KINDS = [
  'cadre',
  'unit',
  'secondment_programme',
  'secondment_batch',
  'secondment_member',
  'village',
  'village_rotation',
  'village_assignment',
  'assessment_set',
  'assessment_round',
  'assessment_indicator',
] as const;
export type AuditRefKind = (typeof AUDIT_REF_KINDS)[number];

export interface AuditTable {
  /** What one record is: 挂职成员, 单位职数. */
  label: string;
  /** Column → label, in the order a new record is described. */
  fields: Readonly<Record<string, string>>;
  /** Columns naming another record (a list of ids is allowed too). */
  refs?: Readonly<Record<string, AuditRefKind>>;
  /** Columns holding 0/1 (shown 是/否). */
  flags?: readonly string[];
  /** Columns whose value names the record in the 对象 column (joined with a space), e.g. the member's cadre. */
  title?: readonly string[];
}

const snake = (key: string) => key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);

/** The cadres table by column: every roster and form field with its roster label. */
const CADRE_COLUMNS: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries({ ...CADRE_FIELD_LABELS, ...CADRE_FORM_LABELS })
      .filter(([key]) => !['unit', 'unitId', 'deleted'].includes(key))
      .map(([key, label]) => [snake(key), label]),
  ),
  unit_id: CADRE_FORM_LABELS.unitId,
  deleted_at: CADRE_FORM_LABELS.deleted,
};

const UNIT: AuditTable = {
  label: '单位',
  fields: {
    name: '单位名称',
    short_name: '简称',
    parent_id: '上级单位',
    parentId: '上级单位',
    kind: '单位类别',
    level: '单位级别',
    abolished_at: '撤销时间',
    file: '导入文件',
  },
  refs: { parent_id: 'unit', parentId: 'unit' },
  title: ['name'],
};

const MEMBER_DATES = { start_date: '挂职开始时间', end_date: '挂职结束时间' };

export const AUDIT_TABLES: Readonly<Record<string, AuditTable>> = {
  cadre: { label: '干部', fields: CADRE_COLUMNS, refs: { unit_id: 'unit' }, title: ['name'] },
  unit: UNIT,
  units: UNIT,
  unit_names: {
    label: '单位曾用名',
    fields: { unit_id: '单位', name: '曾用名', until: '使用至' },
    refs: { unit_id: 'unit' },
    title: ['unit_id'],
  },
  unit_quotas: {
    label: '单位职数',
    fields: { unit_id: '单位', level: '领导职务层次', approved: '核定职数', doc: '三定文件', doc_date: '文件日期' },
    refs: { unit_id: 'unit' },
    title: ['unit_id', 'level'],
  },
  cadre_events: {
    label: '任免记录',
    fields: {
      cadre_id: '干部',
      kind: '类别',
      date: '时间',
      doc_no: '文号',
      authority: '任免机关',
      unit_id: '单位',
      post: '任职务',
      removed_post: '免职务',
      leadership_level: '领导职务层次',
      rank: '职级',
      probation_end: '试用期满',
      resume_line: '简历',
      quota_reason: '超职数原因',
      note: '备注',
      planned: '拟任免（未决定）',
    },
    refs: { cadre_id: 'cadre', unit_id: 'unit' },
    flags: ['planned'],
    title: ['cadre_id', 'kind'],
  },
  secondment_programmes: {
    label: '挂职项目',
    fields: { name: '项目名称', partner_place: '对口地区', notes: '备注' },
    title: ['name'],
  },
  secondment_batches: {
    label: '挂职批次',
    fields: {
      programme_id: '挂职项目',
      seq: '批次序号',
      name: '批次名称',
      direction: '方向',
      sending_place: '派出地',
      receiving_place: '接收地',
      start_date: '开始时间',
      planned_end_date: '计划结束时间',
      actual_end_date: '实际结束时间',
      status: '状态',
      leader_cadre_id: '领队',
      branch_name: '临时党支部',
      branch_secretary_id: '支部书记',
      notes: '备注',
    },
    refs: { programme_id: 'secondment_programme', leader_cadre_id: 'cadre', branch_secretary_id: 'cadre' },
    title: ['name'],
  },
  secondment_members: {
    label: '挂职成员',
    fields: {
      cadre_id: '干部',
      batch_id: '批次',
      home_unit: '派出单位',
      home_post: '原任职务',
      host_unit: '挂职单位',
      host_post: '挂任职务',
      ...MEMBER_DATES,
      status: '状态',
      branch_role: '临时党支部职务',
      pair_member_id: '结对',
      recall_date: '召回时间',
      recall_reason: '召回原因',
      replaces_member_id: '接替',
      replacement_reason: '调换原因',
      return_date: '返岗时间',
      outcome: '返岗后使用情况',
      outcome_date: '使用时间',
      outcome_post: '新任职务',
      resume_line: '简历',
      notes: '备注',
    },
    refs: { cadre_id: 'cadre', batch_id: 'secondment_batch', pair_member_id: 'secondment_member', replaces_member_id: 'secondment_member' },
    title: ['cadre_id'],
  },
  villages: {
    label: '村',
    fields: { name: '村名', township: '乡镇', county: '县（区）', kind: '村类别' },
    title: ['name'],
  },
  village_rotations: {
    label: '驻村轮次',
    fields: { programme: '驻村工作', seq: '轮次序号', name: '轮次名称', start_date: '开始时间', end_date: '结束时间', notes: '备注' },
    title: ['name'],
  },
  village_assignments: {
    label: '驻村干部',
    fields: {
      cadre_id: '干部',
      rotation_id: '轮次',
      village_id: '驻村',
      role: '驻村职务',
      sending_unit: '派出单位',
      start_date: '驻村开始时间',
      end_date: '驻村结束时间',
      kind: '选派类型',
      status: '状态',
      replaces_assignment_id: '接替',
      replacement_reason: '调换原因',
      notes: '备注',
    },
    refs: { cadre_id: 'cadre', rotation_id: 'village_rotation', village_id: 'village', replaces_assignment_id: 'village_assignment' },
    title: ['cadre_id'],
  },
  assessment_set: {
    label: '考核指标体系',
    fields: {
      name: '名称',
      year: '年度',
      scope: '考核范围',
      scope_kind: '考核范围',
      scope_ref: '范围',
      template: '模板',
      description: '说明',
      from: '复制自',
      add: '添加考核对象',
      remove: '移出考核对象',
      reset: '恢复按范围',
      cadre: '干部',
    },
    refs: { from: 'assessment_set', add: 'cadre', remove: 'cadre', reset: 'cadre' },
    title: ['name'],
  },
  assessment_round: {
    label: '考核轮次',
    fields: {
      name: '轮次名称',
      setName: '指标体系',
      setId: '指标体系',
      kind: '类别',
      year: '年度',
      period: '期间',
      startDate: '开始时间',
      endDate: '结束时间',
      excellentMin: '优秀分数线',
      competentMin: '称职分数线',
      basicMin: '基本称职分数线',
      quotaPercent: '优秀比例（%）',
      rounding: '名额取整',
      grouping: '名额分组',
      notes: '备注',
      status: '状态',
      finalisedAt: '定稿时间',
      finalisedBy: '定稿人',
      graded: '评定人数',
      annualWritten: '写入年度考核结果',
      reason: '原因',
      gradesKept: '保留的年度考核结果',
      label: '操作',
      cadres: '涉及干部',
    },
    refs: { setId: 'assessment_set', cadres: 'cadre' },
    title: ['name'],
  },
  assessment_daily: {
    label: '日常考核',
    fields: {
      cadreId: '干部',
      cadre_id: '干部',
      setId: '指标体系',
      set_id: '指标体系',
      indicatorId: '指标',
      indicator_id: '指标',
      date: '日期',
      points: '分值',
      note: '说明',
    },
    refs: {
      cadreId: 'cadre',
      cadre_id: 'cadre',
      setId: 'assessment_set',
      set_id: 'assessment_set',
      indicatorId: 'assessment_indicator',
      indicator_id: 'assessment_indicator',
    },
    title: ['cadreId', 'cadre_id'],
  },
  settings: {
    label: '设置',
    fields: {
      operator: '操作员',
      unitName: '本单位名称',
      backupDir: '备份文件夹',
      reportingUnit: '呈报单位',
      filledBy: '填表人',
      statsRows: '统计表显示的项目',
      statsColumns: '统计表的列',
      teamRequirements: '班子配备要求',
    },
  },
};

/** The table entry of a stored entity, if the audit log knows it. */
export function auditTable(entity: string): AuditTable | undefined {
  return AUDIT_TABLES[entity];
}

/** A key an area wrote in words (交流类别, 挂职批次): shown as it stands. */
const WORDED_KEY = /^[^\x00-\x7f]+$/;

/**
 * The keys of a stored side the audit log shows, in the table's order: the
 * mapped columns, then keys written in Chinese; never bookkeeping.
 */
export function shownAuditKeys(table: AuditTable, keys: Iterable<string>): string[] {
  const present = new Set(keys);
  return [...Object.keys(table.fields).filter(k => present.has(k)), ...[...present].filter(k => !(k in table.fields) && WORDED_KEY.test(k))];
}

/** A shown key's label: the map's, or the key itself when written in words. */
export function auditKeyLabel(table: AuditTable, key: string): string {
  return table.fields[key] ?? key;
}
