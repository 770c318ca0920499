/**
 * Name pools for fictional people: a surname distribution shaped like the national one
 * (with the north-east's 于, 姜, 曲, 关, 佟 a little commoner) and given-name characters
 * whose fashion shifts with the decade of birth.
 */
import type { Rng } from './random';

/** [surname, share in ‰ (roughly)]. */
const SURNAMES: readonly (readonly [string, number])[] = parse(`
王71 李70 张68 刘56 陈40 杨32 赵26 孙19 周17 黄16 吴15 徐14 马14 高12 朱11 郭11 于10 胡10
韩9 何8 郑8 宋8 姜8 林7 梁7 董7 罗6 谢6 许6 冯6 曹6 田6 崔6 唐5 肖5 杜5 魏5 吕5 任5 孟5
邓4 彭4 袁4 潘4 程4 苏4 丁4 姚4 卢4 付4 范4 金4 石4 贾4 白4 闫4 侯4 郝4 关4 曲4
曾3 蒋3 蔡3 叶3 沈3 秦3 尹3 薛3 史3 邵3 武3 孔3 常3 齐3 佟3
余2 夏2 方2 邹2 陶2 贺2 毛2 戴2 康2 牛2 葛2 邢2 安2 乔2 庞2 鲁2 岳2 谷2 隋2 宫2 鞠2 迟2
栾1 丛1 苑1 那1 车1 房1 初1 柏1 司1 单1 邸1
`);
/** Rare compound surnames, so layouts meet a four-character name now and then. */
const COMPOUND_SURNAMES: readonly (readonly [string, number])[] = [
  ['欧阳', 0.3],
  ['司马', 0.1],
  ['上官', 0.1],
];

/** Surnames that lean towards a minority (and are common in Liaoning). */
const ETHNIC_SURNAMES: Readonly<Record<string, readonly string[]>> = {
  满族: ['关', '佟', '那', '赵', '富', '何', '肖', '金', '鄂', '伊'],
  朝鲜族: ['金', '朴', '李', '崔', '郑', '姜', '全'],
  回族: ['马', '杨', '白', '丁', '海', '哈'],
  蒙古族: ['包', '白', '韩', '吴', '宝', '乌'],
  锡伯族: ['关', '吴', '韩', '何', '佟', '安'],
};

function parse(text: string): [string, number][] {
  return text
    .trim()
    .split(/\s+/)
    .map(tok => {
      const m = /^(\D+)(\d+)$/.exec(tok);
      if (!m) throw new Error(`bad surname token ${tok}`);
      return [m[1], Number(m[2])];
    });
}

const chars = (s: string): readonly string[] => Array.from(s.replace(/\s/g, ''));

/** Given-name characters: [first of two, second of two, single] per gender and era. */
const GIVEN = {
  男: {
    old: {
      first: chars('国建志立振永文德红海春明学宏卫东长玉宝庆晓俊兴福军洪延恩'),
      second: chars('刚强军伟平华明勇峰涛辉斌东林杰亮武忠民生山才林新成波岩利'),
      single: chars('伟刚勇军强涛斌峰波明亮健东平辉杰林鹏毅宏'),
    },
    young: {
      first: chars('子浩宇家天鹏博思嘉一梓晓俊昊文志明泽雨皓晨少佳'),
      second: chars('鹏飞宇磊超凯阳帆航轩然睿博晨远鑫浩泽铭楠杰辰琦豪龙旭'),
      single: chars('磊鹏浩宇凯博昊鑫晨阳帆楠毅琦旭航超睿哲迪'),
    },
  },
  女: {
    old: {
      first: chars('秀丽晓春玉淑桂海红雅凤美慧静丽艳冬秋爱云'),
      second: chars('英兰芳华梅霞玲丽娟艳红静敏燕萍琳颖洁杰茹荣平君'),
      single: chars('静丽敏燕娜艳芳娟霞颖洁琳红莉萍华梅'),
    },
    young: {
      first: chars('思佳欣婉梦雨一子诗若可晓雅心梓语文明嘉美'),
      second: chars('婷颖雪莹倩妍琪悦怡涵萱菲璐蕾丹楠薇宁瑶彤琳月'),
      single: chars('婷丹倩莹晶佳悦萌璐蕾薇妍菲雪宁琳琪'),
    },
  },
} as const;

/** Parents' generation (born 1930s–1970s): old-fashioned two-character given names. */
const PARENT_GIVEN = {
  男: '德福 振国 长林 宝山 玉春 凤山 文学 殿臣 永祥 树林 广才 洪亮 庆云 国栋 景林 万成 家富 守信 连生 立本 宝贵 明远 兴旺 占山 福海 玉田 成林 志和'.split(' '),
  女: '桂兰 淑珍 玉兰 秀英 凤芝 秀珍 桂芝 玉芬 淑华 丽华 素琴 桂荣 秀兰 玉珍 凤琴 淑芬 秀云 桂琴 玉梅 春华 金凤 淑琴 丽君 秀芳'.split(' '),
};

export function pickSurname(rng: Rng, ethnicity = '汉族'): string {
  const ethnic = ETHNIC_SURNAMES[ethnicity];
  if (ethnic && rng.chance(0.5)) return rng.pick(ethnic);
  if (rng.chance(0.003)) return rng.weighted(COMPOUND_SURNAMES);
  return rng.weighted(SURNAMES);
}

/** A given name of one or two characters in the fashion of the birth year. */
export function pickGivenName(rng: Rng, gender: '男' | '女', birthYear: number, singleShare = 0.3): string {
  // Blend the eras: 1966 → almost all old-style, 2000 → almost all new-style.
  const youngShare = Math.min(0.95, Math.max(0.05, (birthYear - 1966) / 30));
  const pool = GIVEN[gender][rng.chance(youngShare) ? 'young' : 'old'];
  if (rng.chance(singleShare)) return rng.pick(pool.single);
  const a = rng.pick(pool.first);
  // Reduplicated names (婷婷, 丹丹) for some women; otherwise two different characters.
  if (gender === '女' && rng.chance(0.04)) {
    const c = rng.pick(pool.single);
    return c + c;
  }
  let b = rng.pick(pool.second);
  for (let i = 0; i < 5 && b === a; i++) b = rng.pick(pool.second);
  return a + b;
}

export function pickParentGivenName(rng: Rng, gender: '男' | '女'): string {
  return rng.pick(PARENT_GIVEN[gender]);
}
