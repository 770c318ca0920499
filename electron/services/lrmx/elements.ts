/**
 * The .lrmx file of the national 干部任免审批表 software: root <Person>, flat
 * elements named in pinyin, in this order. The writer
 * emits exactly this order; the reader accepts any order.
 */
import type { EditableCadreField } from '../../../shared/domain/roster/cadre-rules';

export const LRMX_ELEMENTS = [
  'XingMing',
  'XingBie',
  'ChuShengNianYue',
  'MinZu',
  'JiGuan',
  'ChuShengDi',
  'RuDangShiJian',
  'CanJiaGongZuoShiJian',
  'JianKangZhuangKuang',
  'ZhuanYeJiShuZhiWu',
  'ShuXiZhuanYeYouHeZhuanChang',
  'QuanRiZhiJiaoYu_XueLi',
  'QuanRiZhiJiaoYu_XueWei',
  'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueLi',
  'ZaiZhiJiaoYu_XueWei',
  'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'XianRenZhiWu',
  'NiRenZhiWu',
  'NiMianZhiWu',
  'JianLi',
  'JiangChengQingKuang',
  'NianDuKaoHeJieGuo',
  'RenMianLiYou',
  'JiaTingChengYuan',
  'ChengBaoDanWei',
  'JiSuanNianLingShiJian',
  'TianBiaoShiJian',
  'TianBiaoRen',
  'ShenFenZheng',
  'ZhaoPian',
  'Version',
  // Newer versions of the software add these two.
  'DaoLingNianYue',
  'GaiGeQianRenZhiNianLingJieXian',
] as const;
export type LrmxElement = (typeof LRMX_ELEMENTS)[number];

/** The children of each JiaTingChengYuan/Item, in order. */
export const LRMX_FAMILY_ELEMENTS = ['ChengWei', 'XingMing', 'ChuShengRiQi', 'ZhengZhiMianMao', 'GongZuoDanWeiJiZhiWu'] as const;
export type LrmxFamilyElement = (typeof LRMX_FAMILY_ELEMENTS)[number];

export const LRMX_FAMILY_FIELDS: Record<LrmxFamilyElement, 'relation' | 'name' | 'birth' | 'politicalStatus' | 'work'> = {
  ChengWei: 'relation',
  XingMing: 'name',
  ChuShengRiQi: 'birth',
  ZhengZhiMianMao: 'politicalStatus',
  GongZuoDanWeiJiZhiWu: 'work',
};

/** Elements that carry one cadre field each, as the field rules store it. */
export const LRMX_FIELD_ELEMENTS = {
  XingMing: 'name',
  XingBie: 'gender',
  ChuShengNianYue: 'birth',
  MinZu: 'ethnicity',
  JiGuan: 'nativePlace',
  ChuShengDi: 'birthplace',
  RuDangShiJian: 'partyDate',
  CanJiaGongZuoShiJian: 'workDate',
  JianKangZhuangKuang: 'health',
  ZhuanYeJiShuZhiWu: 'professionalTitle',
  ShuXiZhuanYeYouHeZhuanChang: 'expertise',
  QuanRiZhiJiaoYu_XueLi: 'ftEducation',
  QuanRiZhiJiaoYu_XueWei: 'ftDegree',
  QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: 'ftEduSchool',
  QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: 'ftDegreeSchool',
  ZaiZhiJiaoYu_XueLi: 'ptEducation',
  ZaiZhiJiaoYu_XueWei: 'ptDegree',
  ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: 'ptEduSchool',
  ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: 'ptDegreeSchool',
  XianRenZhiWu: 'post',
  NiRenZhiWu: 'proposedPost',
  NiMianZhiWu: 'proposedRemoval',
  JianLi: 'resume',
  JiangChengQingKuang: 'rewards',
  RenMianLiYou: 'appointmentReason',
  ShenFenZheng: 'idNumber',
} as const satisfies Partial<Record<LrmxElement, EditableCadreField>>;

export type LrmxFieldElement = keyof typeof LRMX_FIELD_ELEMENTS;
/** The cadre fields an .lrmx file carries. */
export type LrmxField = (typeof LRMX_FIELD_ELEMENTS)[LrmxFieldElement];
export const LRMX_FIELDS = Object.values(LRMX_FIELD_ELEMENTS) as LrmxField[];

export function isFieldElement(name: string): name is LrmxFieldElement {
  return Object.prototype.hasOwnProperty.call(LRMX_FIELD_ELEMENTS, name);
}

/** What the form says about itself rather than about the cadre. */
export interface LrmxMeta {
  /** ChengBaoDanWei 呈报单位. */
  reportingUnit: string;
  /** JiSuanNianLingShiJian 计算年龄时间, canonical date ('' when absent). */
  ageRefDate: string;
  /** TianBiaoShiJian 填表时间, canonical ('' when absent). */
  filledAt: string;
  /** TianBiaoRen 填表人. */
  filledBy: string;
  /** Version of the writing software, e.g. 3.2.1.16. */
  version: string;
  /** DaoLingNianYue 到龄年月, canonical ('' when absent); computed from birth and gender on export. */
  retirementDate: string;
  /** GaiGeQianRenZhiNianLingJieXian, kept as written. */
  reformAgeLimit: string;
}

export const LRMX_VERSION = '3.2.1.16';

export function emptyMeta(): LrmxMeta {
  return { reportingUnit: '', ageRefDate: '', filledAt: '', filledBy: '', version: '', retirementDate: '', reformAgeLimit: '' };
}

/** Chinese names of the elements, for messages. */
export const LRMX_ELEMENT_LABELS: Record<LrmxElement, string> = {
  XingMing: '姓名',
  XingBie: '性别',
  ChuShengNianYue: '出生年月',
  MinZu: '民族',
  JiGuan: '籍贯',
  ChuShengDi: '出生地',
  RuDangShiJian: '入党时间',
  CanJiaGongZuoShiJian: '参加工作时间',
  JianKangZhuangKuang: '健康状况',
  ZhuanYeJiShuZhiWu: '专业技术职务',
  ShuXiZhuanYeYouHeZhuanChang: '熟悉专业有何专长',
  QuanRiZhiJiaoYu_XueLi: '全日制学历',
  QuanRiZhiJiaoYu_XueWei: '全日制学位',
  QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '全日制毕业院校系及专业',
  QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '全日制学位授予院校',
  ZaiZhiJiaoYu_XueLi: '在职学历',
  ZaiZhiJiaoYu_XueWei: '在职学位',
  ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '在职毕业院校系及专业',
  ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '在职学位授予院校',
  XianRenZhiWu: '现任职务',
  NiRenZhiWu: '拟任职务',
  NiMianZhiWu: '拟免职务',
  JianLi: '简历',
  JiangChengQingKuang: '奖惩情况',
  NianDuKaoHeJieGuo: '年度考核结果',
  RenMianLiYou: '任免理由',
  JiaTingChengYuan: '家庭主要成员及重要社会关系',
  ChengBaoDanWei: '呈报单位',
  JiSuanNianLingShiJian: '计算年龄时间',
  TianBiaoShiJian: '填表时间',
  TianBiaoRen: '填表人',
  ShenFenZheng: '身份证号',
  ZhaoPian: '照片',
  Version: '版本',
  DaoLingNianYue: '到龄年月',
  GaiGeQianRenZhiNianLingJieXian: '改革前任职年龄界限',
};
