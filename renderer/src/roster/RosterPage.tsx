import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { CadreRow } from '../../../shared/api';
import { formatBirthWithAge } from '../../../shared/age';
import { formatDate, todayCanonical } from '../../../shared/dates';
import { CADRE_FIELD_LABELS } from '../../../shared/fields';
import { api } from '../api';
import { gridLocale, gridTheme, pinyinComparator } from '../grid';

const dateCol = (field: keyof CadreRow): ColDef<CadreRow> => ({
  field,
  headerName: CADRE_FIELD_LABELS[field as keyof typeof CADRE_FIELD_LABELS],
  width: 110,
  valueFormatter: (p: ValueFormatterParams<CadreRow>) => formatDate(String(p.value ?? '')),
});

export function RosterPage() {
  const [rows, setRows] = useState<CadreRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(0);

  useEffect(() => {
    api.listCadres({}).then(setRows, (e: Error) => setError(e.message));
  }, []);

  const columns = useMemo<ColDef<CadreRow>[]>(() => {
    const today = todayCanonical();
    return [
      { headerName: '序号', valueGetter: p => (p.node?.rowIndex ?? 0) + 1, width: 70, sortable: false, filter: false, pinned: 'left' },
      { field: 'name', headerName: '姓名', pinned: 'left', width: 96, comparator: pinyinComparator },
      { field: 'gender', headerName: '性别', width: 70 },
      { field: 'ethnicity', headerName: '民族', width: 86 },
      {
        field: 'birth',
        headerName: '出生年月(岁)',
        width: 130,
        valueFormatter: p => formatBirthWithAge(String(p.value ?? ''), today),
      },
      { field: 'nativePlace', headerName: '籍贯', width: 100 },
      dateCol('partyDate'),
      dateCol('workDate'),
      {
        colId: 'ftEducationDegree',
        headerName: '学历学位（全日制）',
        width: 150,
        valueGetter: p => [p.data?.ftEducation, p.data?.ftDegree].filter(Boolean).join(' '),
      },
      { field: 'ftEduSchool', headerName: '毕业院校及专业', width: 220 },
      { field: 'post', headerName: '现任职务', width: 260, comparator: pinyinComparator },
      { field: 'rank', headerName: '职级', width: 120 },
      dateCol('rankDate'),
      { field: 'unit', headerName: '单位', width: 180, comparator: pinyinComparator },
    ];
  }, []);

  const defaultColDef = useMemo<ColDef<CadreRow>>(
    () => ({ sortable: true, filter: 'agTextColumnFilter', floatingFilter: true, resizable: true }),
    [],
  );

  return (
    <section className="page roster">
      <header className="page-head">
        <h1>干部名册</h1>
        <input
          className="search"
          type="search"
          placeholder="按姓名、职务、身份证号查找"
          aria-label="查找干部"
          value={search}
          onChange={e => setSearch(e.target.value)}
        />
        <span className="count" aria-live="polite">
          {rows ? `共 ${rows.length} 人${shown !== rows.length ? `，显示 ${shown} 人` : ''}` : ''}
        </span>
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="grid-wrap">
        <AgGridReact<CadreRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          quickFilterText={search}
          getRowId={p => String(p.data.id)}
          loading={rows === null && !error}
          onModelUpdated={e => setShown(e.api.getDisplayedRowCount())}
          suppressDragLeaveHidesColumns
        />
      </div>
    </section>
  );
}
