/**
 * 修改记录: every change to one cadre, newest first: when ('2026.11.22 14:03',
 * local time), who, what kind of change, and each field as '字段：旧值 → 新值'.
 */
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/contract/api';
import { auditActionLabel, formatAuditTime, formatAuditValue } from '../../../shared/domain/audit/text';
import { api } from '../api';
import './form.css';

const MAX_SHOWN = 80;

function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

export function AuditLog({ cadreId }: { cadreId: number }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [units, setUnits] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api.cadreAuditLog({ id: cadreId }).then(
      e => alive && setEntries(e),
      (e: Error) => alive && setError(e.message),
    );
    api.listUnits({}).then(
      list => alive && setUnits(new Map(list.map(u => [u.id, u.name]))),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [cadreId]);

  if (error)
    return (
      <div className="audit-log error" role="alert">
        无法读取修改记录：{error}
      </div>
    );
  if (!entries) return <div className="audit-log muted">正在读取修改记录……</div>;
  return (
    <section className="audit-log" aria-label="修改记录">
      {entries.length === 0 ? (
        <div className="audit-empty">这名干部还没有修改记录。录入、粘贴、导入、删除与撤销都会记在这里。</div>
      ) : (
        <ol>
          {entries.map(e => (
            <li key={e.id} className="audit-entry">
              <div className="audit-meta">
                <time className="audit-time" dateTime={e.at}>
                  {formatAuditTime(e.at)}
                </time>
                <span className="audit-operator">{e.operator}</span>
                <span className="audit-action">{auditActionLabel(e.action)}</span>
              </div>
              <ul className="audit-changes">
                {e.changes.length === 0 ? (
                  <li className="muted">（内容已更新，无字段差异可显示）</li>
                ) : (
                  e.changes.map(c => {
                    const replaced = c.field === 'photo' && c.before && c.after;
                    const before = replaced ? '原照片' : formatAuditValue(c.field, c.before, units);
                    const after = replaced ? '新照片' : formatAuditValue(c.field, c.after, units);
                    return (
                      <li key={c.field} title={`${c.label}：${before} → ${after}`}>
                        <span className="audit-field">{c.label}：</span>
                        <span className="audit-before">{clip(before)}</span>
                        {' → '}
                        <span className="audit-after">{clip(after)}</span>
                      </li>
                    );
                  })
                )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
