/**
 * The structure report as a file: the styled .xlsx in the report layout (title, 填报单位 and
 * 统计截止日期 line, two-level merged header, 项目 merged down its categories, borders, A4
 * landscape, the 注 line) read back cell by cell, the CSV with its BOM, the saved layout and the
 * side-by-side report.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_TODAY } from '../../../electron/services/demo/generate';
import { setSetting, REPORTING_UNIT_SETTING } from '../../../electron/services/common/settings';
import type { StructureTable } from '../../../shared/domain/stats/table';
import { openWorld, type World } from '../secondment/support';

let w: World;
let districtId: number;
let table: StructureTable;
const REF = DEFAULT_DEMO_TODAY;

beforeAll(async () => {
  w = openWorld(600);
  w.load();
  setSetting(w.core.db, REPORTING_UNIT_SETTING, '中共滨江市委组织部');
  districtId = (await w.call('listUnits', {})).find(u => u.name === '滨河区')!.id;
  table = await w.call('statsStructure', { scope: { kind: 'unit', unitId: districtId }, refDate: REF });
});
afterAll(() => w.close());

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

const row = (group: string, category: string) => table.groups.find(g => g.key === group)!.rows.find(r => r.category === category)!;

describe('the structure table as .xlsx', () => {
  it('is laid out as upper-level reports are, with the table’s numbers', async () => {
    const file = await w.call('exportStatsStructure', { scope: { kind: 'unit', unitId: districtId }, refDate: REF });
    expect(file.fileName).toBe('滨河区（含下属单位）干部结构分析表_20261101.xlsx');
    expect(file.total).toBe(table.total);
    const ws = (await workbook(file.base64!)).worksheets[0];
    expect(ws.getCell('A1').value).toBe('滨河区（含下属单位）干部结构分析表');
    expect(ws.getCell('A2').value).toBe('填报单位：中共滨江市委组织部    统计截止日期：2026年11月1日');
    // Two header rows: 项目 and 类别 merged down, each column's label over 人数 / 比率.
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A3:A4', 'B3:B4', 'C3:D3', 'E3:F3']));
    expect([ws.getCell('C3').value, ws.getCell('E3').value, ws.getCell('C4').value, ws.getCell('D4').value]).toEqual(['总体', '正厅', '人数', '比率']);
    const headers = table.columns.map((_, i) => ws.getRow(3).getCell(3 + 2 * i).value);
    expect(headers).toEqual(table.columns.map(c => c.label));
    expect(ws.getCell('C3').border?.top?.style).toBe('thin');
    expect(ws.getCell('C3').font?.bold).toBe(true);
    // 总数, 平均年龄, then the groups with 项目 merged down its categories.
    expect([ws.getCell('A5').value, ws.getCell('C5').value, ws.getCell('D5').value]).toEqual(['总数', table.total, 100]);
    expect([ws.getCell('A6').value, ws.getCell('C6').value, ws.getCell('D6').value]).toEqual(['平均年龄', table.averageAge, null]);
    expect([ws.getCell('A7').value, ws.getCell('B7').value]).toEqual(['领导职务层次', '正厅']);
    expect(ws.model.merges).toContain(`A7:A${7 + table.groups[0].rows.length - 1}`);
    let r = 7;
    for (const g of table.groups) {
      for (const x of g.rows) {
        const cells = ws.getRow(r);
        expect(cells.getCell(2).value, `${g.label} ${x.category}`).toBe(x.category);
        x.cells.forEach((c, i) => {
          expect(cells.getCell(3 + 2 * i).value).toBe(c.count);
          expect(cells.getCell(4 + 2 * i).value).toBe(c.pct);
        });
        r++;
      }
    }
    const band = row('ageBand', '36-40岁');
    const line = ws.getRow(7 + table.groups.slice(0, 3).reduce((n, g) => n + g.rows.length, 0) + 2);
    expect([line.getCell(2).value, line.getCell(3).value, line.getCell(4).value]).toEqual(['36-40岁', band.cells[0].count, band.cells[0].pct]);
    expect(line.getCell(4).numFmt).toBe('0.0"%"');
    expect(ws.getCell(`A${r}`).value).toBe('注：百分比按四舍五入取值');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
  });

  it('follows the saved layout (row groups and breakdown columns), or the one given', async () => {
    await w.call('saveStatsLayout', { groups: ['ageBand', 'political'], columns: ['gender:女', 'level:正科'] });
    expect((await w.call('getStatsSettings', {})).layout).toEqual({ groups: ['ageBand', 'political'], columns: ['gender:女', 'level:正科'] });
    const ws = (await workbook((await w.call('exportStatsStructure', { scope: { kind: 'unit', unitId: districtId }, refDate: REF })).base64!)).worksheets[0];
    // 总体, then the chosen columns in table order; the chosen groups in table order.
    expect([ws.getCell('C3').value, ws.getCell('E3').value, ws.getCell('G3').value]).toEqual(['总体', '正科', '女']);
    expect(ws.getCell('I3').value).toBeNull();
    expect(ws.getCell('A7').value).toBe('政治面貌');
    expect(ws.getCell(`A${7 + table.groups.find(g => g.key === 'political')!.rows.length}`).value).toBe('年龄');
    const women = table.columns.findIndex(c => c.key === 'gender:女');
    const youngWomen = row('ageBand', '36-40岁').cells[women];
    const rows = [...Array(ws.rowCount).keys()].map(i => ws.getRow(i + 1));
    const young = rows.find(x => x.getCell(2).value === '36-40岁')!;
    expect([young.getCell(7).value, young.getCell(8).value]).toEqual([youngWomen.count, youngWomen.pct]);
    const given = await w.call('exportStatsStructure', { scope: { kind: 'all' }, refDate: REF, layout: { groups: ['title'], columns: [] } });
    const ws2 = (await workbook(given.base64!)).worksheets[0];
    expect(ws2.getCell('A1').value).toBe('干部队伍结构分析表');
    expect(ws2.getCell('E3').value).toBeNull();
    expect(ws2.getCell('A7').value).toBe('专业技术职务');
    await w.call('saveStatsLayout', { groups: [], columns: [] });
    const refused = await w.fails('saveStatsLayout', { groups: ['ageBand'], columns: ['level:正部'] });
    expect(refused.code).toBe('VALIDATION');
  });

  it('writes CSV with a BOM: one header line, then the rows, shares as numbers', async () => {
    const file = await w.call('exportStatsStructure', {
      scope: { kind: 'unit', unitId: districtId },
      refDate: REF,
      format: 'csv',
      layout: { groups: ['ageBand'], columns: ['gender:男', 'gender:女'] },
    });
    const bytes = Buffer.from(file.base64!, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('项目,类别,总体人数,总体比率(%),男人数,男比率(%),女人数,女比率(%)');
    expect(lines[1]).toBe(`总数,,${table.total},100,${table.columns.at(-2)!.total},100,${table.columns.at(-1)!.total},100`);
    const band = row('ageBand', '41-45岁');
    const [all, men, women] = [0, table.columns.length - 2, table.columns.length - 1].map(i => band.cells[i]);
    expect(lines).toContain(`年龄,41-45岁,${all.count},${all.pct},${men.count},${men.pct},${women.count},${women.pct}`);
  });
});

describe('units side by side', () => {
  it('puts each unit’s 总体 column beside the others, with 女干部, 少数民族, 党外干部 and 40岁及以下', async () => {
    const units = await w.call('listUnits', {});
    const ids = ['滨河区', '望江区', '金桥区'].map(n => units.find(u => u.name === n)!.id);
    const scopes = [...ids.map(unitId => ({ kind: 'unit' as const, unitId })), { kind: 'team' as const, unitId: ids[0] }];
    const { tables } = await w.call('statsCompare', { scopes, refDate: REF });
    expect(tables.map(t => t.scopeLabel)).toEqual(['滨河区（含下属单位）', '望江区（含下属单位）', '金桥区（含下属单位）', '滨河区领导班子']);
    const file = await w.call('exportStatsCompare', { scopes, refDate: REF, groups: ['ageBand'] });
    const ws = (await workbook(file.base64!)).worksheets[0];
    expect(ws.getCell('A1').value).toBe('干部结构对比分析表');
    expect([ws.getCell('C3').value, ws.getCell('E3').value, ws.getCell('I3').value]).toEqual(tables.map(t => t.scopeLabel).filter((_, i) => i !== 2));
    const rows = [...Array(ws.rowCount).keys()].map(i => ws.getRow(i + 1));
    const women = rows.find(r => r.getCell(2).value === '女干部')!;
    tables.forEach((t, i) => {
      const n = t.columns.find(c => c.key === 'gender:女')!.total;
      expect(women.getCell(3 + 2 * i).value).toBe(n);
    });
    expect(rows.find(r => r.getCell(2).value === '40岁及以下')!.getCell(1).value).toBe('其中');
    const refused = await w.fails('statsCompare', { scopes: [], refDate: REF });
    expect(refused.message).toContain('请至少选择一个单位');
  });
});
