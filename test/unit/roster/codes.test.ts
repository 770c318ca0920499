import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_GRADES,
  CADRE_STATUSES,
  CADRE_TAGS,
  DEGREES,
  EDUCATIONS,
  ETHNICITIES,
  EXCHANGE_KINDS,
  GENDERS,
  LEADERSHIP_LEVELS,
  POLITICAL_STATUSES,
  RANKS,
  leadershipOrder,
  normalizeEducation,
  normalizeEthnicity,
  normalizeGender,
  rankOrder,
  type CodeItem,
} from '../../../shared/domain/roster/codes';

const asText = (list: readonly CodeItem[]) => list.map(item => `${item.code} ${item.name}`).join(', ');

describe('code lists', () => {
  it.each([
    ['GENDERS', GENDERS],
    ['ETHNICITIES', ETHNICITIES],
    ['POLITICAL_STATUSES', POLITICAL_STATUSES],
    ['EDUCATIONS', EDUCATIONS],
    ['LEADERSHIP_LEVELS', LEADERSHIP_LEVELS],
    ['RANKS', RANKS],
    ['CADRE_STATUSES', CADRE_STATUSES],
    ['ASSESSMENT_GRADES', ASSESSMENT_GRADES],
    ['CADRE_TAGS', CADRE_TAGS],
    ['EXCHANGE_KINDS', EXCHANGE_KINDS],
    ['DEGREES', DEGREES],
  ])('%s has unique, non-empty codes and names', (_name, list) => {
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map(i => i.code)).size).toBe(list.length);
    expect(new Set(list.map(i => i.name)).size).toBe(list.length);
    for (const item of list) expect(item.code && item.name).toBeTruthy();
  });

  it('GENDERS follow GB/T 2261.1', () => {
    expect(asText(GENDERS)).toBe('1 男, 2 女');
  });

  it('ETHNICITIES are the 56 of GB/T 3304 in standard order', () => {
    expect(asText(ETHNICITIES)).toBe(
      '01 汉族, 02 蒙古族, 03 回族, 04 藏族, 05 维吾尔族, 06 苗族, 07 彝族, 08 壮族, 09 布依族, 10 朝鲜族, ' +
        '11 满族, 12 侗族, 13 瑶族, 14 白族, 15 土家族, 16 哈尼族, 17 哈萨克族, 18 傣族, 19 黎族, 20 傈僳族, ' +
        '21 佤族, 22 畲族, 23 高山族, 24 拉祜族, 25 水族, 26 东乡族, 27 纳西族, 28 景颇族, 29 柯尔克孜族, ' +
        '30 土族, 31 达斡尔族, 32 仫佬族, 33 羌族, 34 布朗族, 35 撒拉族, 36 毛南族, 37 仡佬族, 38 锡伯族, ' +
        '39 阿昌族, 40 普米族, 41 塔吉克族, 42 怒族, 43 乌孜别克族, 44 俄罗斯族, 45 鄂温克族, 46 德昂族, ' +
        '47 保安族, 48 裕固族, 49 京族, 50 塔塔尔族, 51 独龙族, 52 鄂伦春族, 53 赫哲族, 54 门巴族, 55 珞巴族, ' +
        '56 基诺族',
    );
  });

  it('POLITICAL_STATUSES follow GB/T 4762', () => {
    expect(asText(POLITICAL_STATUSES)).toBe(
      '01 中共党员, 02 中共预备党员, 03 共青团员, 04 民革党员, 05 民盟盟员, 06 民建会员, 07 民进会员, ' +
        '08 农工党党员, 09 致公党党员, 10 九三学社社员, 11 台盟盟员, 12 无党派人士, 13 群众',
    );
  });

  it('EDUCATIONS follow ZB64, party-school education separately coded', () => {
    expect(asText(EDUCATIONS)).toBe(
      '11 研究生, 12 研究生班, 1A 中央党校研究生, 1B 省委党校研究生, 21 大学, 22 中央党校大学, ' +
        '23 省委党校大学, 31 大专, 32 省委党校大专, 33 大学普通班, 34 中央党校大专, 35 中专, 36 中技, ' +
        '37 高中, 38 初中, 39 小学',
    );
  });

  it('LEADERSHIP_LEVELS run high to low with GB/T 12407 names and codes', () => {
    expect(LEADERSHIP_LEVELS.map(l => `${l.code} ${l.name} ${l.standardName}`)).toEqual([
      '121 正厅 厅局级正职',
      '122 副厅 厅局级副职',
      '131 正处 县处级正职',
      '132 副处 县处级副职',
      '141 正科 乡科级正职',
      '142 副科 乡科级副职',
    ]);
  });

  it('RANKS run high to low, each with its rough leadership level', () => {
    expect(RANKS.map(r => `${r.name}≈${r.level ?? '—'}`)).toEqual([
      '一级巡视员≈正厅',
      '二级巡视员≈副厅',
      '一级调研员≈正处',
      '二级调研员≈正处',
      '三级调研员≈副处',
      '四级调研员≈副处',
      '一级主任科员≈正科',
      '二级主任科员≈正科',
      '三级主任科员≈副科',
      '四级主任科员≈副科',
      '一级科员≈—',
      '二级科员≈—',
    ]);
  });

  it.each([
    ['CADRE_STATUSES', CADRE_STATUSES, ['在职', '退休', '调出', '辞职', '去世']],
    ['ASSESSMENT_GRADES', ASSESSMENT_GRADES, ['优秀', '称职', '基本称职', '不称职', '不定等次']],
    ['CADRE_TAGS', CADRE_TAGS, ['选调生', '大学生村官', '第一书记', '年轻干部库', '五方面人员', '专家型干部']],
    ['EXCHANGE_KINDS', EXCHANGE_KINDS, ['调任', '转任', '轮换', '挂职锻炼']],
  ])('%s in order', (_name, list, names) => {
    expect(list.map(i => i.name)).toEqual(names);
  });

  it.each([
    ['201', '哲学博士'],
    ['212', '管理学博士'],
    ['303', '法学硕士'],
    ['308', '工学硕士'],
    ['313', '艺术学硕士'],
    ['341', '法律硕士'],
    ['343', '工程硕士'],
    ['346', '工商管理硕士'],
    ['349', '公共管理硕士'],
    ['402', '经济学学士'],
    ['408', '工学学士'],
    ['413', '艺术学学士'],
  ])('DEGREES has %s %s', (code, name) => {
    expect(DEGREES.find(d => d.code === code)?.name).toBe(name);
  });

  it('DEGREES list doctorates, then masters, then bachelors', () => {
    expect(DEGREES).toHaveLength(13 * 3 + 5);
    expect(DEGREES.map(d => d.code[0]).join('')).toMatch(/^2+3+4+$/);
  });
});

describe('normalizeEthnicity', () => {
  it.each([
    ['汉', '汉族', true],
    ['汉族', '汉族', true],
    [' 汉 族 ', '汉族', true],
    ['01', '汉族', true],
    ['1', '汉族', true],
    ['56', '基诺族', true],
    ['维吾尔', '维吾尔族', true],
    ['维族', '维吾尔族', true],
    ['蒙族', '蒙古族', true],
    ['土家', '土家族', true],
    ['土', '土族', true],
    ['柯尔克孜族', '柯尔克孜族', true],
    ['57', '57', false],
    [' 穿青人 ', '穿青人', false],
    ['', '', false],
  ])('%j → %s (known %s)', (raw, value, known) => {
    expect(normalizeEthnicity(raw)).toEqual({ value, known });
  });
});

describe('normalizeGender', () => {
  it.each([
    ['男', '男'],
    [' 女 ', '女'],
    ['男性', '男'],
    ['女性', '女'],
    ['1', '男'],
    ['2', '女'],
    [1, '男'],
    [2, '女'],
    ['M', '男'],
    ['f', '女'],
    ['Male', '男'],
    ['FEMALE', '女'],
    ['3', null],
    [3, null],
    ['', null],
    ['constructor', null],
    [null, null],
    [undefined, null],
    [true, null],
  ])('%j → %s', (raw, gender) => {
    expect(normalizeGender(raw)).toBe(gender);
  });
});

describe('normalizeEducation', () => {
  it.each([
    ['大学', '大学', true],
    ['大学本科', '大学', true],
    ['本科', '大学', true],
    ['本科学历', '大学', true],
    ['研究生', '研究生', true],
    ['硕士研究生', '研究生', true],
    ['博士研究生', '研究生', true],
    ['大专', '大专', true],
    ['专科', '大专', true],
    ['大学专科', '大专', true],
    ['中专', '中专', true],
    ['中等专科', '中专', true],
    ['高中', '高中', true],
    ['研究生班', '研究生班', true],
    ['大学普通班', '大学普通班', true],
    // Party-school education stays distinct.
    ['中央党校研究生', '中央党校研究生', true],
    ['省委党校研究生', '省委党校研究生', true],
    ['中央党校大学', '中央党校大学', true],
    ['省委党校大学', '省委党校大学', true],
    ['省委党校本科', '省委党校大学', true],
    ['省委党校大学本科', '省委党校大学', true],
    ['中央党校本科', '中央党校大学', true],
    ['省委党校专科', '省委党校大专', true],
    ['中央党校大专', '中央党校大专', true],
    // ZB64 codes.
    ['21', '大学', true],
    ['1a', '中央党校研究生', true],
    // Unknown values come back trimmed.
    [' 硕士 ', '硕士', false],
    ['市委党校大学', '市委党校大学', false],
    ['', '', false],
  ])('%j → %s (known %s)', (raw, value, known) => {
    expect(normalizeEducation(raw)).toEqual({ value, known });
  });
});

describe('rankOrder', () => {
  it.each([
    ['一级巡视员', 0],
    ['二级巡视员', 1],
    ['一级调研员', 2],
    ['四级调研员', 5],
    ['一级主任科员', 6],
    ['二级科员', 11],
    [' 三级调研员 ', 4],
    ['正处', -1],
    ['', -1],
  ])('%j → %i', (name, order) => {
    expect(rankOrder(name)).toBe(order);
  });
});

describe('leadershipOrder', () => {
  it.each([
    ['正厅', 0],
    ['副厅', 1],
    ['正处', 2],
    ['副处', 3],
    ['正科', 4],
    ['副科', 5],
    ['正处级', 2],
    ['副科级', 5],
    ['县处级正职', 2],
    ['乡科级副职', 5],
    ['科员级', -1],
    ['一级调研员', -1],
    ['', -1],
  ])('%j → %i', (name, order) => {
    expect(leadershipOrder(name)).toBe(order);
  });
});
