/**
 * 统计分析 as a clerk uses it, at 1366×768 on the demo: choose a unit, read a cell of the
 * structure table, click it, and the roster shows that many people under a removable
 * 「统计：…」 chip; the chart draws (its canvas has pixels) and a click on a bar opens the same
 * people as the table's cell; the table downloads as .xlsx and reads back; the team analysis.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
/** Script errors and CSP refusals seen by the page (ECharts must run under the app's CSP). */
let problems: string[];
test.beforeEach(async ({ page }) => {
  host = await startHost({ demo: true });
  problems = [];
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('console', m => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', e =>
      console.error(`CSP refused ${e.blockedURI} (${e.effectiveDirective}) at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    ),
  );
});
test.afterEach(async () => {
  await host.stop();
  expect(problems).toEqual([]);
});

/** Screenshots for a person to look at (layout, fonts); not compared. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/stats-${name}.png` });

const table = (page: Page) => page.getByRole('table', { name: '结构统计表' });
/** The 人数 link of a category row in a column (0 = 总体). */
const countCell = (page: Page, category: string, column = 0) =>
  table(page)
    .locator('tr', { has: page.locator('th.st-category', { hasText: new RegExp(`^${category}$`) }) })
    .locator('td.num a')
    .nth(column);

async function openStats(page: Page) {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计分析' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计分析');
}

/** The roster's 「共 N 人」 once the grid has counted. */
async function rosterCount(page: Page): Promise<number> {
  const count = page.locator('.roster .count');
  await expect(count).toHaveText(/共 \d+ 人/);
  return Number((await count.innerText()).match(/\d+/)![0]);
}

async function chooseUnit(page: Page, name: string) {
  await page.getByLabel('统计范围', { exact: true }).selectOption({ label: '单位（含下属单位）' });
  const unit = page.getByRole('combobox', { name: '单位' });
  const value = await unit.locator('option', { hasText: new RegExp(`^\\s*${name}$`) }).getAttribute('value');
  await unit.selectOption(value!);
  await expect(page.getByRole('heading', { level: 2 })).toContainText(`${name}（含下属单位）`);
}

test('a unit’s structure table: a cell opens exactly its people in the roster; the chart draws and its bar opens the same people', async ({ page }) => {
  await openStats(page);
  // Everyone first, at today's date.
  await expect(table(page)).toBeVisible();
  await chooseUnit(page, '滨河区');
  await page.getByLabel('统计截止日期').fill('2026.11.01');
  await page.getByLabel('统计截止日期').press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('统计截止日期：2026.11.01');
  await expect(page.locator('.st-note')).toContainText('注：百分比按四舍五入取值');
  await shot(page, 'structure');

  // 36-40岁 among the women: read the cell, click it.
  const header = await table(page).locator('thead tr').nth(1).locator('th').allInnerTexts();
  const women = header.indexOf('女') + 1; // the 总体 series comes first
  const cell = countCell(page, '36-40岁', women);
  const n = Number(await cell.innerText());
  expect(n).toBeGreaterThan(0);
  await cell.click();
  await expect(page).toHaveURL(/#\/roster\?drill=/);
  await expect(page.locator('.drill-chip')).toContainText('统计：滨河区（含下属单位） · 女 · 36-40岁（截至 2026.11.01）');
  expect(await rosterCount(page)).toBe(n);
  // The rows are those people: all women.
  const genders = await page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="gender"]').allInnerTexts();
  expect(genders.length).toBe(Math.min(n, genders.length));
  expect(new Set(genders)).toEqual(new Set(['女']));
  await shot(page, 'roster-drill');
  // Removing the chip gives the whole roster back.
  await page.getByRole('button', { name: '移除统计筛选' }).click();
  await expect(page.locator('.drill-chip')).toHaveCount(0);
  await expect.poll(() => rosterCount(page)).toBeGreaterThan(500);

  // Back to 统计分析 (removing the chip replaced the roster's address): the same unit and date.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2 })).toContainText('滨河区（含下属单位）');

  // The chart draws: its canvas has non-blank pixels.
  await page.getByLabel('图表项目').selectOption({ label: '年龄' });
  const canvas = page.locator('.st-chart').first().locator('canvas');
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++;
        return ink;
      }),
    )
    .toBeGreaterThan(1000);
  await page.locator('.st-charts').screenshot({ path: '/tmp/stats-charts.png' });

  // Click a bar (the chart's blue, #0072B2): the roster shows the people of that category.
  const point = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const scale = c.width / c.getBoundingClientRect().width;
    for (let y = Math.floor(c.height * 0.9); y > c.height * 0.1; y -= 3)
      for (let x = 0; x < c.width; x += 2) {
        const i = (y * c.width + x) * 4;
        if (Math.abs(d[i] - 0x00) < 12 && Math.abs(d[i + 1] - 0x72) < 12 && Math.abs(d[i + 2] - 0xb2) < 12) return { x: x / scale + 3, y: y / scale };
      }
    return null;
  });
  expect(point).not.toBeNull();
  await canvas.click({ position: point! });
  await expect(page).toHaveURL(/#\/roster\?drill=/);
  const chip = await page.locator('.drill-chip').innerText();
  const band = chip.match(/· (\S+岁\S*)（/)![1];
  const viaChart = await rosterCount(page);
  await page.goBack();
  await expect(table(page)).toBeVisible();
  expect(Number(await countCell(page, band).innerText())).toBe(viaChart);

  // Printed: the table and its charts on one A4 landscape page, without the page's controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByRole('toolbar', { name: '结构统计操作' })).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync('/tmp/stats-print.pdf', pdf);
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
});

test('exports the table as .xlsx in the report layout, and shows the team analysis', async ({ page }) => {
  await openStats(page);
  await chooseUnit(page, '望江区');
  await page.getByLabel('统计截止日期').fill('2026.11.01');
  await page.getByLabel('统计截止日期').press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('2026.11.01');
  const total = Number(await table(page).locator('tr.st-summary').first().locator('td.num a').first().innerText());

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toBe('望江区（含下属单位）干部结构分析表_20261101.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws.getCell('A1').value).toBe('望江区（含下属单位）干部结构分析表');
  expect(String(ws.getCell('A2').value)).toContain('统计截止日期：2026年11月1日');
  expect(ws.model.merges).toEqual(expect.arrayContaining(['A3:A4', 'C3:D3']));
  expect([ws.getCell('A5').value, ws.getCell('C5').value]).toEqual(['总数', total]);
  const young = [...Array(ws.rowCount).keys()].map(i => ws.getRow(i + 1)).find(r => r.getCell(2).value === '36-40岁')!;
  expect(young.getCell(3).value).toBe(Number(await countCell(page, '36-40岁').innerText()));

  // 表格设置: fewer rows and columns, saved for next time.
  await page.getByRole('button', { name: '表格设置' }).click();
  const settings = page.getByRole('group', { name: '表格设置' });
  await settings.getByLabel('专业技术职务').uncheck();
  await settings.getByLabel('正厅').uncheck();
  await settings.getByRole('button', { name: '保存为默认设置' }).click();
  await expect(page.getByRole('status')).toContainText('已保存表格设置');
  await expect(table(page).locator('th.st-item', { hasText: '专业技术职务' })).toHaveCount(0);
  await page.reload();
  await expect(table(page).locator('th.st-item', { hasText: '专业技术职务' })).toHaveCount(0);

  // 班子分析: the teams missing a requirement, each count a link to its people.
  await page.getByRole('tab', { name: '班子分析' }).click();
  const teams = page.getByRole('table', { name: '领导班子' });
  await expect(teams.locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('.st-teams .hint')).toContainText(/共 \d+ 个领导班子，其中 \d+ 个未达到配备要求/);
  await expect(teams.locator('td.st-unmet').first()).toContainText('缺');
  await shot(page, 'teams');
  const row = teams.locator('tbody tr').first();
  const unit = await row.locator('th').innerText();
  const size = Number(await row.locator('td.num a').first().innerText());
  await row.locator('td.num a').first().click();
  await expect(page.locator('.drill-chip')).toContainText(`${unit}领导班子`);
  expect(await rosterCount(page)).toBe(size);
});

test('the roster’s 统计 button counts its current 组合查询 and unit; a cell opens that many people back in the roster', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.roster .count')).toHaveText(/共 \d+ 人/);
  // The roster as the clerk narrowed it: a unit from the tree and a 组合查询 (women).
  await page.getByRole('tree').getByRole('button', { name: '滨河区' }).click();
  await expect.poll(() => rosterCount(page)).toBeLessThan(300);
  const inUnit = await rosterCount(page);
  await page.getByRole('button', { name: /^组合查询/ }).click();
  const builder = page.getByRole('region', { name: '组合查询' });
  const first = builder.getByRole('group', { name: '条件' }).first();
  await first.getByLabel('字段').selectOption('gender');
  await first.getByLabel('值', { exact: true }).fill('女');
  await builder.getByRole('button', { name: '查询' }).click();
  await expect(builder).toContainText('已应用组合查询：');
  // The unit's women, once the query has narrowed the unit's list (not the unit's count before it).
  await expect.poll(() => rosterCount(page)).toBeLessThan(inUnit);
  const shown = await rosterCount(page);
  expect(shown).toBeGreaterThan(5);

  await page.getByRole('toolbar', { name: '名册操作' }).getByRole('button', { name: '统计', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计分析');
  await expect(page.locator('.st-scope')).toContainText('干部名册当前的组合查询');
  await expect(page.getByLabel('统计范围', { exact: true })).toHaveValue('query');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('干部名册当前的组合查询（「滨河区」及下级单位中 性别');
  const total = table(page)
    .locator('tr', { has: page.locator('th.st-item', { hasText: /^总数$/ }) })
    .locator('td.num a')
    .first();
  await expect(total).toHaveText(String(shown));
  await shot(page, 'from-roster');

  // A cell: the roster shows exactly that many, all of them women of 滨河区.
  const cell = countCell(page, '汉族');
  const n = Number(await cell.innerText());
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(shown);
  await cell.click();
  await expect(page).toHaveURL(/#\/roster\?drill=/);
  await expect(page.locator('.drill-chip')).toContainText('干部名册当前的组合查询');
  expect(await rosterCount(page)).toBe(n);
  const genders = await page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="gender"]').allInnerTexts();
  expect(new Set(genders)).toEqual(new Set(['女']));
});
