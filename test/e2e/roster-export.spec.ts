import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

/** The women of the roster (not in the 回收站) by birth, read straight from the data file. */
function womenByBirth(): { name: string; birth: string }[] {
  const db = new BetterSqlite3(path.join(host.dataDir, 'cadre-desk.db'), { readonly: true });
  try {
    return db.prepare("SELECT name, birth FROM cadres WHERE deleted_at IS NULL AND status = '在职' AND gender = '女' ORDER BY birth").all() as {
      name: string;
      birth: string;
    }[];
  } finally {
    db.close();
  }
}

test('导出 on the roster page writes the grid as shown: visible columns in order, filter, sort', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.ag-cell[col-id="name"]').first()).not.toBeEmpty();

  // Filter: 性别 contains 女.
  await page.locator('.ag-floating-filter[col-id="gender"] input').fill('女');
  const women = womenByBirth();
  expect(women.length).toBeGreaterThan(20);
  await expect(page.locator('.count')).toHaveText(`共 ${women.length} 人`);
  // Sort: 出生年月 descending (two clicks on the header: ascending, then descending).
  const birthHeader = page.locator('.ag-header-cell[col-id="birth"]:not(.ag-floating-filter) .ag-header-cell-label');
  await birthHeader.click();
  await expect(page.locator('.ag-header-cell[col-id="birth"]:not(.ag-floating-filter)')).toHaveAttribute('aria-sort', 'ascending');
  await birthHeader.click();
  await expect(page.locator('.ag-header-cell[col-id="birth"]:not(.ag-floating-filter)')).toHaveAttribute('aria-sort', 'descending');
  // Hide 民族.
  await page.getByRole('button', { name: '选择列' }).click();
  await page.locator('.column-chooser label', { hasText: '民族' }).getByRole('checkbox').uncheck();
  await expect(page.locator('.ag-header-cell[col-id="ethnicity"]')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Excel 名册 (.xlsx)' }).click();
  const file = await (await download).path();
  await expect(page.getByRole('status')).toContainText(`已导出 ${women.length} 人`);

  const wb = XLSX.readFile(file);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false, defval: '' });
  expect(rows[0][0]).toBe('干部名册');
  // Row 3: the grid's default columns in display order, less 民族, with the grid's headers.
  expect(rows[2]).toEqual([
    '序号',
    '姓名',
    '现任职务',
    '性别',
    '出生年月(岁)',
    '籍贯',
    '入党时间',
    '参加工作时间',
    '学历学位（全日制）',
    '全日制毕业院校系及专业',
    '职级',
    '任现职级时间',
  ]);
  const data = rows.slice(3);
  expect(data).toHaveLength(women.length);
  expect(data.map(r => r[0])).toEqual(women.map((_, i) => String(i + 1)));
  expect(new Set(data.map(r => r[3]))).toEqual(new Set(['女']));
  // Newest birth first: 出生年月 cells read 1985.03(40岁).
  const births = data.map(r => String(r[4]).slice(0, 7).replace('.', '-'));
  const expected = women
    .map(w => w.birth.slice(0, 7))
    .sort()
    .reverse();
  expect(births).toEqual(expected);
  expect(String(data[0][4])).toMatch(/^\d{4}\.\d{2}\(\d+岁\)$/);
  expect(new Set(data.map(r => r[1]))).toEqual(new Set(women.map(w => w.name)));
});

test('导入导出 says what its roster export holds', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: '导入导出' }).click();
  await expect(page.getByTestId('roster-export-scope')).toContainText('全部在册干部');
  await expect(page.getByTestId('roster-export-scope')).toContainText('序号、单位、姓名');
});
