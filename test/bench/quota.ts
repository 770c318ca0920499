/**
 * The 职数 report for every unit (approved, filled from the roster, vacant, over) on the
 * bench's generated roster, beside the honest floor measured in the same run: a bare
 * SQLite scan of the cadres table doing the same count (leaders per unit and level, one
 * GROUP BY, no roster condition, no units, quotas or events). The report must stay within
 * TARGET times the floor.
 */
import type { Database } from '../../electron/db/database';
import { quotaFigures } from '../../electron/services/units/api';
import { medianMs } from './query';

const TARGET = 3;

export interface QuotaBenchResult {
  cadres: number;
  events: number;
  quotaRows: number;
  quotaReportMs: number;
  bareCadreScanMs: number;
  ratio: number;
  target: number;
  pass: boolean;
}

export function benchQuota(db: Database): QuotaBenchResult {
  const scan = db.prepare('SELECT unit_id, leadership_level, count(*) FROM cadres GROUP BY unit_id, leadership_level').raw();
  const bareCadreScanMs = medianMs(() => scan.all());
  const quotaReportMs = medianMs(() => quotaFigures(db));
  const ratio = Math.round((quotaReportMs / bareCadreScanMs) * 100) / 100;
  return {
    cadres: db.prepare('SELECT count(*) FROM cadres').pluck().get() as number,
    events: db.prepare('SELECT count(*) FROM cadre_events').pluck().get() as number,
    quotaRows: quotaFigures(db).length,
    quotaReportMs,
    bareCadreScanMs,
    ratio,
    target: TARGET,
    pass: ratio <= TARGET,
  };
}

export function quotaVerdict(r: QuotaBenchResult): string {
  const line = `职数 report for every unit (${r.quotaRows} rows; ${r.cadres} cadres, ${r.events} events): ${r.quotaReportMs} ms; bare GROUP BY scan of cadres ${r.bareCadreScanMs} ms`;
  return `${line}\n${r.pass ? 'PASS' : 'FAIL'} quota ratio ${r.ratio.toFixed(2)} ${r.pass ? '≤' : '>'} ${r.target}`;
}
