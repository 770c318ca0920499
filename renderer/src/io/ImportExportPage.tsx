import { useState } from 'react';
import type { ImportTarget } from '../../../shared/contract/api';
import { ExportPanel } from './ExportPanel';
import { ImportRuns } from './ImportRuns';
import { ImportWizard } from './ImportWizard';
import './io.css';

/** What the 导入导出 page imports into; a batch's members and a round's scores are imported on their own pages. */
const TARGETS: { kind: 'roster' | 'annual' | 'units'; label: string; hint: string }[] = [
  {
    kind: 'roster',
    label: '干部名册',
    hint: '支持 .xlsx、.xls、.et（WPS）、.csv 名册和任免审批表（.lrmx），可一次选择多个文件或一个 .zip 压缩包。导入前会逐行检查并预览，确认后才写入名册。',
  },
  {
    kind: 'annual',
    label: '年度考核结果',
    hint: '身份证号（或姓名）加年份列（如“2023年”“2024年度考核”），或“考核年度”“考核结果”两列；只更新名册中已有的干部，其他年份保持不变。',
  },
  { kind: 'units', label: '单位树', hint: '单位名称（可写作“市委/组织部”）、上级单位、简称、单位类别；已在单位树中的单位保持不变。' },
];

/** 导入导出: the import wizard (roster, annual results, unit tree), the import runs, exports. */
export function ImportExportPage() {
  const [version, setVersion] = useState(0);
  const [kind, setKind] = useState<(typeof TARGETS)[number]['kind']>('roster');
  const current = TARGETS.find(t => t.kind === kind)!;
  const target: ImportTarget = { kind };
  return (
    <section className="page io-page">
      <header className="page-head">
        <h1>导入导出</h1>
      </header>
      <div className="io-scroll">
        <fieldset className="io-targets">
          <legend>导入到</legend>
          {TARGETS.map(t => (
            <label key={t.kind}>
              <input type="radio" name="io-target" checked={kind === t.kind} onChange={() => setKind(t.kind)} /> {t.label}
            </label>
          ))}
        </fieldset>
        <ImportWizard key={kind} target={target} heading={`导入${current.label}`} hint={current.hint} onCommitted={() => setVersion(v => v + 1)} />
        <ImportRuns version={version} />
        <ExportPanel />
      </div>
    </section>
  );
}
