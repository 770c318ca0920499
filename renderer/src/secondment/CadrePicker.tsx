/**
 * Picks cadres from the roster by name, pinyin (zs / zhangsan), ID number or post,
 * through the roster's own list route; one or several.
 */
import { useEffect, useState } from 'react';
import type { CadreRow } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { ErrorLine } from '../ui/useAction';

const LIMIT = 30;

export function CadrePicker({
  multiple,
  chosen,
  onChange,
  exclude = [],
  label = '查找干部',
}: {
  multiple: boolean;
  chosen: CadreRow[];
  onChange: (rows: CadreRow[]) => void;
  /** Cadre ids not offered (e.g. already in the batch). */
  exclude?: number[];
  label?: string;
}) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<CadreRow[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const search = text.trim();
    if (!search) {
      setRows([]);
      setTotal(0);
      return;
    }
    let alive = true;
    const t = setTimeout(() => {
      api.queryCadrePage({ search, offset: 0, limit: LIMIT }).then(
        r => {
          if (!alive) return;
          setRows(r.rows);
          setTotal(r.total);
          setError(null);
        },
        e => alive && setError(errorText(e)),
      );
    }, 200);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [text]);

  const isChosen = (id: number) => chosen.some(c => c.id === id);
  const toggle = (r: CadreRow, on: boolean) => {
    if (!multiple) onChange(on ? [r] : []);
    else onChange(on ? [...chosen, r] : chosen.filter(c => c.id !== r.id));
  };
  const excluded = new Set(exclude);

  return (
    <div className="sd-picker">
      <input
        type="search"
        className="search"
        placeholder="姓名、拼音（zs / zhangsan）、身份证号、职务"
        aria-label={label}
        value={text}
        onChange={e => setText(e.target.value)}
        autoFocus
      />
      <ErrorLine error={error} />
      {chosen.length > 0 && (
        <p className="sd-chosen" aria-live="polite">
          已选：{chosen.map(c => c.name).join('、')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="sd-picker-list">
          <table className="plain">
            <thead>
              <tr>
                <th />
                <th>姓名</th>
                <th>性别</th>
                <th>出生年月</th>
                <th>单位</th>
                <th>现任职务</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(r => (
                <tr key={r.id} className={excluded.has(r.id) ? 'muted' : undefined}>
                  <td>
                    <input
                      type={multiple ? 'checkbox' : 'radio'}
                      name="sd-picker"
                      aria-label={`选择 ${r.name}（${formatDate(r.birth)}）`}
                      disabled={excluded.has(r.id)}
                      checked={isChosen(r.id)}
                      onChange={e => toggle(r, e.target.checked)}
                    />
                  </td>
                  <td>{r.name}</td>
                  <td>{r.gender}</td>
                  <td>{formatDate(r.birth)}</td>
                  <td>{r.unit}</td>
                  <td>{excluded.has(r.id) ? '（已在本批次）' : r.post}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > rows.length && (
            <p className="muted">
              共找到 {total} 人，只显示前 {LIMIT} 人；请输入更完整的姓名或拼音。
            </p>
          )}
        </div>
      )}
      {text.trim() && rows.length === 0 && !error && <p className="muted">名册中没有找到「{text.trim()}」。</p>}
    </div>
  );
}
