import type { ImportMode } from '../../../shared/contract/api';

export const MODE_OPTIONS: { mode: ImportMode; label: string; hint: string }[] = [
  { mode: 'add', label: '仅新增', hint: '只新增名册中没有的人；已在名册中的人不导入，并列为提示。' },
  { mode: 'update', label: '更新已有并新增', hint: '已在名册中的人按文件更新有变化且不为空的项目，其余的人新增。' },
  { mode: 'skip', label: '跳过已有（仅新增）', hint: '只新增名册中没有的人；已在名册中的人保持不变，计为跳过。' },
];

/** 已在名册中的人: how an import treats people already in the roster (Excel and .lrmx alike). */
export function ModeChoice({ name, mode, disabled, onChange }: { name: string; mode: ImportMode; disabled: boolean; onChange: (m: ImportMode) => void }) {
  return (
    <fieldset className="io-modes" disabled={disabled}>
      <legend>已在名册中的人</legend>
      {MODE_OPTIONS.map(o => (
        <label key={o.mode}>
          <input type="radio" name={name} value={o.mode} checked={mode === o.mode} onChange={() => onChange(o.mode)} />
          <strong>{o.label}</strong>
          <span className="muted">{o.hint}</span>
        </label>
      ))}
    </fieldset>
  );
}
