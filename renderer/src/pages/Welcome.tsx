import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../shared/contract/api';
import { MAX_OPERATOR_NAME, normalizeOperatorName } from '../../../shared/domain/audit/text';
import { api } from '../api';
import { loadOperator, saveOperator } from '../audit/operator';
import { errorText } from '../ui/errors';
import { ErrorLine, useAction } from '../ui/useAction';

type Choice = 'demo' | 'import' | 'blank';

/**
 * First start on an empty data folder: who is working (操作员姓名, proposed
 * from the OS user name; it stamps every change), and how to begin.
 */
export function Welcome({ onDone }: { onDone: (status: AppStatus, choice: Choice) => void }) {
  const { busy, error, setError, run } = useAction();
  const [operator, setOperator] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    loadOperator().then(
      i => alive && setOperator(i.name ?? i.suggested),
      e => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [setError]);

  const choose = async (choice: Choice) => {
    const name = normalizeOperatorName(operator ?? '');
    if (!name.ok) {
      setError(name.message);
      return;
    }
    await run(async () => {
      // The name first, so that even the demo data's arrival is stamped with it.
      await saveOperator(name.value);
      onDone(await api.beginWith({ choice }), choice);
    });
  };
  return (
    <div className="welcome">
      <h1>欢迎使用干部工作台</h1>
      <p className="muted">数据只保存在本机，不会上传到任何地方。</p>
      <label className="welcome-operator">
        <span>操作员姓名</span>
        <input
          aria-label="操作员姓名"
          value={operator ?? ''}
          maxLength={MAX_OPERATOR_NAME}
          disabled={operator === null || busy}
          onChange={e => setOperator(e.target.value)}
        />
        <small className="muted">每一处修改都会署上这个名字，记入审计日志；以后可在“数据与备份”中更改。</small>
      </label>
      <p className="muted">请选择开始方式：</p>
      <div className="welcome-choices">
        <button onClick={() => void choose('demo')} disabled={busy || operator === null}>
          <strong>载入示例数据</strong>
          <span>一个虚构城市的单位与约 600 名干部，用于熟悉功能，可随时清空。</span>
        </button>
        <button onClick={() => void choose('import')} disabled={busy || operator === null}>
          <strong>从 Excel 导入</strong>
          <span>导入现有的干部花名册（.xlsx、.xls、.csv）。</span>
        </button>
        <button onClick={() => void choose('blank')} disabled={busy || operator === null}>
          <strong>空白开始</strong>
          <span>从零开始录入。</span>
        </button>
      </div>
      {busy && <p role="status">正在准备……</p>}
      <ErrorLine error={error} />
    </div>
  );
}
