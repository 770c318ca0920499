/**
 * The member grid of a batch: the cadre's own facts (from the roster, read-only
 * here), the placement fields the grid edits and pastes, and the state that only
 * the actions change (结对, 召回, 调换, 返岗).
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatDate } from '../../../shared/domain/common/dates';
import {
  BRANCH_ROLES,
  MEMBER_EDITABLE_FIELDS,
  MEMBER_FIELD_LABELS,
  OUTCOMES,
  type MemberEditableField,
  type SecondmentMember,
} from '../../../shared/contract/api';

type Col = ColDef<SecondmentMember>;
const date = (p: ValueFormatterParams<SecondmentMember>) => formatDate(String(p.value ?? ''));

const editableSet = new Set<string>(MEMBER_EDITABLE_FIELDS);
export const isMemberEditable = (colId: string): colId is MemberEditableField => editableSet.has(colId);

function editable(field: MemberEditableField, width: number, extra: Partial<Col> = {}): Col {
  return { colId: field, field, headerName: MEMBER_FIELD_LABELS[field], width, editable: true, ...extra };
}

const dateEditable = (field: MemberEditableField): Col =>
  // In the editor dates appear as users write them (2023.03).
  editable(field, 112, { valueFormatter: date, cellEditorParams: { useFormatter: true } });

export function memberColumns(): Col[] {
  return [
    { colId: 'seq', headerName: '序号', width: 64, valueGetter: p => (p.node?.rowIndex ?? 0) + 1, pinned: 'left', lockPinned: true, sortable: false },
    {
      colId: 'name',
      field: 'name',
      headerName: '姓名',
      width: 96,
      pinned: 'left',
      lockPinned: true,
      // A link to the cadre's page (任免审批表, 简历, 修改记录).
      cellRenderer: (p: { value: string; data?: SecondmentMember }) =>
        p.data ? (
          <a href={`#/cadre/${p.data.cadreId}`} title="打开任免审批表">
            {p.value}
          </a>
        ) : null,
    },
    // Where each member serves first: a 1366-pixel screen shows it beside the name.
    editable('hostUnit', 180),
    editable('hostPost', 150),
    editable('homeUnit', 170),
    editable('homePost', 170),
    { colId: 'gender', field: 'gender', headerName: '性别', width: 64 },
    { colId: 'birth', field: 'birth', headerName: '出生年月', width: 96, valueFormatter: date },
    { colId: 'ftEducation', field: 'ftEducation', headerName: '学历', width: 90 },
    { colId: 'rank', field: 'rank', headerName: '职级', width: 110 },
    dateEditable('startDate'),
    dateEditable('endDate'),
    {
      colId: 'status',
      field: 'status',
      headerName: '状态',
      width: 90,
      cellClassRules: { 'sd-muted-cell': p => p.value === '已调换', 'sd-warn-cell': p => p.value === '提前召回' },
    },
    { colId: 'pairName', field: 'pairName', headerName: '结对帮带', width: 90 },
    editable('branchRole', 120, { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...BRANCH_ROLES] } }),
    {
      colId: 'replacement',
      headerName: '调换情况',
      width: 170,
      valueGetter: p =>
        p.data?.replacedByName
          ? `由${p.data.replacedByName}接替`
          : p.data?.replacesName
            ? `接替${p.data.replacesName}${p.data.replacementReason ? `（${p.data.replacementReason}）` : ''}`
            : p.data?.recallReason
              ? `召回：${p.data.recallReason}`
              : '',
      tooltipValueGetter: p => (p.value ? String(p.value) : null),
    },
    { colId: 'returnDate', field: 'returnDate', headerName: '返岗时间', width: 96, valueFormatter: date },
    editable('outcome', 120, { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...OUTCOMES] } }),
    dateEditable('outcomeDate'),
    editable('outcomePost', 170),
    editable('notes', 180),
  ];
}
