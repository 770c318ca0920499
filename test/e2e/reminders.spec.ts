/**
 * 工作提醒 and 数据质量 at 1366×768, as a clerk walks them: the demo opens on the roster with
 * the reminders figure in the sidebar; 工作提醒 lists what falls due with the past-due first, a
 * kind narrows it, a row opens the cadre; 数据质量 shows the counts per kind and a row opens
 * the form at the field in question. The test adds its own due cadres to the demo.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import * as XLSX from 'xlsx';
import { openCore } from '../../electron/services/core/core';
import { cadreInserter } from '../../electron/services/roster/api';
import { todayCanonical } from '../../shared/domain/common/dates';
import { monthsAfter } from '../../shared/domain/reminders/due';
import { callHost, startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
let probationId: number;
let childWorkerId: number;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
  // Due cadres of our own, written beside the running host (it sees another connection's commits).
  const core = openCore({ dataDir: host.dataDir, appVersion: 'e2e' });
  const db = core.db;
  const today = todayCanonical();
  const unit = (db.prepare('SELECT id FROM units ORDER BY id LIMIT 1').get() as { id: number }).id;
  const insert = cadreInserter(db);
  insert({ name: '超龄测试', unitId: unit, gender: '男', birth: monthsAfter(today, -12 * 61), post: '测试局一级调研员' });
  probationId = insert({ name: '试用测试', unitId: unit, gender: '女', birth: '1985-03', post: '测试局副局长' });
  db.prepare("INSERT INTO cadre_events(cadre_id, kind, date, unit_id, post, probation_end) VALUES (?, '提任', ?, ?, '测试局副局长', ?)").run(
    probationId,
    monthsAfter(today, -10),
    unit,
    monthsAfter(today, 2),
  );
  childWorkerId = insert({ name: '工龄测试', unitId: unit, gender: '男', birth: '1990-05', workDate: '2004-09', partyDate: '2012-07' });
  core.close();
});
test.afterAll(async () => {
  await host.stop();
});

function at(hash: string): string {
  const url = new URL(host.url);
  url.hash = hash;
  return url.toString();
}

test('the start page shows the count; 工作提醒 lists the past-due first and a row opens the cadre', async ({ page, request }) => {
  const list = await callHost<{ rows: { name: string; overdue: boolean; kind: string }[] }>(host, request, 'listReminders', {});
  const overdue = list.rows.filter(r => r.overdue).length;
  expect(overdue).toBeGreaterThanOrEqual(1);

  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  const link = page.getByRole('link', { name: /^工作提醒/ });
  await expect(link).toContainText(`逾期 ${overdue}`);
  await expect(link).toContainText(`12个月内 ${list.rows.length}`);
  const box = await link.boundingBox();
  expect(box!.y + box!.height).toBeLessThan(768);

  await link.click();
  await expect(page.getByRole('heading', { name: '工作提醒' })).toBeVisible();
  const grid = page.getByLabel('工作提醒列表');
  // past due first: the first rows are the 逾期 ones, ours among them
  await expect(grid.locator('.ag-row[row-index="0"]')).toContainText('逾期');
  await page
    .getByRole('group', { name: '提醒类别' })
    .getByRole('button', { name: /^到龄退休/ })
    .click();
  const first = grid.locator('.ag-row[row-index="0"]');
  await expect(first).toContainText('超龄测试');
  await expect(first).toContainText('逾期');
  await expect(first).toContainText('到龄退休');
  await expect(grid.locator('.ag-row[row-index="1"]')).not.toContainText('逾期');
  // the page fits the window: no scrolling of the page itself
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);

  await page
    .getByRole('group', { name: '提醒类别' })
    .getByRole('button', { name: /^试用期满/ })
    .click();
  const row = grid.locator('.ag-row', { hasText: '试用测试' });
  await expect(row).toContainText('试用期满');
  await expect(grid.locator('.ag-row')).toHaveCount(list.rows.filter(r => r.kind === '试用期满').length);
  // 导出 Excel writes the kind shown
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^工作提醒_\d{8}\.xlsx$/);
  const book = XLSX.read(fs.readFileSync(await download.path()));
  const cells = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, defval: '' });
  expect(cells.slice(3).map(r => r[1])).toEqual(list.rows.filter(r => r.kind === '试用期满').map(() => '试用期满'));
  expect(cells.slice(3).map(r => r[4])).toContain('试用测试');

  await row.locator('[col-id="detail"]').click();
  await expect(page).toHaveURL(new RegExp(`#/cadre/${probationId}$`));
  await expect(page.getByRole('heading', { name: '试用测试', level: 1 })).toBeVisible();
});

test('数据质量 shows the counts per kind and a row opens the form at the field', async ({ page }) => {
  await page.goto(at('#/reminders'));
  await page.getByRole('tab', { name: '数据质量' }).click();
  await expect(page.getByRole('heading', { name: '数据质量' })).toBeVisible();
  const kinds = page.getByRole('group', { name: '问题类别' });
  await expect(kinds.getByRole('button', { name: /^参加工作早于16岁 1/ })).toBeVisible();
  await expect(kinds.getByRole('button', { name: /^入党早于18岁 0/ })).toBeDisabled();

  await kinds.getByRole('button', { name: /^参加工作早于16岁/ }).click();
  const row = page.getByLabel('数据质量问题列表').locator('.ag-row', { hasText: '工龄测试' });
  await expect(row).toContainText('参加工作时间：2004.09；出生年月：1990.05');
  await row.locator('[col-id="detail"]').click();
  await expect(page).toHaveURL(new RegExp(`#/cadre/${childWorkerId}\\?field=workDate,birth$`));
  await expect(page.getByRole('heading', { name: '干部任免审批表' })).toBeVisible();
  const cell = page.locator('.form-page [data-field="workDate"]');
  await expect(cell).toHaveClass(/field-focus/);
  await expect(cell.locator('.et-text')).toBeFocused();
  await expect(cell).toBeInViewport();
});
