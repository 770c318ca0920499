/**
 * The rows of a structure report as the page shows it and the exports write it: 总数, 平均年龄,
 * (in the compare view) 女干部 / 少数民族 / 党外干部 / 40岁及以下, then each chosen group's
 * categories. Each series is one column of a structure table (总体 or a breakdown) with its
 * 人数 and 比率; the compare view puts the 总体 columns of several tables side by side. Each row
 * carries the drill-down terms of its numbers, so the page links every number to its people.
 *
 * Pure: no Node, no DOM.
 */
import { formatDate } from '../common/dates';
import { percent } from '../common/percent';
import { AGE_BANDS, GROUP_CATEGORIES, type GroupKey } from './categories';
import { columnFilter, keyFigures, type Cell, type StructureTable } from './table';
import type { StatsDrill } from './scope';

/** One column of a table, shown as 人数 and 比率 under `label`. */
export interface Series {
  label: string;
  table: StructureTable;
  /** The column key ('all', 'level:正处', 'gender:女'). */
  column: string;
}

export type ReportCell = Cell | { average: number | null };

export interface ReportRow {
  /** 项目: 总数, 平均年龄, 其中, or the group's label. */
  item: string;
  /** 类别 ('' for 总数 and 平均年龄). */
  category: string;
  group?: GroupKey;
  categories?: string[];
  gender?: '女';
  cells: ReportCell[];
}

export const TOTAL_ITEM = '总数';
export const AVERAGE_AGE_ITEM = '平均年龄';
export const KEY_FIGURES_ITEM = '其中';

const columnOf = (s: Series) => {
  const i = s.table.columns.findIndex(c => c.key === s.column);
  if (i < 0) throw new Error(`no column ${s.column}`);
  return i;
};

export function reportRows(series: readonly Series[], groups: readonly GroupKey[], withKeyFigures: boolean): ReportRow[] {
  const cols = series.map(columnOf);
  const rows: ReportRow[] = [
    {
      item: TOTAL_ITEM,
      category: '',
      cells: series.map((s, i) => {
        const n = s.table.columns[cols[i]].total;
        return { count: n, pct: percent(n, n) };
      }),
    },
    // Averaged over everyone whose age is known: its drill-down is every age band.
    {
      item: AVERAGE_AGE_ITEM,
      category: '',
      group: 'ageBand',
      categories: AGE_BANDS.map(b => b.label),
      cells: series.map((s, i) => ({ average: s.table.columns[cols[i]].averageAge })),
    },
  ];
  if (withKeyFigures) {
    // Sums of the 总体 column (女 × 正处 is not a cell of the table).
    if (series.some(s => s.column !== 'all')) throw new Error('key figures are of 总体 columns only');
    const figures = series.map(s => keyFigures(s.table));
    figures[0]?.forEach((f, k) => {
      rows.push({
        item: KEY_FIGURES_ITEM,
        category: f.label,
        group: f.group,
        categories: f.categories,
        gender: f.gender,
        cells: figures.map(list => ({ count: list[k].count, pct: list[k].pct })),
      });
    });
  }
  for (const key of groups) {
    const ofSeries = series.map(s => s.table.groups.find(g => g.key === key)!);
    const categories = GROUP_CATEGORIES[key].filter(c => ofSeries.some(g => g.rows.some(r => r.category === c)));
    for (const category of categories) {
      rows.push({
        item: ofSeries[0]?.label ?? key,
        category,
        group: key,
        categories: [category],
        cells: ofSeries.map((g, i) => g.rows.find(r => r.category === category)?.cells[cols[i]] ?? { count: 0, pct: 0 }),
      });
    }
  }
  return rows;
}

/** Runs of equal 项目 (for merged cells): [first row, length]. */
export function itemRuns(rows: readonly ReportRow[]): [number, number][] {
  const runs: [number, number][] = [];
  rows.forEach((r, i) => {
    const last = runs[runs.length - 1];
    if (last && rows[last[0]].item === r.item && r.category !== '') last[1]++;
    else runs.push([i, 1]);
  });
  return runs;
}

/** The drill-down of one number: `row` in series `s`, with the words of the roster's chip. */
/** A chip label within the drill-down's limit (a 组合查询's description can run long). */
function clipLabel(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function cellDrill(s: Series, row: ReportRow): StatsDrill {
  const what = row.item === TOTAL_ITEM ? '' : row.category || row.item;
  const parts = [s.table.scopeLabel, s.column === 'all' ? '' : s.label, what].filter(Boolean);
  return {
    scope: s.table.scope,
    refDate: s.table.refDate,
    ...(row.group ? { group: row.group, categories: row.categories } : {}),
    ...columnFilter(s.column),
    ...(row.gender ? { gender: row.gender } : {}),
    label: clipLabel(`${parts.join(' · ')}（截至 ${formatDate(s.table.refDate)}）`),
  };
}
