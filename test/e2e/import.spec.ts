import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { makeIdNumber } from '../../shared/domain/common/idcard';
import { startHost, type RunningHost } from './host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

const HEADER = ['姓名', '性别', '出生年月', '民族', '身份证号', '单位', '现任职务'];
const GOOD = [
  ['导入测甲', '男', '1985.03', '汉族', makeIdNumber('110101', '1985-03-15', 11, '男'), '导入测试局', '科长'],
  ['导入测乙', '女', '1990.07', '汉', makeIdNumber('110101', '1990-07-02', 22, '女'), '导入测试局', '副科长'],
];
const BAD = ['导入测丙', '男', '1985.13', '汉族', makeIdNumber('110101', '1985-11-20', 33, '男'), '导入测试局', '科员'];

/** A roster workbook as offices make them: a title row, then the header, then the data. */
function workbook(rows: string[][]): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([['干部名册'], HEADER, ...rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '名册');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function upload(page: Page, name: string, rows: string[][]) {
  await page.getByLabel('选择要导入的 Excel 文件').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: workbook(rows),
  });
}

test('从 Excel 导入: errors block the import; the corrected file adds two cadres', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await page.getByRole('link', { name: '导入导出' }).click();
  await expect(page.getByRole('heading', { name: '导入导出' })).toBeVisible();

  // a file with a bad date in row 5 (title row 1, header row 2, data from row 3), column C
  await upload(page, '名册-有错.xlsx', [...GOOD, BAD]);
  const mapping = page.getByRole('table', { name: '列的对应关系' });
  await expect(mapping).toBeVisible();
  await expect(page.getByLabel('“姓名”导入为')).toHaveValue('name');
  await expect(page.getByLabel('“出生年月”导入为')).toHaveValue('birth');
  await expect(page.getByLabel('“身份证号”导入为')).toHaveValue('idNumber');
  await expect(page.locator('.io-layout')).toContainText('第 2 行');
  await page.getByRole('button', { name: '检查' }).first().click();

  const issues = page.getByRole('table', { name: '问题列表' });
  await expect(issues).toBeVisible();
  const errorRow = issues
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '5', exact: true }) })
    .filter({ has: page.getByRole('cell', { name: 'C', exact: true }) });
  await expect(errorRow.first()).toContainText('错误');
  await expect(errorRow.first()).toContainText('名册-有错.xlsx');
  await expect(page.getByRole('button', { name: '确认导入' }).first()).toBeDisabled();
  await expect(page.locator('.io-reason').first()).toContainText('错误');

  // the corrected file
  await upload(page, '名册-改正.xlsx', GOOD);
  await expect(page.getByLabel('“出生年月”导入为')).toHaveValue('birth');
  await page.getByRole('button', { name: '检查' }).first().click();
  await expect(page.getByLabel('检查结果统计')).toContainText('新增 2');
  await expect(page.getByLabel('检查结果统计')).toContainText('错误 0');
  await expect(page.getByRole('tabpanel')).toContainText('导入测甲');
  const commit = page.getByRole('button', { name: '确认导入' }).first();
  await expect(commit).toBeEnabled();
  await commit.click();
  await expect(page.locator('.io-result')).toContainText('新增 2 人');
  await expect(page.locator('.io-result')).toContainText('撤销');
  await expect(page.getByRole('table', { name: '导入记录' })).toContainText('名册-改正.xlsx');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.goto(`${new URL(host.url).origin}/#/roster`);
  await expect(page.locator('.count')).toHaveText('共 590 人');
});

test('下载导入模板 downloads an .xlsx file', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: '导入导出' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});

test('导出任免审批表 downloads a .zip; an exported .lrmx file previews as unchanged', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: '导入导出' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出任免审批表 (.lrmx)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);

  // one cadre's .lrmx, fetched the way the page's client does (browser mode)
  const file = await page.evaluate(async () => {
    const token = sessionStorage.getItem('cadre-token') ?? '';
    const res = await fetch('/api/exportLrmx', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-cadre-token': token },
      body: JSON.stringify({ ids: [1] }),
    });
    return ((await res.json()) as { data: { fileName: string; base64: string } }).data;
  });
  expect(file.fileName).toMatch(/\.lrmx$/);
  await page.getByLabel('选择要导入的任免审批表文件').setInputFiles({
    name: file.fileName,
    mimeType: 'application/xml',
    buffer: Buffer.from(file.base64, 'base64'),
  });
  const section = page.locator('section', { has: page.getByRole('heading', { name: '导入任免审批表 (.lrmx)' }) });
  await section.getByRole('button', { name: '检查' }).click();
  await expect(page.getByLabel('任免审批表检查结果')).toContainText('不变 1');
  await expect(page.getByLabel('任免审批表检查结果')).toContainText('错误 0');
  // nothing to write: 确认导入 says why it is disabled
  await expect(section.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await expect(section.locator('.io-reason')).toContainText('没有需要新增或更新的人');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
