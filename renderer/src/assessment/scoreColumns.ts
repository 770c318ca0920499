/**
 * Columns of the score grid: the cadre, one column per scored indicator
 * (一级 with 二级 as a header group, each cadre's extras under 个性化指标),
 * the 民主测评 tallies, then the computed total, ranks and grades.
 */
import type { CellClassParams, ColDef, ColGroupDef, ITooltipParams, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { GridRow, Indicator, ScoreGrid } from '../../../shared/contract/api';
import { VOTE_LABELS, type VoteTally } from '../../../shared/domain/assessment/democratic';
import { formatNumber } from '../../../shared/domain/assessment/numbers';
import { SelectEditor } from './SelectEditor';

export type ShowMode = 'raw' | 'score';
export const VOTE_KEYS = ['excellent', 'competent', 'basic', 'incompetent', 'unknown'] as const satisfies readonly (keyof VoteTally)[];
export type VoteKey = (typeof VOTE_KEYS)[number];

/** What the 评定等次 editor offers; 按拟定 puts the proposal back. */
export const GRADE_CHOICES = ['按拟定', '优秀', '称职', '基本称职', '不称职', '不定等次'];

export const indicatorColId = (id: number) => `i${id}`;
export const voteColId = (k: VoteKey) => `v_${k}`;
export function parseColId(colId: string): { kind: 'indicator'; id: number } | { kind: 'vote'; key: VoteKey } | { kind: 'other' } {
  if (/^i\d+$/.test(colId)) return { kind: 'indicator', id: Number(colId.slice(1)) };
  if (colId.startsWith('v_') && (VOTE_KEYS as readonly string[]).includes(colId.slice(2))) return { kind: 'vote', key: colId.slice(2) as VoteKey };
  return { kind: 'other' };
}

const YES_NO: Partial<Record<Indicator['method'], [string, string]>> = { passFail: ['合格', '不合格'], veto: ['是', '否'] };

/** The cell as typed: numbers as numbers, 合格/不合格 and 是/否 as words (what the select editor offers). */
function rawValue(ind: Indicator, row: GridRow | undefined): string | number | null {
  const cell = row?.cells[String(ind.id)];
  if (!cell || cell.raw === null) return null;
  const words = YES_NO[ind.method];
  return words ? (cell.raw >= 1 ? words[0] : words[1]) : cell.raw;
}

/** AG Grid's rightAligned type sets a cellClass that our own cellClass would replace: keep it. */
const RIGHT = 'ag-right-aligned-cell';

const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatNumber(n));

export interface ColumnContext {
  locked: boolean;
  show: ShowMode;
  /** `${cadreId}:${indicatorId}` of cells the server refused in the last save. */
  badCells: ReadonlySet<string>;
}

function indicatorColumn(ind: Indicator, ctx: ColumnContext, header: string): ColDef<GridRow> {
  const key = String(ind.id);
  const words = YES_NO[ind.method];
  return {
    colId: indicatorColId(ind.id),
    headerName: header,
    headerTooltip: [
      ind.name,
      `权重 ${formatNumber(ind.weight)}%`,
      ind.method === 'target' && ind.target !== null ? `目标 ${formatNumber(ind.target)}${ind.targetUnit}` : '',
      ind.description,
    ]
      .filter(Boolean)
      .join('\n'),
    width: Math.max(90, header.length * 13 + 18),
    type: 'rightAligned',
    editable: p => !ctx.locked && ind.method !== 'vote' && !!p.data?.cells[key],
    valueGetter: (p: ValueGetterParams<GridRow>) =>
      ind.method === 'vote' || ctx.show === 'score' ? (p.data?.cells[key]?.score ?? null) : rawValue(ind, p.data),
    valueFormatter: (p: ValueFormatterParams<GridRow>) => {
      if (!p.data?.cells[key]) return '—';
      return typeof p.value === 'number' ? formatNumber(p.value) : String(p.value ?? '');
    },
    cellEditor: words ? SelectEditor : 'agTextCellEditor',
    cellEditorParams: words ? { values: ['', ...words] } : undefined,
    tooltipValueGetter: (p: ITooltipParams<GridRow>) => {
      const c = p.data?.cells[key];
      if (!c) return `${p.data?.name ?? ''}没有此项指标`;
      const parts = [`得分 ${c.score === null ? '—' : formatNumber(c.score)} / ${formatNumber(ind.maxScore)}`];
      if (c.target !== null) parts.push(`目标 ${formatNumber(c.target)}${ind.targetUnit}${c.personalised ? '（个性化）' : ''}`);
      if (c.personalised && c.target === null) parts.push(`本人权重 ${formatNumber(c.weight)}%`);
      if (c.daily) parts.push(`日常考核 ${c.daily > 0 ? '+' : ''}${formatNumber(c.daily)}`);
      if (c.note) parts.push(c.note);
      return parts.join('；');
    },
    cellClass: (p: CellClassParams<GridRow>) => {
      const c = p.data?.cells[key];
      if (!c) return ['as-na', RIGHT];
      const classes = [RIGHT];
      if (ctx.badCells.has(`${p.data!.cadreId}:${ind.id}`)) classes.push('as-bad');
      if (c.personalised) classes.push('as-personal-cell');
      if (ind.method === 'vote') classes.push('as-computed');
      else if (c.raw === null && p.data!.missing.includes(ind.name)) classes.push('as-missing');
      return classes;
    },
  };
}

export function buildScoreColumns(grid: ScoreGrid, ctx: ColumnContext): (ColDef<GridRow> | ColGroupDef<GridRow>)[] {
  const own = grid.indicators.filter(i => i.cadreId === null);
  const extras = grid.indicators.filter(i => i.cadreId !== null);
  const names = new Map(grid.rows.map(r => [r.cadreId, r.name]));
  const pct = (i: Indicator) => (i.method === 'veto' ? `${i.name}（否决）` : `${i.name} ${formatNumber(i.weight)}%`);

  const indicatorCols: (ColDef<GridRow> | ColGroupDef<GridRow>)[] = own
    .filter(i => i.parentId === null)
    .map(top => {
      const children = own.filter(c => c.parentId === top.id);
      if (children.length === 0) return indicatorColumn(top, ctx, pct(top));
      return { headerName: pct(top), groupId: `g${top.id}`, children: children.map(c => indicatorColumn(c, ctx, pct(c))) };
    });
  if (extras.length) {
    indicatorCols.push({
      headerName: '个性化指标',
      groupId: 'extras',
      children: extras.map(e => indicatorColumn(e, ctx, `${e.name}（${names.get(e.cadreId!) ?? ''}）`)),
    });
  }

  const voteCols: ColDef<GridRow>[] = VOTE_KEYS.map(k => ({
    colId: voteColId(k),
    headerName: VOTE_LABELS[k],
    width: k === 'basic' || k === 'incompetent' ? 84 : 70,
    type: 'rightAligned',
    editable: !ctx.locked,
    valueGetter: p => p.data?.votes?.[k] ?? null,
  }));

  return [
    { colId: 'seq', headerName: '序号', width: 64, pinned: 'left', sortable: false, valueGetter: p => (p.node?.rowIndex ?? 0) + 1 },
    { colId: 'name', headerName: '姓名', field: 'name', width: 92, pinned: 'left' },
    { colId: 'unit', headerName: '单位', field: 'unit', width: 130, tooltipField: 'post' },
    { colId: 'group', headerName: '分组', field: 'group', width: 100, hide: grid.round.grouping === 'none' },
    ...indicatorCols,
    {
      headerName: '民主测评（票）',
      groupId: 'votes',
      children: [
        ...voteCols,
        {
          colId: 'democratic',
          headerName: '测评得分',
          width: 88,
          type: 'rightAligned',
          valueGetter: p => p.data?.democraticScore ?? null,
          valueFormatter: p => num(p.value),
          cellClass: ['as-computed', RIGHT],
        },
      ],
    },
    {
      colId: 'total',
      headerName: '总分',
      width: 84,
      type: 'rightAligned',
      valueGetter: p => p.data?.total ?? null,
      valueFormatter: p => num(p.value),
      cellClass: ['as-computed', 'as-strong', RIGHT],
      pinned: 'right',
    },
    {
      colId: 'rank',
      headerName: '名次',
      width: 68,
      type: 'rightAligned',
      valueGetter: p => p.data?.rank ?? null,
      cellClass: ['as-computed', RIGHT],
      pinned: 'right',
    },
    {
      colId: 'groupRank',
      headerName: '组内名次',
      width: 84,
      type: 'rightAligned',
      valueGetter: p => p.data?.groupRank ?? null,
      cellClass: ['as-computed', RIGHT],
      hide: grid.round.grouping === 'none',
    },
    {
      colId: 'proposed',
      headerName: '拟定等次',
      width: 92,
      pinned: 'right',
      valueGetter: p => (p.data?.vetoed ? '不称职（否决）' : (p.data?.proposedGrade ?? (p.data?.missing.length || p.data?.problems.length ? '待补全' : ''))),
      tooltipValueGetter: p =>
        p.data?.problems.length ? p.data.problems.join('；') : p.data?.missing.length ? `缺少：${p.data.missing.join('、')}` : undefined,
      cellClass: p => (p.data?.proposedGrade ? 'as-computed' : 'as-computed muted'),
    },
    {
      colId: 'grade',
      headerName: '评定等次',
      width: 104,
      pinned: 'right',
      editable: !ctx.locked,
      valueGetter: p => p.data?.grade ?? '',
      valueFormatter: p => (p.data?.override ? `${p.value}＊` : String(p.value ?? '')),
      cellEditor: SelectEditor,
      cellEditorParams: { values: GRADE_CHOICES },
      tooltipValueGetter: p =>
        p.data?.override ? `人工评定${p.data.override.reason ? `：${p.data.override.reason}` : ''}（拟定：${p.data.proposedGrade ?? '无'}）` : undefined,
      cellClass: p => [p.data?.grade === '优秀' ? 'as-excellent' : '', p.data?.override ? 'as-override' : ''],
    },
    {
      colId: 'reason',
      headerName: '评定说明',
      width: 150,
      editable: p => !ctx.locked && !!p.data?.override,
      valueGetter: p => p.data?.override?.reason ?? '',
    },
  ];
}
