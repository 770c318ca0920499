/**
 * The fictional city's unit tree and the posts each unit holds.
 *
 * The tree is fixed (it does not depend on the seed), so unit keys are stable. Every unit
 * carries the posts a 名册 would list for it, each with its 领导职务层次 and a tier that says
 * how senior it is (0 = head of a 处级 unit or above … 3 = ordinary staff); the generator
 * fills posts by tier, so a small roster keeps the heads and a large one reaches the staff.
 */
import { CITY_NAME } from './places';

export type Level = '正厅' | '副厅' | '正处' | '副处' | '正科' | '副科' | '';

/** Work areas, used for 熟悉专业有何专长 and for the majors people in a unit tend to have. */
export type Domain =
  | 'lead'
  | 'office'
  | 'org'
  | 'propaganda'
  | 'unitedfront'
  | 'politicslaw'
  | 'discipline'
  | 'policy'
  | 'staffing'
  | 'partywork'
  | 'econ'
  | 'edu'
  | 'science'
  | 'industry'
  | 'civil'
  | 'justice'
  | 'finance'
  | 'hr'
  | 'land'
  | 'env'
  | 'build'
  | 'transport'
  | 'water'
  | 'agri'
  | 'commerce'
  | 'culture'
  | 'health'
  | 'veterans'
  | 'emergency'
  | 'audit'
  | 'market'
  | 'stats'
  | 'medins'
  | 'union'
  | 'youth'
  | 'women'
  | 'sci-assoc'
  | 'business'
  | 'township'
  | 'street';

export interface Position {
  readonly unitKey: string;
  readonly level: Level;
  /**
   * The 现任职务 text for a CPC holder. For staff (level '') it is the prefix (unit and
   * section) to which the generator appends the 职级 or 科员.
   */
  readonly post: string;
  /** The text when a non-CPC holder is plausible (no 党组/党委 words); absent = CPC only. */
  readonly nonCpcPost?: string;
  readonly tier: 0 | 1 | 2 | 3;
  readonly female?: boolean;
  readonly young?: boolean;
  /** Only men hold it in practice (武装部部长). */
  readonly male?: boolean;
  /** Position within its unit, for the roster's conventional order. */
  readonly order: number;
  /**
   * A post that only appears in 简历 lines (a section not on the roster, a 人大/政协 post, a
   * district bureau outside the tree): never a current post, but earlier careers need the room.
   */
  readonly historyOnly?: boolean;
}

export type Scope = 'city' | string; // 'city' or the key of a district/county

export interface UnitDef {
  readonly key: string;
  readonly parentKey: string | null;
  readonly name: string;
  readonly kind: string;
  readonly sortOrder: number;
  /** The unit as 现任职务 writes it, e.g. 滨江市教育局, 滨江市柳川县石佛满族乡. */
  readonly full: string;
  readonly domain: Domain;
  readonly scope: Scope;
  /** Villages under a township (for 大学生村官 and 第一书记 lines). */
  readonly villages: readonly string[];
  readonly positions: Position[];
}

const C = CITY_NAME;

// ---------------------------------------------------------------------------------------------
// Builders

class TreeBuilder {
  readonly units: UnitDef[] = [];
  private readonly childCount = new Map<string | null, number>();

  add(
    key: string,
    parentKey: string | null,
    name: string,
    kind: string,
    full: string,
    domain: Domain,
    scope: Scope,
    villages: readonly string[] = [],
  ): UnitDef {
    const sortOrder = (this.childCount.get(parentKey) ?? 0) + 1;
    this.childCount.set(parentKey, sortOrder);
    const unit: UnitDef = { key, parentKey, name, kind, sortOrder, full, domain, scope, villages, positions: [] };
    this.units.push(unit);
    return unit;
  }
}

type PosOpts = { nonCpc?: string | true; female?: boolean; young?: boolean; male?: boolean; count?: number; historyOnly?: boolean };

function pos(unit: UnitDef, level: Level, post: string, tier: Position['tier'], opts: PosOpts = {}): void {
  for (let i = 0; i < (opts.count ?? 1); i++) {
    unit.positions.push({
      unitKey: unit.key,
      level,
      post,
      nonCpcPost: opts.nonCpc === true ? post : opts.nonCpc,
      tier,
      female: opts.female,
      young: opts.young,
      male: opts.male,
      order: unit.positions.length,
      historyOnly: opts.historyOnly,
    });
  }
}

function headTitle(section: string): string {
  if (section.endsWith('科')) return '科长';
  if (section.endsWith('部')) return '部长';
  return '主任'; // 室, 办公室, 中心
}

/**
 * Internal sections: `heads` 正科 section heads, `deputies` 副科 deputies (in the first
 * sections), `staff` ordinary staff spread over the sections.
 */
function sections(
  unit: UnitDef,
  names: readonly string[],
  heads: number,
  deputies: number,
  staff: number,
  opts: { female?: boolean; young?: boolean } = {},
): void {
  for (let i = 0; i < heads; i++) {
    const s = names[i % names.length];
    pos(unit, '正科', `${unit.full}${s}${headTitle(s)}`, 2, { nonCpc: true, ...opts });
  }
  for (let i = 0; i < deputies; i++) {
    const s = names[(heads + i) % names.length];
    pos(unit, '副科', `${unit.full}${s}副${headTitle(s)}`, 2, { nonCpc: true, ...opts });
  }
  for (let i = 0; i < staff; i++) {
    const s = names[(i + 1) % names.length];
    pos(unit, '', `${unit.full}${s}`, 3, { nonCpc: true, ...opts });
  }
  // Every section has a head and a deputy, whether or not the roster lists them.
  for (const s of names) {
    for (const [level, title] of [
      ['正科', headTitle(s)],
      ['副科', `副${headTitle(s)}`],
    ] as const) {
      const text = `${unit.full}${s}${title}`;
      if (!unit.positions.some(p => p.post === text)) pos(unit, level, text, 2, { nonCpc: true, historyOnly: true, ...opts });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The city

interface PartyDept {
  key: string;
  name: string;
  full: string;
  domain: Domain;
  /** 市委常委 heading the department (副厅), if any. */
  member?: string;
  head: string;
  deputy: string;
  deputies: number;
  sections: readonly string[];
  heads: number;
  staff: number;
}

const PARTY_DEPTS: readonly PartyDept[] = [
  {
    key: 'bgs',
    name: '市委办公室',
    full: `${C}委办公室`,
    domain: 'office',
    member: `${C}委常委、秘书长`,
    head: `${C}委副秘书长、市委办公室主任`,
    deputy: `${C}委办公室副主任`,
    deputies: 2,
    sections: ['秘书科', '综合科', '督查科', '信息科'],
    heads: 3,
    staff: 2,
  },
  {
    key: 'zzb',
    name: '市委组织部',
    full: `${C}委组织部`,
    domain: 'org',
    member: `${C}委常委、组织部部长`,
    head: `${C}委组织部常务副部长`,
    deputy: `${C}委组织部副部长`,
    deputies: 2,
    sections: ['干部一科', '干部二科', '组织科', '干部监督科', '公务员科', '人才工作科'],
    heads: 4,
    staff: 3,
  },
  {
    key: 'xcb',
    name: '市委宣传部',
    full: `${C}委宣传部`,
    domain: 'propaganda',
    member: `${C}委常委、宣传部部长`,
    head: `${C}委宣传部常务副部长`,
    deputy: `${C}委宣传部副部长`,
    deputies: 2,
    sections: ['理论科', '宣传教育科', '新闻科'],
    heads: 2,
    staff: 2,
  },
  {
    key: 'tzb',
    name: '市委统战部',
    full: `${C}委统战部`,
    domain: 'unitedfront',
    member: `${C}委常委、统战部部长`,
    head: `${C}委统战部常务副部长`,
    deputy: `${C}委统战部副部长`,
    deputies: 2,
    sections: ['党派工作科', '民族宗教科', '经济联络科'],
    heads: 2,
    staff: 1,
  },
  {
    key: 'zfw',
    name: '市委政法委',
    full: `${C}委政法委`,
    domain: 'politicslaw',
    member: `${C}委常委、政法委书记`,
    head: `${C}委政法委常务副书记`,
    deputy: `${C}委政法委副书记`,
    deputies: 2,
    sections: ['综治督导科', '执法监督科'],
    heads: 2,
    staff: 1,
  },
  {
    key: 'jw',
    name: '市纪委监委',
    full: `${C}纪委监委`,
    domain: 'discipline',
    member: `${C}委常委，市纪委书记、市监委主任`,
    head: `${C}纪委副书记、市监委副主任`,
    deputy: `${C}纪委常委、市监委委员`,
    deputies: 2,
    sections: ['第一纪检监察室', '第二纪检监察室', '党风政风监督室', '案件审理室'],
    heads: 3,
    staff: 2,
  },
  {
    key: 'zys',
    name: '市委政策研究室',
    full: `${C}委政策研究室`,
    domain: 'policy',
    head: `${C}委政策研究室主任`,
    deputy: `${C}委政策研究室副主任`,
    deputies: 1,
    sections: ['综合科', '经济研究科'],
    heads: 1,
    staff: 1,
  },
  {
    key: 'bb',
    name: '市委编办',
    full: `${C}委编办`,
    domain: 'staffing',
    head: `${C}委编办主任`,
    deputy: `${C}委编办副主任`,
    deputies: 1,
    sections: ['行政机构编制科', '事业机构编制科'],
    heads: 2,
    staff: 1,
  },
  {
    key: 'jggw',
    name: '市直机关工委',
    full: `${C}直机关工委`,
    domain: 'partywork',
    head: `${C}直机关工委常务副书记`,
    deputy: `${C}直机关工委副书记`,
    deputies: 1,
    sections: ['组织科', '宣传科'],
    heads: 1,
    staff: 1,
  },
];

interface GovDept {
  key: string;
  name: string;
  noun: '局' | '委';
  domain: Domain;
  big: boolean;
  sections: readonly string[];
}

const GOV_DEPTS: readonly GovDept[] = [
  { key: 'fgw', name: '发展和改革委员会', noun: '委', domain: 'econ', big: true, sections: ['办公室', '综合科', '发展规划科', '固定资产投资科', '价格科'] },
  { key: 'jyj', name: '教育局', noun: '局', domain: 'edu', big: true, sections: ['办公室', '基础教育科', '职业教育与成人教育科', '人事科', '发展规划科'] },
  { key: 'kjj', name: '科学技术局', noun: '局', domain: 'science', big: false, sections: ['办公室', '高新技术科', '科技合作科'] },
  { key: 'gxj', name: '工业和信息化局', noun: '局', domain: 'industry', big: false, sections: ['办公室', '运行监测协调科', '产业发展科', '信息化推进科'] },
  { key: 'mzj', name: '民政局', noun: '局', domain: 'civil', big: false, sections: ['办公室', '社会救助科', '养老服务科', '基层政权建设和社区治理科'] },
  { key: 'sfj', name: '司法局', noun: '局', domain: 'justice', big: false, sections: ['办公室', '法治督察科', '律师工作科', '行政复议与应诉科'] },
  { key: 'czj', name: '财政局', noun: '局', domain: 'finance', big: true, sections: ['办公室', '预算科', '国库科', '综合科', '经济建设科', '行政政法科'] },
  {
    key: 'rsj',
    name: '人力资源和社会保障局',
    noun: '局',
    domain: 'hr',
    big: true,
    sections: ['办公室', '就业促进科', '事业单位人事管理科', '工资福利科', '养老保险科'],
  },
  { key: 'zrzyj', name: '自然资源局', noun: '局', domain: 'land', big: false, sections: ['办公室', '国土空间规划科', '耕地保护监督科', '不动产登记科'] },
  { key: 'sthjj', name: '生态环境局', noun: '局', domain: 'env', big: false, sections: ['办公室', '大气环境科', '水生态环境科', '环境影响评价科'] },
  { key: 'zjj', name: '住房和城乡建设局', noun: '局', domain: 'build', big: true, sections: ['办公室', '城市建设科', '房地产市场监管科', '建筑业科'] },
  { key: 'jtj', name: '交通运输局', noun: '局', domain: 'transport', big: false, sections: ['办公室', '规划科', '公路建设科', '运输管理科'] },
  { key: 'slj', name: '水利局', noun: '局', domain: 'water', big: false, sections: ['办公室', '规划计划科', '水资源科', '河湖管理科'] },
  {
    key: 'nyncj',
    name: '农业农村局',
    noun: '局',
    domain: 'agri',
    big: true,
    sections: ['办公室', '乡村产业发展科', '农村社会事业促进科', '种植业管理科', '农村合作经济指导科'],
  },
  { key: 'swj', name: '商务局', noun: '局', domain: 'commerce', big: false, sections: ['办公室', '外国投资管理科', '对外贸易科', '商贸流通科'] },
  { key: 'wlj', name: '文化旅游和广播电视局', noun: '局', domain: 'culture', big: false, sections: ['办公室', '文化艺术科', '旅游发展科', '广播电视科'] },
  {
    key: 'wjw',
    name: '卫生健康委员会',
    noun: '委',
    domain: 'health',
    big: true,
    sections: ['办公室', '医政医管科', '疾病预防控制科', '基层卫生健康科', '人事科'],
  },
  { key: 'tyjrj', name: '退役军人事务局', noun: '局', domain: 'veterans', big: false, sections: ['办公室', '移交安置科', '拥军优抚科'] },
  {
    key: 'yjj',
    name: '应急管理局',
    noun: '局',
    domain: 'emergency',
    big: false,
    sections: ['办公室', '安全生产综合协调科', '危险化学品安全监督管理科', '防汛抗旱科'],
  },
  { key: 'sjj', name: '审计局', noun: '局', domain: 'audit', big: false, sections: ['办公室', '财政审计科', '经济责任审计科', '企业审计科'] },
  {
    key: 'scjgj',
    name: '市场监督管理局',
    noun: '局',
    domain: 'market',
    big: false,
    sections: ['办公室', '登记注册科', '食品生产安全监督管理科', '质量发展科'],
  },
  { key: 'tjj', name: '统计局', noun: '局', domain: 'stats', big: false, sections: ['办公室', '综合科', '工业统计科'] },
  { key: 'ybj', name: '医疗保障局', noun: '局', domain: 'medins', big: false, sections: ['办公室', '待遇保障科', '医药服务管理科'] },
];

interface MassOrg {
  key: string;
  name: string;
  full: string;
  domain: Domain;
  head: string;
  deputy: string;
  deputyNonCpc?: string;
  sections: readonly string[];
  female?: boolean;
  young?: boolean;
}

const MASS_ORGS: readonly MassOrg[] = [
  {
    key: 'zgh',
    name: '市总工会',
    full: `${C}总工会`,
    domain: 'union',
    head: `${C}总工会党组书记、常务副主席`,
    deputy: `${C}总工会党组成员、副主席`,
    deputyNonCpc: `${C}总工会副主席`,
    sections: ['组织宣传部', '办公室', '经济工作部'],
  },
  {
    key: 'tsw',
    name: '团市委',
    full: `共青团${C}委`,
    domain: 'youth',
    head: `共青团${C}委书记`,
    deputy: `共青团${C}委副书记`,
    sections: ['组织部', '学校部', '宣传部'],
    young: true,
  },
  {
    key: 'fl',
    name: '市妇联',
    full: `${C}妇联`,
    domain: 'women',
    head: `${C}妇联党组书记、主席`,
    deputy: `${C}妇联党组成员、副主席`,
    deputyNonCpc: `${C}妇联副主席`,
    sections: ['组织联络部', '家庭和儿童工作部', '办公室'],
    female: true,
  },
  {
    key: 'kx',
    name: '市科协',
    full: `${C}科协`,
    domain: 'sci-assoc',
    head: `${C}科协党组书记、常务副主席`,
    deputy: `${C}科协党组成员、副主席`,
    deputyNonCpc: `${C}科协副主席`,
    sections: ['学会学术部', '科学普及部', '办公室'],
  },
  {
    key: 'gsl',
    name: '市工商联',
    full: `${C}工商联`,
    domain: 'business',
    head: `${C}工商联党组书记、常务副主席`,
    deputy: `${C}工商联党组成员、副主席`,
    deputyNonCpc: `${C}工商联副主席`,
    sections: ['会员部', '经济服务部', '办公室'],
  },
];

// ---------------------------------------------------------------------------------------------
// Districts and counties

interface TownDef {
  key: string;
  name: string;
  villages?: readonly string[];
}
interface DistrictDef {
  key: string;
  name: string;
  county: boolean;
  streets: readonly TownDef[];
  towns: readonly TownDef[];
}

const DISTRICTS: readonly DistrictDef[] = [
  {
    key: 'binhe',
    name: '滨河区',
    county: false,
    streets: [
      { key: 'zhongshan', name: '中山街道' },
      { key: 'xinhua', name: '新华街道' },
      { key: 'zhanqian', name: '站前街道' },
      { key: 'jiangbin', name: '江滨街道' },
    ],
    towns: [{ key: 'liuhe', name: '柳河镇' }],
  },
  {
    key: 'wangjiang',
    name: '望江区',
    county: false,
    streets: [
      { key: 'jiefang', name: '解放街道' },
      { key: 'heping', name: '和平街道' },
      { key: 'shengli', name: '胜利街道' },
    ],
    towns: [
      { key: 'shiqiao', name: '石桥镇' },
      { key: 'xinglin', name: '杏林镇' },
    ],
  },
  {
    key: 'jinqiao',
    name: '金桥区',
    county: false,
    streets: [
      { key: 'jinqiao', name: '金桥街道' },
      { key: 'nanhu', name: '南湖街道' },
    ],
    towns: [
      { key: 'baishi', name: '白石镇' },
      { key: 'donggang', name: '东岗镇' },
      { key: 'shuangmiao', name: '双庙镇' },
    ],
  },
  {
    key: 'liuchuan',
    name: '柳川县',
    county: true,
    streets: [{ key: 'chengguan', name: '城关街道' }],
    towns: [
      { key: 'yushu', name: '榆树镇' },
      { key: 'changling', name: '长岭镇' },
      { key: 'xinglong', name: '兴隆镇' },
      { key: 'taiping', name: '太平镇' },
      { key: 'shifo', name: '石佛满族乡' },
    ],
  },
  {
    key: 'beishan',
    name: '北山县',
    county: true,
    streets: [{ key: 'dongcheng', name: '东城街道' }],
    towns: [
      { key: 'majia', name: '马家镇' },
      { key: 'sandaogou', name: '三道沟镇' },
      { key: 'yongan', name: '永安镇' },
      { key: 'xinxing', name: '新兴朝鲜族乡' },
      { key: 'hongqi', name: '红旗乡' },
    ],
  },
];

const VILLAGES =
  '三合 东升 前进 光明 新立 腰堡 后屯 王家 李家堡 大房身 小河沿 二道岭 红星 永丰 太平庄 双山 杨树 马架子 黄花甸 柳条 高台 石门 北岗 西沟 南岗子 靠山 上营 下洼 十里堡 长胜'.split(
    ' ',
  );

const TOWN_SECTIONS = ['党政综合办公室', '经济发展办公室', '社会事务办公室', '农业农村办公室'];
const STREET_SECTIONS = ['党政综合办公室', '社区建设办公室', '城市管理办公室'];

function buildDistrict(b: TreeBuilder, d: DistrictDef, villageCursor: { i: number }): void {
  const area = d.county ? '县' : '区';
  const D = `${C}${d.name}`; // 滨江市滨河区, as 现任职务 writes it
  const top = b.add(d.key, null, d.name, '区县', D, 'lead', d.key);
  pos(top, '正处', `${D}委书记`, 0);
  pos(top, '正处', `${D}委副书记、${area}长`, 0);
  pos(top, '正处', `${D}委副书记`, 1);
  pos(top, '副处', `${D}委常委、常务副${area}长`, 1);
  pos(top, '副处', `${D}副${area}长`, 1, { nonCpc: true, count: 2 });
  const h = { historyOnly: true };
  pos(top, '正处', `${D}人大常委会主任`, 1, h);
  pos(top, '正处', `${D}政协主席`, 1, h);
  pos(top, '副处', `${D}人大常委会副主任`, 1, { ...h, count: 2 });
  pos(top, '副处', `${D}政协副主席`, 1, { ...h, nonCpc: true, count: 2 });
  pos(top, '副处', `${D}委常委、政法委书记`, 1, h);
  pos(top, '副处', `${D}委常委、统战部部长`, 1, h);
  // Bureaus outside the demo tree, for earlier posts.
  for (const name of [
    '民政局',
    '人力资源和社会保障局',
    '住房和城乡建设局',
    '商务局',
    '卫生健康局',
    '应急管理局',
    '审计局',
    '市场监督管理局',
    '司法局',
    '交通运输局',
  ]) {
    pos(top, '正科', `${D}${name}党组书记、局长`, 1, h);
    pos(top, '副科', `${D}${name}党组成员、副局长`, 2, { ...h, nonCpc: `${D}${name}副局长`, count: 2 });
  }

  const dept = (key: string, name: string, domain: Domain) => b.add(`${d.key}.${key}`, d.key, `${d.name}${name}`, '区县部门', `${D}${name}`, domain, d.key);

  const bgs = dept('bgs', '委办公室', 'office');
  pos(bgs, '副处', `${D}委常委、办公室主任`, 1);
  pos(bgs, '副科', `${D}委办公室副主任`, 2, { count: 2 });
  pos(bgs, '', `${D}委办公室`, 3);

  const zzb = dept('zzb', '委组织部', 'org');
  pos(zzb, '副处', `${D}委常委、组织部部长`, 1);
  pos(zzb, '正科', `${D}委组织部常务副部长`, 2);
  pos(zzb, '副科', `${D}委组织部副部长`, 2);
  pos(zzb, '', `${D}委组织部`, 3, { count: 2 });

  const xcb = dept('xcb', '委宣传部', 'propaganda');
  pos(xcb, '副处', `${D}委常委、宣传部部长`, 1);
  pos(xcb, '副科', `${D}委宣传部副部长`, 2);
  pos(xcb, '', `${D}委宣传部`, 3);

  const jw = dept('jw', '纪委监委', 'discipline');
  pos(jw, '副处', `${D}委常委，${area}纪委书记、${area}监委主任`, 1);
  pos(jw, '正科', `${D}纪委副书记、${area}监委副主任`, 2);
  pos(jw, '', `${D}纪委监委`, 3);

  const zfb = dept('zfbgs', '政府办公室', 'office');
  pos(zfb, '正科', `${D}政府办公室主任`, 1);
  pos(zfb, '副科', `${D}政府办公室副主任`, 2);
  pos(zfb, '', `${D}政府办公室`, 3);

  const bureaus: [string, string, Domain][] = [
    ['fgj', '发展和改革局', 'econ'],
    ['jyj', '教育局', 'edu'],
    ['czj', '财政局', 'finance'],
  ];
  if (d.county || d.towns.length >= 3) bureaus.push(['nyncj', '农业农村局', 'agri']);
  for (const [key, name, domain] of bureaus) {
    const u = dept(key, name, domain);
    pos(u, '正科', `${D}${name}党组书记、局长`, 1);
    pos(u, '副科', `${D}${name}党组成员、副局长`, 2, { nonCpc: `${D}${name}副局长`, count: 2 });
    pos(u, '', `${D}${name}`, 3);
  }

  for (const s of d.streets) {
    const full = `${D}${s.name}`;
    const u = b.add(`${d.key}.${s.key}`, d.key, s.name, '街道', full, 'street', d.key);
    pos(u, '正科', `${full}党工委书记`, 1);
    pos(u, '正科', `${full}党工委副书记、办事处主任`, 1);
    pos(u, '副科', `${full}党工委副书记`, 2);
    pos(u, '副科', `${full}党工委委员、办事处副主任`, 2, { nonCpc: `${full}办事处副主任`, count: 2 });
    pos(u, '副科', `${full}党工委委员、纪工委书记`, 2);
    pos(u, '', `${full}${STREET_SECTIONS[0]}`, 3);
    pos(u, '', `${full}${STREET_SECTIONS[1]}`, 3);
    pos(u, '副科', `${full}党工委委员、武装部部长`, 2, { historyOnly: true, male: true });
    pos(u, '副科', `${full}党工委委员`, 2, { historyOnly: true });
    pos(u, '副科', `${full}人大工委副主任`, 2, { historyOnly: true, nonCpc: true });
  }
  for (const t of d.towns) {
    const full = `${D}${t.name}`;
    const xiang = t.name.endsWith('乡');
    const head = xiang ? '乡长' : '镇长';
    const villages = Array.from({ length: 4 }, () => VILLAGES[villageCursor.i++ % VILLAGES.length]);
    const u = b.add(`${d.key}.${t.key}`, d.key, t.name, '乡镇', full, 'township', d.key, villages);
    pos(u, '正科', `${full}党委书记`, 1);
    pos(u, '正科', `${full}党委副书记、${head}`, 1);
    pos(u, '副科', `${full}党委副书记`, 2);
    pos(u, '正科', `${full}人大主席`, 2);
    pos(u, '副科', `${full}党委委员、副${head}`, 2);
    pos(u, '副科', `${full}副${head}`, 2, { nonCpc: true });
    pos(u, '副科', `${full}党委委员、纪委书记`, 2);
    pos(u, '副科', `${full}党委委员、组织委员`, 2);
    pos(u, '副科', `${full}党委委员、武装部部长`, 2, { male: true });
    pos(u, '', `${full}${TOWN_SECTIONS[0]}`, 3);
    pos(u, '', `${full}${TOWN_SECTIONS[1 + (villageCursor.i % 3)]}`, 3);
    for (const member of ['宣传委员', '政法委员', '统战委员']) pos(u, '副科', `${full}党委委员、${member}`, 2, { historyOnly: true });
    pos(u, '副科', `${full}人大副主席`, 2, { historyOnly: true, nonCpc: true });
  }
}

// ---------------------------------------------------------------------------------------------

function buildTree(): UnitDef[] {
  const b = new TreeBuilder();

  const sw = b.add('sw', null, `${C}委`, '机关', `${C}委`, 'lead', 'city');
  pos(sw, '正厅', `${C}委书记`, 0);
  pos(sw, '副厅', `${C}委副书记`, 0);
  // 人大, 政协, courts and other organs outside the demo tree, for earlier posts.
  const h = { historyOnly: true };
  pos(sw, '副厅', `${C}人大常委会副主任`, 0, { ...h, count: 3 });
  pos(sw, '副厅', `${C}政协副主席`, 0, { ...h, nonCpc: true, count: 3 });
  for (const text of ['人大常委会秘书长', '政协秘书长', '委党校常务副校长', '信访局局长', '委网信办主任', '委老干部局局长', '机关事务服务中心主任']) {
    pos(sw, '正处', `${C}${text}`, 0, h);
  }
  // Where non-CPC leaders often come from.
  for (const text of ['科协主席', '中心医院院长', '职业技术学院院长']) pos(sw, '正处', `${C}${text}`, 0, { ...h, nonCpc: true });
  pos(sw, '副处', `${C}委党校副校长`, 1, { ...h, count: 2 });
  pos(sw, '副处', `${C}信访局副局长`, 1, { ...h, count: 2 });
  pos(sw, '副处', `${C}委老干部局副局长`, 1, h);
  pos(sw, '副处', `${C}人大常委会办公室副主任`, 1, { ...h, count: 2 });
  pos(sw, '副处', `${C}政协办公室副主任`, 1, { ...h, nonCpc: true, count: 2 });
  for (const p of PARTY_DEPTS) {
    const u = b.add(`sw.${p.key}`, 'sw', p.name, '市委部门', p.full, p.domain, 'city');
    if (p.member) pos(u, '副厅', p.member, 0);
    pos(u, '正处', p.head, 0);
    pos(u, '副处', p.deputy, 1, { count: p.deputies });
    sections(u, p.sections, p.heads, 1, p.staff);
  }

  const szf = b.add('szf', null, `${C}政府`, '机关', `${C}政府`, 'lead', 'city');
  pos(szf, '正厅', `${C}委副书记、市长`, 0);
  pos(szf, '副厅', `${C}委常委、常务副市长`, 0);
  pos(szf, '副厅', `${C}副市长`, 0, { count: 2 });
  pos(szf, '副厅', `${C}副市长`, 0, { nonCpc: true });
  const gbgs = b.add('szf.bgs', 'szf', '市政府办公室', '政府部门', `${C}政府办公室`, 'office', 'city');
  pos(gbgs, '正处', `${C}政府秘书长、办公室主任`, 0);
  pos(gbgs, '副处', `${C}政府副秘书长`, 1, { count: 2 });
  pos(gbgs, '副处', `${C}政府办公室副主任`, 1);
  sections(gbgs, ['秘书一科', '秘书二科', '综合科', '督查科'], 3, 1, 2);
  for (const g of GOV_DEPTS) {
    const full = `${C}${g.name}`;
    const u = b.add(`szf.${g.key}`, 'szf', `市${g.name}`, '政府部门', full, g.domain, 'city');
    const [head, deputy] = g.noun === '局' ? ['局长', '副局长'] : ['主任', '副主任'];
    pos(u, '正处', `${full}党组书记、${head}`, 0);
    pos(u, '副处', `${full}党组成员、${deputy}`, 1, { nonCpc: `${full}${deputy}`, count: g.big ? 3 : 2 });
    sections(u, g.sections, g.big ? 3 : 2, g.big ? 1 : 0, g.big ? 2 : 1);
  }

  b.add('qt', null, '群团组织', '机关', `${C}群团组织`, 'union', 'city');
  for (const m of MASS_ORGS) {
    const u = b.add(`qt.${m.key}`, 'qt', m.name, '群团', m.full, m.domain, 'city');
    const opts = { female: m.female, young: m.young };
    pos(u, '正处', m.head, 0, opts);
    pos(u, '副处', m.deputy, 1, { ...opts, nonCpc: m.deputyNonCpc, count: 2 });
    sections(u, m.sections, 1, 0, 1, opts);
  }

  const villageCursor = { i: 0 };
  for (const d of DISTRICTS) buildDistrict(b, d, villageCursor);
  return b.units;
}

/** The unit tree in pre-order (every parent before its children), built once. */
export const UNIT_TREE: readonly UnitDef[] = buildTree();
