/** The 优秀 quota per group: assessed, ratio, rounding, places, 优秀 count, and the excess in red. */
import type { QuotaGroup } from '../../../shared/contract/api';

export function QuotaPanel({ quota }: { quota: QuotaGroup[] }) {
  return (
    <table className="as-table as-quota" aria-label="优秀名额">
      <thead>
        <tr>
          <th>分组</th>
          <th>参评</th>
          <th>比例</th>
          <th>取整</th>
          <th>名额</th>
          <th>优秀</th>
          <th>超出</th>
        </tr>
      </thead>
      <tbody>
        {quota.map(q => (
          <tr key={q.group} className={q.over > 0 ? 'as-over' : undefined} title={q.message ?? q.explanation}>
            <td>{q.group}</td>
            <td className="num">{q.assessed}</td>
            <td className="num">{q.quotaPercent}%</td>
            <td>{q.rounding}</td>
            <td className="num" title={q.explanation}>
              {q.places} <small className="muted">（{q.exact}）</small>
            </td>
            <td className="num">{q.excellent}</td>
            <td className="num">{q.over > 0 ? <strong className="as-over-text">超出 {q.over} 人</strong> : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
