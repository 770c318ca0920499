/**
 * 修改记录: every change to one cadre, newest first: when ('2026.11.22 14:03',
 * local time), who, what kind of change, and each field as '字段：旧值 → 新值'.
 */
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/api';
import { formatDate } from '../../../shared/dates';
import { api } from '../api';
import './form.css';

export const ACTION_LABELS: Record<string, string> = {
  edit: '修改',
  paste: '粘贴',
  fill: '向下填充',
  delete: '删除',
  restore: '恢复',
  import: '导入',
  undo: '撤销',
  redo: '重做',
  create: '新增',
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ISO time (UTC) → '2026.11.22 14:03' in the user's time zone. */
export function formatAuditTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}.${pad2(d.getMonth() + 1)}.${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const MAX_SHOWN = 80;

function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

/** One side of a change as a user reads it. */
export function formatAuditValue(field: string, v: unknown, units: Map<number, string>): string {
  if (field === 'deleted') return v ? '在回收站' : '在名册中';
  if (field === 'photo') return v ? '有照片' : '无照片';
  if (field === 'unitId') return v === null || v === undefined ? '（无）' : units.get(Number(v)) ?? `单位 ${String(v)}`;
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'string') return formatDate(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '（无）';
    return v
      .map(item => {
        if (typeof item !== 'object' || item === null) return String(item);
        const o = item as Record<string, unknown>;
        if ('relation' in o) {
          return [o.relation, o.name, o.birth ? formatDate(String(o.birth)) : '', o.political_status ?? o.politicalStatus, o.work].filter(Boolean).join(' ');
        }
        if ('year' in o && 'grade' in o) return `${String(o.year)}年度${String(o.grade)}`;
        return JSON.stringify(o);
      })
      .join(field === 'tags' ? '、' : '；');
  }
  return JSON.stringify(v);
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

  if (error) return <div className="audit-log error" role="alert">无法读取修改记录：{error}</div>;
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
                <span className="audit-action">{ACTION_LABELS[e.action] ?? e.action}</span>
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
