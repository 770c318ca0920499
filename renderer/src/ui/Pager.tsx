/** 上一页 / 下一页 over a list read a page at a time; hidden when one page holds it all. */
export function Pager({ offset, total, size, onChange }: { offset: number; total: number; size: number; onChange: (offset: number) => void }) {
  if (total <= size) return null;
  return (
    <div className="io-row ui-pager">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - size))}>
        上一页
      </button>
      <span className="muted">
        第 {offset + 1}–{Math.min(total, offset + size)} 条，共 {total} 条
      </span>
      <button type="button" disabled={offset + size >= total} onClick={() => onChange(offset + size)}>
        下一页
      </button>
    </div>
  );
}
