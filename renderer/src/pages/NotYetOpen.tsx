export function NotYetOpen({ title, plan }: { title: string; plan: string }) {
  return (
    <section className="page">
      <header className="page-head">
        <h1>{title}</h1>
      </header>
      <div className="not-yet" role="status">
        <strong>尚未开放</strong>
        <p>本功能正在建设中，此处不显示任何示例或虚构数据。</p>
        {plan && <p className="muted">将提供：{plan}</p>}
      </div>
    </section>
  );
}
