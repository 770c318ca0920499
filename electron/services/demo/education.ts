/**
 * Schools, majors and in-service programmes. Real universities; names as they were
 * when the person graduated (沈阳师范学院 became 沈阳师范大学 in 2002, …).
 */
import type { Rng } from './random';
import type { Domain } from './units';

type SchoolKind = 'comp' | 'tech' | 'finance' | 'normal' | 'law' | 'agri' | 'medical';

interface School {
  readonly name: string;
  readonly kinds: readonly SchoolKind[];
  readonly weight: number;
  /** [year, name before that year]: the older name applies to graduations before the year. */
  readonly formerly?: readonly (readonly [number, string])[];
}

const UNIVERSITIES: readonly School[] = [
  { name: '辽宁大学', kinds: ['comp', 'law', 'finance'], weight: 10 },
  { name: '东北大学', kinds: ['tech', 'comp'], weight: 8 },
  { name: '大连理工大学', kinds: ['tech'], weight: 5 },
  { name: '东北财经大学', kinds: ['finance'], weight: 7 },
  { name: '沈阳师范大学', kinds: ['normal'], weight: 6, formerly: [[2002, '沈阳师范学院']] },
  { name: '辽宁师范大学', kinds: ['normal'], weight: 6 },
  { name: '渤海大学', kinds: ['normal', 'comp'], weight: 3, formerly: [[2003, '锦州师范学院']] },
  { name: '沈阳农业大学', kinds: ['agri'], weight: 6 },
  { name: '沈阳建筑大学', kinds: ['tech'], weight: 4, formerly: [[2004, '沈阳建筑工程学院']] },
  { name: '沈阳工业大学', kinds: ['tech'], weight: 3 },
  { name: '辽宁工程技术大学', kinds: ['tech'], weight: 3 },
  { name: '沈阳航空航天大学', kinds: ['tech'], weight: 1.5, formerly: [[2010, '沈阳航空工业学院']] },
  { name: '大连海事大学', kinds: ['tech'], weight: 1.5 },
  { name: '中国医科大学', kinds: ['medical'], weight: 3 },
  {
    name: '锦州医科大学',
    kinds: ['medical'],
    weight: 1.5,
    formerly: [
      [2006, '锦州医学院'],
      [2016, '辽宁医学院'],
    ],
  },
  { name: '吉林大学', kinds: ['comp', 'law', 'tech'], weight: 4 },
  { name: '东北师范大学', kinds: ['normal', 'comp'], weight: 3 },
  { name: '哈尔滨工业大学', kinds: ['tech'], weight: 2 },
  { name: '东北农业大学', kinds: ['agri'], weight: 1.5 },
  { name: '中国政法大学', kinds: ['law'], weight: 2 },
  { name: '西南政法大学', kinds: ['law'], weight: 1 },
  { name: '中国人民大学', kinds: ['comp', 'law', 'finance'], weight: 1.5 },
  { name: '南开大学', kinds: ['comp', 'finance'], weight: 1 },
  { name: '山东大学', kinds: ['comp', 'tech'], weight: 1.5 },
  { name: '武汉大学', kinds: ['comp', 'law'], weight: 1 },
  { name: '中国农业大学', kinds: ['agri'], weight: 1 },
  { name: '北京大学', kinds: ['comp', 'law'], weight: 0.5 },
];

/** Universities that award doctorates in the fields the demo uses. */
const DOCTORAL = new Set([
  '辽宁大学',
  '东北大学',
  '大连理工大学',
  '东北财经大学',
  '吉林大学',
  '东北师范大学',
  '哈尔滨工业大学',
  '中国人民大学',
  '南开大学',
  '山东大学',
  '武汉大学',
  '北京大学',
  '中国政法大学',
  '中国医科大学',
  '沈阳农业大学',
  '中国农业大学',
]);

const COLLEGES: readonly School[] = [
  { name: '辽宁交通高等专科学校', kinds: ['tech'], weight: 3 },
  { name: '辽宁经济职业技术学院', kinds: ['finance'], weight: 3, formerly: [[2003, '辽宁省经济管理干部学院']] },
  { name: '辽宁农业职业技术学院', kinds: ['agri'], weight: 3, formerly: [[2003, '辽宁省熊岳农业高等专科学校']] },
  { name: '锦州师范高等专科学校', kinds: ['normal'], weight: 3 },
  { name: '沈阳大学', kinds: ['comp', 'law', 'finance'], weight: 4 },
  { name: '辽宁财政高等专科学校', kinds: ['finance'], weight: 2 },
];

export interface Major {
  readonly name: string;
  /** The 学科门类 of its bachelor's degree (法学 → 法学学士). */
  readonly discipline: string;
  readonly kinds: readonly SchoolKind[];
  /** Master's programmes that follow it: [major, discipline]. */
  readonly masters: readonly (readonly [string, string])[];
  readonly expertise: string;
}

const m = (name: string, discipline: string, kinds: string, masters: string, expertise: string): Major => ({
  name,
  discipline,
  kinds: kinds.split(' ') as SchoolKind[],
  masters: masters.split(' ').map(p => p.split('/') as [string, string]),
  expertise,
});

export const MAJORS: readonly Major[] = [
  m('法学', '法学', 'law comp', '法学理论/法学 宪法学与行政法学/法学 经济法学/法学', '熟悉法律事务'),
  m('汉语言文学', '文学', 'normal comp', '中国现当代文学/文学 语言学及应用语言学/文学', '熟悉文字综合工作'),
  m('新闻学', '文学', 'comp', '新闻学/文学 传播学/文学', '熟悉新闻宣传工作'),
  m('英语', '文学', 'normal comp', '英语语言文学/文学', '熟悉外事和对外交流工作'),
  m('历史学', '历史学', 'normal comp', '中国近现代史/历史学 中共党史/法学', '熟悉党史和文字综合工作'),
  m('哲学', '哲学', 'comp', '马克思主义哲学/哲学', '熟悉理论研究工作'),
  m('思想政治教育', '法学', 'normal', '思想政治教育/法学 马克思主义基本原理/法学', '熟悉党建和思想政治工作'),
  m('政治学与行政学', '法学', 'comp law', '政治学理论/法学 中外政治制度/法学', '熟悉党建和行政管理工作'),
  m('社会学', '法学', 'comp', '社会学/法学', '熟悉社会治理工作'),
  m('行政管理', '管理学', 'comp law finance tech', '行政管理/管理学 社会保障/管理学', '熟悉行政管理工作'),
  m('公共事业管理', '管理学', 'comp medical', '行政管理/管理学 社会医学与卫生事业管理/管理学', '熟悉公共事业管理'),
  m('人力资源管理', '管理学', 'comp finance', '企业管理/管理学 行政管理/管理学', '熟悉人力资源管理'),
  m('会计学', '管理学', 'finance comp', '会计学/管理学', '熟悉财务会计工作'),
  m('工商管理', '管理学', 'finance comp tech', '企业管理/管理学', '熟悉企业管理和经济工作'),
  m('经济学', '经济学', 'finance comp', '区域经济学/经济学 国民经济学/经济学 政治经济学/经济学', '熟悉经济管理工作'),
  m('财政学', '经济学', 'finance', '财政学/经济学', '熟悉财政税收工作'),
  m('金融学', '经济学', 'finance comp', '金融学/经济学', '熟悉金融工作'),
  m('国际经济与贸易', '经济学', 'finance comp tech', '国际贸易学/经济学 产业经济学/经济学', '熟悉外经外贸和招商引资工作'),
  m('统计学', '经济学', 'finance', '统计学/经济学', '熟悉统计分析工作'),
  m('审计学', '管理学', 'finance', '会计学/管理学', '熟悉审计工作'),
  m('计算机科学与技术', '工学', 'tech comp normal', '计算机应用技术/工学 计算机软件与理论/工学', '熟悉信息化工作'),
  m('土木工程', '工学', 'tech', '结构工程/工学 市政工程/工学', '熟悉工程建设管理'),
  m('城乡规划', '工学', 'tech', '城乡规划学/工学', '熟悉城乡规划工作'),
  m('环境工程', '工学', 'tech agri', '环境工程/工学 环境科学/理学', '熟悉生态环境保护工作'),
  m('交通运输', '工学', 'tech', '交通运输规划与管理/工学', '熟悉交通运输管理'),
  m('水利水电工程', '工学', 'tech agri', '水利水电工程/工学 水文学及水资源/工学', '熟悉水利工程管理'),
  m('机械设计制造及其自动化', '工学', 'tech', '机械制造及其自动化/工学', '熟悉工业经济工作'),
  m('电气工程及其自动化', '工学', 'tech', '电力系统及其自动化/工学', '熟悉工业和能源工作'),
  m('数学与应用数学', '理学', 'normal comp', '应用数学/理学', '熟悉统计分析和信息化工作'),
  m('地理科学', '理学', 'normal', '人文地理学/理学 地图学与地理信息系统/理学', '熟悉国土空间规划工作'),
  m('农学', '农学', 'agri', '作物栽培学与耕作学/农学 作物遗传育种/农学', '熟悉农业技术推广工作'),
  m('农林经济管理', '管理学', 'agri', '农业经济管理/管理学', '熟悉农村经济管理工作'),
  m('动物医学', '农学', 'agri', '临床兽医学/农学', '熟悉畜牧兽医工作'),
  m('临床医学', '医学', 'medical', '内科学/医学 外科学/医学', '熟悉医疗卫生管理'),
  m('教育学', '教育学', 'normal', '教育学原理/教育学 课程与教学论/教育学', '熟悉教育管理工作'),
];

/** Majors a unit's people tend to have studied. */
const DOMAIN_MAJORS: Partial<Record<Domain, readonly string[]>> = {
  office: ['汉语言文学', '行政管理', '法学', '新闻学', '历史学'],
  org: ['行政管理', '汉语言文学', '思想政治教育', '法学', '人力资源管理', '政治学与行政学'],
  propaganda: ['新闻学', '汉语言文学', '哲学', '思想政治教育', '历史学'],
  unitedfront: ['政治学与行政学', '社会学', '历史学', '法学'],
  politicslaw: ['法学', '政治学与行政学'],
  discipline: ['法学', '会计学', '审计学', '汉语言文学'],
  policy: ['经济学', '汉语言文学', '哲学', '政治学与行政学'],
  staffing: ['行政管理', '人力资源管理'],
  partywork: ['思想政治教育', '汉语言文学', '行政管理'],
  econ: ['经济学', '国际经济与贸易', '金融学', '统计学', '城乡规划'],
  edu: ['教育学', '汉语言文学', '数学与应用数学', '思想政治教育'],
  science: ['计算机科学与技术', '机械设计制造及其自动化', '电气工程及其自动化'],
  industry: ['机械设计制造及其自动化', '电气工程及其自动化', '计算机科学与技术', '工商管理'],
  civil: ['社会学', '行政管理', '公共事业管理'],
  justice: ['法学'],
  finance: ['财政学', '会计学', '经济学', '金融学'],
  hr: ['人力资源管理', '行政管理', '社会学'],
  land: ['地理科学', '城乡规划', '土木工程'],
  env: ['环境工程', '地理科学'],
  build: ['土木工程', '城乡规划'],
  transport: ['交通运输', '土木工程'],
  water: ['水利水电工程', '土木工程'],
  agri: ['农学', '农林经济管理', '动物医学'],
  commerce: ['国际经济与贸易', '经济学', '英语'],
  culture: ['历史学', '汉语言文学', '新闻学'],
  health: ['临床医学', '公共事业管理'],
  veterans: ['行政管理', '社会学'],
  emergency: ['机械设计制造及其自动化', '环境工程', '行政管理'],
  audit: ['审计学', '会计学'],
  market: ['法学', '工商管理', '经济学'],
  stats: ['统计学', '数学与应用数学'],
  medins: ['公共事业管理', '会计学', '临床医学'],
  township: ['农学', '农林经济管理', '行政管理', '汉语言文学'],
  street: ['行政管理', '社会学', '法学'],
};

export function pickMajor(rng: Rng, domain: Domain): Major {
  const preferred = DOMAIN_MAJORS[domain];
  const name = preferred && rng.chance(0.55) ? rng.pick(preferred) : undefined;
  return MAJORS.find(x => x.name === name) ?? rng.pick(MAJORS);
}

function nameAt(school: School, gradYear: number): string {
  for (const [until, old] of school.formerly ?? []) if (gradYear < until) return old;
  return school.name;
}

function pickSchool(rng: Rng, pool: readonly School[], major: Major, elite = false): School {
  const fits = pool.filter(s => s.kinds.some(k => major.kinds.includes(k)));
  const list = fits.length ? fits : pool;
  return rng.weighted(list.map(s => [s, elite && s.weight < 2 ? s.weight * 3 : s.weight] as const));
}

export type FtLevel = '研究生' | '大学' | '大专';

export interface FullTimeEducation {
  level: FtLevel;
  degree: string;
  /** 毕业院校系及专业 of the highest full-time education. */
  school: string;
  degreeSchool: string;
  /** Month indexes (year * 12 + month - 1) of the study lines, in order. */
  lines: { start: number; end: number; text: string }[];
  gradMonth: number;
  major: Major;
}

const monthIndex = (year: number, month: number) => year * 12 + month - 1;

/** Full-time education from university entrance to the last graduation (always in July). */
export function fullTimeEducation(rng: Rng, level: FtLevel, entryYear: number, domain: Domain): FullTimeEducation {
  const major = pickMajor(rng, domain);
  const years = level === '大专' ? 3 : major.discipline === '医学' ? 5 : 4;
  const firstGrad = entryYear + years;
  const firstSchool = pickSchool(rng, level === '大专' ? COLLEGES : UNIVERSITIES, major);
  const firstName = `${nameAt(firstSchool, firstGrad)}${major.name}专业`;
  const lines = [{ start: monthIndex(entryYear, 9), end: monthIndex(firstGrad, 7), text: `${firstName}学习` }];
  if (level === '大专') {
    return { level, degree: '', school: firstName, degreeSchool: '', lines, gradMonth: monthIndex(firstGrad, 7), major };
  }
  const bachelor = `${major.discipline}学士`;
  if (level === '大学') {
    return { level, degree: bachelor, school: firstName, degreeSchool: firstName, lines, gradMonth: monthIndex(firstGrad, 7), major };
  }
  // 研究生: a master's, now and then a doctorate after it.
  const [mMajor, mDiscipline] = rng.pick(major.masters);
  const mYears = rng.chance(0.75) ? 3 : 2;
  const mGrad = firstGrad + mYears;
  const mSchool = rng.chance(0.6) ? firstSchool : pickSchool(rng, UNIVERSITIES, major, true);
  const mName = `${nameAt(mSchool, mGrad)}${mMajor}专业`;
  const master = `${mDiscipline}硕士`;
  lines.push({ start: monthIndex(firstGrad, 9), end: monthIndex(mGrad, 7), text: `${mName}研究生学习，获${master}学位` });
  if (rng.chance(0.06) && DOCTORAL.has(mSchool.name)) {
    const dGrad = mGrad + 3;
    const dName = `${nameAt(mSchool, dGrad)}${mMajor}专业`;
    const doctor = `${mDiscipline}博士`;
    lines.push({ start: monthIndex(mGrad, 9), end: monthIndex(dGrad, 7), text: `${dName}博士研究生学习，获${doctor}学位` });
    return { level, degree: doctor, school: dName, degreeSchool: dName, lines, gradMonth: monthIndex(dGrad, 7), major };
  }
  return { level, degree: master, school: mName, degreeSchool: mName, lines, gradMonth: monthIndex(mGrad, 7), major };
}

export interface InService {
  education: string;
  degree: string;
  school: string;
  degreeSchool: string;
  /** The resume note, without dates: 在…学习. */
  study: string;
  months: number;
}

const PARTY_SCHOOL_MAJORS = ['经济管理', '政治学', '法学', '行政管理', '党史党建'];

/** An in-service programme that raises (or adds a degree to) the full-time education. */
export function inServiceEducation(rng: Rng, ft: FtLevel, gradYear: number): InService {
  if (ft === '大专') {
    const kind = rng.weighted([
      ['省委党校大学', 4],
      ['中央党校大学', 2],
      ['大学', 3],
    ] as const);
    if (kind === '大学') {
      const major = rng.pick(MAJORS.filter(x => ['法学', '行政管理', '汉语言文学', '会计学', '经济学'].includes(x.name)));
      const school = `${rng.pick(['辽宁大学', '东北财经大学', '沈阳师范大学'])}${major.name}专业`;
      const degree = rng.chance(0.4) ? `${major.discipline}学士` : '';
      return { education: '大学', degree, school, degreeSchool: degree ? school : '', study: `在${school}在职大学学习`, months: 30 };
    }
    const sm = rng.pick(PARTY_SCHOOL_MAJORS);
    const school = kind === '省委党校大学' ? `辽宁省委党校${sm}专业` : `中央党校函授学院${sm}专业`;
    return { education: kind, degree: '', school, degreeSchool: '', study: `在${school}在职大学学习`, months: 30 };
  }
  // A full-time 研究生 only adds a party-school 研究生; others may take a professional master's.
  const kind =
    ft === '研究生'
      ? rng.pick(['中央党校研究生', '省委党校研究生'] as const)
      : rng.weighted([
          ['专业硕士', 5],
          ['中央党校研究生', 2],
          ['省委党校研究生', 3],
        ] as const);
  if (kind === '专业硕士') {
    const [degree, field, schools] = rng.weighted([
      [['公共管理硕士', '公共管理', ['东北大学', '辽宁大学', '大连理工大学', '东北财经大学', '吉林大学']], 6],
      [['工商管理硕士', '工商管理', ['东北财经大学', '大连理工大学', '东北大学']], 2],
      [['法律硕士', '法律', ['辽宁大学', '吉林大学']], 1],
    ] as const);
    const school = `${rng.pick(schools)}${field}专业`;
    // Before the 2017 reform most part-time professional master's gave the degree only (单证).
    const education = gradYear >= 2017 || rng.chance(0.4) ? '研究生' : '';
    return { education, degree, school, degreeSchool: school, study: `在${school}在职研究生学习，获${degree}学位`, months: rng.pick([30, 36]) };
  }
  const sm = rng.pick(PARTY_SCHOOL_MAJORS);
  const school = kind === '中央党校研究生' ? `中央党校研究生院${sm}专业` : `辽宁省委党校在职研究生班${sm}专业`;
  return { education: kind, degree: '', school, degreeSchool: '', study: `在${school}在职研究生学习`, months: 36 };
}
