/**
 * Built-in indicator templates, from the practices in the seed articles.
 * A template is copied into a set and then edited freely; weights sum to
 * 100 at each level (checked by the tests with checkWeights).
 */
import { z } from 'zod';
import { INDICATOR_METHODS } from './codes';
import type { Method } from './scoring';

/** What an indicator holds (as read back): a template's indicators, and every saved one's (the routes' indicatorSchema). */
export const indicatorContentShape = {
  name: z.string(),
  weight: z.number(),
  method: z.enum(INDICATOR_METHODS),
  maxScore: z.number(),
  baseScore: z.number().nullable(),
  addCap: z.number().nullable(),
  deductCap: z.number().nullable(),
  target: z.number().nullable(),
  targetUnit: z.string(),
  maxRatio: z.number().nullable(),
  description: z.string(),
  evidence: z.string(),
};
/** A template's shape, also the output of the assessmentTemplates route. */
export const assessmentTemplateSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** Where the design comes from (the article), shown to the user. */
  source: z.string(),
  description: z.string(),
  indicators: z.array(z.object({ ...indicatorContentShape, children: z.array(z.object(indicatorContentShape)) })),
});
export type AssessmentTemplateOutput = z.infer<typeof assessmentTemplateSchema>;

type TemplateIndicator = AssessmentTemplateOutput['indicators'][number];
type Leaf = TemplateIndicator['children'][number];

interface Spec {
  name: string;
  weight: number;
  method?: Method;
  maxScore?: number;
  baseScore?: number;
  addCap?: number;
  deductCap?: number;
  target?: number;
  targetUnit?: string;
  maxRatio?: number;
  description?: string;
  evidence?: string;
}

function leaf(s: Spec): Leaf {
  return {
    name: s.name,
    weight: s.weight,
    method: s.method ?? 'score',
    maxScore: s.maxScore ?? 100,
    baseScore: s.baseScore ?? null,
    addCap: s.addCap ?? null,
    deductCap: s.deductCap ?? null,
    target: s.target ?? null,
    targetUnit: s.targetUnit ?? '',
    maxRatio: s.maxRatio ?? null,
    description: s.description ?? '',
    evidence: s.evidence ?? '',
  };
}

function node(s: Spec, children: Spec[] = []): TemplateIndicator {
  return { ...leaf(s), children: children.map(leaf) };
}

export const ASSESSMENT_TEMPLATES: readonly AssessmentTemplateOutput[] = [
  {
    key: 'shenyang-secondment',
    name: '沈阳挂职干部考核指标',
    source: '沈阳市《沈阳挂职干部考核指标》（京沈对口合作干部交流）',
    description:
      '为每位挂职干部设计个性化指标，围绕招商引资、项目落实、转变观念、提升能力、调研学习、工作状态评价，日常考核与定期考核相结合；廉洁自律实行一票否决。',
    indicators: [
      node({
        name: '招商引资',
        weight: 30,
        method: 'target',
        target: 3,
        targetUnit: '亿元',
        maxRatio: 1,
        description: '引进项目的协议投资额；目标按每位挂职干部的岗位个性化设定',
        evidence: '签约协议、项目备案材料',
      }),
      node({
        name: '项目落实',
        weight: 25,
        method: 'target',
        target: 2,
        targetUnit: '个',
        maxRatio: 1,
        description: '推动落地（签约、开工）的合作项目数',
        evidence: '项目落地证明、工作专班记录',
      }),
      node({ name: '转变观念', weight: 10, description: '学习借鉴北京经验、转变思路作风的情况' }),
      node({ name: '提升能力', weight: 10, description: '履行挂职岗位职责、协调服务能力的提升' }),
      node({ name: '调研学习', weight: 10, description: '调查研究与学习研讨' }, [
        { name: '调研报告', weight: 50, method: 'target', target: 2, targetUnit: '篇', maxRatio: 1, description: '形成有参考价值的调研报告' },
        { name: '学习研讨', weight: 50, description: '参加临时党支部“三会一课”、学习研讨的情况' },
      ]),
      node({
        name: '工作状态',
        weight: 15,
        method: 'points',
        baseScore: 80,
        addCap: 20,
        deductCap: 80,
        description: '基础分 80 分，按日常考核记录加减分',
        evidence: '日常考核记录',
      }),
      node({ name: '廉洁自律', weight: 0, method: 'veto', description: '出现违纪违法问题的，一票否决，等次定为不称职' }),
    ],
  },
  {
    key: 'de-neng-qin-ji-lian',
    name: '德能勤绩廉',
    source: '公务员年度考核通行的五个方面',
    description: '德、能、勤、绩、廉五个方面百分制评分，“绩”占比最大。',
    indicators: [
      node({ name: '德', weight: 20, description: '政治素质、思想品德、职业道德' }),
      node({ name: '能', weight: 20, description: '履行职责的业务素质和能力' }),
      node({ name: '勤', weight: 15, description: '责任心、工作态度、工作作风' }),
      node({ name: '绩', weight: 35, description: '完成工作的数量、质量、效率和所产生的效益' }),
      node({ name: '廉', weight: 10, description: '廉洁从政、遵守纪律' }),
    ],
  },
  {
    key: 'huzhou-wuxing-points',
    name: '积分制考核（湖州吴兴）',
    source: '湖州市吴兴区干部“积分制”考核：单位综合考评成绩、个人任务完成率、干部群众多维评议量化赋分',
    description: '一套指标管考核：单位综合考评成绩 + 个人任务完成率 + 多维评议，辅以日常积分。',
    indicators: [
      node({ name: '单位综合考评成绩', weight: 25, description: '所在单位年度综合考评得分（百分制）' }),
      node({ name: '个人任务完成率', weight: 35, method: 'target', target: 100, targetUnit: '%', maxRatio: 1, description: '完成的任务占交办任务的百分比' }),
      node({ name: '多维评议', weight: 25, description: '干部群众多维评议' }, [
        { name: '民主测评', weight: 60, method: 'vote', description: '优秀 95、称职 85、基本称职 75、不称职 65，不了解不计' },
        { name: '领导评价', weight: 40, description: '分管领导和主要领导评价' },
      ]),
      node({
        name: '日常积分',
        weight: 15,
        method: 'points',
        baseScore: 80,
        addCap: 20,
        deductCap: 80,
        description: '基础分 80 分，完成时效、工作质效加分，问题扣分',
      }),
    ],
  },
  {
    key: 'nantong-three-indices',
    name: '负重、承压、创先三类指数（南通通州）',
    source: '南通市通州区围绕“干了多少”“难度如何”“干得怎样”设置负重、承压、创先三类指数',
    description: '把考察干部的“探头”延伸到重大项目一线，从工作量、难度、成效三个维度量化担当作为。',
    indicators: [
      node({ name: '负重指数', weight: 40, description: '干了多少' }, [
        {
          name: '承担重点任务',
          weight: 50,
          method: 'target',
          target: 5,
          targetUnit: '项',
          maxRatio: 1.2,
          description: '承担重大项目、重点任务的数量，超额完成最多按 120% 计',
        },
        { name: '工作量', weight: 50, description: '日常工作量饱和程度' },
      ]),
      node({ name: '承压指数', weight: 30, description: '难度如何' }, [
        { name: '任务难度', weight: 50, description: '所承担任务的复杂程度' },
        { name: '急难险重表现', weight: 50, description: '应急处突、群众工作中的实际表现' },
      ]),
      node({ name: '创先指数', weight: 30, description: '干得怎样' }, [
        { name: '工作成效', weight: 60, description: '规划分析、统筹协调的实际成效' },
        { name: '创新争先', weight: 40, method: 'points', baseScore: 60, addCap: 40, deductCap: 60, description: '基础分 60 分，创新成果、争先进位加分' },
      ]),
    ],
  },
];

export function findTemplate(key: string): AssessmentTemplateOutput | undefined {
  return ASSESSMENT_TEMPLATES.find(t => t.key === key);
}
