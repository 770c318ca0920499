import type { AppStatus } from '../../../shared/api';

export function DataPage({ status }: { status: AppStatus }) {
  return (
    <section className="page">
      <header className="page-head">
        <h1>数据与备份</h1>
      </header>
      <dl className="facts">
        <dt>数据文件</dt>
        <dd><code>{status.dbPath}</code></dd>
        <dt>结构版本</dt>
        <dd>{status.schemaVersion}</dd>
        <dt>单位数</dt>
        <dd>{status.counts.units}</dd>
        <dt>干部数</dt>
        <dd>{status.counts.cadres}</dd>
      </dl>
      <div className="not-yet" role="status">
        <strong>备份与恢复尚未开放</strong>
        <p>在此之前，可在退出程序后复制上面的数据文件进行备份。</p>
      </div>
    </section>
  );
}
