/**
 * The unit tree beside the grid: choosing a unit shows it and its sub-units. Its
 * tools change the tree (新增, 修改/更名, 移动到…, 合并到…, 撤销单位, 上移/下移, 职数),
 * and a unit dragged onto another moves under it (onto its top or bottom edge: before
 * or after it). Each change is one 撤销 step of the roster.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Unit } from '../../../shared/contract/api';
import { api } from '../api';
import { ConfirmButton } from '../ui/ConfirmButton';
import { UnitDialog, UnitTargetDialog, type UnitChange } from '../units/UnitDialogs';
import { childrenOf } from '../units/tree';
import '../units/units.css';

interface Props {
  units: Unit[];
  selected: number | null;
  onSelect: (id: number | null) => void;
  /** A change was made (the page reloads the tree and shows the text). */
  onChanged: (c: UnitChange) => void;
  onFail: (e: unknown) => void;
}

type Dialog = { kind: 'create' | 'edit' | 'move' | 'merge' } | null;
type Drop = { id: number; zone: 'before' | 'into' | 'after' } | null;

export function UnitTree({ units, selected, onSelect, onChanged, onFail }: Props) {
  const children = useMemo(() => childrenOf(units), [units]);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [drop, setDrop] = useState<Drop>(null);
  const unit = units.find(u => u.id === selected) ?? null;
  const toggle = (id: number) =>
    setOpen(prev => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const siblingsOf = (u: Unit) => children.get(u.parentId) ?? [];
  const act = async (fn: () => Promise<UnitChange>) => {
    try {
      onChanged(await fn());
    } catch (e) {
      onFail(e);
    }
  };
  // The chosen unit is always in sight: its ancestors open (after a move, a merge, a new unit).
  useEffect(() => {
    const byId = new Map(units.map(u => [u.id, u]));
    const up: number[] = [];
    for (let u = selected === null ? undefined : byId.get(selected); u?.parentId; u = byId.get(u.parentId)) up.push(u.parentId);
    if (up.some(id => !open.has(id))) setOpen(prev => new Set([...prev, ...up]));
  }, [open, selected, units]);

  const shift = (u: Unit, by: -1 | 1) => {
    const index = siblingsOf(u).findIndex(s => s.id === u.id) + by;
    void act(async () => ({
      history: (await api.moveUnit({ id: u.id, parentId: u.parentId, index })).history,
      text: `已${by < 0 ? '上移' : '下移'}「${u.name}」`,
      select: u.id,
    }));
  };

  const onDrop = (target: Unit, zone: 'before' | 'into' | 'after') => {
    const moving = units.find(u => u.id === dragged);
    setDragged(null);
    setDrop(null);
    if (!moving || moving.id === target.id) return;
    if (zone === 'into') {
      void act(async () => ({
        history: (await api.moveUnit({ id: moving.id, parentId: target.id })).history,
        text: `已将「${moving.name}」移到「${target.name}」之下`,
        select: moving.id,
      }));
      return;
    }
    const others = siblingsOf(target).filter(s => s.id !== moving.id);
    const index = others.findIndex(s => s.id === target.id) + (zone === 'after' ? 1 : 0);
    void act(async () => ({
      history: (await api.moveUnit({ id: moving.id, parentId: target.parentId, index })).history,
      text: `已将「${moving.name}」移到「${target.name}」${zone === 'after' ? '之后' : '之前'}`,
      select: moving.id,
    }));
  };

  const zoneOf = (e: React.DragEvent<HTMLElement>): 'before' | 'into' | 'after' => {
    const box = e.currentTarget.getBoundingClientRect();
    const y = (e.clientY - box.top) / box.height;
    return y < 0.25 ? 'before' : y > 0.75 ? 'after' : 'into';
  };

  const render = (parent: number | null, depth: number) =>
    (children.get(parent) ?? []).map(u => {
      const kids = children.get(u.id)?.length ?? 0;
      const dropClass = drop?.id === u.id ? ` drop-${drop.zone}` : '';
      return (
        <li key={u.id} role="treeitem" aria-expanded={kids ? open.has(u.id) : undefined} aria-selected={selected === u.id}>
          <div
            className={`unit-row${dropClass}`}
            style={{ paddingLeft: 8 + depth * 14 }}
            draggable
            onDragStart={e => {
              setDragged(u.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', u.name);
            }}
            onDragEnd={() => {
              setDragged(null);
              setDrop(null);
            }}
            onDragOver={e => {
              if (dragged === null || dragged === u.id) return;
              e.preventDefault();
              const zone = zoneOf(e);
              if (drop?.id !== u.id || drop.zone !== zone) setDrop({ id: u.id, zone });
            }}
            onDragLeave={() => setDrop(d => (d?.id === u.id ? null : d))}
            onDrop={e => {
              e.preventDefault();
              onDrop(u, zoneOf(e));
            }}
          >
            {kids ? (
              <button className="twisty" aria-label={open.has(u.id) ? '收起' : '展开'} onClick={() => toggle(u.id)}>
                {open.has(u.id) ? '▾' : '▸'}
              </button>
            ) : (
              <span className="twisty" />
            )}
            <button className="unit-name" onClick={() => onSelect(u.id)} title={u.shortName ? `简称：${u.shortName}` : undefined}>
              {u.name}
            </button>
          </div>
          {kids > 0 && open.has(u.id) && <ul role="group">{render(u.id, depth + 1)}</ul>}
        </li>
      );
    });

  const done = (c: UnitChange) => {
    setDialog(null);
    onChanged(c);
  };
  const index = unit ? siblingsOf(unit).findIndex(s => s.id === unit.id) : -1;

  return (
    <nav className="unit-tree" aria-label="单位">
      <div className="unit-tools" role="toolbar" aria-label="单位操作">
        <button type="button" onClick={() => setDialog({ kind: 'create' })} title={unit ? `在「${unit.name}」下新增单位` : '新增顶层单位'}>
          新增单位
        </button>
        <button type="button" disabled={!unit} onClick={() => setDialog({ kind: 'edit' })}>
          修改
        </button>
        <button type="button" disabled={!unit} onClick={() => setDialog({ kind: 'move' })}>
          移动到…
        </button>
        <button type="button" disabled={!unit} onClick={() => setDialog({ kind: 'merge' })}>
          合并到…
        </button>
        <ConfirmButton
          disabled={!unit}
          question={() => (unit ? `撤销单位「${unit.name}」？单位记录保留，可用名册的“撤销”恢复。` : null)}
          onConfirm={() =>
            act(async () => {
              const r = await api.abolishUnit({ id: unit!.id });
              onSelect(unit!.parentId);
              return { history: r.history, text: `已撤销单位「${unit!.name}」` };
            })
          }
        >
          撤销单位
        </ConfirmButton>
        <button type="button" disabled={!unit || index <= 0} onClick={() => unit && shift(unit, -1)} aria-label="上移" title="上移">
          ↑
        </button>
        <button
          type="button"
          disabled={!unit || index < 0 || index >= siblingsOf(unit!).length - 1}
          onClick={() => unit && shift(unit, 1)}
          aria-label="下移"
          title="下移"
        >
          ↓
        </button>
        <button type="button" onClick={() => (window.location.hash = unit ? `#/quota/${unit.id}` : '#/quota')}>
          职数
        </button>
      </div>
      <ul role="tree">
        <li role="treeitem" aria-selected={selected === null}>
          <div className="unit-row" style={{ paddingLeft: 8 }}>
            <span className="twisty" />
            <button className="unit-name" onClick={() => onSelect(null)}>
              全部单位
            </button>
          </div>
        </li>
        {render(null, 0)}
      </ul>
      {dialog?.kind === 'create' && <UnitDialog units={units} parentId={selected} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'edit' && unit && <UnitDialog units={units} unit={unit} onClose={() => setDialog(null)} onDone={done} />}
      {(dialog?.kind === 'move' || dialog?.kind === 'merge') && unit && (
        <UnitTargetDialog units={units} unit={unit} purpose={dialog.kind} onClose={() => setDialog(null)} onDone={done} />
      )}
    </nav>
  );
}
