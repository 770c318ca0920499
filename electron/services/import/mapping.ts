/**
 * Column mapping: which header feeds which field. Headers are matched by
 * synonyms after normalising the text (spaces and line breaks inside headers,
 * full-width characters, brackets, required-field stars); a multi-level header
 * is matched by its deepest meaningful label with the levels above as context
 * (学历学位 → 全日制教育 → 学历 is 全日制学历; a 毕业院校 column after 在职学历 in
 * the same group is the 在职 one). A mapping the user edited is remembered for
 * the next file with the same header set and target (import_mappings, keyed by
 * a hash of the normalised headers).
 *
 * This file holds the roster's header words (every person target uses them)
 * and the mapping machinery every target shares. Header texts come from the
 * file: they are only ever keys of Maps, never of plain objects, so
 * '__proto__' or 'constructor' is just text.
 */
import crypto from 'node:crypto';
import { cadreFieldLabel, EDITABLE_CADRE_FIELDS, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import type { ColumnMapping, ImportField, ImportTarget } from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { importError } from './errors';
import type { HeaderColumn, Vocabulary } from './target';

export type HeaderMatch = ImportField | 'ignore';

/** '出生\n年月 *' → '出生年月'; '学历（全日制）' → '学历(全日制)'; full-width → half-width. */
export function normalizeHeader(text: string): string {
  return String(text ?? '')
    .replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0]+/g, '')
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')')
    .replace(/[*※★☆]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

const SYNONYMS: [HeaderMatch, string[]][] = [
  // Known and never imported: positions, what is computed, and the post at an earlier time.
  ['ignore', ['序号', '编号', '序', '顺序号', '排序', '年龄', '周岁', '实际年龄', '年龄(周岁)', '照片', '相片', '时任职务', '时任职务(职级)']],
  ['name', ['姓名', '名字', '干部姓名', '人员姓名']],
  ['gender', ['性别']],
  ['birth', ['出生年月', '出生日期', '出生时间', '出生年月日', '出生年份', '生日', '出生年月(岁)', '出生年月(年龄)']],
  ['ethnicity', ['民族']],
  ['nativePlace', ['籍贯']],
  ['birthplace', ['出生地', '出生地点']],
  ['partyDate', ['入党时间', '入党日期', '入党年月', '入党时间(加入党派时间)', '加入党派时间', '入党(团)时间', '入党派时间']],
  ['workDate', ['参加工作时间', '参加工作日期', '参加工作年月', '参工时间', '工作时间']],
  ['politicalStatus', ['政治面貌', '党派', '政治身份']],
  ['health', ['健康状况', '身体状况', '健康状态']],
  ['professionalTitle', ['专业技术职务', '专业技术职称', '职称', '专技职务']],
  ['expertise', ['熟悉专业有何专长', '熟悉专业及专长', '专长', '熟悉专业', '特长']],
  ['post', ['现任职务', '职务', '现职务', '现任职务(职级)', '任职情况']],
  ['unitPost', ['工作单位及职务', '所在单位及职务', '单位及职务', '单位职务', '现工作单位及职务', '现所在单位及职务', '工作单位及职务(职级)']],
  ['proposedPost', ['拟任职务', '拟任']],
  ['proposedRemoval', ['拟免职务', '拟免']],
  ['leadershipLevel', ['领导职务层次', '职务层次', '职务级别', '级别', '现职级别', '层级']],
  ['rank', ['职级', '现职级', '公务员职级']],
  [
    'postDate',
    ['任现职时间', '任现职务时间', '现职时间', '任职时间', '任现职务层次时间', '任现职年月', '现职务始任时间', '现任职务始任时间', '任现职务始任时间'],
  ],
  ['rankDate', ['任现职级时间', '现职级时间', '任职级时间', '晋升职级时间', '任现职级年月', '现职级始任时间', '现任职级始任时间']],
  ['idNumber', ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '身份证', '身份证件号码', '证件号码']],
  ['status', ['状态', '在职状态', '人员状态', '在岗状态']],
  ['tags', ['干部类别', '标签', '类别', '人员类别', '干部类型']],
  ['remarks', ['备注', '说明', '其他']],
  ['unit', ['单位', '所在单位', '工作单位', '单位名称', '所属单位', '部门', '单位(部门)']],
  ['resume', ['简历', '个人简历', '工作简历', '学习工作简历']],
  ['rewards', ['奖惩情况', '奖惩', '奖惩信息']],
  ['appointmentReason', ['任免理由']],
  ['family', ['家庭主要成员及重要社会关系', '家庭主要成员', '家庭成员', '主要社会关系']],
  ['assessments', ['年度考核结果', '考核结果', '近三年年度考核结果', '近三年考核结果', '年度考核']],
];

const EXACT = new Map<string, HeaderMatch>();
for (const [field, words] of SYNONYMS) for (const w of words) EXACT.set(normalizeHeader(w), field);

/** Words of a group header above the education columns. */
const EDUCATION_GROUP = /学历学位|全日制教育|在职教育|全日制|在职/;
/** The education leaf words, each feeding a full-time and a part-time field. */
const EDUCATION_LEAVES: [RegExp, EditableCadreField, EditableCadreField][] = [
  [/^(学历|最高学历|文化程度)$/, 'ftEducation', 'ptEducation'],
  [/^(学位|最高学位)$/, 'ftDegree', 'ptDegree'],
  [/^(毕业院校系及专业|毕业院校及专业|毕业院校系和专业|毕业学校及专业|毕业院校|毕业学校|院校及专业|毕业院校系|所学专业|专业)$/, 'ftEduSchool', 'ptEduSchool'],
  [/^(学位授予院校|学位授予单位|授予学位院校|学位院校)$/, 'ftDegreeSchool', 'ptDegreeSchool'],
];
/** Group words recognised as header text (they make a row look like a header). */
const GROUP_WORDS = new Set(
  ['学历学位', '全日制教育', '在职教育', '基本情况', '基本信息', '任职情况', '学历', '学位', '职务职级', '现任职务职级'].map(normalizeHeader),
);

/**
 * The field a header path names, 'ignore' for 序号/年龄, or null. The whole path is tried first
 * ('全日制教育学历', '学历(全日制)'), then the leaf with the group's 全日制/在职 context.
 */
export function matchHeader(path: readonly string[]): HeaderMatch | null {
  if (path.length === 0) return null;
  const parts = path.map(normalizeHeader).filter(Boolean);
  if (parts.length === 0) return null;
  const leaf = parts[parts.length - 1];
  const joined = parts.join('');
  const context = parts.join('/');
  // Education columns: 全日制学历, 学历(全日制), 全日制教育-学历, 在职教育/毕业院校系及专业 …
  const partTime = /在职/.test(context);
  const fullTime = /全日制/.test(context);
  const strippedLeaf = leaf.replace(/\((全日制|在职)(教育)?\)|^(全日制|在职)(教育)?-?/g, '');
  for (const [re, ft, pt] of EDUCATION_LEAVES) {
    if (re.test(strippedLeaf) && (partTime || fullTime || parts.length > 1)) return partTime ? pt : ft;
  }
  const exact = EXACT.get(joined) ?? EXACT.get(leaf);
  if (exact) return exact;
  for (const [re, ft] of EDUCATION_LEAVES) if (re.test(strippedLeaf)) return ft;
  if (/身份证/.test(leaf)) return 'idNumber';
  if (/^出生(年月|日期|时间)/.test(leaf)) return 'birth';
  return null;
}

/**
 * Each column's roster field, in one pass: an education leaf that does not say
 * 全日制 or 在职 (毕业院校系及专业, 学位) takes it from the column before it in
 * the same group (学历学位/在职学历 then 学历学位/毕业院校系及专业 is 在职).
 */
export function matchRosterColumns(columns: readonly { path: readonly string[] }[]): (HeaderMatch | null)[] {
  let prev: { group: string; mode: 'ft' | 'pt' | null } | null = null;
  return columns.map(col => {
    const parts = col.path.map(normalizeHeader).filter(Boolean);
    const group = parts.slice(0, -1).join('/');
    const field = matchHeader(col.path);
    const mode = educationMode(field);
    if (mode && !/全日制|在职/.test(parts[parts.length - 1]) && prev?.group === group && prev.mode && prev.mode !== mode) {
      // The leaf said nothing of its own: its neighbour's 全日制/在职 holds.
      const pair = EDUCATION_LEAVES.find(([, ft, pt]) => ft === field || pt === field)!;
      prev = { group, mode: prev.mode };
      return prev.mode === 'ft' ? pair[1] : pair[2];
    }
    prev = { group, mode };
    return field;
  });
}

function educationMode(field: HeaderMatch | null): 'ft' | 'pt' | null {
  for (const [, ft, pt] of EDUCATION_LEAVES) {
    if (field === ft) return 'ft';
    if (field === pt) return 'pt';
  }
  return null;
}

/** '2023年', '2024年度考核', '2025年考核结果', '年度考核结果/2023' → 2023; null when the header is not a year column. */
export function yearOfHeader(path: readonly string[]): number | null {
  const leaf = normalizeHeader(path[path.length - 1] ?? '');
  const m = /^(\d{4})(?:年年度|年度|年)?(?:考核)?(?:结果|等次|情况)?$/.exec(leaf);
  if (!m) return null;
  const year = Number(m[1]);
  return year >= 1950 && year <= 2100 ? year : null;
}

export const yearField = (year: number) => `year:${year}`;
export function yearOfField(field: string): number | null {
  const m = /^year:(\d{4})$/.exec(field);
  return m ? Number(m[1]) : null;
}
export const yearLabel = (year: number) => `${year}年度考核结果`;

/** Does this text look like a header cell (a known header or a group word)? For the layout detector. */
export function isHeaderWord(text: string): boolean {
  const t = normalizeHeader(text);
  if (t === '' || t.length > 30) return false;
  return EXACT.has(t) || GROUP_WORDS.has(t) || (EDUCATION_GROUP.test(t) && t.length <= 12) || matchHeader([t]) !== null || yearOfHeader([t]) !== null;
}

export function fieldLabel(field: ImportField): string {
  switch (field) {
    case 'unit':
      return '单位';
    case 'unitPost':
      return '单位及职务（按单位树拆分）';
    case 'tags':
      return '干部类别';
    case 'family':
      return '家庭主要成员及重要社会关系';
    case 'assessments':
      return '年度考核结果';
    default:
      return cadreFieldLabel(field);
  }
}

const EDITABLE = new Set<string>(EDITABLE_CADRE_FIELDS);
export function isEditableField(v: string): v is EditableCadreField {
  return EDITABLE.has(v);
}

/**
 * Proposes a field for each column: the remembered mapping for this header set wins (when
 * its field is still one of the target's), then the vocabulary's own matching. A field is
 * fed by one column only: a second column with the same field stays unmapped (the wizard
 * shows it for the user to decide).
 */
export function proposeMapping(
  columns: readonly HeaderColumn[],
  vocabulary: Vocabulary,
  remembered: Map<string, string | null> | null,
): { field: Map<string, string | null>; known: Set<string> } {
  const field = new Map<string, string | null>();
  const known = new Set<string>();
  const used = new Set<string>();
  const matched = vocabulary.matchColumns(columns);
  columns.forEach((col, i) => {
    let f: string | null;
    const remembers = remembered?.has(col.header) && (remembered.get(col.header) === null || vocabulary.label(remembered.get(col.header)!) !== null);
    const m = matched[i];
    if (m === 'ignore') known.add(col.header);
    if (remembers) f = remembered!.get(col.header) ?? null;
    else f = m === 'ignore' || m === null ? null : m;
    if (f && used.has(f)) f = null;
    if (f) used.add(f);
    field.set(col.header, f);
  });
  return { field, known };
}

/**
 * Mapping entries from the wire → a Map. A field the target does not take is refused; a
 * field used twice keeps its first column.
 */
export function mappingFromList(list: readonly ColumnMapping[], vocabulary: Vocabulary): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const used = new Set<string>();
  for (const { header, field } of list) {
    if (out.has(header)) continue;
    if (field !== null && vocabulary.label(field) === null) throw importError(`「${header.slice(0, 60)}」列对应的项目不是本次导入可用的项目`);
    const f = field && !used.has(field) ? field : null;
    if (f) used.add(f);
    out.set(header, f);
  }
  return out;
}

export function mappingToList(map: Map<string, string | null>): ColumnMapping[] {
  return [...map].map(([header, field]) => ({ header, field }));
}

/** The key of a header set and target: order-free, so a file with the same columns rearranged still finds its mapping. */
export function headerSetHash(headers: readonly string[], target: ImportTarget['kind'] = 'roster'): string {
  const set = [...new Set(headers.map(normalizeHeader))].sort();
  // The roster's key is the header set alone, as mappings saved before other targets existed.
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(target === 'roster' ? set : [target, ...set]))
    .digest('hex');
}

export function loadRememberedMapping(db: Database, headers: readonly string[], target: ImportTarget['kind']): Map<string, string | null> | null {
  const row = db.prepare('SELECT mapping FROM import_mappings WHERE header_hash = ?').get(headerSetHash(headers, target)) as { mapping: string } | undefined;
  if (!row) return null;
  try {
    const list = JSON.parse(row.mapping) as unknown;
    if (!Array.isArray(list)) return null;
    const out = new Map<string, string | null>();
    for (const entry of list) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
      out.set(entry[0], typeof entry[1] === 'string' ? entry[1] : null);
    }
    return out;
  } catch {
    return null;
  }
}

/** Remembers the mapping for this header set and target (only the entries for these headers). */
export function rememberMapping(db: Database, headers: readonly string[], mapping: Map<string, string | null>, target: ImportTarget['kind']): void {
  const entries = headers.filter(h => mapping.has(h)).map(h => [h, mapping.get(h) ?? null]);
  db.prepare(
    `INSERT INTO import_mappings(header_hash, headers, mapping) VALUES (?, ?, ?)
     ON CONFLICT(header_hash) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  ).run(headerSetHash(headers, target), JSON.stringify(headers), JSON.stringify(entries));
}
