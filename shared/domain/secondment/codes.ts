/** Code lists of secondments (挂职) and village-stationed cadres (驻村); the routes re-export them. */
export const BATCH_DIRECTIONS = ['派出', '接收'] as const;
export const BATCH_STATUSES = ['筹备', '在岗', '期满', '已返岗'] as const;
export const MEMBER_STATUSES = ['在岗', '期满', '提前召回', '已调换', '已返岗'] as const;
/** Roles in the batch's temporary Party branch (临时党支部); '' = not in it. */
export const BRANCH_ROLES = ['', '书记', '委员', '党员'] as const;
export const OUTCOMES = ['', '提拔', '重用', '平职交流', '其他'] as const;
/** 提拔 and 重用 count as "promoted or given bigger roles" in the statistics. */
export const PROMOTED_OUTCOMES = ['提拔', '重用'] as const;
export const VILLAGE_ROLES = ['第一书记', '工作队队长', '队员'] as const;
export const ASSIGNMENT_KINDS = ['留任', '新选派', '调换'] as const;
export const ASSIGNMENT_STATUSES = ['在岗', '期满', '召回', '已调换'] as const;
/** Kinds of village the department keeps; free text is allowed too (the column is plain text). */
export const VILLAGE_KINDS = ['脱贫村', '易地扶贫搬迁安置点', '乡村振兴重点帮扶村', '软弱涣散村', '一般村'] as const;
/** Default of the statistics' young-cadre threshold: under 40 at the batch start. */
export const DEFAULT_YOUNG_AGE = 40;
