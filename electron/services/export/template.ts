/**
 * The downloadable import template (干部信息导入模板.xlsx):
 * - sheet 干部信息: the standard headers (the field labels the importer maps),
 *   frozen, with dropdown lists (data validation, list type) on coded fields;
 *   the 身份证号 and date columns are formatted as text (@) so Excel neither
 *   turns an ID into 2.10102E+17 nor 1985.10 into 1985.1;
 * - sheet 填写说明: how to fill it in, in Chinese;
 * - sheet 代码表 (hidden): the code lists the dropdowns reference (民族 has 56
 *   names, too long for an inline list, which Excel caps at 255 characters).
 */
import ExcelJS from 'exceljs';
import {
  CADRE_STATUSES,
  CADRE_TAGS,
  DEGREES,
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  LEADERSHIP_LEVELS,
  POLITICAL_STATUSES,
  RANKS,
  type CodeItem,
} from '../../../shared/domain/roster/codes';
import { CADRE_FIELD_LABELS } from '../../../shared/domain/roster/fields';
import { columnWidth, type RosterFieldKey } from './cells';
import { HEADER_FILL, THIN } from '../common/xlsx-table';

/** The template's columns, in order: every field the roster grid has. */
export const TEMPLATE_FIELDS: RosterFieldKey[] = [
  'name',
  'gender',
  'idNumber',
  'birth',
  'ethnicity',
  'nativePlace',
  'birthplace',
  'politicalStatus',
  'partyDate',
  'workDate',
  'health',
  'unit',
  'post',
  'leadershipLevel',
  'rank',
  'postDate',
  'rankDate',
  'ftEducation',
  'ftDegree',
  'ftEduSchool',
  'ftDegreeSchool',
  'ptEducation',
  'ptDegree',
  'ptEduSchool',
  'ptDegreeSchool',
  'professionalTitle',
  'expertise',
  'status',
  'tags',
  'remarks',
];

export const TEMPLATE_SHEET = '干部信息';
export const CODES_SHEET = '代码表';
export const HELP_SHEET = '填写说明';
/** Rows (below the header) that carry the dropdowns and text format. */
export const TEMPLATE_ROWS = 5000;

const REQUIRED = new Set<RosterFieldKey>(['name']);
const TEXT_FIELDS = new Set<RosterFieldKey>(['idNumber', 'birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

interface CodeList {
  title: string;
  items: readonly CodeItem[];
  /** Reject values outside the list (stop) or only warn. */
  strict: boolean;
  fields: RosterFieldKey[];
}

const CODE_LISTS: CodeList[] = [
  { title: '性别', items: GENDERS, strict: true, fields: ['gender'] },
  { title: '民族', items: ETHNICITIES, strict: false, fields: ['ethnicity'] },
  { title: '政治面貌', items: POLITICAL_STATUSES, strict: false, fields: ['politicalStatus'] },
  { title: '学历', items: EDUCATIONS, strict: false, fields: ['ftEducation', 'ptEducation'] },
  { title: '学位', items: DEGREES, strict: false, fields: ['ftDegree', 'ptDegree'] },
  { title: '领导职务层次', items: LEADERSHIP_LEVELS, strict: false, fields: ['leadershipLevel'] },
  { title: '职级', items: RANKS, strict: false, fields: ['rank'] },
  { title: '状态', items: CADRE_STATUSES, strict: true, fields: ['status'] },
];

/** Column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const HELP_LINES: [string, string][] = [
  ['干部信息导入模板 填写说明', ''],
  ['', ''],
  ['一、基本要求', ''],
  ['1', '请在“干部信息”工作表中填写，每行一名干部；第一行是填报单位，不要修改、删除或调换第二行表头。'],
  ['2', '不要合并单元格，不要插入合计、小计行，也不要在表格中间留空行。'],
  ['3', '表头为红色的列为必填项：姓名。建议同时填写身份证号、性别和出生年月，以便核对和匹配已有干部。'],
  ['4', '性别、民族、政治面貌、学历、学位、领导职务层次、职级、状态等列可从下拉列表中选择。'],
  ['', ''],
  ['二、身份证号', ''],
  ['1', '身份证号一列已设为“文本”格式，请直接填写 18 位号码，末位 X 大小写均可。'],
  ['2', '如果从其他表格粘贴，请使用“选择性粘贴 → 数值”，并确认号码没有变成 2.10102E+17 这样的科学计数法；这种号码末尾几位已经丢失，导入时会报错。'],
  ['3', '导入时会校验身份证号的校验位，并与出生年月、性别核对；不一致的行会列出，请修改后再导入。'],
  ['', ''],
  ['三、日期', ''],
  ['1', '出生年月、入党时间、参加工作时间、任现职时间、任现职级时间写到年月即可，推荐写法：1985.03；也可写作 198503、1985-03、1985年3月。'],
  ['2', '10 月请写作 1985.10。日期列已设为“文本”格式，以免 Excel 把 1985.10 存成 1985.1（导入时会把 1985.1 作为可疑日期提示核对）。'],
  ['3', '非中共党员的民主党派成员，“入党时间”可填写党派名称，如“民盟”。'],
  ['', ''],
  ['四、其他', ''],
  ['1', '民族请写全称，如“汉族”“蒙古族”（写“汉”也可识别）。'],
  ['2', '学历按任免审批表的写法：研究生、大学、大专、中专等；党校学历请选择“中央党校研究生”“省委党校大学”等，不要写成普通学历。'],
  ['3', '干部类别可填写多个，用顿号分隔，如：选调生、年轻干部库。可选：' + CADRE_TAGS.map(t => t.name).join('、') + '。'],
  ['4', '单位请填写单位全称；与系统中已有单位名称一致时自动归入该单位。'],
  ['5', '状态可选：在职、退休、调出、去世；不填视为在职。'],
  ['', ''],
  ['五、示例（请勿填入“干部信息”表）', ''],
  ['姓名', '张三'],
  ['性别', '男'],
  ['身份证号', '210102198503120017'],
  ['出生年月', '1985.03'],
  ['民族', '汉族'],
  ['现任职务', '沈阳市浑南区委常委、常务副区长'],
];

/** The row of the headers: row 1 is the 填报单位 line, which the importer reads (and may use as the default unit). */
export const TEMPLATE_HEADER_ROW = 2;

/** The template; `reportingUnit` (本单位名称) fills its 填报单位 line. */
export async function buildImportTemplate(reportingUnit = ''): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '干部工作台';
  wb.created = new Date();

  const first = TEMPLATE_HEADER_ROW + 1;
  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: TEMPLATE_HEADER_ROW, topLeftCell: `B${first}`, activeCell: `A${first}` }],
  });
  const help = wb.addWorksheet(HELP_SHEET);
  const codes = wb.addWorksheet(CODES_SHEET);
  codes.state = 'hidden';

  // 代码表: one column per list, the title in row 1, names from row 2.
  const rangeOf = new Map<RosterFieldKey, { ref: string; list: CodeList }>();
  CODE_LISTS.forEach((list, i) => {
    const col = i + 1;
    const letter = columnLetter(col);
    codes.getCell(1, col).value = list.title;
    codes.getCell(1, col).font = { bold: true };
    list.items.forEach((item, r) => {
      codes.getCell(r + 2, col).value = item.name;
    });
    codes.getColumn(col).width = 14;
    const ref = `'${CODES_SHEET}'!$${letter}$2:$${letter}$${list.items.length + 1}`;
    for (const f of list.fields) rangeOf.set(f, { ref, list });
  });

  // 干部信息: headers, widths, text formats, dropdowns.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  TEMPLATE_FIELDS.forEach((field, i) => {
    const col = i + 1;
    const letter = columnLetter(col);
    const cell = ws.getCell(TEMPLATE_HEADER_ROW, col);
    cell.value = CADRE_FIELD_LABELS[field];
    // Required columns are marked in red with a note, not with a '*' in the
    // header text, so the header stays exactly the label the importer maps.
    if (REQUIRED.has(field)) cell.note = '必填';
    cell.font = { bold: true, color: REQUIRED.has(field) ? { argb: 'FFC00000' } : undefined };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const column = ws.getColumn(col);
    column.width = Math.max(columnWidth(field), CADRE_FIELD_LABELS[field].length * 2 + 2);
    if (TEXT_FIELDS.has(field)) column.numFmt = '@';
    const coded = rangeOf.get(field);
    if (coded) {
      validations.add(`${letter}${first}:${letter}${TEMPLATE_ROWS + TEMPLATE_HEADER_ROW}`, {
        type: 'list',
        allowBlank: true,
        formulae: [coded.ref],
        showErrorMessage: true,
        errorStyle: coded.list.strict ? 'stop' : 'warning',
        errorTitle: CADRE_FIELD_LABELS[field],
        error: coded.list.strict ? `请从下拉列表中选择${coded.list.title}` : `「${CADRE_FIELD_LABELS[field]}」不在标准代码表中，确定要这样填写吗？`,
        showInputMessage: false,
      });
    }
  });
  ws.getRow(TEMPLATE_HEADER_ROW).height = 30;
  ws.getCell(1, 1).value = `填报单位：${reportingUnit}`;
  ws.mergeCells(1, 1, 1, 6);

  help.getColumn(1).width = 12;
  help.getColumn(2).width = 100;
  HELP_LINES.forEach(([a, b], r) => {
    const row = help.getRow(r + 1);
    row.getCell(1).value = a;
    row.getCell(2).value = b;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    if (r === 0) row.getCell(1).font = { bold: true, size: 14 };
    else if (/^[一二三四五]、/.test(a)) row.getCell(1).font = { bold: true };
  });
  help.mergeCells(1, 1, 1, 2);

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
