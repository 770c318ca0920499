/**
 * Where the fictional cadres come from: 民族 (GB/T 3304 names), birthplaces with the
 * first digits of their ID area codes, and 籍贯 of the 闯关东 kind. The demo city itself is
 * fictional, so it gets an unassigned area-code prefix (2190; Liaoning's cities stop at 2114).
 */
import type { Rng } from './random';

export const CITY = '滨江';
export const CITY_NAME = '滨江市';
export const PROVINCE = '辽宁';
/** Area-code prefix for the fictional city; real Liaoning prefixes run 2101–2114. */
const CITY_CODE = '2190';

/** Liaoning-like shares: 汉族 most, then 满族; a few 蒙古族, 回族, 朝鲜族, 锡伯族. */
export const ETHNICITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['汉族', 83.5],
  ['满族', 10.5],
  ['蒙古族', 2.2],
  ['回族', 1.6],
  ['朝鲜族', 1.2],
  ['锡伯族', 1.0],
];

export interface Place {
  /** As the form writes 籍贯/出生地: province + city or county, e.g. 辽宁沈阳. */
  readonly name: string;
  /** Six-digit area codes plausible for someone born there. */
  readonly codes: readonly string[];
  readonly weight: number;
}

const cityCodes = (prefix: string, suffixes = ['02', '03', '04', '05', '11', '21', '22', '81']) => suffixes.map(s => prefix + s);

/** Birthplaces: the demo city first, then Liaoning and neighbouring provinces. */
export const BIRTHPLACES: readonly Place[] = [
  { name: `${PROVINCE}${CITY}`, codes: cityCodes(CITY_CODE, ['02', '03', '04', '11', '21', '22']), weight: 48 },
  { name: '辽宁沈阳', codes: cityCodes('2101', ['02', '03', '04', '05', '06', '11', '12', '13', '14', '23', '81']), weight: 9 },
  { name: '辽宁大连', codes: cityCodes('2102', ['02', '03', '04', '11', '12', '13', '24', '81', '83']), weight: 4 },
  { name: '辽宁鞍山', codes: cityCodes('2103', ['02', '03', '04', '11', '21', '23', '81']), weight: 3 },
  { name: '辽宁抚顺', codes: cityCodes('2104', ['02', '03', '04', '11', '21', '22', '23']), weight: 3 },
  { name: '辽宁本溪', codes: cityCodes('2105', ['02', '03', '04', '05', '21', '22']), weight: 2 },
  { name: '辽宁丹东', codes: cityCodes('2106', ['02', '03', '04', '24', '81', '82']), weight: 2 },
  { name: '辽宁锦州', codes: cityCodes('2107', ['02', '03', '11', '26', '27', '81', '82']), weight: 3 },
  { name: '辽宁营口', codes: cityCodes('2108', ['02', '03', '04', '11', '81', '82']), weight: 2 },
  { name: '辽宁阜新', codes: cityCodes('2109', ['02', '03', '04', '05', '11', '21', '22']), weight: 2 },
  { name: '辽宁辽阳', codes: cityCodes('2110', ['02', '03', '04', '05', '11', '21', '81']), weight: 2 },
  { name: '辽宁铁岭', codes: cityCodes('2112', ['02', '04', '21', '23', '24', '81', '82']), weight: 3 },
  { name: '辽宁朝阳', codes: cityCodes('2113', ['02', '03', '21', '22', '24', '81', '82']), weight: 2 },
  { name: '辽宁葫芦岛', codes: cityCodes('2114', ['02', '03', '04', '21', '22', '81']), weight: 1.5 },
  { name: '辽宁海城', codes: ['210381'], weight: 1 },
  { name: '辽宁新民', codes: ['210181'], weight: 1 },
  { name: '辽宁开原', codes: ['211282'], weight: 1 },
  { name: '辽宁凤城', codes: ['210682'], weight: 0.8 },
  { name: '辽宁瓦房店', codes: ['210281'], weight: 0.8 },
  { name: '吉林长春', codes: cityCodes('2201', ['02', '03', '04', '05', '06', '22', '81']), weight: 1.5 },
  { name: '吉林四平', codes: cityCodes('2203', ['02', '03', '22', '23', '81', '82']), weight: 1 },
  { name: '吉林延吉', codes: ['222401'], weight: 0.5 },
  { name: '黑龙江哈尔滨', codes: cityCodes('2301', ['02', '03', '04', '08', '09', '10', '23', '84']), weight: 1.2 },
  { name: '黑龙江齐齐哈尔', codes: cityCodes('2302', ['02', '03', '04', '21', '81']), weight: 0.6 },
  { name: '内蒙古赤峰', codes: cityCodes('1504', ['02', '03', '04', '21', '22', '23', '24']), weight: 0.8 },
  { name: '内蒙古通辽', codes: cityCodes('1505', ['02', '21', '22', '23', '24', '81']), weight: 0.6 },
  { name: '河北唐山', codes: cityCodes('1302', ['02', '03', '04', '05', '23', '24', '81']), weight: 0.6 },
  { name: '河北承德', codes: cityCodes('1308', ['02', '03', '21', '22', '23', '24']), weight: 0.5 },
  { name: '山东烟台', codes: cityCodes('3706', ['02', '11', '12', '13', '81', '82', '83', '84']), weight: 0.8 },
  { name: '山东潍坊', codes: cityCodes('3707', ['02', '03', '04', '05', '81', '82', '83']), weight: 0.5 },
];

/** Where minorities are most often born (满族 in the eastern counties, 锡伯族 around Shenyang, …). */
const ETHNIC_BIRTHPLACES: Readonly<Record<string, readonly string[]>> = {
  满族: ['辽宁本溪', '辽宁丹东', '辽宁凤城', '辽宁抚顺', '辽宁鞍山', `${PROVINCE}${CITY}`],
  蒙古族: ['辽宁阜新', '辽宁朝阳', '内蒙古赤峰', '内蒙古通辽'],
  回族: ['辽宁沈阳', `${PROVINCE}${CITY}`, '辽宁锦州'],
  朝鲜族: ['辽宁丹东', '辽宁沈阳', '吉林延吉', '辽宁铁岭'],
  锡伯族: ['辽宁沈阳', '辽宁开原', '辽宁新民'],
};

/** 籍贯 of families who came north generations ago (闯关东). */
const ANCESTRAL_HOMES: readonly (readonly [string, number])[] = [
  ['山东莱阳', 3],
  ['山东蓬莱', 3],
  ['山东牟平', 2],
  ['山东海阳', 2],
  ['山东文登', 2],
  ['山东黄县', 1],
  ['山东即墨', 1],
  ['山东平度', 1],
  ['河北乐亭', 2],
  ['河北昌黎', 1],
  ['河北滦县', 1],
  ['河南滑县', 0.5],
];

export function pickBirthplace(rng: Rng, ethnicity: string): Place {
  const ethnic = ETHNIC_BIRTHPLACES[ethnicity];
  if (ethnic && rng.chance(0.6)) {
    const name = rng.pick(ethnic);
    const hit = BIRTHPLACES.find(p => p.name === name);
    if (hit) return hit;
  }
  return rng.weighted(BIRTHPLACES.map(p => [p, p.weight] as const));
}

/** 籍贯: usually the birthplace, sometimes the family's old home in Shandong or Hebei. */
export function pickNativePlace(rng: Rng, birthplace: Place, ethnicity: string): string {
  if (ethnicity === '汉族' && rng.chance(0.22)) return rng.weighted(ANCESTRAL_HOMES);
  if (rng.chance(0.06)) return rng.weighted(BIRTHPLACES.map(p => [p.name, p.weight] as const));
  return birthplace.name;
}
