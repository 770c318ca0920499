import { useState } from 'react';
import type { AppStatus } from '../../../shared/api';
import { api } from '../api';

type Choice = 'demo' | 'import' | 'blank';

/** First start on an empty data folder: how would you like to begin? */
export function Welcome({ onDone }: { onDone: (status: AppStatus, choice: Choice) => void }) {
  const [busy, setBusy] = useState<Choice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choose = (choice: Choice) => {
    setBusy(choice);
    setError(null);
    api.beginWith({ choice }).then(
      s => onDone(s, choice),
      (e: Error) => {
        setError(e.message);
        setBusy(null);
      },
    );
  };
  return (
    <div className="welcome">
      <h1>欢迎使用干部工作台</h1>
      <p className="muted">数据只保存在本机，不会上传到任何地方。请选择开始方式：</p>
      <div className="welcome-choices">
        <button onClick={() => choose('demo')} disabled={busy !== null}>
          <strong>载入示例数据</strong>
          <span>一个虚构城市的单位与约 600 名干部，用于熟悉功能，可随时清空。</span>
        </button>
        <button onClick={() => choose('import')} disabled={busy !== null}>
          <strong>从 Excel 导入</strong>
          <span>导入现有的干部花名册（.xlsx、.xls、.csv）。</span>
        </button>
        <button onClick={() => choose('blank')} disabled={busy !== null}>
          <strong>空白开始</strong>
          <span>从零开始录入。</span>
        </button>
      </div>
      {busy && <p role="status">正在准备……</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
