import type { CadreRow } from './cadre';

/** Chinese labels for the cadre fields, as the national form and rosters name them. */
export const CADRE_FIELD_LABELS: Record<Exclude<keyof CadreRow, 'id' | 'unitId'>, string> = {
  unit: '单位',
  name: '姓名',
  gender: '性别',
  birth: '出生年月',
  ethnicity: '民族',
  nativePlace: '籍贯',
  birthplace: '出生地',
  partyDate: '入党时间',
  workDate: '参加工作时间',
  politicalStatus: '政治面貌',
  health: '健康状况',
  professionalTitle: '专业技术职务',
  expertise: '熟悉专业有何专长',
  ftEducation: '全日制学历',
  ftDegree: '全日制学位',
  ftEduSchool: '全日制毕业院校系及专业',
  ftDegreeSchool: '全日制学位授予院校',
  ptEducation: '在职学历',
  ptDegree: '在职学位',
  ptEduSchool: '在职毕业院校系及专业',
  ptDegreeSchool: '在职学位授予院校',
  post: '现任职务',
  leadershipLevel: '领导职务层次',
  rank: '职级',
  postDate: '任现职时间',
  rankDate: '任现职级时间',
  idNumber: '身份证号',
  status: '状态',
  tags: '干部类别',
  remarks: '备注',
};

/**
 * The standard 干部名册 columns, in order: the roster grid's default set (GRID_DEFAULT_COLUMNS), and every roster
 * export's after 序号 (the 导出 page adds 单位). ftEducationDegree is the combined 学历学位（全日制）.
 */
export const STANDARD_ROSTER_COLUMNS = [
  'name',
  'gender',
  'ethnicity',
  'birth',
  'nativePlace',
  'partyDate',
  'workDate',
  'ftEducationDegree',
  'ftEduSchool',
  'post',
  'rank',
  'rankDate',
] as const;

/**
 * The roster grid's columns until the user chooses otherwise: the standard ones with 现任职务
 * beside the name, so a 1366-pixel screen shows who holds which post without scrolling.
 */
export const GRID_DEFAULT_COLUMNS: readonly string[] = ['name', 'post', ...STANDARD_ROSTER_COLUMNS.filter(c => c !== 'name' && c !== 'post')];

/** Labels of the appointment form's long texts and child lists. */
export const CADRE_FORM_LABELS = {
  proposedPost: '拟任职务',
  proposedRemoval: '拟免职务',
  resume: '简历',
  rewards: '奖惩情况',
  appointmentReason: '任免理由',
  family: '家庭主要成员及重要社会关系',
  assessments: '年度考核结果',
  photo: '照片',
  unitId: '单位',
  deleted: '回收站',
} as const;

/** The Chinese label of any cadre field key; the key itself when unknown. */
export function fieldLabel(key: string): string {
  return (CADRE_FIELD_LABELS as Record<string, string>)[key] ?? (CADRE_FORM_LABELS as Record<string, string>)[key] ?? key;
}
