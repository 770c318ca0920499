import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoCadre } from '../../../electron/services/demo/generate';
import { UNIT_TREE } from '../../../electron/services/demo/units';
import {
  ASSESSMENT_GRADES,
  CADRE_STATUSES,
  CADRE_TAGS,
  DEGREES,
  EDUCATIONS,
  ETHNICITIES,
  POLITICAL_STATUSES,
  RANKS,
} from '../../../shared/domain/roster/codes';

const demo = generateDemo();
const { cadres, units } = demo;
const TODAY = '2026-11';

// --- helpers written from first principles, independent of the code under test -------------

/** GB 11643-1999 check character, computed here rather than with idCheckChar. */
function checkChar(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i];
  return '10X98765432'[sum % 11];
}
/** 'YYYY-MM' or 'YYYY.MM' → months since year 0. */
const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
const isYm = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
const ageOf = (c: DemoCadre, ref = TODAY) => Math.floor((months(ref) - months(c.birth)) / 12);
const names = (list: readonly { name: string }[]) => new Set(list.map(x => x.name));
const unitByKey = new Map(units.map(u => [u.key, u]));
const rootOf = (key: string) => {
  let u = unitByKey.get(key)!;
  while (u.parentKey !== null) u = unitByKey.get(u.parentKey)!;
  return u;
};
const RESUME_LINE = /^(\d{4}\.(?:0[1-9]|1[0-2]))--(\d{4}\.(?:0[1-9]|1[0-2]))? {2}(\S.*)$/;

describe('generateDemo: determinism and size', () => {
  it('gives deep-equal output for the same seed, and different output for another seed', () => {
    expect(generateDemo()).toEqual(demo);
    expect(generateDemo({ seed: 20261122, cadreCount: 600, today: '2026-11-01' })).toEqual(demo);
    expect(generateDemo({ seed: 7 })).toEqual(generateDemo({ seed: 7 }));
    const other = generateDemo({ seed: 8 });
    expect(other.cadres.map(c => c.idNumber)).not.toEqual(generateDemo({ seed: 7 }).cadres.map(c => c.idNumber));
    expect(other.cadres.map(c => c.name)).not.toEqual(cadres.map(c => c.name));
  });

  it('makes 600 cadres by default and any other count on request', () => {
    expect(cadres).toHaveLength(600);
    expect(generateDemo({ cadreCount: 0 }).cadres).toHaveLength(0);
    expect(generateDemo({ cadreCount: 37 }).cadres).toHaveLength(37);
    const big = generateDemo({ cadreCount: 1200 });
    expect(big.cadres).toHaveLength(1200);
    expect(new Set(big.cadres.map(c => c.idNumber)).size).toBe(1200);
  });

  it('keeps the heads when the roster is small', () => {
    const small = generateDemo({ cadreCount: 30 }).cadres;
    expect(small.map(c => c.post)).toContain('滨江市委书记');
    expect(small.every(c => c.leadershipLevel !== '')).toBe(true);
  });

  it('does not depend on the clock: dates follow `today`', () => {
    const early = generateDemo({ today: '2024-03-15' });
    for (const c of early.cadres) {
      for (const d of [c.workDate, c.postDate, c.rankDate]) expect(d <= '2024-03').toBe(true);
      expect(c.assessments.every(a => a.year >= 2021 && a.year <= 2023)).toBe(true);
    }
    expect(() => generateDemo({ today: '2026/11/01' })).toThrow();
  });

  it('is pure: no node: imports, no clock, no Math.random', () => {
    const dir = path.resolve(__dirname, '../../../electron/services/demo');
    const files = readdirSync(dir).filter(f => f.endsWith('.ts') && f !== 'load.ts');
    expect(files).toContain('generate.ts');
    for (const f of files) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from ['"](node:|fs|path|os|crypto)['"]/);
      expect(src, f).not.toMatch(/\bDate\b|Math\.random|performance\.now|process\./);
    }
  });
});

describe('the unit tree', () => {
  it('has unique keys and names, parents before children, and no cycles', () => {
    expect(new Set(units.map(u => u.key)).size).toBe(units.length);
    expect(names(units).size).toBe(units.length);
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parentKey !== null) expect(seen.has(u.parentKey), `${u.key} after its parent`).toBe(true);
      seen.add(u.key);
      const path = new Set<string>();
      for (let k: string | null = u.key; k !== null; k = unitByKey.get(k)!.parentKey) {
        expect(path.has(k), `cycle through ${k}`).toBe(false);
        path.add(k);
      }
    }
  });

  it('orders siblings 1, 2, 3, …', () => {
    const byParent = new Map<string | null, number[]>();
    for (const u of units) byParent.set(u.parentKey, [...(byParent.get(u.parentKey) ?? []), u.sortOrder]);
    for (const orders of byParent.values()) expect(orders).toEqual(orders.map((_, i) => i + 1));
  });

  it('has 市委, 市政府, 4–6 districts/counties, and townships and streets under them', () => {
    const kinds = new Set(units.map(u => u.kind));
    for (const k of ['机关', '市委部门', '政府部门', '群团', '区县', '区县部门', '乡镇', '街道']) expect(kinds).toContain(k);
    const districts = units.filter(u => u.kind === '区县');
    expect(districts.length).toBeGreaterThanOrEqual(4);
    expect(districts.length).toBeLessThanOrEqual(6);
    for (const d of districts) {
      const children = units.filter(u => u.parentKey === d.key);
      expect(children.some(u => u.kind === '乡镇' || u.kind === '街道')).toBe(true);
      expect(children.some(u => u.kind === '区县部门')).toBe(true);
    }
    expect(names(units)).toContain('市委组织部');
    expect(names(units)).toContain('市教育局');
    expect(demo.cityName).toBe('滨江市');
  });

  it('every cadre belongs to a listed unit', () => {
    for (const c of cadres) expect(unitByKey.has(c.unitKey), c.unitKey).toBe(true);
  });
});

describe('ID numbers', () => {
  it('are 18 characters with a correct check character', () => {
    for (const c of cadres) {
      expect(c.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(c.idNumber[17]).toBe(checkChar(c.idNumber.slice(0, 17)));
    }
  });

  it('agree with the birth month and gender, and are unique', () => {
    for (const c of cadres) {
      expect(c.idNumber.slice(6, 12)).toBe(c.birth.replace('-', ''));
      const day = Number(c.idNumber.slice(12, 14));
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(28);
      expect(Number(c.idNumber[16]) % 2 === 1 ? '男' : '女').toBe(c.gender);
    }
    expect(new Set(cadres.map(c => c.idNumber)).size).toBe(cadres.length);
  });
});

describe('people', () => {
  it('are born 1966–2000, about 70% men, with unique names of 2–4 characters', () => {
    for (const c of cadres) {
      expect(isYm(c.birth)).toBe(true);
      expect(Number(c.birth.slice(0, 4))).toBeGreaterThanOrEqual(1966);
      expect(Number(c.birth.slice(0, 4))).toBeLessThanOrEqual(2000);
      expect(c.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
    const men = cadres.filter(c => c.gender === '男').length / cadres.length;
    expect(men).toBeGreaterThan(0.62);
    expect(men).toBeLessThan(0.78);
    expect(names(cadres).size).toBe(cadres.length);
    expect(cadres.some(c => c.name.length === 2)).toBe(true);
  });

  it('use GB/T 3304 ethnicity names ending in 族, mostly 汉族', () => {
    const known = new Set(ETHNICITIES.map(e => e.name));
    for (const c of cadres) {
      expect(c.ethnicity.endsWith('族')).toBe(true);
      expect(known.has(c.ethnicity), c.ethnicity).toBe(true);
    }
    expect(cadres.filter(c => c.ethnicity === '汉族').length / cadres.length).toBeGreaterThan(0.75);
    expect(new Set(cadres.map(c => c.ethnicity)).size).toBeGreaterThanOrEqual(4);
  });

  it('write 籍贯 and 出生地 as province + place', () => {
    for (const c of cadres) {
      expect(c.nativePlace).toMatch(/^(辽宁|吉林|黑龙江|内蒙古|河北|山东|河南)[\u4e00-\u9fff]{2,4}$/);
      expect(c.birthplace).toMatch(/^(辽宁|吉林|黑龙江|内蒙古|河北|山东|河南)[\u4e00-\u9fff]{2,4}$/);
    }
  });

  it('start work after turning 18, and not in the future', () => {
    for (const c of cadres) {
      expect(isYm(c.workDate)).toBe(true);
      expect(months(c.workDate)).toBeGreaterThanOrEqual(months(c.birth) + 18 * 12);
      expect(c.workDate <= TODAY).toBe(true);
    }
  });

  it('join a party after turning 18; party names and statuses agree', () => {
    const democratic: Record<string, string> = {
      民革: '民革党员',
      民盟: '民盟盟员',
      民建: '民建会员',
      民进: '民进会员',
      农工党: '农工党党员',
      致公党: '致公党党员',
      九三学社: '九三学社社员',
    };
    const statuses = new Set(POLITICAL_STATUSES.map(s => s.name));
    for (const c of cadres) {
      expect(statuses.has(c.politicalStatus), c.politicalStatus).toBe(true);
      if (isYm(c.partyDate)) {
        expect(months(c.partyDate)).toBeGreaterThanOrEqual(months(c.birth) + 18 * 12);
        expect(c.partyDate <= TODAY).toBe(true);
        expect(['中共党员', '中共预备党员']).toContain(c.politicalStatus);
        // A 预备党员 is one for a year.
        expect(c.politicalStatus === '中共预备党员').toBe(months(TODAY) - months(c.partyDate) < 12);
      } else if (c.partyDate === '') {
        expect(['无党派人士', '共青团员', '群众']).toContain(c.politicalStatus);
      } else {
        expect(democratic[c.partyDate], c.partyDate).toBe(c.politicalStatus);
      }
    }
    const cpc = cadres.filter(c => c.politicalStatus.startsWith('中共')).length / cadres.length;
    expect(cpc).toBeGreaterThan(0.85);
    expect(cpc).toBeLessThan(0.96);
  });

  it('use the national code lists for education, degrees, statuses and tags', () => {
    const educations = new Set(EDUCATIONS.map(e => e.name));
    const degrees = new Set(DEGREES.map(d => d.name));
    const tags = new Set(CADRE_TAGS.map(t => t.name));
    const statuses = new Set(CADRE_STATUSES.map(s => s.name));
    for (const c of cadres) {
      expect(['研究生', '大学', '大专']).toContain(c.ftEducation);
      if (c.ptEducation) expect(educations.has(c.ptEducation), c.ptEducation).toBe(true);
      for (const d of [c.ftDegree, c.ptDegree]) if (d) expect(degrees.has(d), d).toBe(true);
      expect(c.ftEduSchool).toMatch(/专业$/);
      if (c.ftEducation === '大专') expect(c.ftDegree).toBe('');
      if (c.ftEducation === '大学') expect(c.ftDegree).toMatch(/学士$/);
      if (c.ftEducation === '研究生') expect(c.ftDegree).toMatch(/(硕士|博士)$/);
      for (const t of c.tags) expect(tags.has(t), t).toBe(true);
      expect(statuses.has(c.status)).toBe(true);
    }
    expect(cadres.filter(c => c.status === '在职').length / cadres.length).toBeGreaterThan(0.95);
  });
});

describe('posts and ranks', () => {
  const rankLevel = new Map(RANKS.map(r => [r.name, r.level]));
  const STAFF_RANKS = ['一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员', '一级科员', '二级科员'];

  it('match 职级 to 领导职务层次 (一级巡视员 ≈ 正厅 … 三/四级主任科员 ≈ 副科)', () => {
    for (const c of cadres) {
      expect(rankLevel.has(c.rank), c.rank).toBe(true);
      if (c.leadershipLevel) expect(rankLevel.get(c.rank), `${c.post}: ${c.rank}`).toBe(c.leadershipLevel);
      else expect(STAFF_RANKS).toContain(c.rank);
    }
    expect(cadres.find(c => c.leadershipLevel === '正厅')?.rank).toBe('一级巡视员');
    expect(cadres.filter(c => c.leadershipLevel === '').length).toBeGreaterThan(30);
  });

  it('hold 正厅/副厅 only at city level, and the young hold lower posts', () => {
    for (const c of cadres) {
      if (c.leadershipLevel === '正厅' || c.leadershipLevel === '副厅') {
        expect(rootOf(c.unitKey).kind).toBe('机关');
        expect(ageOf(c)).toBeGreaterThanOrEqual(40);
      }
      if (ageOf(c) < 30) expect(['', '副科', '正科']).toContain(c.leadershipLevel);
      if (c.leadershipLevel === '正处') expect(ageOf(c)).toBeGreaterThanOrEqual(35);
      if (c.rank === '二级科员' || c.rank === '一级科员') expect(months(TODAY) - months(c.workDate)).toBeLessThan(6 * 12);
    }
  });

  it('write posts as the form does, with the unit in them', () => {
    for (const c of cadres) {
      expect(c.post.length).toBeGreaterThan(4);
      const root = rootOf(c.unitKey);
      if (root.kind === '区县') expect(c.post.startsWith(`滨江市${root.name}`), c.post).toBe(true);
      else expect(/^(共青团)?滨江市/.test(c.post), c.post).toBe(true);
      if (c.leadershipLevel === '') expect(c.post).toMatch(/科员$/);
      if (c.post.includes('党组') || c.post.includes('党委') || c.post.includes('党工委') || c.post.includes('书记')) {
        expect(c.politicalStatus.startsWith('中共'), c.post).toBe(true);
      }
    }
    const posts = cadres.map(c => c.post);
    expect(posts).toContain('滨江市委常委、组织部部长');
    expect(posts.some(p => /^滨江市.+局党组成员、副局长$/.test(p))).toBe(true);
    expect(posts.some(p => /镇党委书记$/.test(p))).toBe(true);
    expect(posts.some(p => /街道党工委副书记、办事处主任$/.test(p))).toBe(true);
  });

  it('date posts and ranks after the first job and not after today', () => {
    for (const c of cadres) {
      for (const d of [c.postDate, c.rankDate]) {
        expect(isYm(d)).toBe(true);
        expect(d >= c.workDate && d <= TODAY, `${c.name} ${d}`).toBe(true);
      }
    }
  });

  it('never seat more people in one post at one time than it has seats', () => {
    const seats = new Map<string, number>();
    for (const u of UNIT_TREE) {
      for (const p of u.positions) {
        if (!p.level) continue;
        for (const text of new Set([p.post, p.nonCpcPost ?? p.post])) seats.set(text, (seats.get(text) ?? 0) + 1);
      }
    }
    for (const data of [demo, generateDemo({ seed: 3 })]) {
      const held = new Map<string, [number, number][]>();
      for (const c of data.cadres) {
        for (const line of c.resume.split('\n')) {
          const m = RESUME_LINE.exec(line)!;
          const text = m[3].replace(/（其间：.*）$/, '');
          if (!seats.has(text)) continue;
          held.set(text, [...(held.get(text) ?? []), [months(m[1]), m[2] ? months(m[2]) : Infinity]]);
        }
      }
      for (const [text, spans] of held) {
        for (const [start] of spans) {
          const at = spans.filter(([s, e]) => s <= start && start < e).length;
          expect(at, text).toBeLessThanOrEqual(seats.get(text)!);
        }
      }
    }
  });
});

describe('简历', () => {
  it('runs from university to an open line for the present post', () => {
    for (const c of cadres) {
      const lines = c.resume.split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      const parsed = lines.map(l => {
        const m = RESUME_LINE.exec(l);
        expect(m, l).not.toBeNull();
        return { start: months(m![1]), end: m![2] ? months(m![2]) : null, text: m![3] };
      });
      expect(parsed[0].text).toMatch(/专业学习$/);
      expect(Number(lines[0].slice(0, 4))).toBeGreaterThanOrEqual(Number(c.birth.slice(0, 4)) + 17);
      const last = parsed[parsed.length - 1];
      expect(last.end).toBeNull();
      expect(lines[lines.length - 1].replace(/（其间：.*）$/, '')).toBe(`${c.postDate.replace('-', '.')}--  ${c.post}`);
      // Every closed line ends no earlier than it starts; the next begins where it ended (or
      // within two months of a graduation).
      for (let i = 0; i < parsed.length - 1; i++) {
        const [a, b] = [parsed[i], parsed[i + 1]];
        expect(a.end).not.toBeNull();
        expect(a.end! > a.start, lines[i]).toBe(true);
        expect(b.start - a.end!, `${lines[i]} / ${lines[i + 1]}`).toBeGreaterThanOrEqual(0);
        expect(b.start - a.end!, `${lines[i]} / ${lines[i + 1]}`).toBeLessThanOrEqual(2);
      }
      const firstWork = parsed.find(l => !/学习(，获.+学位)?$/.test(l.text))!;
      expect(firstWork.start).toBe(months(c.workDate));
    }
  });

  it('notes in-service study as （其间：…） on a line', () => {
    const withStudy = cadres.filter(c => c.ptEducation || c.ptDegree);
    expect(withStudy.length).toBeGreaterThan(50);
    for (const c of withStudy) {
      expect(c.resume).toMatch(/（其间：[^）]*\d{4}\.\d{2}--\d{4}\.\d{2} 在[^；）]+学习/);
      // The study began after the first job and has ended by today.
      const [, from, to] = /(\d{4}\.\d{2})--(\d{4}\.\d{2}) 在[^；）]+学习/.exec(c.resume)!;
      expect(months(from)).toBeGreaterThan(months(c.workDate));
      expect(months(to)).toBeLessThanOrEqual(months(TODAY));
    }
  });
});

describe('assessments, rewards, family, tags', () => {
  it('cover the last three years, mostly 称职 with about 15–20% 优秀', () => {
    const grades = new Set(ASSESSMENT_GRADES.map(g => g.name));
    const all = cadres.flatMap(c => c.assessments);
    for (const c of cadres) {
      expect(c.assessments.length).toBeLessThanOrEqual(3);
      for (const a of c.assessments) {
        expect([2023, 2024, 2025]).toContain(a.year);
        expect(grades.has(a.grade)).toBe(true);
        if (a.grade === '不定等次') expect(a.note).not.toBe('');
      }
    }
    const excellent = all.filter(a => a.grade === '优秀').length / all.length;
    expect(excellent).toBeGreaterThan(0.12);
    expect(excellent).toBeLessThan(0.22);
    expect(all.filter(a => a.grade === '称职').length / all.length).toBeGreaterThan(0.7);
  });

  it('write 奖惩 as 无 for most', () => {
    expect(cadres.filter(c => c.rewards === '无').length / cadres.length).toBeGreaterThan(0.5);
    for (const c of cadres) expect(c.rewards.length).toBeGreaterThan(0);
  });

  it('list two to four family members with plausible names and dates', () => {
    for (const c of cadres) {
      expect(c.family.length).toBeGreaterThanOrEqual(2);
      expect(c.family.length).toBeLessThanOrEqual(4);
      for (const f of c.family) {
        expect(['配偶', '儿子', '女儿', '父亲', '母亲']).toContain(f.relation);
        expect(f.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
        expect(isYm(f.birth)).toBe(true);
        expect(f.birth <= TODAY).toBe(true);
        expect(f.politicalStatus).not.toBe('');
        expect(f.work).not.toBe('');
        if (f.relation === '父亲' || f.relation === '母亲') expect(months(f.birth)).toBeLessThan(months(c.birth) - 18 * 12);
        if (f.relation === '儿子' || f.relation === '女儿') {
          expect(months(f.birth)).toBeGreaterThan(months(c.birth) + 18 * 12);
          if (c.gender === '男') expect(f.name.startsWith(c.name.slice(0, 1))).toBe(true);
        }
        if (f.relation === '父亲') expect(f.name.slice(0, 1)).toBe(c.name.slice(0, 1));
      }
      expect(c.family.filter(f => f.relation === '配偶').length).toBeLessThanOrEqual(1);
    }
  });

  it('tag sparingly and plausibly', () => {
    const tagged = cadres.filter(c => c.tags.length > 0).length / cadres.length;
    expect(tagged).toBeGreaterThan(0.1);
    expect(tagged).toBeLessThan(0.45);
    for (const c of cadres) {
      if (c.tags.includes('年轻干部库')) expect(ageOf(c)).toBeLessThan(45);
      if (c.tags.includes('选调生') || c.tags.includes('大学生村官')) expect(c.ftEducation).not.toBe('大专');
      if (c.tags.includes('大学生村官')) expect(c.resume).toContain('（大学生村官）');
      if (c.tags.includes('选调生')) expect(c.resume).toContain('（选调生）');
      if (c.tags.includes('第一书记')) expect(c.resume + c.remarks).toMatch(/村驻村第一书记/);
    }
  });
});
