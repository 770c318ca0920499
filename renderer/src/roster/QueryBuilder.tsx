import { useState } from 'react';
import { DateInput } from '../ui/DateInput';
import type { SavedView } from '../../../shared/contract/api';
import {
  describeQuery,
  isGroup,
  OPERATOR_LABELS,
  OPERATORS_BY_TYPE,
  QUERY_FIELDS,
  queryField,
  type CadreQuery,
  type Condition,
  type Group,
  type Operator,
} from '../../../shared/domain/roster/query';

const NO_VALUE: Operator[] = ['isEmpty', 'isNotEmpty'];
const LIST_OPS: Operator[] = ['in', 'notIn', 'hasAny', 'hasAll', 'hasNone'];

function newCondition(): Condition {
  return { field: 'name', op: 'contains', value: '' };
}

/** A list value is typed as 正处、副处 or picked from the options. */
function listText(v: Condition['value']): string {
  return Array.isArray(v) ? v.join('、') : String(v ?? '');
}

function ConditionRow({ c, onChange, onRemove, path }: { c: Condition; onChange: (c: Condition) => void; onRemove: () => void; path: string }) {
  const def = queryField(c.field)!;
  const ops = OPERATORS_BY_TYPE[def.type];
  const listId = `opts-${path}`;
  const setValue = (raw: string, second = false) => {
    const value = def.type === 'number' && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
    onChange(second ? { ...c, value2: value } : { ...c, value: LIST_OPS.includes(c.op) ? raw.split(/[、，,;；\s]+/).filter(Boolean) : value });
  };
  return (
    <div className="query-row" role="group" aria-label="条件">
      <select
        aria-label="字段"
        value={c.field}
        onChange={e => {
          const f = queryField(e.target.value)!;
          onChange({ field: f.key, op: OPERATORS_BY_TYPE[f.type][0], value: '' });
        }}
      >
        {QUERY_FIELDS.map(f => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </select>
      <select aria-label="比较方式" value={c.op} onChange={e => onChange({ ...c, op: e.target.value as Operator, value: '', value2: undefined })}>
        {ops.map(op => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      {!NO_VALUE.includes(c.op) && (
        <input
          aria-label="值"
          list={def.options ? listId : undefined}
          value={LIST_OPS.includes(c.op) ? listText(c.value) : String(c.value ?? '')}
          placeholder={def.type === 'date' ? '如 1985.03' : LIST_OPS.includes(c.op) ? '多个值用、分隔' : ''}
          onChange={e => setValue(e.target.value)}
        />
      )}
      {c.op === 'between' && (
        <>
          <span>至</span>
          <input aria-label="值2" list={def.options ? listId : undefined} value={String(c.value2 ?? '')} onChange={e => setValue(e.target.value, true)} />
        </>
      )}
      {def.options && (
        <datalist id={listId}>
          {def.options.map(o => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
      <button type="button" onClick={onRemove} aria-label="删除条件">
        删除
      </button>
    </div>
  );
}

function GroupEditor({ g, onChange, onRemove, depth, path }: { g: Group; onChange: (g: Group) => void; onRemove?: () => void; depth: number; path: string }) {
  const setItem = (i: number, item: Condition | Group | null) =>
    onChange({ ...g, items: item === null ? g.items.filter((_, j) => j !== i) : g.items.map((x, j) => (j === i ? item : x)) });
  return (
    <div className={depth ? 'query-group nested' : 'query-group'}>
      <div className="query-join">
        <label>
          以下条件
          <select aria-label="条件组合方式" value={g.join} onChange={e => onChange({ ...g, join: e.target.value as Group['join'] })}>
            <option value="and">全部满足（且）</option>
            <option value="or">满足任一（或）</option>
          </select>
        </label>
        {onRemove && (
          <button type="button" onClick={onRemove}>
            删除条件组
          </button>
        )}
      </div>
      {g.items.map((item, i) =>
        isGroup(item) ? (
          <GroupEditor key={i} g={item} depth={depth + 1} path={`${path}-${i}`} onChange={x => setItem(i, x)} onRemove={() => setItem(i, null)} />
        ) : (
          <ConditionRow key={i} c={item} path={`${path}-${i}`} onChange={x => setItem(i, x)} onRemove={() => setItem(i, null)} />
        ),
      )}
      <div className="query-add">
        <button type="button" onClick={() => onChange({ ...g, items: [...g.items, newCondition()] })}>
          添加条件
        </button>
        {depth < 2 && (
          <button type="button" onClick={() => onChange({ ...g, items: [...g.items, { join: 'or', items: [newCondition()] }] })}>
            添加条件组
          </button>
        )}
      </div>
    </div>
  );
}

interface Props {
  applied: CadreQuery | null;
  views: SavedView[];
  onApply: (q: CadreQuery | null) => void;
  onSaveView: (name: string, q: CadreQuery) => void;
  onOpenView: (v: SavedView) => void;
  onDeleteView: (v: SavedView) => void;
}

/** A query in words, or '' while it is still being written. */
function describe(q: CadreQuery): string {
  try {
    return describeQuery(q);
  } catch {
    return '';
  }
}

/**
 * 组合查询: conditions joined by 且/或 with groups, an age reference date, saved
 * views. Once a query is applied the panel folds to one line saying what it
 * finds (修改条件 opens it again), so the grid keeps the height.
 */
export function QueryBuilder({ applied, views, onApply, onSaveView, onOpenView, onDeleteView }: Props) {
  const [where, setWhere] = useState<Group>(applied?.where ?? { join: 'and', items: [newCondition()] });
  const [refDate, setRefDate] = useState(applied?.refDate ?? '');
  const [name, setName] = useState('');
  const [viewId, setViewId] = useState<number | ''>('');
  const [editing, setEditing] = useState(applied === null);
  const query: CadreQuery = { where, ...(refDate ? { refDate } : {}) };
  const summary = describe(query);
  const clear = () => {
    setWhere({ join: 'and', items: [newCondition()] });
    setEditing(true);
    onApply(null);
  };

  if (applied && !editing) {
    return (
      <section className="query-builder query-folded" aria-label="组合查询">
        <span className="query-applied" title={describe(applied)}>
          已应用组合查询：{describe(applied)}
        </span>
        <button type="button" onClick={() => setEditing(true)}>
          修改条件
        </button>
        <button type="button" onClick={clear}>
          清除条件
        </button>
      </section>
    );
  }
  return (
    <section className="query-builder" aria-label="组合查询">
      <GroupEditor g={where} depth={0} path="q" onChange={setWhere} />
      <div className="query-foot">
        <label>
          计算年龄的日期
          <DateInput aria-label="计算年龄的日期" precision="day" placeholder="今天" value={refDate} onChange={setRefDate} />
        </label>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setEditing(false);
            onApply(query);
          }}
        >
          查询
        </button>
        <button type="button" onClick={clear}>
          清除条件
        </button>
        <span className="query-summary">{summary}</span>
      </div>
      <div className="query-views">
        <label>
          查询方案
          <select aria-label="查询方案" value={viewId} onChange={e => setViewId(e.target.value ? Number(e.target.value) : '')}>
            <option value="">（选择已保存的方案）</option>
            {views.map(v => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={viewId === ''}
          onClick={() => {
            const v = views.find(x => x.id === viewId);
            if (!v) return;
            setWhere(v.query.where ?? { join: 'and', items: [] });
            setRefDate(v.query.refDate ?? '');
            setEditing(false);
            onOpenView(v);
          }}
        >
          打开
        </button>
        <button
          type="button"
          disabled={viewId === ''}
          onClick={() => {
            const v = views.find(x => x.id === viewId);
            if (v) onDeleteView(v);
            setViewId('');
          }}
        >
          删除方案
        </button>
        <input aria-label="方案名称" placeholder="方案名称" value={name} onChange={e => setName(e.target.value)} />
        <button type="button" disabled={!name.trim()} onClick={() => onSaveView(name.trim(), query)}>
          保存为方案（含列与排序）
        </button>
      </div>
    </section>
  );
}
