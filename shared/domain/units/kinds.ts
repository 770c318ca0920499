/** What a unit of the tree is (单位类别) and its rank (单位级别), as the unit dialog offers them. */

export const UNIT_KINDS = ['党委', '政府', '部门', '内设机构', '乡镇/街道', '事业单位', '国企', '其他'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Common 单位级别; any other text is kept as written. */
export const UNIT_LEVELS = ['正厅级', '副厅级', '正处级', '副处级', '正科级', '副科级'] as const;
