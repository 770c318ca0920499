import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost({ demo: true });
});
test.afterEach(async () => {
  await host.stop();
});

const cell = (page: Page, rowIndex: number, colId: string) =>
  page.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`).first();

async function editCell(page: Page, rowIndex: number, colId: string, value: string) {
  await cell(page, rowIndex, colId).dblclick();
  const editor = page.locator('.ag-cell-inline-editing input');
  await editor.fill(value);
  await editor.press('Enter');
}

/** What a paste from Excel delivers: a paste event carrying tab-separated text. */
async function pasteAt(page: Page, rowIndex: number, colId: string, tsv: string) {
  // near the top edge: the last row sits under the horizontal scrollbar's overlay
  await cell(page, rowIndex, colId).click({ position: { x: 6, y: 4 } });
  await cell(page, rowIndex, colId).evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
}

test('editing a cell saves it; an invalid ID number is refused with a Chinese message and not saved', async ({ page }) => {
  await page.goto(host.url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  await editCell(page, 0, 'nativePlace', '辽宁铁岭');
  await expect(page.getByRole('status')).toContainText('已保存');
  await expect(cell(page, 0, 'nativePlace')).toHaveText('辽宁铁岭');

  await page.getByRole('button', { name: '选择列' }).click();
  await page.getByLabel('身份证号').check();
  // the new column is at the right end: scroll there so the grid renders it
  await page.locator('.ag-body-horizontal-scroll-viewport').evaluate(el => (el.scrollLeft = el.scrollWidth));
  const before = (await cell(page, 0, 'idNumber').innerText()).trim();
  await editCell(page, 0, 'idNumber', '210102198503120018');
  await expect(page.getByRole('alert')).toContainText('身份证号');
  await expect(cell(page, 0, 'idNumber')).toHaveText(before);

  await page.reload();
  await expect(cell(page, 0, 'nativePlace')).toHaveText('辽宁铁岭');
});

test('pinyin search finds a cadre by initials and by full pinyin', async ({ page }) => {
  await page.goto(host.url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  const search = page.getByRole('searchbox', { name: '查找干部' });
  await search.fill('安俊晨');
  await expect(page.locator('.count')).toHaveText('共 1 人');
  await search.fill('ajc');
  await expect(cell(page, 0, 'name')).toHaveText('安俊晨');
  await search.fill('anjunchen');
  await expect(page.locator('.count')).toHaveText('共 1 人');
  await expect(cell(page, 0, 'name')).toHaveText('安俊晨');
});

test('paste three rows from tab-separated text past the end, then undo the paste as one step', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 600 人');
  // last row, then the block overflows into two new rows
  const last = 599;
  await page.locator('.ag-body-vertical-scroll-viewport').evaluate(el => (el.scrollTop = el.scrollHeight));
  await expect(cell(page, last, 'name')).not.toBeEmpty();
  await expect(cell(page, last, 'gender')).not.toBeEmpty();
  const lastName = (await cell(page, last, 'name').innerText()).trim();
  const lastGender = (await cell(page, last, 'gender').innerText()).trim();
  await pasteAt(page, last, 'name', `${lastName}\t${lastGender}\t汉\r\n钱　程\t男\t满\r\n孙　悦\t女\t汉族\r\n`);
  await expect(page.getByRole('status')).toContainText('已粘贴 3 行（修改 1，新增 2）');
  await expect(page.locator('.count')).toHaveText('共 602 人');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('钱程');
  await expect(cell(page, 0, 'ethnicity')).toHaveText('满族');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('');

  await page.getByRole('button', { name: /^撤销：粘贴 3 行/ }).click();
  await expect(page.getByRole('status')).toContainText('已撤销：粘贴 3 行');
  await expect(page.locator('.count')).toHaveText('共 600 人');
  await page.getByRole('button', { name: '重做' }).click();
  await expect(page.locator('.count')).toHaveText('共 602 人');
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
  await expect(page.locator('.count')).toHaveText('共 599 人');
  await page.getByRole('button', { name: '回收站' }).click();
  const bin = page.getByRole('dialog', { name: '回收站' });
  await bin.getByLabel(`选择 ${name}`).check();
  await bin.getByRole('button', { name: /恢复所选/ }).click();
  await expect(bin).toContainText('回收站是空的');
  await bin.getByRole('button', { name: '关闭回收站' }).click();
  await expect(page.locator('.count')).toHaveText('共 600 人');

  for (const i of [4, 5, 6]) await page.locator(`.ag-row[row-index="${i}"] .ag-selection-checkbox input`).first().check();
  const first = (await cell(page, 4, 'nativePlace').innerText()).trim();
  await cell(page, 4, 'nativePlace').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('status')).toContainText('已向下填充 籍贯 2 行');
  await expect(cell(page, 6, 'nativePlace')).toHaveText(first);
});
