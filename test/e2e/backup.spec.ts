import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

const CLI = path.resolve(__dirname, '../../dist/electron/cli.cjs');
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
  await expect(row.getByRole('cell', { name: '588', exact: true })).toBeVisible(); // in the roster: 12 of the demo's 600 are in the 历史库
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
  await expect(page.getByRole('status')).toContainText('干部 588 名');
  await expect(table.getByRole('row').filter({ hasText: '恢复前' })).toHaveCount(1);
});

test('the backup folder: the page names no path; in browser mode it says to use the CLI, whose setting the page then shows', async ({ page }) => {
  await page.goto(`${host.url}#/data`);
  const folder = page.getByRole('region', { name: '备份文件夹' });
  await expect(folder).toContainText('数据文件夹中的 backups');
  await expect(folder).toContainText('npx cadre backup --set-dir 文件夹');
  await expect(folder.getByRole('textbox')).toHaveCount(0); // nowhere to type a path
  await expect(folder.getByRole('button', { name: '选择文件夹……' })).toHaveCount(0); // no OS dialog in browser mode

  const usb = path.join(host.dataDir, 'U盘备份');
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, '--data-dir', host.dataDir, 'backup', ...args], { encoding: 'utf8' });
  expect(cli('--set-dir', usb).stderr).toContain('不存在');
  fs.mkdirSync(usb);
  expect(cli('--set-dir', usb).status).toBe(0); // beside the running web host
  await page.reload();
  await expect(folder.locator('code').first()).toHaveText('U盘备份');
  await expect(folder).not.toContainText(host.dataDir);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status')).toContainText('已备份');
  expect(fs.readdirSync(usb).some(f => f.endsWith('-manual.db'))).toBe(true);

  await folder.getByRole('button', { name: '恢复默认' }).click();
  await expect(page.getByRole('status')).toContainText('备份文件夹已改为：数据文件夹中的 backups');
});
