/**
 * The 审计日志 export: the filtered entries, in time order, in a styled .xlsx
 * (title, the filter in words, a bold bordered frozen header, widths), read
 * back with ExcelJS and SheetJS; text that looks like a formula stays text.
 */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { AUDIT_COLUMNS } from '../../../electron/services/audit/xlsx';
import { formatAuditTime } from '../../../shared/domain/audit/text';
import type { AuditRow } from '../../../shared/contract/api';
import { routeData } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-audit-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  loadDemo(core.db, { cadreCount: 30 });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const call = <T>(method: string, input: unknown) => routeData<T>(core, method, input);

const FORMULA_OPERATOR = '=HYPERLINK("http://x","点我")';

describe('exportAuditLog', () => {
  it('writes the filtered log as a styled workbook that reads back entry for entry', async () => {
    await call('setOperator', { name: '张科员' });
    await call('saveCadres', {
      updates: [
        { id: 1, values: { post: '-1+1' } },
        { id: 2, values: { remarks: '@备注' } },
      ],
      kind: 'paste',
      label: '粘贴 2 行',
    });
    await call('setOperator', { name: FORMULA_OPERATOR });
    await call('saveCadres', { updates: [{ id: 3, values: { post: '副处长' } }] });
    await call('setCadresDeleted', { ids: [4], deleted: true });

    const filter = { operator: FORMULA_OPERATOR };
    const shown = await call<{ rows: AuditRow[]; total: number }>('queryAuditLog', { ...filter, offset: 0, limit: 100 });
    expect(shown.total).toBe(3); // the operator change (stamped with the new name), the edit, the delete
    const file = await call<{ fileName: string; mime: string; base64: string; rows: number }>('exportAuditLog', filter);
    expect(file.rows).toBe(3);
    expect(file.fileName).toMatch(/^审计日志_\d{8}\.xlsx$/);
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(file.base64, 'base64');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('审计日志');
    expect(ws.getCell('A1').value).toBe('审计日志');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(String(ws.getCell('A2').value)).toMatch(
      new RegExp(
        `^填报单位： +筛选条件：操作员「${FORMULA_OPERATOR.replace(/[()|.*+?^$\\[\]]/g, '\\$&')}」 +导出时间：\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2} +共 3 条$`,
      ),
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const header = ws.getRow(3);
    AUDIT_COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      expect(cell.value).toBe(c.header);
      expect(cell.font?.bold).toBe(true);
      expect(cell.border?.bottom?.style).toBe('thin');
      expect(ws.getColumn(i + 1).width).toBe(c.width);
    });
    expect(AUDIT_COLUMNS.map(c => c.header)).toEqual(['时间', '操作员', '类型', '对象', '干部编号', '内容（修改前 → 修改后）']);
    expect(ws.rowCount).toBe(3 + 3);
    shown.rows.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      expect([1, 2, 3, 4, 5, 6].map(c => row.getCell(c).value)).toEqual([formatAuditTime(r.at), r.operator, r.kindText, r.target, r.cadreId ?? '', r.summary]);
      expect(row.getCell(6).border?.left?.style).toBe('thin');
    });
    const operatorCell = ws.getRow(4).getCell(2);
    expect(operatorCell.type).toBe(ExcelJS.ValueType.String);
    expect(operatorCell.numFmt).toBe('@');

    // SheetJS agrees, and sees no formula anywhere
    const sheet = XLSX.read(bytes, { type: 'buffer', cellFormula: true }).Sheets['审计日志'];
    const cells = Object.entries(sheet).filter(([k]) => !k.startsWith('!'));
    expect(cells.filter(([, c]) => (c as XLSX.CellObject).f !== undefined)).toEqual([]);
    expect(sheet.B4).toMatchObject({ t: 's', v: FORMULA_OPERATOR });
    const summaries = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, range: 3 }).map(r => r[5]);
    expect(summaries).toEqual(shown.rows.map(r => r.summary));
  });

  it('exports a whole log oldest first on request, and the kind filter narrows it', async () => {
    await call('setOperator', { name: '张科员' });
    await call('saveCadres', {
      updates: [
        { id: 1, values: { post: '处长' } },
        { id: 2, values: { remarks: '备注' } },
      ],
      kind: 'paste',
      label: '粘贴 2 行',
    });
    const all = await call<{ base64: string; rows: number }>('exportAuditLog', { order: 'asc' });
    const table = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(all.base64, 'base64')).Sheets['审计日志'], { header: 1, range: 3 });
    expect(table.length).toBe(all.rows);
    expect(table[0][2]).toBe('示例数据'); // the demo load came first
    expect(table.at(-1)![2]).toBe('修改（粘贴）');

    const pastes = await call<{ base64: string; rows: number }>('exportAuditLog', { kind: 'edit' });
    expect(pastes.rows).toBe(2);
    const line2 = XLSX.read(Buffer.from(pastes.base64, 'base64')).Sheets['审计日志'].A2.v as string;
    expect(line2).toMatch(/^填报单位： +筛选条件：类型 修改 /);
  });
});
