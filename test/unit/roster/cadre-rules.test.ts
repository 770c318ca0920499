import { describe, expect, it } from 'vitest';
import {
  EDITABLE_CADRE_FIELDS,
  cadreFieldLabel,
  checkCadreRecord,
  checkFamilyMember,
  normalizeCadreField,
  type FieldResult,
} from '../../../shared/domain/roster/cadre-rules';

const value = (r: FieldResult) => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.value;
};
const message = (r: FieldResult) => {
  if (r.ok) throw new Error(`expected an error, got value ${JSON.stringify(r.value)}`);
  return r.message;
};

describe('EDITABLE_CADRE_FIELDS', () => {
  it('every field has a Chinese label', () => {
    for (const key of EDITABLE_CADRE_FIELDS) expect(cadreFieldLabel(key)).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('includes the form-only texts', () => {
    expect(cadreFieldLabel('resume')).toBe('简历');
    expect(cadreFieldLabel('proposedPost')).toBe('拟任职务');
  });
});

describe('normalizeCadreField: dates (出生年月 and the other date fields)', () => {
  it.each<[unknown, string]>([
    ['198503', '1985-03'],
    ['1985.03', '1985-03'],
    ['1985.3', '1985-03'],
    ['1985年3月', '1985-03'],
    ['1985年03月', '1985-03'],
    ['1985-03', '1985-03'],
    ['1985/3', '1985-03'],
    // A day in the source is dropped: 年月 fields are stored as year-month (the ID keeps the day).
    ['19850301', '1985-03'],
    ['1985.03.01', '1985-03'],
    ['１９８５．０３', '1985-03'],
    [' 1985.03 ', '1985-03'],
    [198503, '1985-03'], // typed as a number
    [1985.03, '1985-03'],
    [31107, '1985-03'], // an Excel date serial
    [new Date(Date.UTC(1985, 2, 12)), '1985-03'], // a date cell read by ExcelJS
    ['', ''],
    [null, ''],
  ])('birth %j → %j', (raw, expected) => {
    const r = normalizeCadreField('birth', raw);
    expect(r).toEqual({ ok: true, value: expected });
  });

  it('1985.10 stored as the number 1985.1 comes with a warning', () => {
    const r = normalizeCadreField('birth', 1985.1);
    expect(r.ok && r.value).toBe('1985-01');
    expect(r.ok && r.warning).toContain('1985.10');
    expect(r.ok && r.warning).toContain('出生年月');
  });

  it.each([
    ['birth', '1985.13', ['出生年月', '1985.13']],
    ['workDate', '2003年', ['参加工作时间', '2003年']],
    ['postDate', '不详', ['任现职时间', '不详']],
    ['rankDate', '2019.02.30', ['任现职级时间', '2019.02.30']],
  ] as const)('%s %j is an error naming the field and the value', (key, raw, fragments) => {
    const m = message(normalizeCadreField(key, raw));
    for (const f of fragments) expect(m).toContain(f);
  });
});

describe('normalizeCadreField: 入党时间', () => {
  it.each([
    ['2005.06', '2005-06'],
    ['2005年6月', '2005-06'],
    ['民盟', '民盟'],
    ['九三学社', '九三学社'],
    ['农工党', '农工党'],
    ['民进会员', '民进会员'],
    ['中国民主同盟', '中国民主同盟'],
    [' 民 革 ', '民革'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(value(normalizeCadreField('partyDate', raw))).toBe(expected);
  });

  it('neither a date nor a party: an error that says a party name may be written', () => {
    const m = message(normalizeCadreField('partyDate', '民主党派'));
    expect(m).toContain('入党时间');
    expect(m).toContain('民主党派');
    expect(m).toContain('民盟');
  });
});

describe('normalizeCadreField: 身份证号', () => {
  it('an 18-digit ID stored by Excel as a number has lost digits', () => {
    // eslint-disable-next-line no-loss-of-precision -- exactly what Excel hands over
    const r = normalizeCadreField('idNumber', 210102198503120017);
    expect(r).toEqual({ ok: false, message: '身份证号被 Excel 存成了数字，后几位已丢失，请把该列设为文本后重新录入' });
  });

  it('so has the text Excel shows for one', () => {
    expect(message(normalizeCadreField('idNumber', '2.10102E+17'))).toContain('存成了数字');
  });

  it.each([
    ['210102198503120017', '210102198503120017'],
    ['11010519491231002x', '11010519491231002X'], // lower-case x
    [' 2101 0219 8503 1200 17 ', '210102198503120017'],
    ['２１０１０２１９８５０３１２００１７', '210102198503120017'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeCadreField('idNumber', raw)).toEqual({ ok: true, value: expected });
  });

  it('a legacy 15-digit number is kept with a warning', () => {
    const r = normalizeCadreField('idNumber', '210102850312001');
    expect(r).toMatchObject({ ok: true, value: '210102850312001' });
    expect(r.ok && r.warning).toContain('15 位');
  });

  it.each([
    ['210102198503120018', '校验位'],
    ['21010219850312001', '18 位'],
    ['210102198502300014', '出生日期'],
  ])('%j → error about %s, quoting the value', (raw, fragment) => {
    const m = message(normalizeCadreField('idNumber', raw));
    expect(m).toContain(fragment);
    expect(m).toContain(raw);
  });
});

describe('normalizeCadreField: coded fields', () => {
  it.each([
    ['gender', '男', '男'],
    ['gender', ' 女 ', '女'],
    ['gender', '1', '男'],
    ['gender', 2, '女'],
    ['gender', '男性', '男'],
    ['gender', 'F', '女'],
    ['gender', '', ''],
    ['ethnicity', '汉', '汉族'],
    ['ethnicity', '汉族', '汉族'],
    ['ethnicity', '01', '汉族'],
    ['ethnicity', '维族', '维吾尔族'],
    ['ftEducation', '本科', '大学'],
    ['ftEducation', '大学本科', '大学'],
    ['ftEducation', '硕士研究生', '研究生'],
    ['ptEducation', '省委党校本科', '省委党校大学'],
    ['ptEducation', '中央党校研究生', '中央党校研究生'],
    ['politicalStatus', '党员', '中共党员'],
    ['politicalStatus', '中共党员', '中共党员'],
    ['politicalStatus', '预备党员', '中共预备党员'],
    ['politicalStatus', '团员', '共青团员'],
    ['politicalStatus', '群众', '群众'],
    ['politicalStatus', '民盟', '民盟盟员'],
    ['politicalStatus', '九三学社', '九三学社社员'],
    ['politicalStatus', '无党派', '无党派人士'],
    ['politicalStatus', '13', '群众'],
    ['leadershipLevel', '正处', '正处'],
    ['leadershipLevel', '正处级', '正处'],
    ['leadershipLevel', '县处级正职', '正处'],
    ['leadershipLevel', '副县级', '副处'],
    ['leadershipLevel', '正局级', '正厅'],
    ['leadershipLevel', '乡科级副职', '副科'],
    ['rank', '一级调研员', '一级调研员'],
    ['rank', ' 二级主任科员 ', '二级主任科员'],
    ['status', '在职', '在职'],
    ['status', '退休', '退休'],
  ] as const)('%s %j → %j', (key, raw, expected) => {
    expect(normalizeCadreField(key, raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['ethnicity', '穿青人'],
    ['ftEducation', '自考本科函授'],
  ] as const)('%s %j: unknown is kept with a warning, not refused', (key, raw) => {
    const r = normalizeCadreField(key, raw);
    expect(r).toMatchObject({ ok: true, value: raw });
    expect(r.ok && r.warning).toContain(raw);
  });

  it.each([
    ['gender', '未知', '性别'],
    ['politicalStatus', '共产主义者', '政治面貌'],
    ['leadershipLevel', '处长', '领导职务层次'],
    ['rank', '调研员', '职级'],
    ['status', '离休', '状态'],
  ] as const)('%s %j: an error naming the field and the value', (key, raw, label) => {
    const m = message(normalizeCadreField(key, raw));
    expect(m).toContain(label);
    expect(m).toContain(raw);
  });
});

describe('normalizeCadreField: 姓名 and texts', () => {
  it.each([
    ['张　三', '张三'],
    [' 张 三 ', '张三'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
  ])('name %j → %j', (raw, expected) => {
    expect(normalizeCadreField('name', raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '　', null])('name %j is required', raw => {
    expect(message(normalizeCadreField('name', raw))).toBe('姓名不能为空');
  });

  it('a name with digits (a shifted column) is kept with a warning', () => {
    expect(normalizeCadreField('name', '198503')).toMatchObject({ ok: true, warning: expect.stringContaining('数字') });
  });

  it.each([
    ['post', ' 沈阳市浑南区委常委、常务副区长(正处级） ', '沈阳市浑南区委常委、常务副区长（正处级）'],
    ['ftEduSchool', '东北大学ＭＢＡ专业', '东北大学MBA专业'],
    ['ftDegree', '工商管理硕士（ＭＢＡ）', '工商管理硕士（MBA）'],
    ['professionalTitle', '（Senior Engineer)', '(Senior Engineer)'],
    ['remarks', '', ''],
    ['remarks', 12, '12'],
  ] as const)('%s %j → %j', (key, raw, expected) => {
    expect(normalizeCadreField(key, raw)).toEqual({ ok: true, value: expected });
  });

  it('texts are capped at 2000 characters, 奖惩情况 and 简历 at 20000', () => {
    expect(message(normalizeCadreField('remarks', '优'.repeat(2001)))).toContain('备注过长');
    expect(value(normalizeCadreField('remarks', '优'.repeat(2000)))).toHaveLength(2000);
    expect(value(normalizeCadreField('rewards', '嘉奖'.repeat(10000)))).toHaveLength(20000);
    expect(message(normalizeCadreField('rewards', '嘉奖'.repeat(10000) + '。'))).toContain('奖惩情况过长');
  });

  it('a Date in a text field is refused', () => {
    expect(message(normalizeCadreField('post', new Date(Date.UTC(2020, 0, 1))))).toContain('现任职务');
  });
});

describe('normalizeCadreField: 简历', () => {
  it('is stored in canonical form', () => {
    const raw = '1999年9月至2003年7月 东北大学学习\n２００３．０７—  沈阳市浑南区科员(其间:2010.09-2012.07在省委党校学习)';
    expect(value(normalizeCadreField('resume', raw))).toBe(
      '1999.09--2003.07  东北大学学习\n2003.07--         沈阳市浑南区科员（其间：2010.09--2012.07 在省委党校学习）',
    );
  });

  it('an unreadable line is an error naming the line', () => {
    const m = message(normalizeCadreField('resume', '1999.09--2003.07  大学学习\n2003.13--2005.03  科员\n2005--  局长'));
    expect(m).toMatch(/^简历第 2 行：/);
    expect(m).toContain('2003.13');
    expect(m).toContain('共 2 处问题');
  });
});

describe('checkCadreRecord', () => {
  const today = new Date(2025, 5, 15);
  const base = { name: '张三', gender: '男', birth: '1985-03', idNumber: '210102198503120017' };

  it('a consistent record has no issues', () => {
    expect(checkCadreRecord({ ...base, workDate: '2007-07', partyDate: '2005-06', postDate: '2021-09', rankDate: '2022-01' }, today)).toEqual([]);
  });

  it('an ID whose birth disagrees is an error naming both', () => {
    const issues = checkCadreRecord({ ...base, birth: '1985-04' }, today);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'idNumber', severity: 'error' });
    expect(issues[0].message).toContain('1985-03-12');
    expect(issues[0].message).toContain('1985.04');
  });

  it('an ID whose gender disagrees is an error', () => {
    expect(checkCadreRecord({ ...base, gender: '女' }, today)).toEqual([{ field: 'idNumber', message: expect.stringContaining('性别'), severity: 'error' }]);
  });

  it('raw values are read as the field rules read them', () => {
    expect(checkCadreRecord({ ...base, birth: '1985.03', gender: '1' }, today)).toEqual([]);
    expect(checkCadreRecord({ ...base, birth: '1985年4月' }, today)).toHaveLength(1);
  });

  it.each([
    ['2025-07', 1],
    ['2025-06', 0],
    ['2025-06-16', 1],
    ['2025-06-15', 0],
  ])('birth %s with today 2025-06-15 → %i errors', (birth, n) => {
    const issues = checkCadreRecord({ birth }, today);
    expect(issues).toHaveLength(n);
    if (n) expect(issues[0]).toMatchObject({ field: 'birth', severity: 'error' });
  });

  it.each([
    ['workDate', '2001-02', true], // 15 years 11 months
    ['workDate', '2001-03', false], // the 16th birthday month
    ['workDate', '1980-01', true], // before the birth
    ['partyDate', '2003-02', true],
    ['partyDate', '2003-03', false],
    ['partyDate', '民盟', false],
  ] as const)('born 1985-03, %s %s → warning: %s', (field, date, warned) => {
    const issues = checkCadreRecord({ birth: '1985-03', [field]: date }, today);
    expect(issues).toEqual(warned ? [{ field, message: expect.stringContaining('未满'), severity: 'warning' }] : []);
  });

  it.each([
    ['postDate', '2007-06', true],
    ['postDate', '2007-07', false],
    ['rankDate', '2007-06-30', true],
    ['rankDate', '2019-01', false],
  ] as const)('working since 2007-07, %s %s → warning: %s', (field, date, warned) => {
    const issues = checkCadreRecord({ workDate: '2007-07', [field]: date }, today);
    expect(issues).toEqual(warned ? [{ field, message: expect.stringContaining('早于参加工作时间 2007.07'), severity: 'warning' }] : []);
  });
});

describe('checkFamilyMember', () => {
  const empty = { relation: '', name: '', birth: '', politicalStatus: '', work: '' };
  it.each([
    [empty, []],
    [{ ...empty, relation: '　', name: ' ' }, []],
    [{ relation: '妻子', name: '李四', birth: '1987.05', politicalStatus: '中共党员', work: '沈阳市第一中学教师' }, []],
    [{ ...empty, relation: '父亲', name: '张大山', politicalStatus: '群众', work: '已退休' }, []],
    [{ ...empty, relation: '妻子' }, ['姓名不能为空']],
    [{ ...empty, name: '李四' }, ['称谓不能为空']],
    [{ ...empty, work: '沈阳市第一中学教师' }, ['称谓不能为空', '姓名不能为空']],
    [{ ...empty, relation: '儿子', name: '张小明', birth: '2012.13' }, [expect.stringContaining('出生年月')]],
  ])('%j → %j', (member, problems) => {
    expect(checkFamilyMember(member)).toEqual(problems);
  });

  it('a birth typed as a number in a sheet is read', () => {
    expect(checkFamilyMember({ relation: '女儿', name: '张小红', birth: 201203 })).toEqual([]);
  });
});
