/**
 * The 审计日志 reads like a record (issue 16): a clerk makes a batch, adds a
 * member from the roster and fills in where the member serves; the log shows
 * 新增 for what was made, the batch by its name (批次名称 第五批, not 姓名), the
 * member by the cadre's name, fields in Chinese, no ids, foreign keys or raw
 * times, and the time as 2026.12.06 08:30. The export and the CLI say the same.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { editGridCell, gridCell } from './grid';
import { hostPerTest } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

const host = hostPerTest({ demo: true });

const TIME = /^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/;
/** What a database keeps for itself and a reader must never see. */
const RAW = /[a-z]+_[a-z]+|\bid：|T\d{2}:\d{2}|\{|"/;

const auditRow = (page: Page, i: number) => page.locator(`.audit-page .ag-row[row-index="${i}"]`).first();

test('a new batch and its member read as 新增, named, in Chinese, with times to the minute; export and CLI agree', async ({ page }) => {
  await page.goto(host().url + '#/batch/4');
  const someone = (await gridCell(page, 0, 'name', '.sd-grid').innerText()).trim();
  expect(someone).not.toBe('');

  // 第五批, then one member from the roster, then where the member serves.
  await page.goto(host().url + '#/batches');
  await page.getByRole('button', { name: '新增批次' }).click();
  const add = page.getByRole('dialog', { name: '新增批次' });
  await add.getByLabel('开始时间').fill('2025.09');
  await add.getByLabel('计划结束时间').fill('2026.09');
  await add.getByRole('button', { name: '新增', exact: true }).click();
  await page.getByRole('link', { name: '第五批', exact: true }).click();
  await page.getByRole('toolbar').getByRole('button', { name: '从名册添加' }).click();
  const picker = page.getByRole('dialog', { name: '从名册添加成员' });
  await picker.getByRole('searchbox', { name: '查找干部' }).fill(someone);
  await picker
    .getByLabel(new RegExp(`^选择 ${someone}（`))
    .first()
    .check();
  await picker.getByRole('button', { name: '加入批次（1）' }).click();
  await expect(page.getByRole('status')).toContainText('已加入 1 名成员');
  await editGridCell(page, 0, 'hostUnit', '北京市通州区商务局', '.sd-grid');
  await expect(page.getByRole('status')).toContainText('已保存');

  await page.getByRole('link', { name: '审计日志' }).click();
  await expect(auditRow(page, 0).locator('[col-id="summary"]')).not.toBeEmpty();
  const rows = [0, 1, 2].map(i => auditRow(page, i));
  // newest first: the edit, the member, the batch
  await expect(rows[0].locator('[col-id="kind"]')).toHaveText('修改');
  await expect(rows[0].locator('[col-id="target"]')).toHaveText(`挂职成员「${someone}」`);
  await expect(rows[0].locator('[col-id="summary"]')).toHaveText('挂职单位：（空） → 北京市通州区商务局');
  await expect(rows[1].locator('[col-id="kind"]')).toHaveText('新增');
  await expect(rows[1].locator('[col-id="target"]')).toHaveText(`挂职成员「${someone}」`);
  await expect(rows[1].locator('[col-id="summary"]')).toHaveText(new RegExp(`^新增记录：干部 ${someone}，批次 第五批，`));
  await expect(rows[2].locator('[col-id="kind"]')).toHaveText('新增');
  await expect(rows[2].locator('[col-id="target"]')).toHaveText('挂职批次「第五批」');
  await expect(rows[2].locator('[col-id="summary"]')).toContainText('批次名称 第五批');
  await expect(rows[2].locator('[col-id="summary"]')).toContainText('开始时间 2025.09');
  await expect(rows[2].locator('[col-id="summary"]')).not.toContainText('姓名');
  for (const r of rows) {
    await expect(r.locator('[col-id="at"]')).toHaveText(TIME);
    expect(await r.locator('[col-id="summary"]').innerText()).not.toMatch(RAW);
  }
  const shown = await Promise.all(rows.map(async r => (await r.locator('[col-id="summary"]').innerText()).trim()));

  // the export: the same words, the same times to the minute
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const sheet = XLSX.read(fs.readFileSync(await (await download).path())).Sheets['审计日志'];
  const lines = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, range: 3 });
  expect(lines.slice(0, 3).map(l => [l[2], l[3], l[5]])).toEqual([
    ['修改', `挂职成员「${someone}」`, shown[0]],
    ['新增', `挂职成员「${someone}」`, shown[1]],
    ['新增', '挂职批次「第五批」', shown[2]],
  ]);
  for (const l of lines.slice(0, 3)) expect(l[0]).toMatch(TIME);

  // the CLI beside the running page
  const cli = spawnSync(
    process.execPath,
    [path.resolve(__dirname, '../../dist/electron/cli.cjs'), '--data-dir', host().dataDir, 'audit', '--kind', '新增', '--json'],
    {
      encoding: 'utf8',
    },
  );
  expect(cli.status).toBe(0);
  const entries = JSON.parse(cli.stdout) as { target: string; summary: string; kindText: string }[];
  expect(entries.find(e => e.target === '挂职批次「第五批」')?.summary).toBe(shown[2]);
  expect(entries.find(e => e.target === `挂职成员「${someone}」`)?.summary).toBe(shown[1]);
  const text = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/electron/cli.cjs'), '--data-dir', host().dataDir, 'audit', '--kind', '新增'], {
    encoding: 'utf8',
  });
  expect(text.stdout).toContain(shown[1]);
  expect(text.stdout).toMatch(/\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}(?!:)/);
});
