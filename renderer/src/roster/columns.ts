/**
 * The roster grid's columns: the standard 干部名册 set shown by default, and
 * every other field available from the column chooser.
 */
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { CadreRow } from '../../../shared/contract/api';
import { formatBirthWithAge } from '../../../shared/domain/common/age';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import { EDITABLE_CADRE_FIELDS } from '../../../shared/domain/roster/cadre-rules';
import { CADRE_FIELD_LABELS, GRID_DEFAULT_COLUMNS } from '../../../shared/domain/roster/fields';
import { UnitCellEditor } from '../units/UnitCellEditor';

type Field = keyof typeof CADRE_FIELD_LABELS;

const DATE_FIELDS: Field[] = ['birth', 'partyDate', 'workDate', 'postDate', 'rankDate'];
const WIDTHS: Partial<Record<Field, number>> = {
  name: 96,
  gender: 70,
  ethnicity: 86,
  birth: 130,
  post: 260,
  ftEduSchool: 220,
  ptEduSchool: 220,
  unit: 180,
  idNumber: 180,
  remarks: 200,
  expertise: 200,
};
/** Shown until the user chooses otherwise (the standard columns, 现任职务 beside the name). */
export const DEFAULT_COLUMNS = GRID_DEFAULT_COLUMNS;
/** Always shown, pinned on the left: the row number and 姓名 (double-click opens the 任免审批表). */
export const PINNED_COLUMNS = ['seq', 'name'];
/** The grid edits what the save route accepts (单位 through its own drop-down, tags elsewhere, 学历学位 is derived). */
const EDITABLE = new Set<string>(EDITABLE_CADRE_FIELDS);

export function buildColumns(today = todayCanonical()): ColDef<CadreRow>[] {
  const fieldCol = (field: Field): ColDef<CadreRow> => ({
    colId: field,
    field,
    headerName: field === 'birth' ? '出生年月(岁)' : CADRE_FIELD_LABELS[field],
    width: WIDTHS[field] ?? (DATE_FIELDS.includes(field) ? 110 : 120),
    editable: isEditable(field) || field === 'unit',
    ...(field === 'unit' && { cellEditor: UnitCellEditor }),
    hide: !DEFAULT_COLUMNS.includes(field),
    valueFormatter: DATE_FIELDS.includes(field)
      ? (p: ValueFormatterParams<CadreRow>) => formatDate(String(p.value ?? ''))
      : field === 'tags'
        ? (p: ValueFormatterParams<CadreRow>) => ((p.value as string[] | undefined) ?? []).join('、')
        : undefined,
    // 出生年月 shows the age beside it (1973.05(53岁)); its editor, like every date's, the date alone.
    cellRenderer: field === 'birth' ? (p: ICellRendererParams<CadreRow>) => formatBirthWithAge(String(p.value ?? ''), today) : undefined,
    // In the editor, dates appear as users write them (1985.03), not as stored.
    cellEditorParams: DATE_FIELDS.includes(field) ? { useFormatter: true } : undefined,
    filter: field === 'tags' ? false : 'agTextColumnFilter',
    sortable: field !== 'tags',
  });
  const byDefault = DEFAULT_COLUMNS.map(key =>
    key === 'ftEducationDegree'
      ? ({
          colId: 'ftEducationDegree',
          headerName: '学历学位（全日制）',
          width: 150,
          editable: false,
          valueGetter: p => [p.data?.ftEducation, p.data?.ftDegree].filter(Boolean).join(' '),
        } satisfies ColDef<CadreRow>)
      : fieldCol(key as Field),
  );
  const others = (Object.keys(CADRE_FIELD_LABELS) as Field[]).filter(f => !DEFAULT_COLUMNS.includes(f)).map(fieldCol);
  return [
    {
      colId: 'seq',
      headerName: '序号',
      valueGetter: p => (p.node?.rowPinned ? '新行' : (p.node?.rowIndex ?? 0) + 1),
      width: 80,
      sortable: false,
      filter: false,
      editable: false,
      pinned: 'left',
      lockPinned: true,
      checkboxSelection: false,
    },
    ...byDefault.map(c => (c.colId === 'name' ? { ...c, pinned: 'left' as const, lockPinned: true } : c)),
    ...others,
  ];
}

/** The 历史库's columns: the roster's, with 状态 (why each cadre left) shown next to the name. */
export function historyColumns(columns: ColDef<CadreRow>[]): ColDef<CadreRow>[] {
  const status = columns.find(c => c.colId === 'status');
  if (!status) return columns;
  const rest = columns.filter(c => c !== status);
  const at = rest.findIndex(c => c.colId === 'name') + 1;
  return [...rest.slice(0, at), { ...status, hide: false }, ...rest.slice(at)];
}

/** Columns the chooser offers, with their labels. */
export function chooserColumns(columns: ColDef<CadreRow>[]): { colId: string; label: string }[] {
  return columns.filter(c => !PINNED_COLUMNS.includes(c.colId!)).map(c => ({ colId: c.colId!, label: c.headerName ?? c.colId! }));
}

export function isEditable(colId: string): boolean {
  return EDITABLE.has(colId);
}
