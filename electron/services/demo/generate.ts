/**
 * A deterministic demo roster for a fictional city (滨江市): a unit tree and several hundred
 * fictional cadres whose fields agree with each other (ID number with birth and gender,
 * careers with age and 职务层次, 职级 with 层次, 简历 with the dates, …).
 *
 * Pure computation: no I/O, no clock (pass `today`), no randomness but the seeded PRNG,
 * so the same options always give a deep-equal result.
 */
import { retirementBaseAge, retirementDate } from '../../../shared/domain/common/age';
import { idCheckChar } from '../../../shared/domain/common/idcard';
import { fullTimeEducation, inServiceEducation, type FtLevel, type FullTimeEducation, type InService } from './education';
import { pickGivenName, pickParentGivenName, pickSurname } from './names';
import { CITY, CITY_NAME, ETHNICITY_WEIGHTS, pickBirthplace, pickNativePlace, PROVINCE } from './places';
import { Rng } from './random';
import { UNIT_TREE, type Domain, type Level, type Position, type UnitDef } from './units';

export interface DemoUnit {
  key: string;
  parentKey: string | null;
  name: string;
  kind: string;
  sortOrder: number;
}
export interface DemoFamilyMember {
  relation: string;
  name: string;
  birth: string;
  politicalStatus: string;
  work: string;
}
export interface DemoCadre {
  unitKey: string;
  name: string;
  gender: '男' | '女';
  birth: string /* 'YYYY-MM' */;
  ethnicity: string;
  nativePlace: string;
  birthplace: string;
  partyDate: string /* 'YYYY-MM' or a democratic party name such as '民盟' or '' */;
  workDate: string /* 'YYYY-MM' */;
  politicalStatus: string;
  health: string;
  professionalTitle: string;
  expertise: string;
  ftEducation: string;
  ftDegree: string;
  ftEduSchool: string;
  ftDegreeSchool: string;
  ptEducation: string;
  ptDegree: string;
  ptEduSchool: string;
  ptDegreeSchool: string;
  post: string;
  leadershipLevel: string;
  rank: string;
  postDate: string;
  rankDate: string;
  idNumber: string;
  status: string;
  tags: string[];
  remarks: string;
  resume: string;
  rewards: string;
  family: DemoFamilyMember[];
  assessments: { year: number; grade: string; note: string }[];
}
export interface DemoData {
  cityName: string;
  units: DemoUnit[];
  cadres: DemoCadre[];
}

export const DEFAULT_DEMO_SEED = 20261122;
export const DEFAULT_DEMO_CADRES = 600;
export const DEFAULT_DEMO_TODAY = '2026-11-01';

// ---------------------------------------------------------------------------------------------
// Month arithmetic: a month index is year * 12 + (month - 1).

const ym = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const dot = (m: number) => `${Math.floor(m / 12)}.${String((m % 12) + 1).padStart(2, '0')}`;
const yearOf = (m: number) => Math.floor(m / 12);
const monthOf = (m: number) => (m % 12) + 1;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** 2019-06: the 职务与职级并行 reform; 职级 were first assigned then. */
const RANK_REFORM = 2019 * 12 + 5;

/** Ladder steps: 0 staff, 1 副科 … 6 正厅. */
const LADDER: readonly Level[] = ['', '副科', '正科', '副处', '正处', '副厅', '正厅'];
const step = (level: Level) => LADDER.indexOf(level);

/** Ages (years, at `today`) for holders of each level: [min, mode, max]. */
const AGE: Record<Level, readonly [number, number, number]> = {
  '': [25, 31, 60.8],
  副科: [27, 36, 58],
  正科: [30, 44, 60.8],
  副处: [34, 48, 60.8],
  正处: [39, 52, 60.8],
  副厅: [44, 53, 59],
  正厅: [49, 55, 59],
};
const FEMALE_SHARE: Record<Level, number> = { '': 0.42, 副科: 0.32, 正科: 0.27, 副处: 0.24, 正处: 0.16, 副厅: 0.12, 正厅: 0.1 };

/** Months spent at each level before the next promotion: [min, max] of the raw draw. */
const STEP_MONTHS: readonly (readonly [number, number])[] = [
  [30, 108],
  [30, 84],
  [30, 96],
  [30, 84],
  [30, 72],
  [24, 60],
];

const DOMAIN_EXPERTISE: Record<Domain, string> = {
  lead: '熟悉经济管理和区域发展工作',
  office: '熟悉综合文字和机关运转工作',
  org: '熟悉组织人事工作',
  propaganda: '熟悉宣传思想文化工作',
  unitedfront: '熟悉统一战线工作',
  politicslaw: '熟悉政法和社会治理工作',
  discipline: '熟悉纪检监察工作',
  policy: '熟悉政策研究和文字综合工作',
  staffing: '熟悉机构编制工作',
  partywork: '熟悉机关党建工作',
  econ: '熟悉宏观经济和项目管理',
  edu: '熟悉教育管理工作',
  science: '熟悉科技管理工作',
  industry: '熟悉工业经济和信息化工作',
  civil: '熟悉民政和社会救助工作',
  justice: '熟悉法律事务和法治建设',
  finance: '熟悉财政预算和财务管理',
  hr: '熟悉人力资源和社会保障工作',
  land: '熟悉国土空间规划和自然资源管理',
  env: '熟悉生态环境保护工作',
  build: '熟悉城乡规划建设管理',
  transport: '熟悉交通运输管理',
  water: '熟悉水利工程管理',
  agri: '熟悉农业农村工作',
  commerce: '熟悉招商引资和商贸流通工作',
  culture: '熟悉文化旅游工作',
  health: '熟悉卫生健康管理',
  veterans: '熟悉退役军人服务保障工作',
  emergency: '熟悉应急管理和安全生产工作',
  audit: '熟悉审计工作',
  market: '熟悉市场监管工作',
  stats: '熟悉统计工作',
  medins: '熟悉医疗保障工作',
  union: '熟悉工会和群团工作',
  youth: '熟悉共青团和青年工作',
  women: '熟悉妇女儿童工作',
  'sci-assoc': '熟悉科普和学会工作',
  business: '熟悉非公经济和商会工作',
  township: '熟悉基层治理和乡村振兴工作',
  street: '熟悉城市基层治理和社区工作',
};

/** Democratic parties: [政治面貌, what 入党时间 holds, weight]. */
const DEMOCRATIC_PARTIES: readonly (readonly [string, string, number])[] = [
  ['民盟盟员', '民盟', 4],
  ['九三学社社员', '九三学社', 3],
  ['民进会员', '民进', 2],
  ['民建会员', '民建', 2],
  ['农工党党员', '农工党', 1.5],
  ['民革党员', '民革', 1],
  ['致公党党员', '致公党', 0.5],
  ['无党派人士', '', 2.5],
];

const TAG_ORDER = ['选调生', '大学生村官', '第一书记', '年轻干部库', '五方面人员', '专家型干部'];

const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

// ---------------------------------------------------------------------------------------------

interface Slot {
  position: Position;
  unitIndex: number;
  seq: number;
}

interface ResumeLine {
  start: number;
  end: number | null;
  text: string;
  notes: { at: number; text: string }[];
}

interface Ctx {
  rng: Rng;
  today: number;
  todayYear: number;
  units: Map<string, UnitDef>;
  unitIndex: Map<string, number>;
  byLevel: Map<Level, Position[]>;
  villageUnits: UnitDef[];
  ids: Set<string>;
  names: Set<string>;
  /** How many people can hold each post text at once, and when someone in the roster held it. */
  capacity: Map<string, number>;
  occupancy: Map<string, [number, number][]>;
}

function occupy(ctx: Ctx, text: string, start: number, end: number): void {
  const list = ctx.occupancy.get(text) ?? [];
  list.push([start, end]);
  ctx.occupancy.set(text, list);
}

function isFree(ctx: Ctx, text: string, start: number, end: number): boolean {
  const held = (ctx.occupancy.get(text) ?? []).filter(([s, e]) => s < end && start < e).length;
  return held < (ctx.capacity.get(text) ?? 1);
}

export function generateDemo(opts: { seed?: number; cadreCount?: number; today?: string } = {}): DemoData {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const count = Math.max(0, Math.floor(opts.cadreCount ?? DEFAULT_DEMO_CADRES));
  const todayText = opts.today ?? DEFAULT_DEMO_TODAY;
  const tm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(todayText);
  if (!tm || Number(tm[2]) < 1 || Number(tm[2]) > 12) throw new RangeError(`today must be YYYY-MM-DD: ${todayText}`);
  const today = Number(tm[1]) * 12 + Number(tm[2]) - 1;
  if (Number(tm[1]) < 2020) throw new RangeError(`today must be 2020 or later: ${todayText}`);

  const rng = new Rng(seed);
  const ctx: Ctx = {
    rng,
    today,
    todayYear: Number(tm[1]),
    units: new Map(UNIT_TREE.map(u => [u.key, u])),
    unitIndex: new Map(UNIT_TREE.map((u, i) => [u.key, i])),
    byLevel: new Map(),
    villageUnits: UNIT_TREE.filter(u => u.villages.length > 0),
    ids: new Set(),
    names: new Set(),
    capacity: new Map(),
    occupancy: new Map(),
  };
  for (const u of UNIT_TREE) {
    for (const p of u.positions) {
      for (const text of new Set([p.post, p.nonCpcPost ?? p.post])) ctx.capacity.set(text, (ctx.capacity.get(text) ?? 0) + 1);
      const list = ctx.byLevel.get(p.level) ?? [];
      list.push(p);
      ctx.byLevel.set(p.level, list);
    }
  }

  // Two passes: first everyone's dates and present post, then the careers, so that no
  // earlier post in a 简历 is held by two people at once (nor by someone who holds it now).
  const plans = chooseSlots(ctx, count).map(slot => planCadre(ctx, slot));
  for (const p of plans) if (p.k > 0) occupy(ctx, p.post, p.postStart, Infinity);
  const cadres = plans.map(p => finishCadre(ctx, p));
  const units = UNIT_TREE.map((u): DemoUnit => ({ key: u.key, parentKey: u.parentKey, name: u.name, kind: u.kind, sortOrder: u.sortOrder }));
  return { cityName: CITY_NAME, units, cadres };
}

/**
 * Which posts are filled: heads first, then deputies, section heads and staff, with some
 * jitter so a roster of any size mixes levels. Past the number of posts, extra staff.
 */
function chooseSlots(ctx: Ctx, count: number): Slot[] {
  const { rng } = ctx;
  const base = [0, 0.4, 1.0, 1.1];
  const spread = [1, 1.4, 1.6, 1.7];
  const all = UNIT_TREE.flatMap((u, unitIndex) =>
    u.positions
      .filter(p => !p.historyOnly)
      // The most senior first whatever the jitter: a roster of ten still has the 市委书记.
      .map(position => ({ position, unitIndex, seq: 0, priority: base[position.tier] + rng.next() * spread[position.tier] - step(position.level) * 0.3 })),
  );
  const chosen = all
    .slice()
    .sort((a, b) => a.priority - b.priority)
    .slice(0, count);
  const staff = all.filter(s => s.position.level === '');
  for (let i = 0; chosen.length < count && staff.length > 0; i++) {
    const s = staff[i % staff.length];
    chosen.push({ ...s, seq: 1 + Math.floor(i / staff.length) });
  }
  return chosen
    .sort((a, b) => a.unitIndex - b.unitIndex || a.position.order - b.position.order || a.seq - b.seq)
    .map(({ position, unitIndex, seq }) => ({ position, unitIndex, seq }));
}

// ---------------------------------------------------------------------------------------------

function planCadre(ctx: Ctx, slot: Slot) {
  const { rng, today } = ctx;
  const pos = slot.position;
  const unit = ctx.units.get(pos.unitKey)!;
  const level = pos.level;
  const k = step(level);

  // Who: gender, party, ethnicity.
  const gender: '男' | '女' = pos.female ? '女' : pos.male ? '男' : rng.chance(FEMALE_SHARE[level]) ? '女' : '男';
  const nonCpcChance = pos.nonCpcPost === undefined ? 0 : pos.level === '副厅' ? 0.85 : pos.level === '副处' ? 0.3 : pos.level === '' ? 0.2 : 0.12;
  const cpc = !rng.chance(nonCpcChance);
  const ethnicity = rng.weighted(ETHNICITY_WEIGHTS);

  // Age, education and first work date, re-drawn until a career to this level fits.
  const ages: readonly [number, number, number] = pos.young ? (level === '正处' ? [35, 38, 42] : [30, 34, 39]) : AGE[level];
  const [amin, amode, amax0] = ages;
  const amax = gender === '女' ? Math.min(amax0, 56) : amax0;
  let birth = 0;
  let ft: FullTimeEducation | null = null;
  let work = 0;
  let xuandiao = false;
  let cunguan = false;
  for (let attempt = 0; ; attempt++) {
    const age = rng.triangular(amin, Math.min(amode, amax - 0.5), amax) + attempt * 0.5;
    birth = clamp(today - Math.round(age * 12) - rng.int(0, 11), 1966 * 12, 2000 * 12 + 11);
    const by = yearOf(birth);
    const ftLevel: FtLevel = rng.weighted(
      by < 1975
        ? [
            ['研究生', 8],
            ['大学', 62],
            ['大专', 30],
          ]
        : by < 1985
          ? [
              ['研究生', 20],
              ['大学', 70],
              ['大专', 10],
            ]
          : [
              ['研究生', 33],
              ['大学', 64],
              ['大专', 3],
            ],
    );
    const entry = by + 18 + (monthOf(birth) >= 9 ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
    const edu = fullTimeEducation(rng, ftLevel, entry, unit.domain);
    const w = edu.gradMonth + (rng.chance(0.6) ? 0 : 1);
    if (w <= today - (k * 14 + 3) || attempt > 40) {
      ft = edu;
      work = Math.min(w, today - 1);
      break;
    }
  }
  const age = Math.floor((today - birth) / 12);
  const birthYear = yearOf(birth);
  if (ft.level !== '大专' && cpc && age <= 50 && birthYear >= 1972) {
    const r = rng.next();
    xuandiao = r < 0.1;
    cunguan = !xuandiao && birthYear >= 1980 && birthYear <= 1995 && r < 0.16;
  }

  // Career: months at each level, then the current post's start.
  const total = today - work;
  const raw = STEP_MONTHS.slice(0, k).map(([lo, hi]) => rng.int(lo, hi));
  const rawCurrent = k === 0 ? 0 : rng.int(6, 96);
  const scale = k === 0 ? 0 : total / (raw.reduce((a, b) => a + b, 0) + rawCurrent);
  const steps = raw.map(r => Math.max(12, Math.round(r * scale)));
  while (k > 0 && total - steps.reduce((a, b) => a + b, 0) < 2) {
    const i = steps.indexOf(Math.max(...steps));
    if (steps[i] <= 6) break;
    steps[i] -= 1;
  }
  const starts = [work];
  for (const s of steps) starts.push(starts[starts.length - 1] + s);
  const levelStart = starts[k];
  let postStart = levelStart;
  const tenure = today - levelStart;
  if (k > 0 && k < 6 && tenure >= 24 && rng.chance(0.45)) postStart = levelStart + rng.int(12, tenure - 6);
  // Staff: some moved unit (or came from a school, hospital, company) before the present post.
  if (k === 0 && total >= 36 && rng.chance(0.35)) postStart = work + rng.int(24, total - 6);
  // 选调生 and 大学生村官 need room for their first posts in the 简历.
  if (k === 0 && (xuandiao || cunguan)) {
    if (total >= 36) postStart = work + rng.int(cunguan ? 30 : 12, total - 3);
    else xuandiao = cunguan = false;
  }
  if (k > 0 && cunguan && starts[1] - work < 30) cunguan = false;

  // Party membership.
  const adult = birth + 18 * 12 + 1;
  let partyDate = '';
  let politicalStatus = '中共党员';
  if (cpc) {
    let pd: number;
    if (xuandiao || cunguan || rng.chance(0.55)) pd = rng.int(Math.max(adult, work - 24), work - 1);
    else pd = rng.int(work, Math.min(work + 72, today - 1));
    if (k > 0) pd = Math.min(pd, starts[1] - 1);
    pd = clamp(pd, adult, today - 1);
    partyDate = ym(pd);
    if (pd > today - 12) politicalStatus = '中共预备党员';
  } else if (level === '' && age < 29 && rng.chance(0.7)) {
    politicalStatus = rng.chance(0.8) ? '共青团员' : '群众';
  } else {
    const [status, short] = rng.weighted(DEMOCRATIC_PARTIES.map(([s, p, w]) => [[s, p], w] as const));
    politicalStatus = status;
    partyDate = short;
  }

  // Rank (职级) and its date.
  let rank: string;
  let rankDate: number;
  if (k === 0) {
    const ladder: [string, number][] = [
      ['二级科员', 0],
      ['一级科员', 12],
      ['四级主任科员', 54],
      ['三级主任科员', 96],
      ['二级主任科员', 144],
      ['一级主任科员', 192],
    ];
    const offset = rng.int(-18, 6);
    const eff = total + offset;
    let r = 0;
    for (let i = 0; i < ladder.length; i++) if (ladder[i][1] <= eff) r = i;
    rank = ladder[r][0];
    rankDate = clamp(work + ladder[r][1] - offset, work, today);
    if (r >= 2) rankDate = clamp(Math.max(rankDate, RANK_REFORM), work, today);
  } else {
    const pairs: Record<string, [string, string]> = {
      正厅: ['一级巡视员', '一级巡视员'],
      副厅: ['二级巡视员', '二级巡视员'],
      正处: ['一级调研员', '二级调研员'],
      副处: ['三级调研员', '四级调研员'],
      正科: ['一级主任科员', '二级主任科员'],
      副科: ['三级主任科员', '四级主任科员'],
    };
    const [upper, lower] = pairs[level];
    const long = levelStart + 48 <= today && (tenure >= 60 || age >= 53) && rng.chance(0.7);
    rank = long ? upper : lower;
    rankDate = Math.max(postStart, RANK_REFORM, long ? levelStart + 48 : 0);
    if (rng.chance(0.3)) rankDate += rng.int(0, 6);
    rankDate = clamp(rankDate, work, today);
  }

  // Post text.
  const basePost = cpc ? pos.post : (pos.nonCpcPost ?? pos.post);
  const post = k === 0 ? basePost + (rank === '一级科员' || rank === '二级科员' ? '科员' : rank) : basePost;

  return {
    unit,
    pos,
    level,
    k,
    gender,
    cpc,
    ethnicity,
    birth,
    age,
    birthYear,
    ft,
    work,
    total,
    xuandiao,
    cunguan,
    starts,
    postStart,
    partyDate,
    politicalStatus,
    rank,
    rankDate,
    post,
  };
}

type Plan = ReturnType<typeof planCadre>;

function finishCadre(ctx: Ctx, plan: Plan): DemoCadre {
  const { rng, today } = ctx;
  const {
    unit,
    pos,
    level,
    k,
    gender,
    cpc,
    ethnicity,
    birth,
    age,
    birthYear,
    ft,
    work,
    xuandiao,
    cunguan,
    starts,
    postStart,
    partyDate,
    politicalStatus,
    rank,
    rankDate,
    post,
  } = plan;

  // Resume.
  const person: Person = { gender, cpc, birth, young: !!pos.young };
  const lines = buildCareer(ctx, { unit, pos, person, k, starts, postStart, post, work, xuandiao, cunguan, major: ft.major.name });
  const firstJob = lines.firstJob;
  const resumeLines: ResumeLine[] = [...ft.lines.map(l => ({ start: l.start, end: l.end as number | null, text: l.text, notes: [] })), ...lines.lines];

  // In-service education, noted on the line where it began.
  let pt: InService | null = null;
  const ptChance = ft.level === '大专' ? 0.85 : ft.level === '大学' ? (k >= 3 ? 0.5 : 0.3) : 0.08;
  if (rng.chance(ptChance)) {
    const months = 36;
    const lo = work + 24;
    const hi = today - months - 1;
    if (hi >= lo) {
      const start0 = rng.int(lo, Math.min(hi, lo + 180));
      const start = start0 - (start0 % 12) + (rng.chance(0.7) ? 8 : 2); // September or March
      if (start >= lo && start <= hi) {
        pt = inServiceEducation(rng, ft.level, yearOf(start + months));
        const end = start + pt.months - (pt.months % 12 === 0 ? 2 : 0);
        attachNote(resumeLines, start, `${dot(start)}--${dot(end)} ${pt.study}`);
      }
    }
  }

  // 第一书记 stints and 京滨 secondments, also as notes.
  const tags = new Set<string>();
  let remarks = '';
  const inTown = unit.kind === '乡镇' || unit.kind === '街道';
  if (!inTown && age >= 30 && age <= 55 && k >= 1 && k <= 3 && rng.chance(0.07)) {
    const town = rng.pick(ctx.villageUnits);
    const village = `${town.full}${rng.pick(town.villages)}村`;
    const from = Math.max(work + 36, 2015 * 12 + 2);
    const current = Math.max(postStart, today - 20, from);
    // Sent from a 机关 post, not from a township.
    const past = spanWithin(ctx, resumeLines, from, 24, l => !/(镇|乡|街道|村)/.test(l.text));
    if (rng.chance(0.3) && current <= today - 3) {
      // Serving now, sent from the present post.
      const s = rng.int(current, today - 3);
      remarks = `${yearOf(s)}年${monthOf(s)}月起任${village}驻村第一书记`;
      tags.add('第一书记');
    } else if (past !== null) {
      attachNote(resumeLines, past, `${dot(past)}--${dot(past + 24)} 任${village}驻村第一书记`);
      tags.add('第一书记');
    }
  }
  if (!remarks && age < 46 && k >= 1 && k <= 3 && rng.chance(0.03)) {
    // A year in Beijing under the pairing programme, in March of a batch year, inside one post.
    const batch = rng.int(2022, ctx.todayYear - 2);
    const s = batch * 12 + 2;
    const line = resumeLines.find(l => !isStudy(l) && l.start <= s && s + 12 <= (l.end ?? today));
    if (line && s > work + 24) {
      const host = rng.pick(['朝阳区', '海淀区', '丰台区', '大兴区', '顺义区']);
      attachNote(resumeLines, s, `${dot(s)}--${dot(s + 12)} 在北京市${host}挂职锻炼`);
      remarks = `京滨对口合作挂职干部（${batch}年）`;
    }
  }

  const resume = resumeLines
    .map(l => {
      const dates = l.end === null ? `${dot(l.start)}--` : `${dot(l.start)}--${dot(l.end)}`;
      const notes = l.notes.length
        ? `（其间：${l.notes
            .sort((a, b) => a.at - b.at)
            .map(n => n.text)
            .join('；')}）`
        : '';
      return `${dates}  ${l.text}${notes}`;
    })
    .join('\n');

  // Titles and expertise.
  const professionalTitle = titleFor(rng, ft, unit.domain, age, firstJob);
  const expertise = rng.chance(0.65) ? DOMAIN_EXPERTISE[unit.domain] : ft.major.expertise;

  // Tags.
  if (xuandiao) tags.add('选调生');
  if (cunguan) tags.add('大学生村官');
  if (inTown && k >= 1 && (xuandiao || cunguan) && rng.chance(0.6)) tags.add('五方面人员');
  const youngPool = (k >= 3 && age < 45) || (k >= 1 && k <= 2 && age < 38);
  if ((youngPool && rng.chance(0.6)) || (k === 0 && age < 32 && rng.chance(0.12))) tags.add('年轻干部库');
  if ((/^(高级|正高级|主任医师|副主任医师)/.test(professionalTitle) || ft.degree.endsWith('博士')) && rng.chance(0.7)) tags.add('专家型干部');

  // Identity.
  const surnameAndName = uniqueName(ctx, gender, ethnicity, birthYear);
  const birthplace = pickBirthplace(rng, ethnicity);
  const nativePlace = pickNativePlace(rng, birthplace, ethnicity);
  const idNumber = uniqueId(ctx, rng.pick(birthplace.codes), birth, gender);

  // Status.
  const birthText = ym(birth);
  let status = '在职';
  const retire = retirementDate(birthText, gender, retirementBaseAge(gender));
  if (retire && retire <= ym(today)) {
    status = '退休';
    remarks = `${Number(retire.slice(0, 4))}年${Number(retire.slice(5, 7))}月退休`;
  } else if (rng.chance(0.012)) {
    status = '调出';
    const s = rng.int(Math.max(postStart, today - 10), today);
    remarks = `${yearOf(s)}年${monthOf(s)}月调出，到${rng.pick(['沈阳市', '大连市', '鞍山市', '省直单位'])}工作`;
  }

  const assessments = assess(ctx, work, k);
  const rewards = rewardsFor(ctx, { work, cpc, assessments, domain: unit.domain, inTown });
  const family = familyOf(ctx, { surname: surnameAndName.surname, gender, birth, ethnicity });

  return {
    unitKey: unit.key,
    name: surnameAndName.name,
    gender,
    birth: birthText,
    ethnicity,
    nativePlace,
    birthplace: birthplace.name,
    partyDate,
    workDate: ym(work),
    politicalStatus,
    health: rng.chance(0.95) ? '健康' : '良好',
    professionalTitle,
    expertise,
    ftEducation: ft.level,
    ftDegree: ft.degree,
    ftEduSchool: ft.school,
    ftDegreeSchool: ft.degreeSchool,
    ptEducation: pt?.education ?? '',
    ptDegree: pt?.degree ?? '',
    ptEduSchool: pt && pt.education ? pt.school : '',
    ptDegreeSchool: pt?.degreeSchool ?? '',
    post,
    leadershipLevel: level,
    rank,
    postDate: ym(postStart),
    rankDate: ym(rankDate),
    idNumber,
    status,
    tags: TAG_ORDER.filter(t => tags.has(t)),
    remarks,
    resume,
    rewards,
    family,
    assessments,
  };
}

// ---------------------------------------------------------------------------------------------
// Career lines

interface Person {
  gender: '男' | '女';
  cpc: boolean;
  birth: number;
  young: boolean;
}

interface CareerInput {
  unit: UnitDef;
  pos: Position;
  person: Person;
  k: number;
  starts: number[];
  postStart: number;
  post: string;
  work: number;
  xuandiao: boolean;
  cunguan: boolean;
  major: string;
}

function buildCareer(ctx: Ctx, c: CareerInput): { lines: ResumeLine[]; firstJob: string } {
  const { rng } = ctx;
  const lines: ResumeLine[] = [];
  const add = (start: number, end: number | null, text: string) => {
    if (end !== null && end <= start) return;
    lines.push({ start, end, text, notes: [] });
  };
  const used = new Set<string>([c.post]);
  const pick = (level: Level, at: number, until: number) => {
    const p = historyPosition(ctx, c.unit, level, c.person, at, until, used);
    used.add(p);
    if (level === '') return `${p}科员`;
    occupy(ctx, p, at, until);
    return p;
  };

  // Step 0: the first job(s), as staff.
  const staffEnd = c.k === 0 ? c.postStart : c.starts[1];
  let t = c.work;
  let firstJob = '';
  const town = c.unit.villages.length ? c.unit : rng.pick(ctx.villageUnits.filter(u => u.scope === c.unit.scope || c.unit.scope === 'city'));
  if (c.cunguan && staffEnd - t >= 24) {
    const end = Math.min(t + rng.int(24, 36), staffEnd - 6);
    add(t, end, `${town.full}${rng.pick(town.villages)}村党支部书记助理（大学生村官）`);
    t = end;
  } else if (!c.xuandiao && !c.cunguan && staffEnd - t >= 36 && rng.chance(0.2)) {
    firstJob = institutionJob(rng, c.major);
    const end = t + rng.int(12, Math.min(60, staffEnd - t - 12));
    add(t, end, firstJob);
    t = end;
  }
  if (c.k === 0) {
    // Current staff: maybe an earlier unit before the present one.
    if (c.postStart - t >= 24) {
      const text = c.xuandiao ? `${town.full}科员（选调生）` : pick('', t, c.postStart);
      splitStaff(add, t, c.postStart, text);
    } else if (c.postStart > t) {
      add(t, c.postStart, c.xuandiao ? `${town.full}科员（选调生）` : pick('', t, c.postStart));
    }
    add(c.postStart, null, c.post);
    return { lines, firstJob };
  }
  const firstStaff = c.xuandiao ? `${town.full}科员（选调生）` : c.cunguan ? `${town.full}科员` : pick('', t, staffEnd);
  splitStaff(add, t, staffEnd, firstStaff);

  // Steps 1 … k-1, and the current level before the present post: a long stay at one level
  // is usually several posts (cadres rotate every few years).
  const level = (j: number, s: number, e: number) => {
    const n = Math.min(3, 1 + Math.floor((e - s) / rng.int(60, 84)));
    let from = s;
    for (let i = 1; i <= n; i++) {
      const to = i === n ? e : Math.max(from + 24, Math.min(e - 24 * (n - i), s + Math.round(((e - s) * i) / n) + rng.int(-6, 6)));
      add(from, to, pick(LADDER[j], from, to));
      from = to;
    }
  };
  for (let j = 1; j < c.k; j++) level(j, c.starts[j], c.starts[j + 1]);
  if (c.postStart > c.starts[c.k]) level(c.k, c.starts[c.k], c.postStart);
  add(c.postStart, null, c.post);
  return { lines, firstJob };
}

/** A long stint as staff reads 科员 then 副主任科员 (before 2019) or 四级主任科员 (after). */
function splitStaff(add: (s: number, e: number | null, text: string) => void, start: number, end: number, text: string) {
  if (end - start > 60 && text.endsWith('科员') && !text.includes('（')) {
    const mid = start + 36 + Math.floor((end - start - 36) / 3);
    add(start, mid, text);
    add(mid, end, text.replace(/科员$/, mid < RANK_REFORM ? '副主任科员' : '四级主任科员'));
  } else {
    add(start, end, text);
  }
}

/** A post (or, for staff, a unit prefix) at `level` that this person might have held earlier. */
function historyPosition(ctx: Ctx, current: UnitDef, level: Level, person: Person, at: number, until: number, used: Set<string>): string {
  return (
    historyCandidate(ctx, current, level, person, at, until, used, true) ??
    historyCandidate(ctx, current, level, person, at, until, used, false) ??
    // Nothing fits (a non-CPC cadre at a level only CPC members hold): a non-leading post.
    (level === '' ? current.full : `${current.full}${level === '副科' || level === '正科' ? '主任科员' : '调研员'}`)
  );
}

function historyCandidate(
  ctx: Ctx,
  current: UnitDef,
  level: Level,
  person: Person,
  at: number,
  until: number,
  used: Set<string>,
  free: boolean,
): string | null {
  const { rng } = ctx;
  const ageThen = (at - person.birth) / 12;
  const candidates: (readonly [string, number])[] = [];
  for (const p of ctx.byLevel.get(level) ?? []) {
    if (p.female && person.gender === '男') continue;
    if (p.male && person.gender === '女') continue;
    if (p.young && ageThen > 38 && !person.young) continue;
    const text = person.cpc ? p.post : p.nonCpcPost;
    if (text === undefined || used.has(text)) continue;
    if (free && level !== '' && !isFree(ctx, text, at, until)) continue;
    const u = ctx.units.get(p.unitKey)!;
    let w: number;
    if (u.key === current.key) w = 6;
    else if (u.parentKey !== null && (u.parentKey === current.parentKey || u.parentKey === current.key)) w = 2;
    else if (u.scope === current.scope) w = 1.2;
    else if (current.scope === 'city' && u.scope !== 'city') w = level === '' || level === '副科' || level === '正科' ? 0.25 : 0.08;
    else w = 0.05;
    // Posts off the roster make room; 人大/政协 posts usually come late in a career, not before.
    if (p.historyOnly) w *= /人大|政协/.test(text) ? 0.15 : 0.6;
    candidates.push([text, w]);
  }
  return candidates.length ? rng.weighted(candidates) : null;
}

function institutionJob(rng: Rng, major: string): string {
  const C = CITY_NAME;
  const school = () => `${C}第${CN_NUM[rng.int(1, 20)]}中学教师`;
  const table: Record<string, () => string> = {
    教育学: school,
    汉语言文学: school,
    数学与应用数学: school,
    英语: school,
    思想政治教育: school,
    历史学: school,
    地理科学: school,
    临床医学: () => `${C}中心医院医师`,
    新闻学: () => `${C}日报社记者`,
    法学: () => `${C}中级人民法院书记员`,
    农学: () => `${C}农业科学院技术员`,
    动物医学: () => `${C}动物疫病预防控制中心技术员`,
    土木工程: () => `${C}规划设计研究院技术员`,
    城乡规划: () => `${C}规划设计研究院技术员`,
    会计学: () => `中国工商银行${CITY}分行职员`,
    金融学: () => `中国建设银行${CITY}分行职员`,
    经济学: () => `${C}国有资产经营有限公司职员`,
  };
  return (table[major] ?? (() => rng.pick([`${C}政务服务中心工作人员`, `国网${CITY}供电公司职员`, `${C}城市建设投资集团有限公司职员`])))();
}

const isStudy = (l: ResumeLine) => l.text.endsWith('学习') || l.text.includes('学位');

function attachNote(lines: ResumeLine[], at: number, text: string): void {
  // The line in which the note's period begins; a study that starts after graduation never lands on a study line.
  const target = lines.find(l => l.start <= at && (l.end === null || at < l.end) && !isStudy(l)) ?? lines.filter(l => !isStudy(l)).at(-1);
  target?.notes.push({ at, text });
}

/** A start month, not before `from`, for a `length`-month stint that fits inside one work line; null if none does. */
function spanWithin(ctx: Ctx, lines: ResumeLine[], from: number, length: number, ok: (l: ResumeLine) => boolean = () => true): number | null {
  const fits = lines
    .filter(l => !isStudy(l) && ok(l))
    .map(l => [Math.max(l.start, from), (l.end ?? ctx.today - 1) - length] as const)
    .filter(([lo, hi]) => hi >= lo);
  if (fits.length === 0) return null;
  const [lo, hi] = ctx.rng.pick(fits);
  return ctx.rng.int(lo, hi);
}

function titleFor(rng: Rng, ft: FullTimeEducation, domain: Domain, age: number, firstJob: string): string {
  const m = ft.major;
  if (firstJob.endsWith('教师') && rng.chance(0.6)) return age >= 45 ? '中学高级教师' : '中学一级教师';
  if (firstJob.endsWith('医师') || (m.name === '临床医学' && (domain === 'health' || domain === 'medins') && rng.chance(0.7))) {
    return age >= 48 ? '主任医师' : age >= 40 ? '副主任医师' : '主治医师';
  }
  const tech: Domain[] = ['build', 'transport', 'water', 'land', 'env', 'industry', 'science', 'emergency'];
  if (m.discipline === '工学' && tech.includes(domain) && rng.chance(0.4)) return age >= 42 ? '高级工程师' : '工程师';
  if (['会计学', '审计学', '财政学'].includes(m.name) && ['finance', 'audit', 'discipline'].includes(domain) && rng.chance(0.3)) {
    return m.name === '审计学' ? (age >= 42 ? '高级审计师' : '审计师') : age >= 42 ? '高级会计师' : '会计师';
  }
  if (m.discipline === '经济学' && rng.chance(0.12)) return age >= 42 ? '高级经济师' : '经济师';
  if (m.name === '农学' && domain === 'agri' && rng.chance(0.35)) return age >= 42 ? '高级农艺师' : '农艺师';
  if (m.name === '动物医学' && rng.chance(0.35)) return age >= 42 ? '高级兽医师' : '兽医师';
  return '';
}

// ---------------------------------------------------------------------------------------------
// Identity

function uniqueName(ctx: Ctx, gender: '男' | '女', ethnicity: string, birthYear: number): { surname: string; name: string } {
  const { rng } = ctx;
  for (let i = 0; ; i++) {
    const surname = pickSurname(rng, ethnicity);
    const name = surname + pickGivenName(rng, gender, birthYear, i < 10 ? 0.3 : 0);
    if (!ctx.names.has(name) || i > 50) {
      ctx.names.add(name);
      return { surname, name };
    }
  }
}

function uniqueId(ctx: Ctx, area: string, birth: number, gender: '男' | '女'): string {
  const { rng } = ctx;
  const date = `${yearOf(birth)}${String(monthOf(birth)).padStart(2, '0')}`;
  let day = rng.int(1, 28);
  for (let i = 0; ; i++) {
    if (i > 0 && i % 50 === 0) day = (day % 28) + 1;
    const seq = rng.int(0, 99) * 10 + (gender === '男' ? 2 * rng.int(0, 4) + 1 : 2 * rng.int(0, 4));
    const body = `${area}${date}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
    const id = body + idCheckChar(body);
    if (!ctx.ids.has(id)) {
      ctx.ids.add(id);
      return id;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Assessments and rewards

function assess(ctx: Ctx, work: number, k: number): DemoCadre['assessments'] {
  const { rng } = ctx;
  const out: DemoCadre['assessments'] = [];
  for (let year = ctx.todayYear - 3; year < ctx.todayYear; year++) {
    if (work > year * 12 + 11) continue;
    if (yearOf(work) === year && k === 0) {
      out.push({ year, grade: '不定等次', note: '新录用公务员试用期内，不定等次' });
      continue;
    }
    const r = rng.next();
    const grade = r < (k >= 3 ? 0.2 : 0.17) ? '优秀' : r < 0.995 ? '称职' : '基本称职';
    out.push({ year, grade, note: '' });
  }
  return out;
}

function rewardsFor(ctx: Ctx, p: { work: number; cpc: boolean; assessments: DemoCadre['assessments']; domain: Domain; inTown: boolean }): string {
  const { rng, todayYear } = ctx;
  const items: [number, string][] = [];
  const excellent = p.assessments.filter(a => a.grade === '优秀');
  if (excellent.length === 3) items.push([todayYear - 1, `${todayYear - 1}年因连续三年年度考核被确定为优秀等次，记三等功`]);
  if (rng.chance(0.25)) {
    const lo = Math.max(yearOf(p.work) + 2, 2005);
    const hi = todayYear - 4;
    const n = rng.chance(0.25) ? 2 : 1;
    for (let i = 0; i < n && hi >= lo; i++) {
      const y = rng.int(lo, hi);
      const options: string[] = [`${y}年度考核被确定为优秀等次，嘉奖`, `${y}年被评为${CITY_NAME}优秀公务员`];
      if (p.cpc) options.push(`${y}年被评为${CITY_NAME}优秀共产党员`, `${y}年被${CITY_NAME}委评为优秀党务工作者`);
      if (p.domain === 'org') options.push(`${y}年被评为全省组织系统先进工作者`);
      if (yearOf(p.work) < 2020) options.push(`2020年被评为${CITY_NAME}抗击新冠肺炎疫情先进个人`);
      if ((p.inTown || p.domain === 'agri') && yearOf(p.work) < 2020) options.push(`2021年被评为${PROVINCE}省脱贫攻坚先进个人`);
      const text = rng.pick(options);
      const year = Number(/^(\d{4})/.exec(text)![1]);
      if (!items.some(([, t]) => t === text)) items.push([year, text]);
    }
  }
  if (items.length === 0) return '无';
  return (
    items
      .sort((a, b) => a[0] - b[0])
      .map(([, t]) => t)
      .join('；') + '。'
  );
}

// ---------------------------------------------------------------------------------------------
// Family

const SPOUSE_WORK = (rng: Rng, gender: '男' | '女'): string => {
  const C = CITY_NAME;
  return rng.weighted([
    [`${C}第${CN_NUM[rng.int(1, 20)]}中学教师`, 4],
    [gender === '女' ? `${C}中心医院护士` : `${C}中心医院医师`, 2],
    [`${C}第${CN_NUM[rng.int(1, 12)]}小学教师`, 3],
    [`国网${CITY}供电公司职员`, 2],
    [`中国建设银行${CITY}分行职员`, 2],
    [`${C}${rng.pick(['税务局', '公安局', '人民检察院', '中级人民法院'])}干部`, 2],
    [`${rng.pick(UNIT_TREE.filter(u => u.kind === '政府部门')).full}科员`, 2],
    [`${C}城市建设投资集团有限公司职员`, 1.5],
    [`${C}${rng.pick(['滨河区', '望江区', '金桥区'])}社区工作者`, 1],
    ['个体经营', 1],
  ]);
};

function childWork(rng: Rng, age: number): string {
  const C = CITY_NAME;
  if (age < 3) return '学龄前儿童';
  if (age < 6) return `${C}${rng.pick(['第一', '实验', '机关'])}幼儿园`;
  if (age < 12) return `${C}${rng.pick(['实验小学', '第二小学', '育才小学', '胜利小学'])}学生`;
  if (age < 15) return `${C}第${CN_NUM[rng.int(1, 20)]}中学学生`;
  if (age < 18) return `${C}${rng.pick(['第一', '第二', '实验'])}高级中学学生`;
  if (age < 23) return `${rng.pick(['东北大学', '辽宁大学', '大连理工大学', '沈阳师范大学', '吉林大学', '东北财经大学', '山东大学'])}学生`;
  if (age < 25 && rng.chance(0.4)) return `${rng.pick(['东北大学', '辽宁大学', '大连理工大学', '吉林大学'])}研究生`;
  return rng.pick([
    `${C}第${CN_NUM[rng.int(1, 20)]}中学教师`,
    `中国银行${CITY}分行职员`,
    '沈阳地铁集团有限公司职员',
    `${C}人民医院医师`,
    '大连港集团有限公司职员',
    `${C}${rng.pick(['滨河区', '望江区', '金桥区'])}${rng.pick(['中山', '解放', '南湖'])}街道社区工作者`,
  ]);
}

function childStatus(rng: Rng, age: number): string {
  if (age < 14) return '群众';
  if (age < 28) return age >= 19 && rng.chance(0.12) ? '中共党员' : rng.chance(0.85) ? '共青团员' : '群众';
  return rng.chance(0.3) ? '中共党员' : '群众';
}

function familyOf(ctx: Ctx, c: { surname: string; gender: '男' | '女'; birth: number; ethnicity: string }): DemoFamilyMember[] {
  const { rng, today } = ctx;
  const ageOf = (b: number) => Math.floor((today - b) / 12);
  const age = ageOf(c.birth);
  const members: DemoFamilyMember[] = [];

  const married = rng.chance(age < 28 ? 0.35 : age < 32 ? 0.75 : 0.95);
  let spouseSurname = '';
  if (married) {
    const sg: '男' | '女' = c.gender === '男' ? '女' : '男';
    const sb = clamp(c.gender === '男' ? c.birth + rng.int(-12, 48) : c.birth - rng.int(-12, 48), 1960 * 12, today - 22 * 12);
    spouseSurname = pickSurname(rng);
    const retired = ageOf(sb) >= (sg === '女' ? 55 : 60);
    members.push({
      relation: '配偶',
      name: spouseSurname + pickGivenName(rng, sg, yearOf(sb)),
      birth: ym(sb),
      politicalStatus: rng.weighted([
        ['中共党员', 45],
        ['群众', 48],
        ['民盟盟员', 2],
        ['九三学社社员', 2],
        ['无党派人士', 3],
      ]),
      work: retired ? '退休' : SPOUSE_WORK(rng, sg),
    });

    // Children share the father's surname (now and then the mother's).
    const mother = c.gender === '女' ? c.birth : sb;
    const childSurname = c.gender === '男' || rng.chance(0.12) ? c.surname : spouseSurname;
    const by = yearOf(c.birth);
    const n = rng.weighted(
      by < 1979
        ? [
            [1, 88],
            [2, 8],
            [0, 4],
          ]
        : by < 1991
          ? [
              [1, 75],
              [2, 20],
              [0, 5],
            ]
          : [
              [0, 40],
              [1, 48],
              [2, 12],
            ],
    );
    let cb = mother + rng.int(24, 33) * 12 + rng.int(0, 11);
    for (let i = 0; i < n; i++) {
      if (i === 1) {
        cb += rng.int(2, 8) * 12 + rng.int(0, 11);
        // A second child before the 2016 two-child policy only for minority families.
        if (cb < 2016 * 12 && c.ethnicity === '汉族') cb = 2016 * 12 + rng.int(0, 60);
      }
      if (cb > today - 3) break;
      const cg: '男' | '女' = rng.chance(0.52) ? '男' : '女';
      const ca = ageOf(cb);
      members.push({
        relation: cg === '男' ? '儿子' : '女儿',
        name: childSurname + pickGivenName(rng, cg, yearOf(cb), 0.25),
        birth: ym(cb),
        politicalStatus: childStatus(rng, ca),
        work: childWork(rng, ca),
      });
    }
  }

  // Parents fill the table to two to four rows.
  const fb = c.birth - rng.int(23, 33) * 12 - rng.int(0, 11);
  const mb = clamp(fb + rng.int(-12, 48), fb - 12, c.birth - 20 * 12);
  const parents: DemoFamilyMember[] = (['父亲', '母亲'] as const).map(relation => {
    const pg: '男' | '女' = relation === '父亲' ? '男' : '女';
    const b = relation === '父亲' ? fb : mb;
    const pa = ageOf(b);
    const dead = rng.chance(pa >= 90 ? 0.8 : pa >= 80 ? 0.35 : pa >= 70 ? 0.12 : 0.03);
    const work = dead
      ? '已去世'
      : pa >= (pg === '女' ? 55 : 60)
        ? rng.chance(0.85)
          ? '退休'
          : '务农'
        : rng.pick(['务农', '个体经营', `${CITY_NAME}城市建设投资集团有限公司职员`]);
    return {
      relation,
      name: (relation === '父亲' ? c.surname : pickSurname(rng)) + pickParentGivenName(rng, pg),
      birth: ym(b),
      politicalStatus: rng.chance(0.35) ? '中共党员' : '群众',
      work,
    };
  });
  for (const p of parents) {
    if (members.length >= 4) break;
    if (members.length < 2 || rng.chance(0.55)) members.push(p);
  }
  // Still short (a single cadre whose father was skipped): take the other parent too.
  for (const p of parents) if (members.length < 2 && !members.includes(p)) members.push(p);
  const order = ['配偶', '儿子', '女儿', '父亲', '母亲'];
  const rows = members.slice(0, 4);
  // Children stay in birth order; otherwise the form's order: spouse, children, father, mother.
  return rows.sort((a, b) => (isChild(a) && isChild(b) ? a.birth.localeCompare(b.birth) : rel(a) - rel(b)));
  function isChild(m: DemoFamilyMember) {
    return m.relation === '儿子' || m.relation === '女儿';
  }
  function rel(m: DemoFamilyMember) {
    return isChild(m) ? 1 : order.indexOf(m.relation);
  }
}
