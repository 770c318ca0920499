/** The problems an import preview found, one per row: where (file, sheet, row, column) and what. */

export interface Issue {
  severity?: 'error' | 'warning';
  file?: string;
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  message: string;
}

type Where = 'severity' | 'file' | 'sheet' | 'row' | 'column';
const HEADERS: Record<Where, string> = { severity: '类别', file: '文件', sheet: '工作表', row: '行', column: '列' };

export function IssuesTable({
  issues,
  show,
  label = '问题列表',
  className = 'io-table',
  errorRowClass = 'io-error-row',
}: {
  issues: readonly Issue[];
  /** The "where" columns this importer has, in order. */
  show: readonly Where[];
  label?: string;
  className?: string;
  errorRowClass?: string;
}) {
  return (
    <table className={`${className} ui-issues`} aria-label={label}>
      <thead>
        <tr>
          {show.map(k => (
            <th key={k}>{HEADERS[k]}</th>
          ))}
          <th>说明</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((x, i) => (
          <tr key={i} className={x.severity === 'warning' ? 'io-warning-row' : errorRowClass}>
            {show.map(k => (
              <td key={k} className={k === 'row' ? 'num' : undefined}>
                {k === 'severity' ? (x.severity === 'warning' ? '提示' : '错误') : (x[k] ?? '')}
              </td>
            ))}
            <td>{x.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
