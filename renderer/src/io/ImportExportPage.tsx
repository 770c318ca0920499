import { useState } from 'react';
import { ExcelImport } from './ExcelImport';
import { ExportPanel } from './ExportPanel';
import { ImportRuns } from './ImportRuns';
import { LrmxImport } from './LrmxImport';
import './io.css';

/** 导入导出: the Excel import wizard, the import runs, exports and .lrmx files. */
export function ImportExportPage() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion(v => v + 1);
  return (
    <section className="page io-page">
      <header className="page-head">
        <h1>导入导出</h1>
      </header>
      <div className="io-scroll">
        <ExcelImport onCommitted={bump} />
        <ImportRuns version={version} />
        <ExportPanel />
        <LrmxImport onCommitted={bump} />
      </div>
    </section>
  );
}
