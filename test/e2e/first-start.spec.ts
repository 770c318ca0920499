import os from 'node:os';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('an empty data folder offers 载入示例数据 / 从 Excel 导入 / 空白开始, and the demo loads', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '欢迎使用干部工作台' })).toBeVisible();
  await expect(page.getByRole('button', { name: /从 Excel 导入/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /空白开始/ })).toBeVisible();
  // who is working: proposed from the OS user name, kept for every change
  let user = '操作员';
  try {
    user = os.userInfo().username || user;
  } catch {
    // no user name on this system: the app proposes 操作员
  }
  await expect(page.getByRole('textbox', { name: '操作员姓名' })).toHaveValue(user);
  await page.getByRole('button', { name: /载入示例数据/ }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  await expect(page.locator('.count')).toHaveText(/共 \d{3} 人/);
  await expect(page.getByRole('link', { name: `操作员：${user}` })).toBeVisible();
});

test('空白开始 opens an empty roster', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: '操作员姓名' }).fill('张 三 ');
  await page.getByRole('button', { name: /空白开始/ }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  await expect(page.locator('.count')).toHaveText('共 0 人');
  await expect(page.getByRole('link', { name: '操作员：张 三' })).toBeVisible();
  // asked once: a reload goes straight to the roster, with no prompt in the sidebar
  await page.reload();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  await expect(page.getByText('请确认操作员')).toHaveCount(0);
});
