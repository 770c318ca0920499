/**
 * 本单位名称 and the wording a clerk reads (issue 16): asked at first start
 * beside the operator, on a welcome page that fits 1366×768 without
 * scrolling; printed in the 填报单位 line of every export (the roster, a
 * batch's members, the audit log, the import template) and as the .lrmx
 * ChengBaoDanWei; changed on 数据与备份, which says 数据格式版本. The demo's
 * finalised round carries a past date and a demo clerk, not today and the user.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.afterEach(async () => {
  await host.stop();
});

/** Row 2 of the first sheet of a downloaded .xlsx (the 填报单位 line), or row 1 of the template. */
async function download(page: Page, click: () => Promise<void>): Promise<XLSX.WorkBook> {
  const file = page.waitForEvent('download');
  await click();
  return XLSX.read(fs.readFileSync(await (await file).path()));
}
const cellText = (wb: XLSX.WorkBook, ref: string) => String(wb.Sheets[wb.SheetNames[0]][ref]?.v ?? '');

test('asked at first start, printed on every export and the .lrmx, changed on 数据与备份', async ({ page }) => {
  host = await startHost();
  await page.goto(host.url);
  const welcome = page.locator('.welcome');
  await expect(welcome.getByRole('textbox', { name: '操作员姓名' })).not.toHaveValue('');
  // the whole welcome page is on screen: nothing to scroll to
  const scroll = await page.evaluate(() => ({ height: document.scrollingElement!.scrollHeight, view: window.innerHeight }));
  expect(scroll.height).toBeLessThanOrEqual(scroll.view);
  for (const choice of ['载入示例数据', '从 Excel 导入', '空白开始'])
    await expect(welcome.getByRole('button', { name: new RegExp(choice) })).toBeInViewport({ ratio: 1 });

  await welcome.getByRole('textbox', { name: '本单位名称' }).fill('中共滨江市委组织部');
  await welcome.getByRole('button', { name: /载入示例数据/ }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();

  // the roster export
  let wb = await download(page, async () => {
    await page.getByRole('button', { name: '导出', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Excel 名册 (.xlsx)' }).click();
  });
  expect(cellText(wb, 'A2')).toMatch(/^填报单位：中共滨江市委组织部 +填报日期：/);

  // 数据与备份: the name, changed; the data format in words a clerk reads
  await page.getByRole('link', { name: '数据与备份' }).click();
  await expect(page.locator('.facts')).toContainText('数据格式版本');
  await expect(page.locator('.facts')).not.toContainText('结构版本');
  const setting = page.locator('.unit-name-setting');
  const field = setting.getByRole('textbox', { name: '本单位名称' });
  await expect(field).toHaveValue('中共滨江市委组织部');
  await field.fill('中共滨江市委组织部干部一科');
  await setting.getByRole('button', { name: '保存' }).click();
  await expect(setting).toContainText('已保存：此后导出的表格填报单位为「中共滨江市委组织部干部一科」');

  // a batch's member roster
  await page.goto(host.url + '#/batch/4');
  wb = await download(page, () => page.getByRole('button', { name: '导出名册' }).click());
  expect(cellText(wb, 'A2')).toMatch(/^填报单位：中共滨江市委组织部干部一科 /);
  // the import template: its first row
  await page.getByRole('link', { name: '导入导出' }).click();
  wb = await download(page, () => page.getByRole('button', { name: '下载导入模板' }).click());
  expect(cellText(wb, 'A1')).toBe('填报单位：中共滨江市委组织部干部一科');
  expect(cellText(wb, 'A2')).toBe('姓名');
  // the audit log, which also has the change
  await page.getByRole('link', { name: '审计日志' }).click();
  await page.getByRole('combobox', { name: '类型' }).selectOption({ label: '设置' });
  await expect(page.locator('.audit-page .ag-row[row-index="0"] [col-id="summary"]').first()).toHaveText(
    '本单位名称：中共滨江市委组织部 → 中共滨江市委组织部干部一科',
  );
  wb = await download(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
  expect(cellText(wb, 'A2')).toMatch(/^填报单位：中共滨江市委组织部干部一科 +筛选条件：/);

  // the .lrmx: 呈报单位 (ChengBaoDanWei)
  const lrmx = await page.evaluate(async () => {
    const res = await fetch('/api/exportLrmx', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-cadre-token': sessionStorage.getItem('cadre-token') ?? '' },
      body: JSON.stringify({ ids: [1] }),
    });
    return ((await res.json()) as { data: { base64: string } }).data.base64;
  });
  expect(Buffer.from(lrmx, 'base64').toString('utf8')).toContain('<ChengBaoDanWei>中共滨江市委组织部干部一科</ChengBaoDanWei>');
});

test("the demo's finalised round: a past date and the demo's clerk, not today and the user", async ({ page }) => {
  host = await startHost({ demo: true });
  await page.goto(host.url);
  await page.getByRole('button', { name: '使用此姓名' }).click();
  // the demo's one round: 第四批's 挂职期满考核
  await page.goto(host.url + '#/round/1');
  const stamp = page.getByRole('note').filter({ hasText: /本轮已于 \d{4}\.\d{2}\.\d{2} \d{2}:\d{2} 由 / });
  await expect(stamp).toBeVisible();
  const text = await stamp.innerText();
  expect(text).toContain('干部一科（示例）');
  const operator = (await page.getByRole('link', { name: /^操作员：/ }).innerText()).replace('操作员：', '');
  expect(text).not.toContain(operator);
  const day = /(\d{4})\.(\d{2})\.(\d{2})/.exec(text)!.slice(1).join('-');
  // The stamp is the local day (as the rest of the page), not UTC's.
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  expect(day < today).toBe(true);
});
