/**
 * The national code lists the appointment form and upward reports use, in standard order.
 * Lists without a national code (statuses, tags, …) carry app-local sequential codes.
 */
import { FINAL_GRADES } from '../assessment/codes';

export interface CodeItem {
  readonly code: string;
  readonly name: string;
}
export interface LeadershipLevelItem extends CodeItem {
  /** The GB/T 12407 职务级别 name, e.g. 县处级正职 for 正处. */
  readonly standardName: string;
}
export interface RankItem extends CodeItem {
  /** The roughly equivalent 领导职务层次 (a LEADERSHIP_LEVELS name); null below 副科. */
  readonly level: string | null;
}

export type Gender = '男' | '女';

/** Names (space-separated, or a list) numbered 01, 02, … in the given order. */
const numbered = (names: string | readonly string[]): readonly CodeItem[] =>
  (typeof names === 'string' ? names.split(' ') : names).map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name }));

/** 'code name, code name, …' pairs. */
const coded = (pairs: string): readonly CodeItem[] =>
  pairs.split(',').map(pair => {
    const [code, name] = pair.trim().split(' ');
    return { code, name };
  });

/** GB/T 2261.1 */
export const GENDERS: readonly CodeItem[] = coded('1 男, 2 女');

/** GB/T 3304 */
export const ETHNICITIES: readonly CodeItem[] = numbered(
  '汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 ' +
    '傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 ' +
    '羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 ' +
    '德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族',
);

/** GB/T 4762 */
export const POLITICAL_STATUSES: readonly CodeItem[] = numbered(
  '中共党员 中共预备党员 共青团员 民革党员 民盟盟员 民建会员 民进会员 农工党党员 致公党党员 九三学社社员 ' + '台盟盟员 无党派人士 群众',
);

/** ZB64, the national form software's 学历 list; party-school education keeps its own codes. */
export const EDUCATIONS: readonly CodeItem[] = coded(
  '11 研究生, 12 研究生班, 1A 中央党校研究生, 1B 省委党校研究生, 21 大学, 22 中央党校大学, ' +
    '23 省委党校大学, 31 大专, 32 省委党校大专, 33 大学普通班, 34 中央党校大专, 35 中专, 36 中技, ' +
    '37 高中, 38 初中, 39 小学',
);

/** 领导职务层次, high to low, coded by GB/T 12407-2008. */
export const LEADERSHIP_LEVELS: readonly LeadershipLevelItem[] = [
  { code: '121', name: '正厅', standardName: '厅局级正职' },
  { code: '122', name: '副厅', standardName: '厅局级副职' },
  { code: '131', name: '正处', standardName: '县处级正职' },
  { code: '132', name: '副处', standardName: '县处级副职' },
  { code: '141', name: '正科', standardName: '乡科级正职' },
  { code: '142', name: '副科', standardName: '乡科级副职' },
];

/** 职级 of 综合管理类公务员, high to low. */
export const RANKS: readonly RankItem[] = (
  [
    ['一级巡视员', '正厅'],
    ['二级巡视员', '副厅'],
    ['一级调研员', '正处'],
    ['二级调研员', '正处'],
    ['三级调研员', '副处'],
    ['四级调研员', '副处'],
    ['一级主任科员', '正科'],
    ['二级主任科员', '正科'],
    ['三级主任科员', '副科'],
    ['四级主任科员', '副科'],
    ['一级科员', null],
    ['二级科员', null],
  ] as const
).map(([name, level], i) => ({ code: String(i + 1).padStart(2, '0'), name, level }));

export const CADRE_STATUSES: readonly CodeItem[] = numbered('在职 退休 调出 辞职 去世');
/** 年度考核结果: the assessment area's grades (FINAL_GRADES), numbered. */
export const ASSESSMENT_GRADES: readonly CodeItem[] = numbered(FINAL_GRADES);
export const CADRE_TAGS: readonly CodeItem[] = numbered('选调生 大学生村官 第一书记 年轻干部库 五方面人员 专家型干部');
export const EXCHANGE_KINDS: readonly CodeItem[] = numbered('调任 转任 轮换 挂职锻炼');

const DISCIPLINES = '哲学 经济学 法学 教育学 文学 历史学 理学 工学 农学 医学 军事学 管理学 艺术学'.split(' ');
/** x01–x12 per GB/T 6864-2003; 艺术学 (x13) follows the 2011 catalogue, which the standard predates. */
const byDiscipline = (degree: string, base: number): CodeItem[] => DISCIPLINES.map((d, i) => ({ code: String(base + i + 1), name: d + degree }));

/** GB/T 6864 学位, written as the form writes them (法学硕士, not 法学硕士学位). */
export const DEGREES: readonly CodeItem[] = [
  ...byDiscipline('博士', 200),
  ...byDiscipline('硕士', 300),
  ...coded('341 法律硕士, 342 教育硕士, 343 工程硕士, 346 工商管理硕士, 349 公共管理硕士'),
  ...byDiscipline('学士', 400),
];

const noSpace = (raw: unknown) => String(raw ?? '').replace(/\s/g, '');
const byCode = (list: readonly CodeItem[], code: string) => list.find(item => item.code === code);
const byName = (list: readonly CodeItem[], name: string) => list.find(item => item.name === name);

const ETHNICITY_ALIASES = new Map([
  ['维族', '维吾尔族'],
  ['蒙族', '蒙古族'],
]);

/** '汉' / '汉族' / '01' → '汉族'; anything else comes back trimmed with known = false. */
export function normalizeEthnicity(raw: string): { value: string; known: boolean } {
  const s = noSpace(raw);
  const hit =
    (/^\d{1,2}$/.test(s) ? byCode(ETHNICITIES, s.padStart(2, '0')) : undefined) ??
    byName(ETHNICITIES, ETHNICITY_ALIASES.get(s) ?? s) ??
    byName(ETHNICITIES, s + '族');
  return hit ? { value: hit.name, known: true } : { value: s, known: false };
}

// A Map, not an object literal: a cell reading 'constructor' must not match anything.
const GENDER_ALIASES = new Map<string, Gender>([
  ['男', '男'],
  ['男性', '男'],
  ['1', '男'],
  ['m', '男'],
  ['male', '男'],
  ['女', '女'],
  ['女性', '女'],
  ['2', '女'],
  ['f', '女'],
  ['female', '女'],
]);

export function normalizeGender(raw: unknown): Gender | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  return GENDER_ALIASES.get(noSpace(raw).toLowerCase()) ?? null;
}

/**
 * What sheets write → the ZB64 name, applied in order. Only the generic part is rewritten,
 * so a party-school prefix survives: 省委党校本科 → 省委党校大学, never plain 大学.
 */
const EDUCATION_REWRITES: readonly [RegExp, string][] = [
  [/学历$/, ''],
  [/^中等专科$|^中等专业学校$/, '中专'],
  [/大学本科|本科/, '大学'],
  [/大学专科|专科/, '大专'],
  [/(硕士|博士)研究生/, '研究生'],
];

export function normalizeEducation(raw: string): { value: string; known: boolean } {
  const s = noSpace(raw);
  const rewritten = EDUCATION_REWRITES.reduce((acc, [pattern, to]) => acc.replace(pattern, to), s);
  const hit = byName(EDUCATIONS, s) ?? byCode(EDUCATIONS, s.toUpperCase()) ?? byName(EDUCATIONS, rewritten);
  return hit ? { value: hit.name, known: true } : { value: s, known: false };
}

/** Position in RANKS (0 = highest), -1 when unknown. */
export function rankOrder(name: string): number {
  const s = noSpace(name);
  return RANKS.findIndex(r => r.name === s);
}

/** Position in LEADERSHIP_LEVELS (0 = 正厅); accepts 正处, 正处级 and 县处级正职. -1 when unknown. */
export function leadershipOrder(name: string): number {
  const s = noSpace(name).replace(/^([正副][厅处科])级$/, '$1');
  return LEADERSHIP_LEVELS.findIndex(l => l.name === s || l.standardName === s);
}
