import { useEffect, useState, type FormEvent } from 'react';
import { MAX_UNIT_NAME } from '../../../shared/domain/audit/text';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { ErrorLine } from '../ui/useAction';

/** 本单位名称 on 数据与备份: the 填报单位 of every export, changed here after the first start. */
export function UnitNameSetting() {
  const [saved, setSaved] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api.getUnitName({}).then(
      r => {
        if (!alive) return;
        setSaved(r.name);
        setText(r.name);
      },
      e => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await api.setUnitName({ name: text });
      setSaved(r.name);
      setText(r.name);
      setDone(r.name ? `已保存：此后导出的表格填报单位为「${r.name}」` : '已清除：导出的表格“填报单位”一栏留空');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="data-block unit-name-setting" aria-labelledby="unit-name-title">
      <h2 id="unit-name-title">本单位名称</h2>
      <p className="muted">导出的名册、挂职名册、审计日志和导入模板的“填报单位”，以及任免审批表的“呈报单位”（未单独设置时）。</p>
      <form className="operator-form" onSubmit={e => void submit(e)}>
        <label>
          本单位名称
          <input
            value={text}
            maxLength={MAX_UNIT_NAME}
            placeholder="如：中共滨江市委组织部"
            onChange={e => setText(e.target.value)}
            disabled={saved === null}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || saved === null || text.trim() === saved}>
          保存
        </button>
      </form>
      {done && (
        <p className="operator-ok" aria-live="polite">
          {done}
        </p>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
