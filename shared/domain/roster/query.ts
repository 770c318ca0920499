/**
 * The combined-condition query (组合查询) of the roster: "正处, 45 岁以下, 全日制本科,
 * 有乡镇工作经历" written as data. Shared by the renderer's query builder, saved views and
 * the CLI (`cadre list cadres --query JSON`); electron/services/roster/query.ts compiles it to SQL.
 *
 * A query is a tree of groups (且/或) whose leaves are conditions `{ field, op, value, value2 }`.
 * Each field has a type, and the type decides which operators fit; the schema refuses
 * anything else with a Chinese message and hands back normalised values (dates canonical,
 * ladder names canonical, lists de-duplicated), so the compiler never sees raw input.
 *
 * Pure: no Node, no DOM.
 */
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { formatDate, parseDateInput } from '../common/dates';
import {
  CADRE_STATUSES,
  CADRE_TAGS,
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  LEADERSHIP_LEVELS,
  POLITICAL_STATUSES,
  RANKS,
  leadershipOrder,
  normalizeEducation,
  rankOrder,
} from './codes';
import { AppError } from '../common/errors';
import { CADRE_FIELD_LABELS } from './fields';
import { id } from '../common/id';

// ---------------------------------------------------------------------------------------------
// Operators

export const QUERY_FIELD_TYPES = ['text', 'date', 'number', 'enum', 'ladder', 'tags'] as const;
export type QueryFieldType = (typeof QUERY_FIELD_TYPES)[number];

export const OPERATORS = [
  'contains',
  'notContains',
  'equals',
  'notEquals',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'in',
  'notIn',
  'before',
  'after',
  'between',
  'lt',
  'lte',
  'gt',
  'gte',
  'atLeast',
  'atMost',
  'hasAny',
  'hasAll',
  'hasNone',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Which operators each field type takes, in the order a picker lists them. */
export const OPERATORS_BY_TYPE: Readonly<Record<QueryFieldType, readonly Operator[]>> = {
  text: ['contains', 'notContains', 'equals', 'notEquals', 'startsWith', 'isEmpty', 'isNotEmpty'],
  enum: ['in', 'notIn', 'isEmpty', 'isNotEmpty'],
  date: ['before', 'after', 'between', 'isEmpty', 'isNotEmpty'],
  number: ['lt', 'lte', 'gt', 'gte', 'between', 'equals'],
  ladder: ['atLeast', 'atMost', 'between', 'in', 'notIn'],
  tags: ['hasAny', 'hasAll', 'hasNone'],
};

/** How a picker names each operator. */
export const OPERATOR_LABELS: Readonly<Record<Operator, string>> = {
  contains: '包含',
  notContains: '不包含',
  equals: '等于',
  notEquals: '不等于',
  startsWith: '开头是',
  isEmpty: '为空',
  isNotEmpty: '不为空',
  in: '是',
  notIn: '不是',
  before: '早于',
  after: '晚于',
  between: '介于',
  lt: '小于',
  lte: '不大于',
  gt: '大于',
  gte: '不小于',
  atLeast: '及以上',
  atMost: '及以下',
  hasAny: '含任一',
  hasAll: '同时含',
  hasNone: '不含',
};

const NO_VALUE: ReadonlySet<Operator> = new Set(['isEmpty', 'isNotEmpty']);
const LIST_VALUE: ReadonlySet<Operator> = new Set(['in', 'notIn', 'hasAny', 'hasAll', 'hasNone']);

// ---------------------------------------------------------------------------------------------
// Ladders: ordered code lists, 0 = highest.

export type LadderField = 'rank' | 'leadershipLevel' | 'ftEducation' | 'ptEducation';
export interface LadderStep {
  readonly name: string;
  /** 0 = highest. Steps of equal level share an order (大学, 中央党校大学, 省委党校大学). */
  readonly order: number;
  /** Other spellings stored data may hold for the same step (正处级, 县处级正职). */
  readonly aliases: readonly string[];
}

/**
 * The level of each ZB64 学历 code: 研究生 > 大学 > 大专 > 中专/中技 > 高中 > 初中 > 小学.
 * Party-school education keeps its own name (so `in` tells 中央党校大学 from 大学), but ranks
 * with the level it stands for, so 在职学历 ≥ 大学 counts 省委党校大学 as it is counted in
 * cadre statistics. 研究生班 ranks with 研究生, 大学普通班 with 大专.
 */
const EDUCATION_LEVEL: Readonly<Record<string, number>> = {
  '11': 0,
  '12': 0,
  '1A': 0,
  '1B': 0,
  '21': 1,
  '22': 1,
  '23': 1,
  '31': 2,
  '32': 2,
  '33': 2,
  '34': 2,
  '35': 3,
  '36': 3,
  '37': 4,
  '38': 5,
  '39': 6,
};

const educationLadder: readonly LadderStep[] = EDUCATIONS.map(e => {
  const order = EDUCATION_LEVEL[e.code];
  if (order === undefined) throw new Error(`学历代码 ${e.code} 没有层次`);
  return { name: e.name, order, aliases: [] };
});

export const LADDERS: Readonly<Record<LadderField, readonly LadderStep[]>> = {
  rank: RANKS.map((r, i) => ({ name: r.name, order: i, aliases: [] })),
  leadershipLevel: LEADERSHIP_LEVELS.map((l, i) => ({ name: l.name, order: i, aliases: [`${l.name}级`, l.standardName] })),
  ftEducation: educationLadder,
  ptEducation: educationLadder,
};

/** The canonical ladder name a user's text stands for ('正处级' → '正处', '本科' → '大学'); null if none. */
export function ladderName(field: LadderField, raw: string): string | null {
  const s = raw.replace(/\s/g, '');
  if (field === 'rank') {
    const i = rankOrder(s);
    return i < 0 ? null : RANKS[i].name;
  }
  if (field === 'leadershipLevel') {
    const i = leadershipOrder(s);
    return i < 0 ? null : LEADERSHIP_LEVELS[i].name;
  }
  const e = normalizeEducation(s);
  return e.known ? e.value : null;
}

/** The ladder order of a name (0 = highest), null when the name is not on the ladder. */
export function ladderOrder(field: LadderField, raw: string): number | null {
  const name = ladderName(field, raw);
  return name === null ? null : (LADDERS[field].find(s => s.name === name)?.order ?? null);
}

// ---------------------------------------------------------------------------------------------
// Fields

/** 出生年代 buckets and the decade each stands for. */
export const GENERATIONS: readonly { readonly name: string; readonly from: number }[] = [
  { name: '40后', from: 1940 },
  { name: '50后', from: 1950 },
  { name: '60后', from: 1960 },
  { name: '70后', from: 1970 },
  { name: '80后', from: 1980 },
  { name: '90后', from: 1990 },
  { name: '00后', from: 2000 },
];

const names = (list: readonly { name: string }[]) => list.map(i => i.name);
const L = CADRE_FIELD_LABELS;

/** Every field a condition may name, in the order a picker lists them. */
export const QUERY_FIELDS = [
  { key: 'name', label: L.name, type: 'text' },
  { key: 'unit', label: L.unit, type: 'text' },
  { key: 'gender', label: L.gender, type: 'enum', options: names(GENDERS) },
  { key: 'birth', label: L.birth, type: 'date' },
  { key: 'age', label: '年龄', type: 'number' },
  { key: 'generation', label: '出生年代', type: 'enum', options: names(GENERATIONS) },
  { key: 'ethnicity', label: L.ethnicity, type: 'enum', options: names(ETHNICITIES) },
  { key: 'nativePlace', label: L.nativePlace, type: 'text' },
  { key: 'birthplace', label: L.birthplace, type: 'text' },
  { key: 'partyDate', label: L.partyDate, type: 'date' },
  { key: 'workDate', label: L.workDate, type: 'date' },
  { key: 'politicalStatus', label: L.politicalStatus, type: 'enum', options: names(POLITICAL_STATUSES) },
  { key: 'health', label: L.health, type: 'text' },
  { key: 'professionalTitle', label: L.professionalTitle, type: 'text' },
  { key: 'expertise', label: L.expertise, type: 'text' },
  { key: 'ftEducation', label: L.ftEducation, type: 'ladder', options: names(LADDERS.ftEducation) },
  { key: 'ftDegree', label: L.ftDegree, type: 'text' },
  { key: 'ftEduSchool', label: L.ftEduSchool, type: 'text' },
  { key: 'ftDegreeSchool', label: L.ftDegreeSchool, type: 'text' },
  { key: 'ptEducation', label: L.ptEducation, type: 'ladder', options: names(LADDERS.ptEducation) },
  { key: 'ptDegree', label: L.ptDegree, type: 'text' },
  { key: 'ptEduSchool', label: L.ptEduSchool, type: 'text' },
  { key: 'ptDegreeSchool', label: L.ptDegreeSchool, type: 'text' },
  { key: 'post', label: L.post, type: 'text' },
  { key: 'leadershipLevel', label: L.leadershipLevel, type: 'ladder', options: names(LADDERS.leadershipLevel) },
  { key: 'rank', label: L.rank, type: 'ladder', options: names(LADDERS.rank) },
  { key: 'postDate', label: L.postDate, type: 'date' },
  { key: 'rankDate', label: L.rankDate, type: 'date' },
  { key: 'idNumber', label: L.idNumber, type: 'text' },
  { key: 'status', label: L.status, type: 'enum', options: names(CADRE_STATUSES) },
  { key: 'tags', label: L.tags, type: 'tags', options: names(CADRE_TAGS) },
  { key: 'resume', label: '简历', type: 'text' },
  { key: 'remarks', label: L.remarks, type: 'text' },
] as const satisfies readonly { key: string; label: string; type: QueryFieldType; options?: readonly string[] }[];

export type QueryField = (typeof QUERY_FIELDS)[number]['key'];
export interface QueryFieldDef {
  readonly key: QueryField;
  readonly label: string;
  readonly type: QueryFieldType;
  readonly options?: readonly string[];
}

const FIELD_BY_KEY: ReadonlyMap<string, QueryFieldDef> = new Map(QUERY_FIELDS.map(f => [f.key, f as QueryFieldDef]));

export function queryField(key: string): QueryFieldDef | undefined {
  return FIELD_BY_KEY.get(key);
}

// ---------------------------------------------------------------------------------------------
// The query

export interface Condition {
  field: QueryField;
  op: Operator;
  value?: string | number | string[];
  value2?: string | number;
}
export interface Group {
  join: 'and' | 'or';
  items: (Condition | Group)[];
}
export interface CadreQuery {
  where?: Group;
  /** The date ages are computed at ('YYYY-MM-DD'); default today. */
  refDate?: string;
  /** Only this unit and its sub-units. */
  unitId?: number;
  /** Deleted cadres (回收站) are never matched; the key exists to say so. */
  includeDeleted?: false;
}

export const MAX_QUERY_DEPTH = 4;
export const MAX_QUERY_CONDITIONS = 50;
const MAX_TEXT = 200;
const MAX_LIST = 100;
const MAX_AGE = 150;

export function isGroup(item: Condition | Group): item is Group {
  return 'join' in item;
}

const OP_SET: ReadonlySet<string> = new Set(OPERATORS);
const opLabel = (op: string) => (OP_SET.has(op) ? OPERATOR_LABELS[op as Operator] : op);

type Ctx = z.core.$RefinementCtx<unknown>;
type Normalised = { value?: Condition['value']; value2?: Condition['value2'] };

/** Checks one condition's field, operator and values; returns the normalised values or null. */
function normaliseCondition(raw: RawNode, ctx: Ctx): Normalised | null {
  const fail = (message: string, path: PropertyKey[]): null => {
    ctx.addIssue({ code: 'custom', message, path, input: raw });
    return null;
  };
  const def = FIELD_BY_KEY.get(raw.field ?? '');
  if (!def) return fail(`没有名为「${String(raw.field).slice(0, 40)}」的查询字段`, ['field']);
  const allowed = OPERATORS_BY_TYPE[def.type];
  if (!raw.op || !(allowed as readonly string[]).includes(raw.op)) {
    return fail(`「${def.label}」不能用「${opLabel(String(raw.op ?? '')).slice(0, 40)}」作条件，可用：${allowed.map(o => OPERATOR_LABELS[o]).join('、')}`, [
      'op',
    ]);
  }
  const op = raw.op as Operator;
  if (NO_VALUE.has(op)) return {};

  const text = (v: unknown, path: string): string | null => {
    if (typeof v !== 'string' && typeof v !== 'number') return fail(`「${def.label}」${OPERATOR_LABELS[op]}：请填写一个值`, [path]);
    const s = String(v).trim();
    if (!s) return fail(`「${def.label}」${OPERATOR_LABELS[op]}：值不能为空`, [path]);
    if (s.length > MAX_TEXT) return fail(`「${def.label}」的值过长（最多 ${MAX_TEXT} 个字符）`, [path]);
    return s;
  };

  if (LIST_VALUE.has(op)) {
    const v = raw.value;
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(x => String(x).trim()).filter(Boolean);
    const unique = [...new Set(list)];
    if (!unique.length) return fail(`「${def.label}」${OPERATOR_LABELS[op]}：请至少选择一项`, ['value']);
    if (unique.length > MAX_LIST) return fail(`「${def.label}」最多选择 ${MAX_LIST} 项`, ['value']);
    if (unique.some(s => s.length > MAX_TEXT)) return fail(`「${def.label}」的值过长（最多 ${MAX_TEXT} 个字符）`, ['value']);
    if (def.type === 'ladder') {
      // 本科 → 大学, 正处级 → 正处; names off the ladder are kept as typed.
      return { value: [...new Set(unique.map(v => ladderName(def.key as LadderField, v) ?? v))] };
    }
    if (def.key === 'generation') {
      const bad = unique.find(s => !GENERATIONS.some(g => g.name === s));
      if (bad) return fail(`「${bad}」不是出生年代，可选：${names(GENERATIONS).join('、')}`, ['value']);
    }
    return { value: unique };
  }

  if (def.type === 'date') {
    const one = (v: unknown, path: string): string | null => {
      if (v === undefined || v === '') return fail(`「${def.label}」${OPERATOR_LABELS[op]}：请填写日期`, [path]);
      const parsed = parseDateInput(v);
      if (!parsed.ok) return fail(`「${def.label}」：${parsed.message}`, [path]);
      return parsed.value;
    };
    const a = one(raw.value, 'value');
    if (a === null) return null;
    if (op !== 'between') return { value: a };
    const b = one(raw.value2, 'value2');
    if (b === null) return null;
    const [ca, cb] = a.length === b.length ? [a, b] : [a.slice(0, 7), b.slice(0, 7)];
    if (ca > cb) return fail(`「${def.label}」介于：起始日期 ${formatDate(a)} 晚于结束日期 ${formatDate(b)}`, ['value2']);
    return { value: a, value2: b };
  }

  if (def.type === 'number') {
    const one = (v: unknown, path: string): number | null => {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < 0 || n > MAX_AGE) return fail(`「${def.label}」应为 0–${MAX_AGE} 的整数`, [path]);
      return n;
    };
    const a = one(raw.value, 'value');
    if (a === null) return null;
    if (op !== 'between') return { value: a };
    const b = one(raw.value2, 'value2');
    if (b === null) return null;
    return a <= b ? { value: a, value2: b } : { value: b, value2: a };
  }

  if (def.type === 'ladder') {
    const field = def.key as LadderField;
    const one = (v: unknown, path: string): string | null => {
      const s = text(v, path);
      if (s === null) return null;
      const name = ladderName(field, s);
      if (name === null) return fail(`「${s}」不在「${def.label}」的序列中，可选：${def.options?.join('、')}`, [path]);
      return name;
    };
    const a = one(raw.value, 'value');
    if (a === null) return null;
    if (op !== 'between') return { value: a };
    const b = one(raw.value2, 'value2');
    if (b === null) return null;
    // Either order is accepted; kept low → high, as 'between 四级调研员 and 一级调研员' reads.
    return (ladderOrder(field, a) ?? 0) >= (ladderOrder(field, b) ?? 0) ? { value: a, value2: b } : { value: b, value2: a };
  }

  // text
  const s = text(raw.value, 'value');
  return s === null ? null : { value: s };
}

/**
 * One node of the tree as it arrives: a condition and a group share one object shape so the
 * refinement below decides which it is and says what is wrong in Chinese (a union of the two
 * would only say "invalid input").
 */
interface RawNode {
  field?: string;
  op?: string;
  value?: string | number | string[];
  value2?: string | number;
  join?: string;
  items?: (Condition | Group)[];
}

const nodeSchema: z.ZodType<Condition | Group> = z.lazy(() =>
  z
    .strictObject({
      field: z.string().optional(),
      op: z.string().optional(),
      value: z.union([z.string(), z.number(), z.array(z.string())], { error: '条件的值应为文本、数字或文本列表' }).optional(),
      value2: z.union([z.string(), z.number()], { error: '条件的第二个值应为文本或数字' }).optional(),
      join: z.string().optional(),
      items: z.array(nodeSchema).optional(),
    })
    .transform((raw: RawNode, ctx): Condition | Group => {
      const isGroupShape = raw.join !== undefined || raw.items !== undefined;
      if (isGroupShape) {
        if (raw.field !== undefined || raw.op !== undefined || raw.value !== undefined || raw.value2 !== undefined) {
          ctx.addIssue({ code: 'custom', message: '条件组只能有 join 和 items，不能同时写条件', input: raw });
          return z.NEVER;
        }
        if (raw.join !== 'and' && raw.join !== 'or') {
          ctx.addIssue({ code: 'custom', message: '条件组的 join 应为 and（且）或 or（或）', path: ['join'], input: raw });
          return z.NEVER;
        }
        return { join: raw.join, items: raw.items ?? [] };
      }
      if (raw.field === undefined && raw.op === undefined) {
        ctx.addIssue({ code: 'custom', message: '每一项应是条件（field、op、value）或条件组（join、items）', input: raw });
        return z.NEVER;
      }
      const values = normaliseCondition(raw, ctx);
      if (values === null) return z.NEVER;
      return { field: raw.field as QueryField, op: raw.op as Operator, ...values };
    }),
);

export const groupSchema: z.ZodType<Group> = nodeSchema.refine((n): n is Group => isGroup(n), {
  message: '查询条件的最外层应为条件组（join、items）',
}) as unknown as z.ZodType<Group>;

/** 'YYYY-MM-DD', a real day. */
export const refDateSchema = z.string().refine(
  s =>
    /^\d{4}-\d{2}-\d{2}$/.test(s) &&
    (() => {
      const p = parseDateInput(s);
      return p.ok && p.value === s;
    })(),
  { message: '计算年龄的日期应为 YYYY-MM-DD 格式的有效日期' },
);

/** Depth (the root group is 1) and number of conditions of a tree. */
export function measureGroup(g: Group): { depth: number; conditions: number } {
  let depth = 1;
  let conditions = 0;
  for (const item of g.items) {
    if (isGroup(item)) {
      const m = measureGroup(item);
      depth = Math.max(depth, m.depth + 1);
      conditions += m.conditions;
    } else conditions += 1;
  }
  return { depth, conditions };
}

export const cadreQuerySchema: z.ZodType<CadreQuery> = z
  .strictObject({
    where: groupSchema.optional(),
    refDate: refDateSchema.optional(),
    unitId: id.optional(),
    includeDeleted: z.literal(false, { error: '组合查询不包括回收站中的干部' }).optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.where || !isGroup(q.where)) return;
    const { depth, conditions } = measureGroup(q.where);
    if (depth > MAX_QUERY_DEPTH) {
      ctx.addIssue({ code: 'custom', message: `条件组最多嵌套 ${MAX_QUERY_DEPTH} 层（现有 ${depth} 层）`, path: ['where'] });
    }
    if (conditions > MAX_QUERY_CONDITIONS) {
      ctx.addIssue({ code: 'custom', message: `一次查询最多 ${MAX_QUERY_CONDITIONS} 个条件（现有 ${conditions} 个）`, path: ['where'] });
    }
  });

/** The Chinese messages of a failed parse, one sentence. */
export function queryIssuesMessage(error: z.ZodError): string {
  const parts = [...new Set(error.issues.slice(0, 5).map(i => i.message))];
  const more = error.issues.length > 5 ? `等 ${error.issues.length} 处问题` : '';
  return `查询条件有误：${parts.join('；')}${more}`;
}

const zhErrors = zhCN().localeError;

/**
 * cadreQuerySchema.safeParse with zod's own messages (wrong types, unknown keys) in Chinese
 * too; the query's rules speak Chinese whichever way the schema is called.
 */
export function safeParseCadreQuery(input: unknown): ReturnType<typeof cadreQuerySchema.safeParse> {
  return cadreQuerySchema.safeParse(input ?? {}, { error: zhErrors });
}

/** Validates and normalises a query; throws a VALIDATION AppError with a Chinese message. */
export function parseCadreQuery(input: unknown): CadreQuery {
  const r = safeParseCadreQuery(input);
  if (!r.success) {
    throw new AppError(
      'VALIDATION',
      queryIssuesMessage(r.error),
      r.error.issues.map(i => ({ path: i.path.map(String), message: i.message })),
    );
  }
  return r.data;
}

// ---------------------------------------------------------------------------------------------
// describeQuery

const quoted = (s: string) => `「${s}」`;
const listed = (xs: readonly string[], sep: string) => xs.join(sep);

function describeCondition(c: Condition, refText: string): string {
  const def = FIELD_BY_KEY.get(c.field);
  const label = def?.label ?? c.field;
  const list = Array.isArray(c.value) ? c.value.map(String) : c.value === undefined ? [] : [String(c.value)];
  const v = list[0] ?? '';
  const v2 = c.value2 === undefined ? '' : String(c.value2);
  const shown = (s: string) => (def?.type === 'date' ? formatDate(s) : s);
  let body: string;
  switch (c.op) {
    case 'contains':
      body = `包含${quoted(v)}`;
      break;
    case 'notContains':
      body = `不包含${quoted(v)}`;
      break;
    case 'equals':
      body = def?.type === 'number' ? `= ${v}` : `等于${quoted(v)}`;
      break;
    case 'notEquals':
      body = `不等于${quoted(v)}`;
      break;
    case 'startsWith':
      body = `以${quoted(v)}开头`;
      break;
    case 'isEmpty':
      body = '为空';
      break;
    case 'isNotEmpty':
      body = '不为空';
      break;
    case 'in':
      body = `为 ${listed(list, '或')}`;
      break;
    case 'notIn':
      body = `不为 ${listed(list, '、')}`;
      break;
    case 'before':
      body = `早于 ${shown(v)}`;
      break;
    case 'after':
      body = `晚于 ${shown(v)}`;
      break;
    case 'between':
      body = `在 ${shown(v)} 至 ${shown(v2)} 之间`;
      break;
    case 'lt':
      body = `< ${v}`;
      break;
    case 'lte':
      body = `≤ ${v}`;
      break;
    case 'gt':
      body = `> ${v}`;
      break;
    case 'gte':
      body = `≥ ${v}`;
      break;
    case 'atLeast':
      body = `≥ ${v}`;
      break;
    case 'atMost':
      body = `≤ ${v}`;
      break;
    case 'hasAny':
      body = `含${list.map(quoted).join('或')}`;
      break;
    case 'hasAll':
      body = `同时含${list.map(quoted).join('')}`;
      break;
    case 'hasNone':
      body = `不含${list.map(quoted).join('、')}`;
      break;
    default:
      body = String(c.op);
  }
  const needsRef = c.field === 'age';
  return `${label} ${body}${needsRef ? refText : ''}`;
}

function describeGroup(g: Group, refText: string, nested: boolean): string {
  const parts = g.items.map(item => (isGroup(item) ? describeGroup(item, refText, true) : describeCondition(item, refText))).filter(Boolean);
  if (!parts.length) return '';
  const text = parts.join(g.join === 'and' ? ' 且 ' : ' 或 ');
  return nested && parts.length > 1 ? `（${text}）` : text;
}

/**
 * A one-line Chinese summary, e.g.
 * '领导职务层次 ≥ 正处 且 年龄 < 45（按 2026.11.22 计算） 且 全日制学历 为 大学 且 简历 包含「乡镇」'.
 * `today` fills in the age reference when the query has none; `unitName` names `unitId`.
 */
export function describeQuery(q: CadreQuery, opts: { today?: string; unitName?: string } = {}): string {
  const ref = q.refDate ?? opts.today;
  const refText = ref ? `（按 ${formatDate(ref)} 计算）` : '（按当日计算）';
  const where = q.where ? describeGroup(q.where, refText, false) : '';
  const unit = q.unitId === undefined ? '' : `${opts.unitName ? quoted(opts.unitName) : `单位（编号 ${q.unitId}）`}及下级单位`;
  if (unit && where) return `${unit}中 ${where}`;
  return unit || where || '全部干部';
}
