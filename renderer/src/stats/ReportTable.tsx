/**
 * A structure report on screen, laid out as the exported sheet: 项目 and 类别, then each series
 * (总体, a 领导职务层次, a gender, or a unit in the compare view) as 人数 and 比率. Every number is
 * a link to the roster, filtered to exactly the people it counts.
 */
import { Fragment } from 'react';
import { AGE_NOTE, cellDrill, itemRuns, PERCENT_NOTE, reportRows, type GroupKey, type Series } from '../../../shared/contract/api';
import { drillHref } from './drill';

export interface BandedSeries extends Series {
  /** The header over a run of series (领导职务层次, 性别); none for 总体 and units. */
  band?: string;
}

/** Runs of neighbouring series under the same band: [band, first index, length]. */
function bandRuns(series: readonly BandedSeries[]): [string | undefined, number, number][] {
  const runs: [string | undefined, number, number][] = [];
  series.forEach((s, i) => {
    const last = runs[runs.length - 1];
    if (last && last[0] !== undefined && last[0] === s.band) last[2]++;
    else runs.push([s.band, i, 1]);
  });
  return runs;
}

export function ReportTable({ series, groups, keyFigures, label }: { series: BandedSeries[]; groups: GroupKey[]; keyFigures: boolean; label: string }) {
  const rows = reportRows(series, groups, keyFigures);
  const starts = new Map(itemRuns(rows));
  const banded = series.some(s => s.band);
  const headRows = banded ? 3 : 2;
  return (
    <div className="st-table-wrap">
      <table className="st-table" aria-label={label}>
        <thead>
          <tr>
            <th rowSpan={headRows}>项目</th>
            <th rowSpan={headRows}>类别</th>
            {bandRuns(series).map(([band, first, n]) =>
              band === undefined ? (
                <th key={first} colSpan={2} rowSpan={headRows - 1}>
                  {series[first].label}
                </th>
              ) : (
                <th key={first} colSpan={2 * n}>
                  {band}
                </th>
              ),
            )}
          </tr>
          {banded && (
            <tr>
              {series.map((s, i) =>
                s.band ? (
                  <th key={i} colSpan={2}>
                    {s.label}
                  </th>
                ) : null,
              )}
            </tr>
          )}
          <tr>
            {series.map((_, i) => (
              <Fragment key={i}>
                <th className="st-sub">人数</th>
                <th className="st-sub">比率</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className={row.category === '' ? 'st-summary' : undefined}>
              {starts.has(r) && (
                <th scope="rowgroup" rowSpan={starts.get(r)} className="st-item">
                  {row.item}
                </th>
              )}
              <th scope="row" className="st-category">
                {row.category}
              </th>
              {row.cells.map((cell, i) => {
                const href = drillHref(cellDrill(series[i], row));
                return 'average' in cell ? (
                  <Fragment key={i}>
                    <td className="num">{cell.average === null ? '—' : <a href={href}>{cell.average.toFixed(1)}</a>}</td>
                    <td className="num" />
                  </Fragment>
                ) : (
                  <Fragment key={i}>
                    <td className="num">
                      <a href={href} title={`查看这 ${cell.count} 人`}>
                        {cell.count}
                      </a>
                    </td>
                    <td className="num pct">{cell.pct.toFixed(1)}%</td>
                  </Fragment>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="st-note">
        {PERCENT_NOTE}；{AGE_NOTE}。
      </p>
    </div>
  );
}
