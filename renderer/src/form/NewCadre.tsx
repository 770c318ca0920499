/**
 * 新增干部 (#/cadre/new, or #/cadre/new/<unit> from a unit chosen in the tree): the
 * 任免审批表 empty, filled in place like an existing cadre's. 身份证号 fills a blank
 * 出生年月 and 性别 at once; 保存为新干部 sends the whole record through the roster's
 * rules (one 撤销 step) and opens the saved cadre.
 */
import { useEffect, useState } from 'react';
import type { Cadre } from '../../../shared/contract/api';
import { formatDate, parseDateInput } from '../../../shared/domain/common/dates';
import { fillFromIdNumber } from '../../../shared/domain/common/idcard';
import { EDITABLE_CADRE_FIELDS, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { api, ApiError } from '../api';
import { errorText } from '../ui/errors';
import { AppointmentForm } from './AppointmentForm';
import type { SaveOutcome } from './EditableText';

const DATE_FIELDS = new Set<EditableCadreField>(['birth', 'postDate', 'rankDate', 'workDate']);
import './form.css';

function blankCadre(unitId: number | null): Cadre {
  const text = Object.fromEntries(EDITABLE_CADRE_FIELDS.map(f => [f, ''])) as Record<EditableCadreField, string>;
  return { ...text, id: 0, unitId, unit: '', tags: [], family: [], assessments: [], hasPhoto: false };
}

export function NewCadre({ unitId }: { unitId: number | null }) {
  const [draft, setDraft] = useState(() => blankCadre(unitId));
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const before = document.title;
    document.title = '新增干部_干部任免审批表';
    return () => {
      document.title = before;
    };
  }, []);

  /** Kept on the page; dates read at once (the form shows 1985.03(41岁)), the rest checked on saving. */
  const saveField = async (field: EditableCadreField, text: string): Promise<SaveOutcome> => {
    let value = text.trim();
    if (DATE_FIELDS.has(field)) {
      const parsed = parseDateInput(value);
      if (!parsed.ok) return { error: parsed.message };
      value = parsed.value;
    }
    const next = { ...draft, [field]: value };
    let warning: string | undefined;
    if (field === 'idNumber') {
      const derived = fillFromIdNumber(text, draft);
      if (derived.birth) next.birth = derived.birth;
      if (derived.gender) next.gender = derived.gender;
      const filled = [derived.birth && `出生年月 ${formatDate(derived.birth)}`, derived.gender && `性别 ${derived.gender}`].filter(Boolean);
      if (filled.length) warning = `已由身份证号填入${filled.join('、')}`;
    }
    setDraft(next);
    return warning ? { warning } : {};
  };

  const create = async () => {
    setBusy(true);
    setNotice(null);
    const values = Object.fromEntries(EDITABLE_CADRE_FIELDS.filter(f => draft[f] !== '').map(f => [f, draft[f]]));
    try {
      const r = await api.saveCadres({
        creates: [{ values: { ...values, ...(draft.unitId ? { unitId: draft.unitId } : {}) } }],
        kind: 'create',
        label: `新增干部「${draft.name.trim()}」`,
      });
      window.location.hash = `#/cadre/${r.created[0]}`;
    } catch (e) {
      const problems = e instanceof ApiError ? ((e.details as { problems?: { field: string; message: string }[] } | undefined)?.problems ?? []) : [];
      setNotice({ error: true, text: problems.length ? problems.map(p => `${fieldLabel(p.field)}：${p.message}`).join('；') : errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cadre-detail">
      <header className="cd-head">
        <button type="button" className="cd-back" onClick={() => (window.location.hash = '#/roster')}>
          ← 返回名册
        </button>
        <h1>新增干部</h1>
        <span className="cd-sub">点击表格中的栏目填写；填写身份证号后自动得出出生年月和性别。</span>
      </header>
      {notice && (
        <p className={`message ${notice.error ? 'error' : 'info'}`} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <div className="cd-body">
        <AppointmentForm
          cadre={draft}
          onChanged={() => undefined}
          draft={{
            saveField,
            setUnit: id => setDraft(d => ({ ...d, unitId: id })),
            actions: (
              <button type="button" className="primary" onClick={() => void create()} disabled={busy || !draft.name.trim()}>
                保存为新干部
              </button>
            ),
          }}
        />
      </div>
    </div>
  );
}
