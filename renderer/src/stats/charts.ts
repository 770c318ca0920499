/**
 * ECharts options for the charts of 统计分析, built from the service's figures (counts and
 * half-up shares come from the table; ECharts computes no percentage of its own). Chinese
 * labels, the count and the share on every bar and slice.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { RotationStats, SecondmentStats, StructureTable } from '../../../shared/contract/api';
import { AGE_BANDS, genderColumn, type GroupKey } from '../../../shared/contract/api';
import { MEN, PALETTE, WOMEN } from './Chart';

const pct = (n: number) => `${n.toFixed(1)}%`;

/** A group's rows in the 总体 column, leaving out empty catch-alls (as the table does). */
export function groupRows(table: StructureTable, group: GroupKey) {
  return table.groups.find(g => g.key === group)!.rows.map(r => ({ category: r.category, count: r.cells[0].count, pct: r.cells[0].pct }));
}

const tooltip = { trigger: 'item' as const, confine: true };

/** One bar per category (horizontal, so long labels such as 5年以上不满10年 stay readable). */
export function barOption(table: StructureTable, group: GroupKey, title: string): EChartsCoreOption {
  const rows = groupRows(table, group);
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip,
    grid: { left: 8, right: 96, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: '人数' },
    yAxis: { type: 'category', inverse: true, data: rows.map(r => r.category) },
    series: [
      {
        type: 'bar',
        name: '人数',
        data: rows.map(r => r.count),
        itemStyle: { color: PALETTE[0] },
        barMaxWidth: 28,
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex].count}人  ${pct(rows[p.dataIndex].pct)}` },
      },
    ],
  };
}

/** The composition of a group as slices (empty categories left out). */
export function pieOption(table: StructureTable, group: GroupKey, title: string): EChartsCoreOption {
  const rows = groupRows(table, group).filter(r => r.count > 0);
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip,
    series: [
      {
        type: 'pie',
        name: title,
        radius: ['0%', '62%'],
        center: ['50%', '55%'],
        data: rows.map(r => ({ name: r.category, value: r.count })),
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        label: { formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex].category}\n${rows[p.dataIndex].count}人 ${pct(rows[p.dataIndex].pct)}` },
      },
    ],
  };
}

/** The age pyramid: men to the left, women to the right, one bar per age band; shares of each gender. */
export function pyramidOption(table: StructureTable): EChartsCoreOption {
  const rows = table.groups.find(g => g.key === 'ageBand')!.rows.filter(r => AGE_BANDS.some(b => b.label === r.category));
  const cell = (gender: '男' | '女') => {
    const i = table.columns.findIndex(c => c.key === genderColumn(gender));
    return rows.map(r => r.cells[i]);
  };
  const men = cell('男');
  const women = cell('女');
  // Symmetric, with room beyond the longest bar for its label.
  const reach = Math.max(1, ...men.map(c => c.count), ...women.map(c => c.count));
  const edge = Math.ceil(reach * 1.45);
  const label = (cells: { count: number; pct: number }[]) => ({
    show: true,
    formatter: (p: { dataIndex: number }) => (cells[p.dataIndex].count ? `${cells[p.dataIndex].count}人 ${pct(cells[p.dataIndex].pct)}` : ''),
  });
  return {
    title: { text: '年龄结构（男左女右）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { ...tooltip, formatter: (p: { seriesName: string; name: string; value: number }) => `${p.seriesName} ${p.name}：${Math.abs(p.value)}人` },
    legend: { bottom: 0, data: ['男', '女'] },
    grid: { left: 8, right: 8, top: 36, bottom: 32, containLabel: true },
    xAxis: {
      type: 'value',
      min: -edge,
      max: edge,
      minInterval: 1,
      axisLabel: { showMinLabel: false, showMaxLabel: false, formatter: (v: number) => String(Math.abs(v)) },
    },
    yAxis: { type: 'category', data: rows.map(r => r.category), axisTick: { show: false } },
    series: [
      { type: 'bar', name: '男', stack: 'age', data: men.map(c => -c.count), itemStyle: { color: MEN }, label: { ...label(men), position: 'left' } },
      { type: 'bar', name: '女', stack: 'age', data: women.map(c => c.count), itemStyle: { color: WOMEN }, label: { ...label(women), position: 'right' } },
    ],
  };
}

/** The batches of a programme: 人数 as bars, the shares (女干部, 80后, 年轻干部) as lines on the right axis. */
export function batchTrendOption(batches: { name: string; stats: SecondmentStats }[], title: string): EChartsCoreOption {
  const share = (name: string, values: number[], color: string) => ({
    type: 'line',
    name,
    yAxisIndex: 1,
    data: values,
    itemStyle: { color },
    lineStyle: { color },
    symbolSize: 7,
    label: { show: true, formatter: (p: { value: number }) => pct(p.value) },
  });
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', confine: true },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: batches.map(b => b.name) },
    yAxis: [
      { type: 'value', name: '人数', minInterval: 1 },
      { type: 'value', name: '占比（%）', min: 0, max: 100 },
    ],
    series: [
      {
        type: 'bar',
        name: '人数',
        data: batches.map(b => b.stats.headcount),
        itemStyle: { color: PALETTE[4] },
        barMaxWidth: 36,
        label: { show: true, position: 'top' },
      },
      share(
        '女干部占比',
        batches.map(b => b.stats.femalePct),
        WOMEN,
      ),
      share(
        '80后占比',
        batches.map(b => b.stats.born1980sPct),
        PALETTE[2],
      ),
      share(
        `年轻干部占比`,
        batches.map(b => b.stats.youngPct),
        PALETTE[0],
      ),
    ],
  };
}

/** Village rotations: 留任, 新选派 and 调换 stacked per rotation. */
export function rotationOption(rotations: { name: string; stats: RotationStats }[]): EChartsCoreOption {
  const part = (name: string, values: number[], color: string) => ({
    type: 'bar',
    name,
    stack: 'people',
    data: values,
    itemStyle: { color },
    barMaxWidth: 48,
    label: { show: true, formatter: (p: { value: number }) => (p.value ? `${p.value}人` : '') },
  });
  return {
    title: { text: '驻村干部轮次', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', confine: true },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: rotations.map(r => r.name) },
    yAxis: { type: 'value', name: '人数', minInterval: 1 },
    series: [
      part(
        '留任',
        rotations.map(r => r.stats.kept),
        PALETTE[0],
      ),
      part(
        '新选派',
        rotations.map(r => r.stats.new),
        PALETTE[3],
      ),
      part(
        '调换',
        rotations.map(r => r.stats.replaced),
        PALETTE[1],
      ),
    ],
  };
}
