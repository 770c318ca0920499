/**
 * The categories of a structure analysis (结构分析), as upper-level reports lay them out: one
 * definition per row group (`categorize`), the only one there is. A category is a function of a
 * few stored fields (GROUP_FIELDS), so electron/services/stats/ classifies each distinct value
 * once: the counts classify the values of the people in scope, a drill-down lists the stored
 * values of its categories (`column IN (…)`), and both therefore name the same people. The page,
 * the CLI and the exports take the labels and their order from here.
 *
 * Values are compared as stored: the roster's write rules store code-list names canonically
 * (正处, 中共党员, 大学, 汉族), and anything else (an unknown spelling) falls into 其他.
 * Ages and years in post are completed years at the reference date (统计截止日期) at month
 * precision (shared/domain/common/age.ts completedAge): a birth month equal to the reference
 * month counts as having had the birthday.
 *
 * Pure: no Node, no DOM.
 */
import { completedAge } from '../common/age';
import { yearMonthOf } from '../common/dates';
import { ETHNICITIES, LEADERSHIP_LEVELS, POLITICAL_STATUSES } from '../roster/codes';
import { GENERATIONS, LADDERS } from '../roster/query';

export const GROUP_KEYS = [
  'level',
  'ethnicity',
  'political',
  'ageBand',
  'generation',
  'ftEducation',
  'highestEducation',
  'degree',
  'title',
  'yearsInPost',
] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const GROUP_LABELS: Readonly<Record<GroupKey, string>> = {
  level: '领导职务层次',
  ethnicity: '民族',
  political: '政治面貌',
  ageBand: '年龄',
  generation: '出生年代',
  ftEducation: '全日制学历',
  highestEducation: '最高学历',
  degree: '学位',
  title: '专业技术职务',
  yearsInPost: '任现职年限',
};

/** No value recorded. */
export const UNFILLED = '未填';
/** A value recorded but outside the listed categories (and, for 学位/专业技术职务/职务层次, none). */
export const OTHER = '其他';

// ---------------------------------------------------------------------------------------------
// The facts a category is read from

/** The stored fields the categories read (the roster's field names, values as stored). */
export interface CadreFacts {
  gender: string;
  birth: string;
  ethnicity: string;
  politicalStatus: string;
  ftEducation: string;
  ptEducation: string;
  ftDegree: string;
  ptDegree: string;
  professionalTitle: string;
  leadershipLevel: string;
  postDate: string;
}

/** Every field empty: a base to set some fields on. */
export const NO_FACTS: Readonly<CadreFacts> = {
  gender: '',
  birth: '',
  ethnicity: '',
  politicalStatus: '',
  ftEducation: '',
  ptEducation: '',
  ftDegree: '',
  ptDegree: '',
  professionalTitle: '',
  leadershipLevel: '',
  postDate: '',
};

// ---------------------------------------------------------------------------------------------
// 领导职务层次: each step of the ladder (with the spellings stored data may hold), else 其他.

export const LEVEL_STEPS: readonly { readonly label: string; readonly spellings: readonly string[] }[] = LADDERS.leadershipLevel.map(s => ({
  label: s.name,
  spellings: [s.name, ...s.aliases],
}));
/** The ladder order of a stored 领导职务层次 (0 = 正厅), -1 when it names no step. */
export function levelOrder(stored: string): number {
  return LEVEL_STEPS.findIndex(s => s.spellings.includes(stored));
}
/** The breakdown columns by 领导职务层次, in ladder order; 其他 = no 领导职务层次. */
export const LEVEL_COLUMNS: readonly string[] = [...LEADERSHIP_LEVELS.map(l => l.name), OTHER];
export const GENDER_COLUMNS = ['男', '女'] as const;

// ---------------------------------------------------------------------------------------------
// 民族 and 政治面貌

export const HAN = '汉族';
export const MINORITY = '少数民族';
export const MINORITY_NAMES: readonly string[] = ETHNICITIES.map(e => e.name).filter(n => n !== HAN);

export const CPC = '中共党员';
export const DEMOCRATIC_PARTIES = '民主党派';
export const NON_PARTY = '无党派/群众';
const NON_PARTY_STATUSES = ['无党派人士', '共青团员', '群众'];
/** 政治面貌 buckets: the CPC (with 预备党员), the eight democratic parties, and everyone else. */
export const POLITICAL_BUCKETS: readonly { readonly label: string; readonly statuses: readonly string[] }[] = (() => {
  const all = POLITICAL_STATUSES.map(s => s.name);
  const cpc = all.filter(n => n.startsWith('中共'));
  const nonParty = all.filter(n => NON_PARTY_STATUSES.includes(n));
  const parties = all.filter(n => !cpc.includes(n) && !nonParty.includes(n));
  return [
    { label: CPC, statuses: cpc },
    { label: DEMOCRATIC_PARTIES, statuses: parties },
    { label: NON_PARTY, statuses: nonParty },
  ];
})();
/** 党外: not in the CPC (民主党派 and 无党派/群众). */
export const NON_CPC_CATEGORIES: readonly string[] = [DEMOCRATIC_PARTIES, NON_PARTY];

// ---------------------------------------------------------------------------------------------
// Ages, generations, years in post

export interface Band {
  readonly label: string;
  /** Completed years, both ends inclusive; absent = open. */
  readonly min?: number;
  readonly max?: number;
}

export const AGE_BANDS: readonly Band[] = [
  { label: '30岁及以下', max: 30 },
  { label: '31-35岁', min: 31, max: 35 },
  { label: '36-40岁', min: 36, max: 40 },
  { label: '41-45岁', min: 41, max: 45 },
  { label: '46-50岁', min: 46, max: 50 },
  { label: '51-55岁', min: 51, max: 55 },
  { label: '55岁以上', min: 56 },
];

/** The age bands of everyone at most `age` (a band boundary: 30, 35, 40, 45, 50 or 55). */
export function bandsUpTo(age: number): string[] {
  if (!AGE_BANDS.some(b => b.max === age)) throw new RangeError(`${age} is not an age band boundary`);
  return AGE_BANDS.filter(b => b.max !== undefined && b.max <= age).map(b => b.label);
}

export const YEARS_IN_POST_BANDS: readonly Band[] = [
  { label: '不满3年', max: 2 },
  { label: '3年以上不满5年', min: 3, max: 4 },
  { label: '5年以上不满10年', min: 5, max: 9 },
  { label: '10年及以上', min: 10 },
];

/** 出生年代 by birth year: from is inclusive, to exclusive; absent = open. */
export const GENERATION_BANDS: readonly { readonly label: string; readonly from?: number; readonly to?: number }[] = (() => {
  const later = GENERATIONS.filter(g => g.from >= 1970);
  return [
    { label: '60后及以前', to: later[0].from },
    ...later.map((g, i) => ({ label: g.name, from: g.from, to: i < later.length - 1 ? g.from + 10 : undefined })),
  ];
})();

const inBand = (b: Band, n: number) => (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);

// ---------------------------------------------------------------------------------------------
// 学历 and 学位

/** 学历 buckets by the level of the ZB64 step (0 研究生 … 3+ 中专及以下): party-school education counts at its level. */
export const EDUCATION_BUCKETS: readonly { readonly label: string; readonly names: readonly string[] }[] = [
  { label: '研究生', orders: [0] },
  { label: '大学', orders: [1] },
  { label: '大专', orders: [2] },
  { label: '中专及以下', orders: [3, 4, 5, 6, 7, 8] },
].map(b => ({ label: b.label, names: LADDERS.ftEducation.filter(s => b.orders.includes(s.order)).map(s => s.name) }));

/** 全日制本科以上: 研究生 and 大学. */
export const BACHELOR_OR_ABOVE: readonly string[] = ['研究生', '大学'];

/** 学位 by the highest word a degree holds (法学博士, 公共管理硕士, 管理学学士). */
export const DEGREE_WORDS: readonly string[] = ['博士', '硕士', '学士'];

// ---------------------------------------------------------------------------------------------
// 专业技术职务: free text, classified by the first rule that matches (order matters: 副教授
// and 助理研究员 before 教授 and 研究员, 正高级 before 高级).

export type TextTest = 'equals' | 'startsWith' | 'endsWith' | 'contains';
export interface TitleRule {
  readonly category: '正高' | '副高' | '中初级';
  readonly test: TextTest;
  readonly text: string;
}

const rules = (category: TitleRule['category'], test: TextTest, texts: string): TitleRule[] => texts.split(' ').map(text => ({ category, test, text }));

export const TITLE_CATEGORIES = ['正高', '副高', '中初级'] as const;
export const TITLE_RULES: readonly TitleRule[] = [
  ...rules('正高', 'startsWith', '正高级 正高'),
  ...rules('正高', 'contains', '教授级'),
  ...rules('中初级', 'startsWith', '助理 实习'),
  ...rules('副高', 'startsWith', '副高级 副高 副教授 副研究员 副主任 副编审 副译审 副研究馆员'),
  ...rules('正高', 'endsWith', '教授 研究员 研究馆员 编审 译审 高级记者 高级编辑 主任医师 主任药师 主任护师 主任技师'),
  ...rules('正高', 'startsWith', '一级律师 一级演员 一级编剧 一级导演 一级美术师 一级作曲 一级播音员 一级公证员'),
  ...rules('副高', 'contains', '高级'),
  ...rules('副高', 'endsWith', '主任记者 主任编辑'),
  ...rules('副高', 'startsWith', '二级律师 二级演员 二级编剧 二级导演 二级美术师 二级公证员'),
  ...rules(
    '中初级',
    'contains',
    '中级 初级 助理 讲师 助教 工程师 经济师 会计师 审计师 统计师 农艺师 兽医师 畜牧师 医师 药师 护师 技师 技术员 教师 馆员 记者 编辑 律师 会计员',
  ),
];

function textMatches(value: string, test: TextTest, text: string): boolean {
  switch (test) {
    case 'equals':
      return value === text;
    case 'startsWith':
      return value.startsWith(text);
    case 'endsWith':
      return value.endsWith(text);
    case 'contains':
      return value.includes(text);
  }
}

export function titleCategory(title: string): string {
  return TITLE_RULES.find(r => textMatches(title, r.test, r.text))?.category ?? OTHER;
}

// ---------------------------------------------------------------------------------------------
// The groups

/**
 * The categories of each group in table order. `UNFILLED`/`OTHER` at the end of a list are
 * shown only when someone falls into them; the others always (also at 0).
 */
export const GROUP_CATEGORIES: Readonly<Record<GroupKey, readonly string[]>> = {
  level: LEVEL_COLUMNS,
  ethnicity: [HAN, MINORITY, OTHER, UNFILLED],
  political: [...POLITICAL_BUCKETS.map(b => b.label), OTHER, UNFILLED],
  ageBand: [...AGE_BANDS.map(b => b.label), UNFILLED],
  generation: [...GENERATION_BANDS.map(b => b.label), UNFILLED],
  ftEducation: [...EDUCATION_BUCKETS.map(b => b.label), OTHER, UNFILLED],
  highestEducation: [...EDUCATION_BUCKETS.map(b => b.label), OTHER, UNFILLED],
  degree: [...DEGREE_WORDS, OTHER],
  title: [...TITLE_CATEGORIES, OTHER],
  yearsInPost: [...YEARS_IN_POST_BANDS.map(b => b.label), UNFILLED],
};

/** Categories listed only when they are not empty (the catch-alls at the end of a list). */
export function isCatchAll(group: GroupKey, category: string): boolean {
  if (group === 'level' || group === 'degree' || group === 'title') return false;
  return category === OTHER || category === UNFILLED;
}

function educationLevel(name: string): number {
  return EDUCATION_BUCKETS.findIndex(b => b.names.includes(name));
}

function bandOf(bands: readonly Band[], n: number | null): string {
  if (n === null) return UNFILLED;
  return bands.find(b => inBand(b, n))?.label ?? UNFILLED;
}

/** The completed age at `refDate`, null when the birth is unknown (or after the reference month). */
export function ageAt(birth: string, refDate: string): number | null {
  return completedAge(birth, refDate);
}

/**
 * The stored fields each group's category is read from (and nothing else): the category is a
 * function of these values, so a count may classify each distinct value once, and a drill-down
 * may name the values of a category.
 */
export const GROUP_FIELDS: Readonly<Record<GroupKey, readonly (keyof CadreFacts)[]>> = {
  level: ['leadershipLevel'],
  ethnicity: ['ethnicity'],
  political: ['politicalStatus'],
  ageBand: ['birth'],
  generation: ['birth'],
  ftEducation: ['ftEducation'],
  highestEducation: ['ftEducation', 'ptEducation'],
  degree: ['ftDegree', 'ptDegree'],
  title: ['professionalTitle'],
  yearsInPost: ['postDate'],
};

/** The category of one cadre in one group, at the reference date ('YYYY-MM-DD'). */
export function categorize(group: GroupKey, c: CadreFacts, refDate: string): string {
  switch (group) {
    case 'level':
      return LEVEL_STEPS[levelOrder(c.leadershipLevel)]?.label ?? OTHER;
    case 'ethnicity':
      if (c.ethnicity === '') return UNFILLED;
      if (c.ethnicity === HAN) return HAN;
      return MINORITY_NAMES.includes(c.ethnicity) ? MINORITY : OTHER;
    case 'political':
      if (c.politicalStatus === '') return UNFILLED;
      return POLITICAL_BUCKETS.find(b => b.statuses.includes(c.politicalStatus))?.label ?? OTHER;
    case 'ageBand':
      return bandOf(AGE_BANDS, ageAt(c.birth, refDate));
    case 'generation': {
      const ym = yearMonthOf(c.birth);
      if (!ym) return UNFILLED;
      return GENERATION_BANDS.find(g => (g.from === undefined || ym.year >= g.from) && (g.to === undefined || ym.year < g.to))!.label;
    }
    case 'ftEducation':
      if (c.ftEducation === '') return UNFILLED;
      return EDUCATION_BUCKETS[educationLevel(c.ftEducation)]?.label ?? OTHER;
    case 'highestEducation': {
      const levels = [c.ftEducation, c.ptEducation].map(educationLevel).filter(l => l >= 0);
      if (levels.length) return EDUCATION_BUCKETS[Math.min(...levels)].label;
      return c.ftEducation === '' && c.ptEducation === '' ? UNFILLED : OTHER;
    }
    case 'degree':
      return DEGREE_WORDS.find(w => c.ftDegree.includes(w) || c.ptDegree.includes(w)) ?? OTHER;
    case 'title':
      return titleCategory(c.professionalTitle);
    case 'yearsInPost':
      return bandOf(YEARS_IN_POST_BANDS, completedAge(c.postDate, refDate));
  }
}
