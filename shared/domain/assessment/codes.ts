/** Code lists of assessments (考核); the routes (shared/contract/routes/assessment.ts) re-export them. */
export const INDICATOR_METHODS = ['score', 'points', 'target', 'passFail', 'veto', 'vote'] as const;
export type IndicatorMethod = (typeof INDICATOR_METHODS)[number];
export const INDICATOR_METHOD_LABELS: Record<IndicatorMethod, string> = {
  score: '直接评分',
  points: '加减分',
  target: '目标完成率',
  passFail: '合格/不合格',
  veto: '一票否决',
  vote: '民主测评',
};

export const ROUND_KINDS = ['季度', '半年', '年度', '专项'] as const;
export const ROUNDING_RULES = ['四舍五入', '进一法'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];
export const ROUND_GROUPINGS = ['leadershipLevel', 'unit', 'none'] as const;
export type RoundGrouping = (typeof ROUND_GROUPINGS)[number];
export const ROUND_GROUPING_LABELS: Record<RoundGrouping, string> = { leadershipLevel: '按职务层次', unit: '按单位', none: '不分组' };
/** 考核等次, best first; the roster's 年度考核结果 code list (ASSESSMENT_GRADES) numbers this same list. */
export const FINAL_GRADES = ['优秀', '称职', '基本称职', '不称职', '不定等次'] as const;
export type FinalGrade = (typeof FINAL_GRADES)[number];
export const SCOPE_KINDS = ['all', 'batch', 'unit', 'tag', 'leadershipLevel'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  all: '全体干部',
  batch: '挂职批次',
  unit: '单位（含下级）',
  tag: '干部类别',
  leadershipLevel: '职务层次',
};
