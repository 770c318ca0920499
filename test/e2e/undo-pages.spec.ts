/**
 * Undo that does what the page suggests (issue 16): each page's 撤销 offers and
 * steps only that page's own changes; a step a later change depends on is
 * refused, naming the later change; 数据与备份's 操作历史 lists every step
 * newest first with who and when, and undoes back to a chosen step.
 */
import { expect, test, type Page } from '@playwright/test';
import { editGridCell, gridCell } from './grid';
import { hostPerTest } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

const host = hostPerTest({ demo: true });

const undoButton = (page: Page) => page.getByRole('button', { name: /^撤销/ }).first();

test('each page steps its own changes; a depended-on step is refused by name; 操作历史 undoes back to a chosen step', async ({ page }) => {
  await page.goto(host().url);
  await page.getByRole('button', { name: '使用此姓名' }).click();
  await expect(gridCell(page, 0, 'name')).not.toBeEmpty();

  // 1. the roster: 籍贯 of the first cadre
  await editGridCell(page, 0, 'nativePlace', '辽宁铁岭');
  await expect(page.getByRole('status')).toContainText('已保存');
  await expect(undoButton(page)).toHaveText('撤销：修改 籍贯');

  // 2. batch 4's page offers nothing of the roster's
  await page.goto(host().url + '#/batch/4');
  await expect(gridCell(page, 0, 'name', '.sd-grid')).not.toBeEmpty();
  await expect(undoButton(page)).toHaveText('撤销');
  await expect(undoButton(page)).toBeDisabled();
  // a new person added on the batch page is the batch page's step
  await page.getByRole('button', { name: '新增人员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增人员' });
  await dialog.getByLabel('姓名').fill('韩新来');
  await dialog.getByLabel('出生年月').fill('1990.05');
  await dialog.getByRole('button', { name: '加入名册和批次' }).click();
  await expect(page.getByRole('status')).toContainText('已将「韩新来」加入名册和本批次');
  await expect(undoButton(page)).toHaveText(/^撤销：新增干部「韩新来」并加入/);

  // 3. the villages page offers nothing of either
  await page.goto(host().url + '#/village');
  await expect(undoButton(page)).toHaveText('撤销');
  await expect(undoButton(page)).toBeDisabled();

  // 4. the roster still offers its own step, then the new person's 籍贯 is changed there
  await page.goto(host().url);
  await expect(undoButton(page)).toHaveText('撤销：修改 籍贯');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('韩新来');
  await expect(page.locator('.count')).toHaveText('共 1 人');
  await editGridCell(page, 0, 'nativePlace', '辽宁丹东');
  await expect(page.getByRole('status')).toContainText('已保存');

  // 5. undoing the batch page's step would remove a cadre the later edit changed: refused, naming it
  await page.goto(host().url + '#/batch/4');
  await undoButton(page).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('无法撤销「新增干部「韩新来」并加入');
  await expect(refusal).toContainText('之后的「修改 籍贯」（');
  await expect(refusal).toContainText('请先撤销「修改 籍贯」');
  await expect(refusal).toHaveText(/（\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}，/);

  // 6. 操作历史: every step, newest first, with page, who and when
  await page.getByRole('link', { name: '数据与备份' }).click();
  const history = page.getByRole('table', { name: '操作历史' });
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(3); // the demo data starts with an empty history
  const operator = (await page.getByRole('link', { name: /^操作员：/ }).innerText()).replace('操作员：', '');
  const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).slice(0, 5);
  expect(await cells(0)).toEqual([expect.stringMatching(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/), operator, '干部名册', '修改 籍贯', '有效']);
  expect(await cells(1)).toEqual([
    expect.any(String),
    operator,
    '挂职批次「京沈对口合作干部交流 第四批」',
    expect.stringMatching(/^新增干部「韩新来」/),
    '有效',
  ]);
  expect(await cells(2)).toEqual([expect.any(String), operator, '干部名册', '修改 籍贯', '有效']);

  // 撤销到此步 on the batch page's step: it and the later edit go, newest first
  await rows
    .nth(1)
    .getByRole('button', { name: /^撤销到此步/ })
    .click();
  await page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '确定' }).click();
  await expect(page.locator('.op-history')).toContainText('已撤销 2 步');
  await expect(rows.nth(0).locator('td').nth(4)).toHaveText('已撤销');
  await expect(rows.nth(1).locator('td').nth(4)).toHaveText('已撤销');
  await expect(rows.nth(2).locator('td').nth(4)).toHaveText('有效');
  await page.goto(host().url);
  await page.getByRole('searchbox', { name: '查找干部' }).fill('韩新来');
  await expect(page.locator('.count')).toHaveText('共 0 人');
  // the roster's own first edit stands, still offered by its 撤销
  await page.getByRole('searchbox', { name: '查找干部' }).fill('');
  await expect(gridCell(page, 0, 'nativePlace')).toHaveText('辽宁铁岭');
  await expect(undoButton(page)).toHaveText('撤销：修改 籍贯');
});
