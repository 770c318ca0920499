/**
 * A structure table as the service answers it, the layout users choose for it, and the shapes
 * derived from it (the CLI's JSON, the compare view's key figures). Percentages are computed
 * once, by the service, with shared/domain/common/percent.ts (one decimal, half-up).
 *
 * Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { percent } from '../common/percent';
import { bandsUpTo, GENDER_COLUMNS, GROUP_KEYS, GROUP_LABELS, LEVEL_COLUMNS, MINORITY, NON_CPC_CATEGORIES, type GroupKey } from './categories';
import { statsScopeSchema } from './scope';

/** The 注 line under every structure table. */
export const PERCENT_NOTE = '注：百分比按四舍五入取值';
/** How the numbers are taken, under the table (and in the export). */
export const AGE_NOTE = '年龄、任现职年限按统计截止日期计算周岁（按月）';

export const cellSchema = z.object({ count: z.number().int(), pct: z.number() });
export type Cell = z.infer<typeof cellSchema>;

/** A column: 总体 ('all'), a 领导职务层次 ('level:正处') or a gender ('gender:女'). */
export const columnSchema = z.object({
  key: z.string(),
  band: z.enum(['all', 'level', 'gender']),
  label: z.string(),
  total: z.number().int(),
  averageAge: z.number().nullable(),
});
export type Column = z.infer<typeof columnSchema>;

export const structureTableSchema = z.object({
  /** The scope counted, as given (every number's drill-down carries it). */
  scope: statsScopeSchema,
  /** How the scope is named (市教育局（含下属单位）, 市教育局领导班子). */
  scopeLabel: z.string(),
  refDate: z.string(),
  total: z.number().int(),
  averageAge: z.number().nullable(),
  columns: z.array(columnSchema),
  /** Every group, in GROUP_KEYS order; each cell is one column's count and its share of the column. */
  groups: z.array(
    z.object({
      key: z.enum(GROUP_KEYS),
      label: z.string(),
      rows: z.array(z.object({ category: z.string(), cells: z.array(cellSchema) })),
    }),
  ),
});
export type StructureTable = z.infer<typeof structureTableSchema>;

export const ALL_COLUMN = 'all';
export const levelColumn = (level: string) => `level:${level}`;
export const genderColumn = (gender: string) => `gender:${gender}`;
/** Every breakdown column key, in table order. */
export const BREAKDOWN_COLUMNS: readonly string[] = [...LEVEL_COLUMNS.map(levelColumn), ...GENDER_COLUMNS.map(genderColumn)];

/** What the drill-down of a column adds: its 领导职务层次 and/or gender. */
export function columnFilter(key: string): { level?: string; gender?: '男' | '女' } {
  if (key.startsWith('level:')) return { level: key.slice(6) };
  if (key.startsWith('gender:')) return { gender: key.slice(7) as '男' | '女' };
  return {};
}

/** The title of a table's report: 干部队伍结构分析表, 滨河区领导班子结构分析表, 滨河区（含下属单位）干部结构分析表. */
export function reportTitle(table: Pick<StructureTable, 'scope' | 'scopeLabel'>): string {
  if (table.scope.kind === 'all') return '干部队伍结构分析表';
  return `${table.scopeLabel}${table.scope.kind === 'team' ? '' : '干部'}结构分析表`;
}

/** Which row groups and breakdown columns a user shows (saved in settings). */
export const layoutSchema = z.strictObject({
  groups: z.array(z.enum(GROUP_KEYS)).max(GROUP_KEYS.length),
  columns: z.array(z.string().refine(k => BREAKDOWN_COLUMNS.includes(k), '没有这一列')).max(BREAKDOWN_COLUMNS.length),
});
export type StatsLayout = z.infer<typeof layoutSchema>;
export const DEFAULT_LAYOUT: StatsLayout = { groups: [...GROUP_KEYS], columns: [...BREAKDOWN_COLUMNS] };

/** A layout in words, for the audit log. */
export function layoutText(layout: StatsLayout): { statsRows: string; statsColumns: string } {
  const label = (key: string) => (key.startsWith('gender:') ? `性别${key.slice(7)}` : key.slice(key.indexOf(':') + 1));
  return {
    statsRows: GROUP_KEYS.filter(g => layout.groups.includes(g))
      .map(g => GROUP_LABELS[g])
      .join('、'),
    statsColumns: ['总体', ...BREAKDOWN_COLUMNS.filter(c => layout.columns.includes(c)).map(label)].join('、'),
  };
}

/** The table narrowed to a layout: the chosen groups (in table order) and columns (总体 always first). */
export function applyLayout(table: StructureTable, layout: StatsLayout): StructureTable {
  const keep = table.columns.map((c, i) => (c.key === ALL_COLUMN || layout.columns.includes(c.key) ? i : -1)).filter(i => i >= 0);
  return {
    ...table,
    columns: keep.map(i => table.columns[i]),
    groups: table.groups.filter(g => layout.groups.includes(g.key)).map(g => ({ ...g, rows: g.rows.map(r => ({ ...r, cells: keep.map(i => r.cells[i]) })) })),
  };
}

/**
 * The CLI's JSON: {scope, refDate, total, averageAge, groups: {<group>: {<category>: {count,
 * pct, byLevel: {<level>: count}, byGender: {男, 女}}}}}.
 */
export function structureJson(table: StructureTable) {
  const col = (key: string) => table.columns.findIndex(c => c.key === key);
  const levelCols = LEVEL_COLUMNS.map(l => [l, col(levelColumn(l))] as const);
  const genderCols = GENDER_COLUMNS.map(g => [g, col(genderColumn(g))] as const);
  const all = col(ALL_COLUMN);
  return {
    scope: { ...table.scope, label: table.scopeLabel },
    refDate: table.refDate,
    total: table.total,
    averageAge: table.averageAge,
    groups: Object.fromEntries(
      table.groups.map(g => [
        g.key,
        Object.fromEntries(
          g.rows.map(r => [
            r.category,
            {
              count: r.cells[all].count,
              pct: r.cells[all].pct,
              byLevel: Object.fromEntries(levelCols.map(([l, i]) => [l, r.cells[i].count])),
              byGender: Object.fromEntries(genderCols.map(([gd, i]) => [gd, r.cells[i].count])),
            },
          ]),
        ),
      ]),
    ) as Record<GroupKey, Record<string, { count: number; pct: number; byLevel: Record<string, number>; byGender: Record<string, number> }>>,
  };
}

/** A figure of the compare view and the team analysis, with the drill-down terms it stands for. */
export interface KeyFigure {
  key: 'women' | 'minority' | 'nonCpc' | 'young';
  label: string;
  count: number;
  pct: number;
  group?: GroupKey;
  categories?: string[];
  gender?: '女';
}

/** The 40岁及以下 line: the age bands it adds up. */
export const YOUNG_AGE = 40;

/** 女, 少数民族, 党外, 40岁及以下 of a table's 总体 column, summed from its cells. */
export function keyFigures(table: StructureTable): KeyFigure[] {
  const all = table.columns.findIndex(c => c.key === ALL_COLUMN);
  const sum = (group: GroupKey, categories: readonly string[]) =>
    table.groups.find(g => g.key === group)?.rows.reduce((n, r) => n + (categories.includes(r.category) ? r.cells[all].count : 0), 0) ?? 0;
  const women = table.columns.find(c => c.key === genderColumn('女'))?.total ?? 0;
  const young = bandsUpTo(YOUNG_AGE);
  const figure = (f: Omit<KeyFigure, 'pct'>): KeyFigure => ({ ...f, pct: percent(f.count, table.total) });
  return [
    figure({ key: 'women', label: '女干部', count: women, gender: '女' }),
    figure({ key: 'minority', label: '少数民族', count: sum('ethnicity', [MINORITY]), group: 'ethnicity', categories: [MINORITY] }),
    figure({ key: 'nonCpc', label: '党外干部', count: sum('political', NON_CPC_CATEGORIES), group: 'political', categories: [...NON_CPC_CATEGORIES] }),
    figure({ key: 'young', label: `${YOUNG_AGE}岁及以下`, count: sum('ageBand', young), group: 'ageBand', categories: young }),
  ];
}
