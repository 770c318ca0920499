/**
 * Reads one .lrmx file into an incoming cadre record, defensively: elements
 * in any order, missing or empty elements, dates in any form the field rules
 * accept (198503, 1985.03, 20041024, …), unknown elements ignored with a
 * warning. Every value goes through shared/domain/roster/cadre-rules.ts, the same rules
 * inline editing and the Excel importer use. Never throws on bad input: a
 * file that cannot be read comes back with record null and one error.
 */
import { parseAssessments, type AssessmentEntry } from '../../../shared/domain/assessment/text';
import { checkCadreRecord, normalizeCadreField, normalizeFamilyMember, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import type { FamilyMember } from '../../../shared/contract/api';
import { parseDateInput } from '../../../shared/domain/common/dates';
import { MAX_PHOTO_BYTES } from '../../../shared/contract/routes/form';
import { photoMime } from '../form/api';
import {
  emptyMeta,
  isFieldElement,
  LRMX_ELEMENT_LABELS,
  LRMX_ELEMENTS,
  LRMX_FAMILY_ELEMENTS,
  LRMX_FAMILY_FIELDS,
  LRMX_FIELD_ELEMENTS,
  type LrmxElement,
  type LrmxMeta,
} from './elements';
import { childElements, readXmlDocument, textOf, XmlError, type XmlElement } from './xml';

/**
 * One person as the file holds them, values already read by the roster's rules. "Absent"
 * means "the file does not say": on an update an absent field, family list, assessment
 * list or photo leaves the stored one unchanged (empty elements count as absent).
 */
export interface LrmxRecord {
  fields: Partial<Record<EditableCadreField, string>>;
  family?: FamilyMember[];
  assessments?: AssessmentEntry[];
  /** 年度考核结果 text that did not read as year + grade; kept in 备注 rather than lost. */
  assessmentText?: string;
  photo?: Buffer;
  tags?: string[];
  meta: LrmxMeta;
}

export interface IncomingProblem {
  severity: 'error' | 'warning';
  /** The cadre field (or 'family', 'assessments', 'photo', 'file'). */
  field?: string;
  /** The file's own name for the place: the .lrmx element. */
  element?: string;
  message: string;
}

export interface LrmxRead {
  file: string;
  /** Null when the file could not be read at all (see problems). */
  record: LrmxRecord | null;
  problems: IncomingProblem[];
}

const KNOWN = new Set<string>(LRMX_ELEMENTS);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Democratic-party names that may follow a date in RuDangShiJian ('200506；民盟'). */
const DATE_THEN_PARTY = /^(\d{4}[.\-/年]?\d{1,2}月?(?:[.\-/]?\d{1,2}日?)?)\s*[;；,，、\s]\s*(\S.*)$/;

const label = (el: string) => LRMX_ELEMENT_LABELS[el as LrmxElement] ?? el;

export function readLrmx(bytes: Uint8Array, fileName: string): LrmxRead {
  const problems: IncomingProblem[] = [];
  const out = (record: LrmxRecord | null): LrmxRead => ({ file: fileName, record, problems });
  let root: XmlElement;
  try {
    root = readXmlDocument(bytes);
  } catch (err) {
    if (!(err instanceof XmlError)) throw err;
    problems.push({ severity: 'error', field: 'file', message: err.message });
    return out(null);
  }
  if (root.name !== 'Person') {
    problems.push({ severity: 'error', field: 'file', message: `根元素是 <${root.name.slice(0, 40)}>，不是 <Person>：这不是任免审批表（.lrmx）文件。` });
    return out(null);
  }

  // First occurrence of each element wins; repeats and strangers are reported.
  const byName = new Map<string, XmlElement>();
  for (const el of childElements(root)) {
    if (!KNOWN.has(el.name)) {
      problems.push({ severity: 'warning', element: el.name, message: `未识别的元素 <${el.name.slice(0, 40)}>，已忽略` });
      continue;
    }
    if (byName.has(el.name)) {
      problems.push({ severity: 'warning', element: el.name, message: `「${label(el.name)}」（${el.name}）出现了多次，只读取第一个` });
      continue;
    }
    byName.set(el.name, el);
  }
  const text = (name: string): string => {
    const el = byName.get(name);
    return el ? textOf(el).trim() : '';
  };

  const record: LrmxRecord = { fields: {}, meta: emptyMeta() };

  for (const [element, field] of Object.entries(LRMX_FIELD_ELEMENTS) as [string, EditableCadreField][]) {
    if (!isFieldElement(element)) continue;
    let raw = text(element);
    if (raw === '') continue;
    if (field === 'partyDate') {
      // Some tools write '200506；民盟' for a CPC member who also joined a democratic party.
      const m = DATE_THEN_PARTY.exec(raw);
      if (m && parseDateInput(m[1]).ok) {
        problems.push({ severity: 'warning', field, element, message: `入党时间「${raw}」同时写有「${m[2]}」，只导入了日期 ${m[1]}` });
        raw = m[1];
      }
    }
    const r = normalizeCadreField(field, raw);
    if (!r.ok) {
      problems.push({ severity: 'error', field, element, message: prefixed(element, r.message) });
      continue;
    }
    record.fields[field] = r.value;
    if (r.warning) problems.push({ severity: 'warning', field, element, message: prefixed(element, r.warning) });
  }
  if (!record.fields.name) {
    if (!problems.some(p => p.field === 'name'))
      problems.push({ severity: 'error', field: 'name', element: 'XingMing', message: '缺少姓名（XingMing 为空或不存在）' });
  }
  for (const issue of checkCadreRecord(record.fields)) {
    problems.push({ severity: issue.severity, field: issue.field, message: issue.message });
  }

  const familyEl = byName.get('JiaTingChengYuan');
  if (familyEl) {
    const family = readFamily(familyEl, problems);
    if (family.length) record.family = family;
  }

  const assessmentText = text('NianDuKaoHeJieGuo');
  if (assessmentText) {
    const parsed = parseAssessments(assessmentText);
    if (parsed.entries.length) record.assessments = parsed.entries;
    if (parsed.rest) {
      record.assessmentText = assessmentText;
      problems.push({
        severity: 'warning',
        field: 'assessments',
        element: 'NianDuKaoHeJieGuo',
        message: `年度考核结果中有无法按“年度+等次”识别的内容「${shorten(parsed.rest)}」，原文将保存到备注中`,
      });
    }
  }

  const photo = readPhoto(text('ZhaoPian'), problems);
  if (photo) record.photo = photo;

  record.meta = {
    reportingUnit: text('ChengBaoDanWei'),
    ageRefDate: metaDate(text('JiSuanNianLingShiJian'), 'JiSuanNianLingShiJian', problems),
    filledAt: metaDate(text('TianBiaoShiJian'), 'TianBiaoShiJian', problems),
    filledBy: text('TianBiaoRen'),
    version: text('Version'),
    retirementDate: metaDate(text('DaoLingNianYue'), 'DaoLingNianYue', problems),
    reformAgeLimit: text('GaiGeQianRenZhiNianLingJieXian'),
  };
  return out(record);
}

function prefixed(element: string, message: string): string {
  const l = label(element);
  return message.startsWith(l) ? message : `${l}：${message}`;
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function metaDate(raw: string, element: string, problems: IncomingProblem[]): string {
  if (!raw) return '';
  const parsed = parseDateInput(raw);
  if (parsed.ok) return parsed.value;
  problems.push({ severity: 'warning', element, message: `${label(element)}「${shorten(raw)}」无法识别，已忽略` });
  return '';
}

function readFamily(el: XmlElement, problems: IncomingProblem[]): FamilyMember[] {
  const members: FamilyMember[] = [];
  childElements(el).forEach((item, i) => {
    if (item.name !== 'Item') {
      problems.push({ severity: 'warning', element: item.name, message: `家庭成员中未识别的元素 <${item.name.slice(0, 40)}>，已忽略` });
      return;
    }
    const raw: Record<string, string> = {};
    for (const child of childElements(item)) {
      const key = (LRMX_FAMILY_FIELDS as Record<string, string>)[child.name];
      if (key && !(key in raw)) raw[key] = textOf(child).trim();
    }
    if (!LRMX_FAMILY_ELEMENTS.some(e => raw[LRMX_FAMILY_FIELDS[e]])) return; // a blank row
    const r = normalizeFamilyMember({
      relation: raw.relation ?? '',
      name: raw.name ?? '',
      birth: raw.birth ?? '',
      politicalStatus: raw.politicalStatus ?? '',
      work: raw.work ?? '',
    });
    if (!r.ok) {
      for (const message of r.problems)
        problems.push({ severity: 'error', field: 'family', element: 'JiaTingChengYuan', message: `第 ${i + 1} 位家庭成员：${message}` });
      return;
    }
    members.push(r.value);
  });
  return members;
}

function readPhoto(raw: string, problems: IncomingProblem[]): Buffer | undefined {
  if (!raw) return undefined;
  const body = raw.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  const warn = (message: string) => {
    problems.push({ severity: 'warning', field: 'photo', element: 'ZhaoPian', message });
    return undefined;
  };
  if (body.length % 4 !== 0 || !BASE64.test(body)) return warn('照片数据无法读取（不是有效的 base64 编码），未导入照片');
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length === 0) return undefined;
  if (bytes.length > MAX_PHOTO_BYTES) return warn(`照片过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB，最大 2 MB），未导入照片`);
  if (!photoMime(bytes)) return warn('照片不是 JPEG 或 PNG 图片，未导入照片');
  return bytes;
}
