import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../shared/contract/api';
import { MAX_OPERATOR_NAME, MAX_UNIT_NAME, normalizeOperatorName, normalizeUnitName } from '../../../shared/domain/audit/text';
import { api } from '../api';
import { loadOperator, saveOperator } from '../audit/operator';
import { errorText } from '../ui/errors';
import { ErrorLine, useAction } from '../ui/useAction';

type Choice = 'demo' | 'import' | 'blank';

/**
 * First start on an empty data folder: who is working (操作员姓名, proposed
 * from the OS user name; it stamps every change), 本单位名称 (the 填报单位 of
 * every export), and how to begin. Fits a 1366×768 screen without scrolling.
 */
export function Welcome({ onDone }: { onDone: (status: AppStatus, choice: Choice) => void }) {
  const { busy, error, setError, run } = useAction();
  const [operator, setOperator] = useState<string | null>(null);
  const [unitName, setUnitName] = useState('');

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
    const unit = normalizeUnitName(unitName);
    if (!name.ok || !unit.ok) {
      setError(!name.ok ? name.message : !unit.ok ? unit.message : null);
      return;
    }
    await run(async () => {
      // The name first, so that even the demo data's arrival is stamped with it.
      await saveOperator(name.value);
      if (unit.value) await api.setUnitName({ name: unit.value });
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
      <label className="welcome-operator">
        <span>本单位名称</span>
        <input
          aria-label="本单位名称"
          value={unitName}
          placeholder="如：中共滨江市委组织部"
          maxLength={MAX_UNIT_NAME}
          disabled={busy}
          onChange={e => setUnitName(e.target.value)}
        />
        <small className="muted">导出的名册等表格上的“填报单位”；可以暂不填写，以后在“数据与备份”中设置。</small>
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
