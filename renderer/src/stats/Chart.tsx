/**
 * Charts of 统计分析 with Apache ECharts: only the parts used are imported (bar, pie and line
 * charts, their grid, tooltip, legend and title), drawn on canvas. Nothing is fetched and nothing
 * is evaluated, so the charts run under the app's CSP. Colours are the Okabe–Ito palette, which
 * stays apart for colour-blind readers and in grey print.
 */
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { downloadBase64 } from '../io/files';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** Okabe & Ito (2008): blue, vermillion, bluish green, orange, sky blue, reddish purple, yellow, black. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'];
export const MEN = PALETTE[0];
export const WOMEN = PALETTE[1];

/** What a click on a bar or a slice names. */
export interface ChartPick {
  name: string;
  seriesName: string;
  dataIndex: number;
}

interface Props {
  option: EChartsCoreOption;
  /** Names the chart for screen readers and the PNG file. */
  title: string;
  height?: number;
  onPick?: (p: ChartPick) => void;
}

/** One chart with its 导出图片 button; a click on a bar or slice calls onPick. */
export function Chart({ option, title, height = 320, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  // What paper gets: a picture of the chart as last drawn, scaled by the print layout (a canvas
  // is not redrawn for the printed page's size).
  const [snapshot, setSnapshot] = useState('');

  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = c;
    c.on('click', p => pick.current?.({ name: String(p.name), seriesName: String(p.seriesName ?? ''), dataIndex: p.dataIndex }));
    c.on('finished', () => setSnapshot(c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })));
    // A hidden chart (the printed page shows the picture instead) keeps its last drawing.
    const resize = new ResizeObserver(() => box.current?.clientWidth && c.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, true);
  }, [option]);

  const savePng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (url) downloadBase64(`${title}.png`, url.slice(url.indexOf(',') + 1), 'image/png');
  };

  return (
    <figure className="st-chart">
      <div ref={box} className="st-chart-canvas" style={{ height }} role="img" aria-label={title} />
      {snapshot && <img className="st-chart-print" src={snapshot} alt={title} />}
      <figcaption className="no-print">
        <button type="button" onClick={savePng}>
          导出图片
        </button>
        {onPick && <span className="muted">点击柱或扇区可查看对应人员</span>}
      </figcaption>
    </figure>
  );
}
