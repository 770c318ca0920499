/** The live statistics of a batch or a programme (figures from shared/domain/secondment/stats.ts). */
import type { SecondmentStats } from '../../../shared/contract/api';
import { pctText } from './common';

type Share = SecondmentStats['education'][number];

/** One figure of a statistics panel: 标签, the count with its measure word (人, 个) and an optional share. */
export function Figure({ label, count, pct, title, unit = '人' }: { label: string; count: number; pct?: number; title?: string; unit?: string }) {
  return (
    <div className="sd-figure" title={title}>
      <dt>{label}</dt>
      <dd>
        <strong>{count}</strong> {unit}
        {pct !== undefined && <span className="sd-pct">{pctText(pct)}</span>}
      </dd>
    </div>
  );
}

function ShareList({ title, shares }: { title: string; shares: Share[] }) {
  if (!shares.length) return null;
  return (
    <div className="sd-shares">
      <h4>{title}</h4>
      <ul>
        {shares.map(s => (
          <li key={s.label}>
            <span>{s.label}</span>
            <span>
              {s.count} 人 <span className="sd-pct">{pctText(s.pct)}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The headline figures: headcount, young, the decades with shares, female, promoted. */
export function StatsSummary({ stats, label }: { stats: SecondmentStats; label: string }) {
  return (
    <dl className="sd-figures" aria-label={label}>
      <Figure label="总人数" count={stats.headcount} title={stats.recalled ? `含提前召回 ${stats.recalled} 人；已调换的不计` : '已调换的不计'} />
      <Figure label={`年轻干部（${stats.youngThreshold}岁以下）`} count={stats.young} pct={stats.youngPct} />
      <Figure label="70后" count={stats.born1970s} pct={stats.born1970sPct} />
      <Figure label="80后" count={stats.born1980s} pct={stats.born1980sPct} />
      <Figure label="90后" count={stats.born1990s} pct={stats.born1990sPct} />
      <Figure label="女干部" count={stats.female} pct={stats.femalePct} />
      <Figure label="返岗后提拔重用" count={stats.promoted} pct={stats.promotedPct} title={`返岗 ${stats.returned} 人中提拔或重用的人数；比例按返岗人数计`} />
    </dl>
  );
}

/** The whole panel of a batch: the summary, the young threshold, gender, education, rank and outcomes. */
export function StatsPanel({ stats, threshold, onThreshold }: { stats: SecondmentStats; threshold: number; onThreshold: (n: number) => void }) {
  return (
    <section className="sd-stats" aria-label="批次统计">
      <header>
        <h3>批次统计</h3>
        <label className="sd-threshold">
          年轻干部：批次开始时未满
          <input
            type="number"
            min={18}
            max={80}
            value={threshold}
            aria-label="年轻干部年龄线"
            onChange={e => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 18 && n <= 80) onThreshold(n);
            }}
          />
          岁
        </label>
      </header>
      <StatsSummary stats={stats} label="批次统计数字" />
      <p className="muted sd-note">
        男 {stats.male} 人，女 {stats.female} 人{stats.averageAge !== null && `；批次开始时平均年龄 ${stats.averageAge} 岁`}
        {stats.recalled > 0 && `；含提前召回 ${stats.recalled} 人`}
        {stats.replaced > 0 && `；已调换 ${stats.replaced} 人不计入`}
      </p>
      <div className="sd-share-row">
        <ShareList title="全日制学历" shares={stats.education} />
        <ShareList title="职级" shares={stats.rank} />
        <ShareList title="返岗后使用" shares={stats.outcomes} />
      </div>
    </section>
  );
}
