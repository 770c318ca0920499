import { describe, expect, it } from 'vitest';
import { matchesPinyin, normalizePersonName, pinyinKeys } from '../../../shared/domain/common/pinyin';

describe('normalizePersonName', () => {
  it.each([
    ['张　三', '张三'], // ideographic space padding a two-character name
    [' 张 三 ', '张三'],
    ['张\u00A0三', '张三'],
    ['\u3000\u3000张三\u3000', '张三'],
    ['欧阳　修', '欧阳修'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽．买买提', '阿依古丽·买买提'],
    ['阿依古丽.买买提', '阿依古丽·买买提'],
    ['阿依古丽 · 买买提', '阿依古丽·买买提'],
    ['阿依古丽··买买提', '阿依古丽·买买提'],
    ['John  Smith', 'John Smith'],
    ['Ｊｏｈｎ　Ｓｍｉｔｈ', 'John Smith'],
    ['', ''],
    ['　', ''],
  ])('%j → %j', (raw, name) => {
    expect(normalizePersonName(raw)).toBe(name);
  });
});

describe('pinyinKeys', () => {
  it.each([
    ['张三', 'zhangsan zs'],
    ['张　三', 'zhangsan zs'],
    // Surnames with their own reading.
    ['单雄', 'shanxiong sx'],
    ['曾国藩', 'zengguofan zgf'],
    ['解放', 'xiefang xf'],
    ['仇英', 'qiuying qy'],
    ['朴正', 'piaozheng pz'],
    ['欧阳修', 'ouyangxiu oyx'],
    // ü is typed as v.
    ['吕布', 'lvbu lb'],
    ['阿依古丽·买买提', 'ayigulimaimaiti ayglmmt'],
    ['John Smith', 'johnsmith js'],
    ['', ''],
  ])('%j → %j', (name, keys) => {
    expect(pinyinKeys(name)).toBe(keys);
  });

  it('only the first character is read as a surname', () => {
    expect(pinyinKeys('单单')).toBe('shandan sd');
  });
});

describe('matchesPinyin', () => {
  const zhangsan = pinyinKeys('张三');
  it.each([
    ['zs', true],
    ['z', true],
    ['ZS', true],
    ['zhang', true],
    ['zhangsan', true],
    ['zhang san', true],
    ['san', true],
    ['lisi', false],
    ['zsx', false],
    ['zhangsi', false],
    ['张', false], // Chinese queries match the name itself, not the keys
    ['', true],
  ])('张三 / %j → %s', (query, expected) => {
    expect(matchesPinyin(zhangsan, query)).toBe(expected);
  });

  it('initials match from the start of the name, the full spelling anywhere', () => {
    const found = (q: string) => ['张三', '张淑杰', '李志山', '王子顺'].filter(n => matchesPinyin(pinyinKeys(n), q));
    expect(found('zs')).toEqual(['张三', '张淑杰']);
    expect(found('zsj')).toEqual(['张淑杰']);
    expect(found('shan')).toEqual(['李志山']);
    expect(found('zhi')).toEqual(['李志山']);
    expect(found('s')).toEqual(['张三', '张淑杰', '李志山', '王子顺']); // every spelling holds an s
  });

  it('ü typed as ü or v', () => {
    const keys = pinyinKeys('吕布');
    expect(matchesPinyin(keys, 'lv')).toBe(true);
    expect(matchesPinyin(keys, 'lü')).toBe(true);
  });

  it('a surname reading is found, the common reading is not', () => {
    const keys = pinyinKeys('单雄');
    expect(matchesPinyin(keys, 'shan')).toBe(true);
    expect(matchesPinyin(keys, 'danxiong')).toBe(false);
  });
});
