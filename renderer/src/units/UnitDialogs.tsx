/** The unit tree's dialogs: a new unit or its particulars (更名 keeps the old name), and 移动到… / 合并到…. */
import { useEffect, useState } from 'react';
import { UNIT_KINDS, UNIT_LEVELS, type HistoryState, type Unit, type UnitDetail } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { DateInput } from '../ui/DateInput';
import { FormDialog } from '../ui/FormDialog';
import { UnitSelect } from './UnitSelect';
import './units.css';

export interface UnitChange {
  history: HistoryState;
  /** What was done, for the page's message line. */
  text: string;
  /** The unit to select afterwards. */
  select?: number | null;
}

/** 新增单位 under `parentId`, or (with `unit`) its name, short name, kind and level. */
export function UnitDialog({
  units,
  unit,
  parentId = null,
  onClose,
  onDone,
}: {
  units: Unit[];
  unit?: Unit;
  parentId?: number | null;
  onClose: () => void;
  onDone: (c: UnitChange) => void;
}) {
  const [name, setName] = useState(unit?.name ?? '');
  const [shortName, setShortName] = useState(unit?.shortName ?? '');
  const [kind, setKind] = useState(unit?.kind ?? '');
  const [level, setLevel] = useState(unit?.level ?? '');
  const [parent, setParent] = useState<number | null>(parentId);
  const [renamedOn, setRenamedOn] = useState('');
  /** 名称变更: the names the unit had before, each with the date it was used until. */
  const [earlierNames, setEarlierNames] = useState<UnitDetail['earlierNames']>([]);
  useEffect(() => {
    if (unit)
      api.getUnit({ id: unit.id }).then(
        d => setEarlierNames(d.earlierNames),
        () => setEarlierNames([]),
      );
  }, [unit]);
  const renaming = !!unit && name.trim() !== unit.name;
  const fields = { shortName, kind: kind as (typeof UNIT_KINDS)[number] | '', level };

  const run = async () => {
    if (unit) {
      const r = await api.updateUnit({ id: unit.id, name, ...fields, renamedOn: renaming ? renamedOn : undefined });
      onDone({ history: r.history, text: renaming ? `已更名为「${name.trim()}」，原名称已记入名称变更` : `已修改单位「${unit.name}」` });
    } else {
      const r = await api.createUnit({ parentId: parent, name, ...fields });
      onDone({ history: r.history, text: `已新增单位「${name.trim()}」`, select: r.id });
    }
  };

  return (
    <FormDialog
      title={unit ? `修改单位「${unit.name}」` : '新增单位'}
      action={unit ? '保存' : '新增'}
      onClose={onClose}
      run={run}
      disabled={!name.trim()}
      className="ui-form lifecycle-form"
    >
      <label className="wide">
        单位名称
        <input autoFocus value={name} onChange={e => setName(e.target.value)} maxLength={100} />
      </label>
      {earlierNames.length > 0 && (
        <p className="wide unit-note" aria-label="曾用名">
          曾用名：{earlierNames.map(n => `「${n.name}」（使用至 ${formatDate(n.until)}）`).join('、')}
        </p>
      )}
      {renaming && (
        <label className="wide">
          更名日期（原名称「{unit.name}」使用至此日期；不填为今天）
          <DateInput value={renamedOn} onChange={setRenamedOn} aria-label="更名日期" placeholder="如 2026.11" />
        </label>
      )}
      {!unit && (
        <label className="wide">
          上级单位
          <UnitSelect units={units} value={parent} onChange={setParent} none="（顶层）" />
        </label>
      )}
      <label>
        简称
        <input value={shortName} onChange={e => setShortName(e.target.value)} maxLength={50} />
      </label>
      <label>
        类别
        <select value={kind} onChange={e => setKind(e.target.value)}>
          <option value="">（未定）</option>
          {UNIT_KINDS.map(k => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        级别
        <input value={level} onChange={e => setLevel(e.target.value)} list="unit-levels" placeholder="如 正处级" maxLength={20} />
        <datalist id="unit-levels">
          {UNIT_LEVELS.map(l => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </label>
    </FormDialog>
  );
}

/** 移动到… (a new parent, or the top level) or 合并到… (the unit that takes its cadres and sub-units). */
export function UnitTargetDialog({
  units,
  unit,
  purpose,
  onClose,
  onDone,
}: {
  units: Unit[];
  unit: Unit;
  purpose: 'move' | 'merge';
  onClose: () => void;
  onDone: (c: UnitChange) => void;
}) {
  const [target, setTarget] = useState<number | null>(purpose === 'move' ? unit.parentId : null);
  const [date, setDate] = useState('');
  const targetName = units.find(u => u.id === target)?.name ?? '顶层';
  const run = async () => {
    if (purpose === 'move') {
      const r = await api.moveUnit({ id: unit.id, parentId: target });
      onDone({ history: r.history, text: `已将「${unit.name}」移到${target === null ? '顶层' : `「${targetName}」之下`}`, select: unit.id });
    } else {
      const r = await api.mergeUnit({ id: unit.id, into: target!, date });
      onDone({ history: r.history, text: `已将「${unit.name}」合并到「${targetName}」：转入干部 ${r.cadres} 名、下级单位 ${r.units} 个`, select: target });
    }
  };
  const merge = purpose === 'merge';
  return (
    <FormDialog
      title={merge ? `合并「${unit.name}」到…` : `移动「${unit.name}」到…`}
      action={merge ? '合并' : '移动'}
      onClose={onClose}
      run={run}
      disabled={merge ? target === null : target === unit.parentId}
      className="ui-form lifecycle-form"
    >
      <label className="wide">
        {merge ? '并入单位' : '新的上级单位'}
        <UnitSelect units={units} value={target} onChange={setTarget} none={merge ? undefined : '（顶层）'} exclude={unit.id} />
      </label>
      {merge && (
        <>
          <p className="wide unit-note">「{unit.name}」的干部和下级单位将转入所选单位，原单位撤销（保留记录，历史库中的干部仍显示原单位）。可撤销。</p>
          <label>
            合并日期
            <DateInput value={date} onChange={setDate} aria-label="合并日期" placeholder="不填为今天" />
          </label>
        </>
      )}
    </FormDialog>
  );
}
