/**
 * 登记职务变动: one 任免通知 (kind, date, 文号, 任免机关) for one cadre (a form) or several
 * (a grid, a row per person, rows pasted from Excel). Every change asks the service for a
 * preview: the 简历 line each row would write (editable before it is written), the lines it
 * closes, the 试用期 default and the 职数 check; recording is one 撤销 step.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CellEditRequestEvent, ColDef } from 'ag-grid-community';
import {
  EVENT_KINDS,
  eventFieldsOf,
  type EventKind,
  type EventNotice,
  type EventPreview,
  type EventRowInput,
  type HistoryState,
  type Unit,
} from '../../../shared/contract/api';
import { formatDate, thisMonthCanonical } from '../../../shared/domain/common/dates';
import { LEADERSHIP_LEVELS, RANKS } from '../../../shared/domain/roster/codes';
import { api } from '../api';
import { EditableGrid, type PasteRequest } from '../ui/EditableGrid';
import { DateInput } from '../ui/DateInput';
import { FormDialog } from '../ui/FormDialog';
import { UnitSelect } from '../units/UnitSelect';
import { unitPathOf } from '../units/tree';
import { unitByName } from './eventInput';
import '../units/units.css';
import './events.css';

/** A cadre the notice names, as the roster shows them. */
export interface EventCadre {
  id: number;
  name: string;
  unitId: number | null;
  post: string;
  leadershipLevel: string;
  rank: string;
}

/** One row as the dialog holds it: text as typed; resumeLine null until the user edits it. */
interface Row {
  cadre: EventCadre;
  unit: string;
  unitId: number | null;
  post: string;
  removedPost: string;
  leadershipLevel: string;
  rank: string;
  probation: boolean | null;
  resumeLine: string | null;
  quotaReason: string;
  note: string;
}

const blankRow = (cadre: EventCadre, kind: EventKind): Row => ({
  cadre,
  unit: '',
  unitId: cadre.unitId,
  post: '',
  removedPost: kind === '免职' || kind === '提任' || kind === '调任' || kind === '转任' || kind === '轮换' ? cadre.post : '',
  leadershipLevel: '',
  rank: '',
  probation: null,
  resumeLine: null,
  quotaReason: '',
  note: '',
});

export function EventDialog({
  cadres,
  units,
  kind: initialKind = '任职',
  planned = false,
  onClose,
  onDone,
}: {
  cadres: EventCadre[];
  units: Unit[];
  kind?: EventKind;
  /** A plan (拟任/拟免): fills the form's 拟任职务/拟免职务/任免理由 and waits to be decided. */
  planned?: boolean;
  onClose: () => void;
  onDone: (text: string, history: HistoryState) => void;
}) {
  const batch = cadres.length > 1;
  const [kind, setKind] = useState<EventKind>(initialKind);
  const [date, setDate] = useState(thisMonthCanonical);
  const [docNo, setDocNo] = useState('');
  const [authority, setAuthority] = useState('');
  const [rows, setRows] = useState<Row[]>(() => cadres.map(c => blankRow(c, initialKind)));
  const [previews, setPreviews] = useState<EventPreview[]>([]);
  const fields = eventFieldsOf(kind);

  /** Units named in the grid as text; the form's select gives ids. */
  const resolved = useMemo(() => rows.map(r => (batch ? unitByName(units, r.unit) : { id: r.unitId })), [batch, rows, units]);
  const notice = useMemo<EventNotice>(
    () => ({
      kind,
      date,
      docNo,
      authority,
      planned,
      rows: rows.map((r, i): EventRowInput => {
        const unit = resolved[i];
        return {
          cadreId: r.cadre.id,
          ...(fields.unit && 'id' in unit && unit.id !== null ? { unitId: unit.id } : {}),
          ...(fields.post ? { post: r.post } : {}),
          ...(fields.removedPost ? { removedPost: r.removedPost } : {}),
          ...(fields.level ? { leadershipLevel: r.leadershipLevel } : {}),
          ...(fields.rank ? { rank: r.rank } : {}),
          ...(r.probation === null ? {} : { probation: r.probation }),
          ...(r.resumeLine === null ? {} : { resumeLine: r.resumeLine }),
          quotaReason: r.quotaReason,
          note: r.note,
        };
      }),
    }),
    [authority, date, docNo, fields, kind, planned, resolved, rows],
  );

  useEffect(() => {
    let alive = true;
    const t = setTimeout(() => {
      api.previewEvents(notice).then(
        p => alive && setPreviews(p),
        () => alive && setPreviews([]),
      );
    }, 250);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [notice]);

  const setRow = (i: number, patch: Partial<Row>) => setRows(rs => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unitProblems = resolved.flatMap((u, i) => ('problem' in u ? [`第 ${i + 1} 行：${u.problem}`] : []));

  const run = async () => {
    if (unitProblems.length) throw new Error(unitProblems.join('；'));
    const r = await api.recordEvents(notice);
    const who = r.events.length === 1 ? `「${cadres[0].name}」` : ` ${r.events.length} 名干部`;
    onDone(
      `已登记${planned ? '拟' : ''}${kind}：${who}${r.events[0]?.resumeLine ? `；简历追加「${r.events[0].resumeLine.replace(/\s+/g, ' ')}」` : ''}`,
      r.history,
    );
  };

  const title = `${planned ? '拟任免（填入任免审批表）' : '登记职务变动'}：${batch ? `${cadres.length} 名干部` : cadres[0].name}`;
  return (
    <FormDialog title={title} action={planned ? '保存拟任免' : '登记'} onClose={onClose} run={run} wide className="ui-form lifecycle-form event-form">
      <label>
        类别
        <select value={kind} onChange={e => setKind(e.target.value as EventKind)} aria-label="类别">
          {EVENT_KINDS.map(k => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        时间
        <DateInput value={date} onChange={setDate} required placeholder="如 2026.11 或 2026.11.06" aria-label="时间" />
      </label>
      <label>
        文号
        <input value={docNo} onChange={e => setDocNo(e.target.value)} placeholder="如 滨组干〔2026〕12号" aria-label="文号" />
      </label>
      <label>
        任免机关
        <input value={authority} onChange={e => setAuthority(e.target.value)} aria-label="任免机关" />
      </label>
      {batch ? (
        <BatchRows rows={rows} units={units} fields={fields} previews={previews} onRow={setRow} />
      ) : (
        <SingleRow row={rows[0]} units={units} fields={fields} preview={previews[0]} onRow={patch => setRow(0, patch)} planned={planned} />
      )}
      {unitProblems.length > 0 && (
        <p className="wide event-problems" role="status">
          {unitProblems.join('；')}
        </p>
      )}
    </FormDialog>
  );
}

type Fields = ReturnType<typeof eventFieldsOf>;

function SingleRow({
  row,
  units,
  fields,
  preview,
  onRow,
  planned,
}: {
  row: Row;
  units: Unit[];
  fields: Fields;
  preview: EventPreview | undefined;
  onRow: (patch: Partial<Row>) => void;
  planned: boolean;
}) {
  const line = row.resumeLine ?? preview?.resumeLine ?? '';
  return (
    <>
      {fields.unit && (
        <label className="wide">
          任职单位
          <UnitSelect units={units} value={row.unitId} onChange={unitId => onRow({ unitId })} label="任职单位" />
        </label>
      )}
      {fields.post && (
        <label className="wide">
          所任职务（按现任职务的写法，如“滨江市教育局副局长”）
          <input value={row.post} onChange={e => onRow({ post: e.target.value })} aria-label="所任职务" />
        </label>
      )}
      {fields.removedPost && (
        <label className="wide">
          所免职务（任 A 免 B 时填 B）
          <input value={row.removedPost} onChange={e => onRow({ removedPost: e.target.value })} aria-label="所免职务" />
        </label>
      )}
      {fields.level && (
        <label>
          领导职务层次
          <select value={row.leadershipLevel} onChange={e => onRow({ leadershipLevel: e.target.value })} aria-label="领导职务层次">
            <option value="">（不变：{row.cadre.leadershipLevel || '无'}）</option>
            {LEADERSHIP_LEVELS.map(l => (
              <option key={l.name}>{l.name}</option>
            ))}
          </select>
        </label>
      )}
      {fields.rank && (
        <label>
          职级
          <select value={row.rank} onChange={e => onRow({ rank: e.target.value })} aria-label="职级">
            <option value="">（不变：{row.cadre.rank || '无'}）</option>
            {RANKS.map(r => (
              <option key={r.name}>{r.name}</option>
            ))}
          </select>
        </label>
      )}
      <label className="check wide">
        <input type="checkbox" checked={row.probation ?? preview?.probation ?? false} onChange={e => onRow({ probation: e.target.checked })} />
        实行一年试用期{preview?.probationEnd ? `（至 ${formatDate(preview.probationEnd)}）` : ''}
      </label>
      <label className="wide">
        {planned ? '任免理由（填入任免审批表）' : '说明'}
        <input value={row.note} onChange={e => onRow({ note: e.target.value })} aria-label={planned ? '任免理由' : '说明'} />
      </label>
      <label className="wide">
        {planned ? '决定后将写入简历' : '将写入简历'}（可修改；清空则不写）
        <input className="resume-line" value={line} onChange={e => onRow({ resumeLine: e.target.value })} aria-label="简历行" />
      </label>
      {preview && preview.closes.length > 0 && <p className="wide event-closes">同时结束：{preview.closes.join('；')}</p>}
      {preview?.quota && (
        <>
          <p className="wide event-quota" role="status">
            {preview.quota}
          </p>
          <label className="wide">
            超职数配备理由
            <input value={row.quotaReason} onChange={e => onRow({ quotaReason: e.target.value })} aria-label="超职数配备理由" />
          </label>
        </>
      )}
      {preview && preview.problems.length > 0 && (
        <p className="wide event-problems" role="status">
          {preview.problems.join('；')}
        </p>
      )}
      {row.cadre.unitId !== row.unitId && fields.unit && (
        <p className="wide event-closes">
          单位由「{unitPathOf(units, row.cadre.unitId) || '无'}」改为「{unitPathOf(units, row.unitId)}」
        </p>
      )}
    </>
  );
}

interface GridRow {
  index: number;
  name: string;
  unit: string;
  post: string;
  removedPost: string;
  leadershipLevel: string;
  rank: string;
  resumeLine: string;
  quotaReason: string;
  hint: string;
}

const EDITABLE: (keyof GridRow)[] = ['unit', 'post', 'removedPost', 'leadershipLevel', 'rank', 'resumeLine', 'quotaReason'];

/** The notice's rows as a grid: typed or pasted from Excel (单位 by name), each row's preview beside it. */
function BatchRows({
  rows,
  units,
  fields,
  previews,
  onRow,
}: {
  rows: Row[];
  units: Unit[];
  fields: Fields;
  previews: EventPreview[];
  onRow: (i: number, patch: Partial<Row>) => void;
}) {
  const data = rows.map((r, i): GridRow => ({
    index: i,
    name: r.cadre.name,
    unit: r.unit,
    post: r.post,
    removedPost: r.removedPost,
    leadershipLevel: r.leadershipLevel,
    rank: r.rank,
    resumeLine: r.resumeLine ?? previews[i]?.resumeLine ?? '',
    quotaReason: r.quotaReason,
    hint: [...(previews[i]?.problems ?? []), previews[i]?.quota && !r.quotaReason ? previews[i].quota : ''].filter(Boolean).join('；'),
  }));
  const shown: Record<keyof GridRow, boolean> = {
    index: false,
    name: true,
    unit: fields.unit,
    post: fields.post,
    removedPost: fields.removedPost,
    leadershipLevel: fields.level,
    rank: fields.rank,
    resumeLine: true,
    quotaReason: true,
    hint: true,
  };
  const col = (field: keyof GridRow, headerName: string, width: number): ColDef<GridRow> => ({
    field,
    headerName,
    width,
    editable: EDITABLE.includes(field),
    hide: !shown[field],
    sortable: false,
  });
  const columns: ColDef<GridRow>[] = [
    { ...col('name', '姓名', 90), pinned: 'left' },
    col('unit', '任职单位（不填为原单位）', 170),
    col('post', '所任职务', 200),
    col('removedPost', '所免职务', 180),
    col('leadershipLevel', '领导职务层次', 110),
    col('rank', '职级', 110),
    col('resumeLine', '将写入简历', 260),
    col('quotaReason', '超职数配备理由', 160),
    { ...col('hint', '提示', 260), cellClass: 'event-hint' },
  ];
  const patchOf = (field: keyof GridRow, value: string): Partial<Row> => (field === 'resumeLine' ? { resumeLine: value } : { [field]: value });
  const onEdit = (e: CellEditRequestEvent<GridRow>) => {
    const field = e.colDef.field as keyof GridRow;
    if (e.data && EDITABLE.includes(field)) onRow(e.data.index, patchOf(field, String(e.newValue ?? '')));
  };
  const onPaste = (p: PasteRequest<GridRow>) => {
    p.block.slice(0, rows.length - p.rowIndex).forEach((cells, k) => {
      const patch: Partial<Row> = {};
      p.colIds.forEach((colId, j) => {
        if (EDITABLE.includes(colId as keyof GridRow)) Object.assign(patch, patchOf(colId as keyof GridRow, cells[j] ?? ''));
      });
      onRow(p.rowIndex + k, patch);
    });
  };
  return (
    <div className="wide event-grid">
      <p className="event-closes">
        每人一行；可从 Excel 复制多行多列，点选起始单元格后按 Ctrl+V 粘贴。单位可写名称或完整路径。{units.length ? '' : '（尚无单位）'}
      </p>
      <EditableGrid<GridRow>
        gridKey="event-notice"
        rowData={data}
        columnDefs={columns}
        getRowId={p => String(p.data.index)}
        onCellEditRequest={onEdit}
        onPasteBlock={onPaste}
        domLayout="autoHeight"
      />
    </div>
  );
}
