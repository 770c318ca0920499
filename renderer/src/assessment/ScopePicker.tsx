/** Who a set is for: a secondment batch, a unit (with sub-units), a category, a 职务层次 or everyone. */
import { useEffect, useState } from 'react';
import { SCOPE_KINDS, SCOPE_KIND_LABELS, type ScopeKind } from '../../../shared/contract/api';
import { CADRE_TAGS, LEADERSHIP_LEVELS } from '../../../shared/domain/roster/codes';
import { api } from '../api';
import { unitOptions } from '../units/tree';

export interface Scope {
  kind: ScopeKind;
  ref: string;
}

export function ScopePicker({ value, onChange }: { value: Scope; onChange: (s: Scope) => void }) {
  const [units, setUnits] = useState<{ id: number; label: string }[]>([]);
  const [batches, setBatches] = useState<{ id: number; label: string }[]>([]);
  useEffect(() => {
    api.listUnits({}).then(
      u => setUnits(unitOptions(u)),
      () => undefined,
    );
    api.listSecondmentBatches({}).then(
      bs => setBatches(bs.map(b => ({ id: b.id, label: `${b.programme} ${b.name}（${b.headcount} 人）` }))),
      () => undefined,
    );
  }, []);

  return (
    <fieldset className="as-scope">
      <legend>考核范围</legend>
      <div className="as-radios">
        {SCOPE_KINDS.map(k => (
          <label key={k}>
            <input type="radio" name="scope-kind" checked={value.kind === k} onChange={() => onChange({ kind: k, ref: '' })} />
            {SCOPE_KIND_LABELS[k]}
          </label>
        ))}
      </div>
      {value.kind === 'unit' && (
        <select aria-label="单位" value={value.ref} onChange={e => onChange({ kind: 'unit', ref: e.target.value })}>
          <option value="">请选择单位</option>
          {units.map(u => (
            <option key={u.id} value={String(u.id)}>
              {u.label}
            </option>
          ))}
        </select>
      )}
      {value.kind === 'batch' && (
        <select aria-label="挂职批次" value={value.ref} onChange={e => onChange({ kind: 'batch', ref: e.target.value })}>
          <option value="">请选择挂职批次</option>
          {batches.map(b => (
            <option key={b.id} value={String(b.id)}>
              {b.label}
            </option>
          ))}
        </select>
      )}
      {value.kind === 'tag' && (
        <>
          <input
            aria-label="干部类别"
            list="as-tag-options"
            value={value.ref}
            placeholder="如：年轻干部库"
            onChange={e => onChange({ kind: 'tag', ref: e.target.value })}
          />
          <datalist id="as-tag-options">
            {CADRE_TAGS.map(t => (
              <option key={t.name} value={t.name} />
            ))}
          </datalist>
        </>
      )}
      {value.kind === 'leadershipLevel' && (
        <select aria-label="职务层次" value={value.ref} onChange={e => onChange({ kind: 'leadershipLevel', ref: e.target.value })}>
          <option value="">请选择职务层次</option>
          {LEADERSHIP_LEVELS.map(l => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}
