import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost({ demo: true });
});
test.afterEach(async () => {
  await host.stop();
});

const manualFiles = () => {
  const dir = path.join(host.dataDir, 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('-manual.db')) : [];
};

test('数据与备份: 立即备份 adds a snapshot to the list, with time, size and counts', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: '数据与备份' }).click();
  await expect(page.getByRole('heading', { name: '数据与备份' })).toBeVisible();
  await expect(page.getByText(path.join(host.dataDir, 'cadre-desk.db'))).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0); // no network warning, no folder problem

  const table = page.getByRole('table', { name: '备份列表' });
  const before = manualFiles().length;
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status')).toContainText('已备份');
  const row = table.getByRole('row').filter({ hasText: '手动' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}/);
  await expect(row).toContainText(/\d+ KB|\d+\.\d MB/);
  await expect(row.getByRole('cell', { name: '600', exact: true })).toBeVisible();
  expect(manualFiles()).toHaveLength(before + 1);
});

test('从备份恢复 asks first, naming the snapshot, then restores and keeps a 恢复前 snapshot', async ({ page }) => {
  await page.goto(`${host.url}#/data`);
  await page.getByRole('button', { name: '立即备份' }).click();
  const table = page.getByRole('table', { name: '备份列表' });
  const manual = table.getByRole('row').filter({ hasText: '手动' });
  await expect(manual).toHaveCount(1);
  const name = manualFiles()[0];

  await manual.getByRole('button', { name: '从备份恢复' }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText('当前数据会先另存为一份“恢复前”备份');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);

  await manual.getByRole('button', { name: '从备份恢复' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定恢复' }).click();
  await expect(page.getByRole('status')).toContainText('已从');
  await expect(page.getByRole('status')).toContainText('干部 600 名');
  await expect(table.getByRole('row').filter({ hasText: '恢复前' })).toHaveCount(1);
});

test('the backup folder setting refuses a missing folder in Chinese', async ({ page }) => {
  await page.goto(`${host.url}#/data`);
  await page.getByLabel('改为').fill(path.join(host.dataDir, '不存在的文件夹'));
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert')).toContainText('不存在');
  const usb = path.join(host.dataDir, 'U盘备份');
  fs.mkdirSync(usb);
  await page.getByLabel('改为').fill(usb);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText(usb);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status')).toContainText('已备份');
  expect(fs.readdirSync(usb).some(f => f.endsWith('-manual.db'))).toBe(true);
});
