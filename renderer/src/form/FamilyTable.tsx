/**
 * 家庭主要成员及重要社会关系: 称谓, 姓名, 年龄 (computed from 出生年月 at the
 * form's reference date, never stored), 政治面貌, 工作单位及职务. Click a row to
 * edit it (年龄 becomes 出生年月 while editing); Enter or leaving the row saves
 * the whole list, Esc cancels; an empty row below the members adds one.
 */
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { type FamilyMember, FAMILY_FIELD_LABELS } from '../../../shared/contract/api';
import { completedAge } from '../../../shared/domain/common/age';
import { POLITICAL_STATUSES } from '../../../shared/domain/roster/codes';
import { formatDate } from '../../../shared/domain/common/dates';
import { errorText } from '../ui/errors';
import { ErrorLine, useAction } from '../ui/useAction';
import { useFitFont } from './fit';

export const MIN_FAMILY_ROWS = 7;

export interface FamilySaveOutcome {
  error?: string;
  /** Per row of the list sent. */
  problems?: { row: number; field: string; message: string }[];
}

const BLANK: FamilyMember = { relation: '', name: '', birth: '', politicalStatus: '', work: '' };
const COLUMNS = ['relation', 'name', 'birth', 'politicalStatus', 'work'] as const;
const isBlank = (m: FamilyMember) => COLUMNS.every(k => m[k].trim() === '');
/** A row's error, beside the row as the form's cell messages are. */
const ROW_ERROR = 'et-msg et-msg-error fam-msg no-print';

function FitCell({ children, className, title }: { children: string; className?: string; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useFitFont(ref, children);
  return (
    <div ref={ref} className={`fam-text ${className ?? ''}`} title={title}>
      {children}
    </div>
  );
}

export function FamilyTable({
  members,
  refDate,
  onSave,
}: {
  members: FamilyMember[];
  refDate: string;
  onSave: (members: FamilyMember[]) => Promise<FamilySaveOutcome>;
}) {
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState<FamilyMember>(BLANK);
  const [focusField, setFocusField] = useState<keyof FamilyMember>('relation');
  const [error, setError] = useState<{ row: number; text: string } | null>(null);
  const { busy, run } = useAction();
  /** Saves the whole list, busy meanwhile; a save that throws answers as a refused one, on the row. */
  const saveList = async (list: FamilyMember[]): Promise<FamilySaveOutcome> =>
    (await run(() => onSave(list).catch((e: unknown): FamilySaveOutcome => ({ error: errorText(e) })))) ?? {};
  const rowRef = useRef<HTMLDivElement>(null);
  const refusedDraft = useRef<string | null>(null);

  const rows = Math.max(MIN_FAMILY_ROWS, members.length + 1);

  useEffect(() => {
    if (editing === null) return;
    rowRef.current?.querySelector<HTMLInputElement>(`[data-col="${focusField}"]`)?.focus();
    // only when a row starts editing
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  const start = (row: number, field: keyof FamilyMember) => {
    if (busy) return;
    const m = row < members.length ? members[row] : BLANK;
    setDraft({ ...m, birth: formatDate(m.birth) });
    setFocusField(field);
    setError(null);
    refusedDraft.current = null;
    setEditing(Math.min(row, members.length));
  };

  const save = async (how: 'key' | 'blur') => {
    if (editing === null || busy) return;
    const row = editing;
    const original = row < members.length ? { ...members[row], birth: formatDate(members[row].birth) } : BLANK;
    const unchanged = COLUMNS.every(k => draft[k] === original[k]);
    if (unchanged || (row >= members.length && isBlank(draft))) {
      setEditing(null);
      setError(null);
      return;
    }
    if (how === 'blur' && JSON.stringify(draft) === refusedDraft.current) {
      setEditing(null);
      return;
    }
    const next = [...members];
    next[row] = draft;
    const outcome = await saveList(next);
    if (outcome.error) {
      const mine = outcome.problems?.filter(p => p.row === row) ?? [];
      setError({ row, text: mine.length ? mine.map(p => p.message).join('；') : outcome.error });
      refusedDraft.current = JSON.stringify(draft);
      if (how === 'blur') setEditing(null);
      return;
    }
    setError(null);
    setEditing(null);
  };

  const remove = async (row: number) => {
    const outcome = await saveList(members.filter((_, i) => i !== row));
    setError(outcome.error ? { row, text: outcome.error } : null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save('key');
    } else if (e.key === 'Escape') {
      setEditing(null);
      setError(null);
    }
  };
  const onBlur = (e: FocusEvent) => {
    if (!rowRef.current?.contains(e.relatedTarget as Node | null)) void save('blur');
  };

  return (
    <div className="fam" style={{ gridTemplateRows: `var(--fam-head) repeat(${rows}, 1fr)` }} role="table" aria-label="家庭主要成员及重要社会关系">
      <div className="fam-row fam-head" role="row">
        {['称谓', '姓名', '年龄', '政治面貌', '工作单位及职务'].map(h => (
          <div key={h} className="fam-cell" role="columnheader">
            {h}
          </div>
        ))}
      </div>
      {Array.from({ length: rows }, (_, i) => {
        const m = members[i];
        const rowError = error?.row === i ? error.text : null;
        if (editing === i) {
          return (
            <div key={i} ref={rowRef} className="fam-row fam-editing" role="row" onKeyDown={onKeyDown} onBlur={onBlur}>
              {COLUMNS.map(k => (
                <div key={k} className="fam-cell">
                  <input
                    className="et-editor"
                    data-col={k}
                    aria-label={FAMILY_FIELD_LABELS[k]}
                    placeholder={k === 'birth' ? '出生年月' : FAMILY_FIELD_LABELS[k]}
                    list={k === 'politicalStatus' ? 'fam-political' : undefined}
                    value={draft[k]}
                    readOnly={busy}
                    onChange={e => setDraft(d => ({ ...d, [k]: e.target.value }))}
                  />
                </div>
              ))}
              <ErrorLine error={rowError} className={ROW_ERROR} />
              <div className="fam-hint no-print">Enter 保存，Esc 取消</div>
            </div>
          );
        }
        if (!m) {
          return (
            <div key={i} className="fam-row fam-empty" role="row">
              {COLUMNS.map(k => (
                <div key={k} className="fam-cell" onClick={() => start(i, k)} title={i === members.length ? '点击添加家庭成员' : undefined} />
              ))}
              {i === members.length && (
                <button type="button" className="fam-add no-print" onClick={() => start(i, 'relation')} disabled={busy}>
                  ＋ 添加成员
                </button>
              )}
              <ErrorLine error={rowError} className={ROW_ERROR} />
            </div>
          );
        }
        const age = completedAge(m.birth, refDate);
        return (
          <div key={i} className="fam-row" role="row" data-member={i}>
            {COLUMNS.map(k => (
              <div
                key={k}
                className="fam-cell"
                role="cell"
                tabIndex={0}
                onClick={() => start(i, k)}
                onKeyDown={e => (e.key === 'Enter' || e.key === 'F2') && start(i, k)}
                title="点击修改"
              >
                {k === 'birth' ? (
                  <FitCell title={m.birth ? `出生年月 ${formatDate(m.birth)}` : undefined}>{age === null ? '' : String(age)}</FitCell>
                ) : (
                  <FitCell>{m[k]}</FitCell>
                )}
              </div>
            ))}
            <button type="button" className="fam-remove no-print" aria-label={`删除家庭成员 ${m.name}`} onClick={() => void remove(i)} disabled={busy}>
              删除
            </button>
            <ErrorLine error={rowError} className={ROW_ERROR} />
          </div>
        );
      })}
      <datalist id="fam-political">
        {POLITICAL_STATUSES.map(p => (
          <option key={p.code} value={p.name} />
        ))}
      </datalist>
    </div>
  );
}
