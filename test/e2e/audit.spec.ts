/**
 * The operator name and the 审计日志 in the browser: the first start asks for
 * the name (proposed from the OS user), an edit is stamped with it, the audit
 * page finds it filtered by operator, and the export downloads the filtered
 * log as an .xlsx that reads back. A database begun elsewhere (the CLI) asks
 * in the sidebar until someone confirms a name.
 */
import fs from 'node:fs';
import os from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.afterEach(async () => {
  await host.stop();
});

function osUser(): string {
  try {
    return os.userInfo().username || '操作员';
  } catch {
    return '操作员';
  }
}

function at(hash: string): string {
  const url = new URL(host.url);
  url.hash = hash;
  return url.toString();
}

const grid = (page: Page) => page.locator('.audit-page .grid-wrap');

test('first start asks for the operator; an edit is in the audit log under that name, and the filtered log exports', async ({ page }) => {
  host = await startHost();
  await page.goto(host.url);
  const name = page.getByRole('textbox', { name: '操作员姓名' });
  await expect(name).toHaveValue(osUser());
  await name.fill('  ');
  await page.getByRole('button', { name: /载入示例数据/ }).click();
  await expect(page.getByRole('alert')).toHaveText('请填写操作员姓名');
  await name.fill('审计测试员');
  await page.getByRole('button', { name: /载入示例数据/ }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  await expect(page.getByRole('link', { name: '操作员：审计测试员' })).toBeVisible();

  // an edit in the appointment form
  await page.goto(at('#/cadre/1'));
  await expect(page.getByRole('heading', { name: '干部任免审批表' })).toBeVisible();
  const place = page.locator('.form-page [data-field="nativePlace"]');
  const before = (await place.textContent())?.trim() || '（空）';
  await place.locator('.et-text').click();
  await page.getByRole('textbox', { name: '籍贯' }).fill('辽宁铁岭');
  await page.getByRole('textbox', { name: '籍贯' }).press('Enter');
  await expect(place).toHaveText('辽宁铁岭');
  const cadreName = (await page.locator('.form-page [data-field="name"]').textContent())?.trim() ?? '';
  expect(cadreName).not.toBe('');

  // the audit page, filtered by operator
  await page.getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.getByRole('combobox', { name: '操作员' }).selectOption('审计测试员');
  await expect(page.locator('.audit-page .count')).toHaveText('共 3 条'); // the name set, the demo data, the edit
  const newest = grid(page).locator('.ag-row[row-index="0"]').first();
  await expect(newest.locator('[col-id="operator"]')).toHaveText('审计测试员');
  await expect(newest.locator('[col-id="kind"]')).toHaveText('修改');
  await expect(newest.locator('[col-id="summary"]')).toHaveText(`籍贯：${before} → 辽宁铁岭`);
  await expect(newest.locator('[col-id="at"]')).toHaveText(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
  await expect(newest.getByRole('link', { name: cadreName })).toHaveAttribute('href', '#/cadre/1');

  // narrowed further to 修改: only the edit
  await page.getByRole('combobox', { name: '类型' }).selectOption({ label: '修改' });
  await expect(page.locator('.audit-page .count')).toHaveText('共 1 条');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^审计日志_\d{8}\.xlsx$/);
  await expect(page.getByRole('status')).toContainText('已导出 1 条记录');
  const sheet = XLSX.read(fs.readFileSync(await file.path())).Sheets['审计日志'];
  expect(sheet.A1.v).toBe('审计日志');
  expect(String(sheet.A2.v)).toMatch(/^填报单位： +筛选条件：操作员「审计测试员」；类型 修改 /);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, range: 3 });
  expect(rows).toEqual([[expect.stringMatching(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/), '审计测试员', '修改', cadreName, 1, `籍贯：${before} → 辽宁铁岭`]]);

  // the cadre link opens the form
  await page.getByRole('button', { name: '清空筛选' }).click();
  await expect(page.locator('.audit-page .count')).toHaveText('共 3 条');
  await grid(page).getByRole('link', { name: cadreName }).click();
  await expect(page.getByRole('heading', { name: '干部任免审批表' })).toBeVisible();
});

test('a database begun elsewhere asks in the sidebar; the name can be changed later on 数据与备份', async ({ page }) => {
  host = await startHost({ demo: true });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  const sidebar = page.getByRole('navigation', { name: '主导航' });
  await expect(sidebar.getByText('请确认操作员')).toBeVisible();
  await expect(sidebar).toContainText(`将署名为「${osUser()}」`);
  await sidebar.getByRole('button', { name: '使用此姓名' }).click();
  await expect(sidebar.getByRole('link', { name: `操作员：${osUser()}` })).toBeVisible();
  await expect(sidebar.getByText('请确认操作员')).toHaveCount(0);

  await sidebar.getByRole('link', { name: `操作员：${osUser()}` }).click();
  await expect(page.getByRole('heading', { name: '数据与备份' })).toBeVisible();
  const setting = page.locator('.operator-setting');
  const field = setting.getByRole('textbox', { name: '操作员姓名' });
  await expect(field).toHaveValue(osUser());
  await field.fill('   ');
  await setting.getByRole('button', { name: '更改' }).click();
  await expect(setting.getByRole('alert')).toHaveText('请填写操作员姓名');
  await field.fill('王干事');
  await setting.getByRole('button', { name: '更改' }).click();
  await expect(setting).toContainText('已保存：此后的修改都署名为「王干事」');
  await expect(sidebar.getByRole('link', { name: '操作员：王干事' })).toBeVisible();

  await page.goto(at('#/audit'));
  await page.getByRole('combobox', { name: '类型' }).selectOption({ label: '设置' });
  await expect(page.locator('.audit-page .count')).toHaveText('共 2 条');
  await expect(grid(page).locator('.ag-row[row-index="0"] [col-id="summary"]').first()).toHaveText(`操作员：${osUser()} → 王干事`);
  await expect(grid(page).locator('.ag-row[row-index="1"] [col-id="summary"]').first()).toHaveText(`操作员：（空） → ${osUser()}`);
  await expect(grid(page).locator('.ag-row[row-index="0"] [col-id="operator"]').first()).toHaveText('王干事');
});
