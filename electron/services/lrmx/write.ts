/**
 * Writes one cadre as an .lrmx file the national 任免审批表 software reads:
 * UTF-8 with an XML declaration, root <Person>, the elements in exactly the
 * order of LRMX_ELEMENTS, dates as yyyyMM (JiSuanNianLingShiJian yyyyMMdd),
 * every text XML-escaped, family rows as JiaTingChengYuan/Item, the photo as
 * base64, Version 3.2.1.16.
 */
import type { Cadre } from '../../../shared/contract/api';
import { retirementBaseAge, retirementDate } from '../../../shared/domain/common/age';
import { formatAssessments } from '../../../shared/domain/assessment/text';
import { compactDate, compactYearMonth, todayCanonical } from '../../../shared/domain/common/dates';
import { LRMX_ELEMENTS, LRMX_FAMILY_ELEMENTS, LRMX_FAMILY_FIELDS, LRMX_FIELD_ELEMENTS, LRMX_VERSION, type LrmxElement } from './elements';
import { xmlSafeText } from './xml';
import { safeFileName } from '../common/files';

export interface WriteLrmxOptions {
  /** 呈报单位. */
  reportingUnit?: string;
  /** 填表人. */
  filledBy?: string;
  /** 计算年龄时间, canonical YYYY-MM-DD; default today. */
  ageRefDate?: string;
  /** 填表时间, canonical; default today. */
  filledAt?: string;
  /** Default 3.2.1.16. */
  version?: string;
  /** 到龄年月, canonical; default computed from 出生年月 and 性别 (2025 reform rules). */
  retirementDate?: string;
  /** GaiGeQianRenZhiNianLingJieXian, written as given (default empty). */
  reformAgeLimit?: string;
}

/** The fields writeLrmx reads: a whole Cadre works, so does anything with these keys. */
export type LrmxCadre = Pick<Cadre, (typeof LRMX_FIELD_ELEMENTS)[keyof typeof LRMX_FIELD_ELEMENTS] | 'family' | 'assessments'>;

const DATE_ELEMENTS = new Set<string>(['ChuShengNianYue', 'RuDangShiJian', 'CanJiaGongZuoShiJian']);

function defaultRetirement(c: LrmxCadre): string {
  const gender = (c as { gender?: string }).gender;
  if (gender !== '男' && gender !== '女') return '';
  return retirementDate(c.birth, gender, retirementBaseAge(gender));
}

export function writeLrmx(cadre: LrmxCadre, photo?: Uint8Array | null, opts: WriteLrmxOptions = {}): string {
  const today = todayCanonical();
  const values: Partial<Record<LrmxElement, string>> = {};
  for (const [element, field] of Object.entries(LRMX_FIELD_ELEMENTS) as [LrmxElement, keyof LrmxCadre][]) {
    const v = String(cadre[field] ?? '');
    // RuDangShiJian may hold a party name (民盟); compactYearMonth leaves non-dates unchanged.
    values[element] = DATE_ELEMENTS.has(element) ? compactYearMonth(v) : v;
  }
  values.NianDuKaoHeJieGuo = formatAssessments(cadre.assessments ?? []);
  values.ChengBaoDanWei = opts.reportingUnit ?? '';
  const ageRef = opts.ageRefDate || today;
  values.JiSuanNianLingShiJian = compactDate(ageRef.length === 7 ? `${ageRef}-01` : ageRef);
  values.TianBiaoShiJian = compactYearMonth(opts.filledAt || today);
  values.TianBiaoRen = opts.filledBy ?? '';
  values.ZhaoPian = photo && photo.length ? Buffer.from(photo).toString('base64') : '';
  values.Version = opts.version || LRMX_VERSION;
  values.DaoLingNianYue = compactYearMonth(opts.retirementDate ?? defaultRetirement(cadre));
  values.GaiGeQianRenZhiNianLingJieXian = opts.reformAgeLimit ?? '';

  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Person>'];
  for (const element of LRMX_ELEMENTS) {
    if (element === 'JiaTingChengYuan') {
      const family = cadre.family ?? [];
      if (!family.length) {
        lines.push('  <JiaTingChengYuan></JiaTingChengYuan>');
        continue;
      }
      lines.push('  <JiaTingChengYuan>');
      for (const m of family) {
        lines.push('    <Item>');
        for (const child of LRMX_FAMILY_ELEMENTS) {
          const field = LRMX_FAMILY_FIELDS[child];
          const v = field === 'birth' ? compactYearMonth(m.birth) : m[field];
          lines.push(`      <${child}>${xmlSafeText(v ?? '')}</${child}>`);
        }
        lines.push('    </Item>');
      }
      lines.push('  </JiaTingChengYuan>');
      continue;
    }
    lines.push(`  <${element}>${xmlSafeText(values[element] ?? '')}</${element}>`);
  }
  lines.push('</Person>', '');
  return lines.join('\n');
}

/** The file name for a cadre: 姓名_身份证后4位.lrmx (姓名.lrmx without an ID), safe on Windows and Linux. */
export function lrmxFileName(name: string, idNumber: string): string {
  const safe = safeFileName(name, '未命名');
  const tail = idNumber.trim().slice(-4);
  return `${safe}${tail ? `_${tail}` : ''}.lrmx`;
}
