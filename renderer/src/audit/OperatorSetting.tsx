import { useEffect, useState, type FormEvent } from 'react';
import type { OperatorInfo } from '../../../shared/contract/api';
import { MAX_OPERATOR_NAME } from '../../../shared/domain/audit/text';
import { loadOperator, onOperatorChange, saveOperator } from './operator';
import { errorText } from '../ui/errors';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { ErrorLine, useAction } from '../ui/useAction';
import './audit.css';

/**
 * The operator name field on 数据与备份, to change it later. Prefilled with
 * the saved name, else the proposed one (the OS user name).
 */
export function OperatorSetting() {
  const [info, setInfo] = useState<OperatorInfo | null>(null);
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();
  const saved = useMessage();

  useEffect(() => {
    let alive = true;
    loadOperator().then(
      i => {
        if (!alive) return;
        setInfo(i);
        setText(i.name ?? i.suggested);
      },
      e => alive && setError(errorText(e)),
    );
    const off = onOperatorChange(i => {
      setInfo(i);
      setText(i.name ?? i.suggested);
    });
    return () => {
      alive = false;
      off();
    };
  }, [setError]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    saved.clear();
    const info = await run(() => saveOperator(text));
    if (info) saved.info(`已保存：此后的修改都署名为「${info.name}」`);
  };

  const form = (
    <form className="operator-form" onSubmit={e => void submit(e)}>
      <label>
        操作员姓名
        <input value={text} maxLength={MAX_OPERATOR_NAME} onChange={e => setText(e.target.value)} disabled={!info} />
      </label>
      <button type="submit" className="primary" disabled={busy || !info}>
        更改
      </button>
    </form>
  );
  return (
    <section className="data-block operator-setting" aria-labelledby="operator-title">
      <h2 id="operator-title">操作员</h2>
      <p className="muted">每一处修改（录入、粘贴、删除、恢复、撤销、导入、备份与恢复）都署上操作员姓名，记入审计日志。换人使用时请在这里改名。</p>
      {form}
      <ErrorLine error={error} />
      <MessageLine message={saved.message} onClose={saved.clear} />
    </section>
  );
}

/**
 * The sidebar's foot: who is working, or, while nobody is named (a data
 * folder begun outside the welcome page), the proposed name to confirm or
 * change. No text field here: it would sit beside every page's own fields.
 */
export function OperatorBadge() {
  const [info, setInfo] = useState<OperatorInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    loadOperator().then(
      i => alive && setInfo(i),
      () => undefined,
    );
    const off = onOperatorChange(setInfo);
    return () => {
      alive = false;
      off();
    };
  }, []);
  if (!info) return null;
  if (info.name === null) {
    const confirm = () =>
      saveOperator(info.suggested).then(
        () => setError(null),
        e => setError(errorText(e)),
      );
    return (
      <div className="operator-prompt">
        <strong>请确认操作员</strong>
        <span>每一处修改都会署名记入审计日志，将署名为「{info.suggested}」。</span>
        <div className="operator-prompt-actions">
          <button type="button" onClick={() => void confirm()}>
            使用此姓名
          </button>
          <a href="#/data">改名</a>
        </div>
        <ErrorLine error={error} />
      </div>
    );
  }
  return (
    <a className="operator-badge" href="#/data" title="在“数据与备份”中更改操作员">
      操作员：{info.name}
    </a>
  );
}
