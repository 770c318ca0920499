import { expect, test, type Page } from '@playwright/test';
import { editGridCell as editCell, gridCell, pasteInto as pasteAt, scrollToLastRow, scrollToRightColumn } from './grid';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost({ demo: true });
});
test.afterEach(async () => {
  await host.stop();
});

const cell = (page: Page, rowIndex: number, colId: string) => gridCell(page, rowIndex, colId);

test('editing a cell saves it; an invalid ID number is refused with a Chinese message and not saved', async ({ page }) => {
  await page.goto(host.url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  await editCell(page, 0, 'nativePlace', '辽宁铁岭');
  await expect(page.getByRole('status')).toContainText('已保存');
  await expect(cell(page, 0, 'nativePlace')).toHaveText('辽宁铁岭');

  await page.getByRole('button', { name: '选择列' }).click();
  await page.getByLabel('身份证号').check();
  // the new column is at the right end: scroll there until the grid renders it
  await scrollToRightColumn(page, 'idNumber');
  const before = (await cell(page, 0, 'idNumber').innerText()).trim();
  await editCell(page, 0, 'idNumber', '210102198503120018');
  await expect(page.getByRole('alert')).toContainText('身份证号');
  await expect(cell(page, 0, 'idNumber')).toHaveText(before);

  await page.reload();
  await expect(cell(page, 0, 'nativePlace')).toHaveText('辽宁铁岭');
});

test('pinyin search finds a cadre by initials and by full pinyin', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  const search = page.getByRole('searchbox', { name: '查找干部' });
  // Back to all 588 between searches, so each result is the new search's and not the last one's.
  for (const text of ['安俊晨', 'ajc', 'anjunchen']) {
    await search.fill(text);
    await expect(page.locator('.count')).not.toHaveText('共 588 人');
    await expect(page.locator('.ag-cell[col-id="name"]', { hasText: '安俊晨' })).toHaveCount(1);
    if (text !== 'ajc') await expect(page.locator('.count')).toHaveText('共 1 人');
    await search.fill('');
    await expect(page.locator('.count')).toHaveText('共 588 人');
  }
});

test('paste three rows from tab-separated text past the end, then undo the paste as one step', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  // last row, then the block overflows into two new rows
  const last = 587; // the demo's 600 less the 12 in the 历史库
  await scrollToLastRow(page, last);
  await expect(cell(page, last, 'name')).not.toBeEmpty();
  await expect(cell(page, last, 'gender')).not.toBeEmpty();
  const lastName = (await cell(page, last, 'name').innerText()).trim();
  const lastPost = (await cell(page, last, 'post').innerText()).trim();
  const lastGender = (await cell(page, last, 'gender').innerText()).trim();
  // The default columns from 姓名: 现任职务, 性别.
  await pasteAt(page, last, 'name', `${lastName}\t${lastPost}\t${lastGender}\r\n钱　程\t科员\t男\r\n孙　悦\t科员\t女\r\n`);
  await expect(page.getByRole('status')).toContainText('已粘贴 3 行（修改 1，新增 2）');
  await expect(page.locator('.count')).toHaveText('共 590 人');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('钱程');
  await expect(page.locator('.count')).toHaveText('共 1 人');
  await expect(cell(page, 0, 'post')).toHaveText('科员');
  await expect(cell(page, 0, 'gender')).toHaveText('男');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('');
  await expect(page.locator('.count')).toHaveText('共 590 人');

  await page.getByRole('button', { name: /^撤销：粘贴 3 行/ }).click();
  await expect(page.getByRole('status')).toContainText('已撤销：粘贴 3 行');
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await page.getByRole('button', { name: '重做' }).click();
  await expect(page.locator('.count')).toHaveText('共 590 人');
});

test('a paste with one bad cell is refused whole, naming the row and column', async ({ page }) => {
  await page.goto(host.url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  const before = (await cell(page, 1, 'nativePlace').innerText()).trim();
  await pasteAt(page, 0, 'birth', '1980.05\t山东烟台\r\n1985.13\t山东青岛\r\n');
  await expect(page.getByRole('alert')).toContainText('第 2 行「出生年月」');
  await expect(cell(page, 1, 'nativePlace')).toHaveText(before);
});

test('delete to the 回收站 and restore; fill-down over selected rows', async ({ page }) => {
  await page.goto(host.url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  const name = (await cell(page, 2, 'name').innerText()).trim();
  await page.locator('.ag-row[row-index="2"] .ag-selection-checkbox input').first().check();
  await page.getByRole('button', { name: '删除所选' }).click();
  await expect(page.locator('.count')).toHaveText('共 587 人');
  await page.getByRole('button', { name: '回收站' }).click();
  const bin = page.getByRole('dialog', { name: '回收站' });
  await bin.getByLabel(`选择 ${name}`).check();
  await bin.getByRole('button', { name: /恢复所选/ }).click();
  await expect(bin).toContainText('回收站是空的');
  await bin.getByRole('button', { name: '关闭' }).click();
  await expect(page.locator('.count')).toHaveText('共 588 人');

  for (const i of [4, 5, 6]) await page.locator(`.ag-row[row-index="${i}"] .ag-selection-checkbox input`).first().check();
  const first = (await cell(page, 4, 'nativePlace').innerText()).trim();
  await cell(page, 4, 'nativePlace').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('status')).toContainText('已向下填充 籍贯 2 行');
  await expect(cell(page, 6, 'nativePlace')).toHaveText(first);
});
