/**
 * The grid as a section clerk uses it on the first day, at 1366×768 (issue 16):
 * double-click a name for the 任免审批表, type or F2 to edit, 序号 still opens
 * the form; 姓名 and the row number stay pinned; 现任职务 in view; widths and
 * order remembered; the batch page shows 挂职单位/挂任职务; a refused paste
 * names the row the user sees and the column pasted; 组合查询 folds to one
 * line; pinyin initials from the start of the name; dates typed 2026.11.01,
 * never a native picker; the 出生年月 editor shows 1973.05.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gridCell, pasteInto, scrollToLastRow, scrollToLeftColumn, scrollToRightColumn, settledBox } from './grid';
import { hostPerTest } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

const host = hostPerTest({ demo: true });

const cell = (page: Page, rowIndex: number, colId: string) => gridCell(page, rowIndex, colId);
const header = (page: Page, colId: string, scope = '') => page.locator(`${scope} .ag-header-cell[col-id="${colId}"]:not(.ag-floating-filter)`.trim()).first();
const box = async (l: Locator) => (await l.boundingBox())!;

/** The part of the grid that shows cells (between the pinned columns and the vertical scrollbar). */
async function gridRight(page: Page, scope = ''): Promise<number> {
  const b = await box(page.locator(`${scope} .ag-body-horizontal-scroll-viewport`.trim()).first());
  return b.x + b.width;
}

test('double-click a name opens the 任免审批表; typing and F2 edit; 序号 opens it too; the 出生年月 editor reads 1973.05', async ({ page }) => {
  await page.goto(host().url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  const name = (await cell(page, 0, 'name').innerText()).trim();

  await cell(page, 0, 'name').dblclick();
  await expect(page.getByRole('heading', { name: '干部任免审批表' })).toBeVisible();
  await expect(page.locator('.form-page [data-field="name"]')).toHaveText(name);
  await page.goBack();
  await expect(cell(page, 1, 'seq')).toHaveText('2');
  const second = (await cell(page, 1, 'name').innerText()).trim();
  await cell(page, 1, 'seq').dblclick();
  await expect(page.locator('.form-page [data-field="name"]')).toHaveText(second);
  await page.goBack();

  // typing into a focused cell starts editing (the keys an input method starts from); Enter saves
  await expect(cell(page, 2, 'name')).not.toBeEmpty();
  await cell(page, 2, 'nativePlace').click();
  await page.keyboard.type('Dalian');
  await expect(page.locator('.ag-cell-inline-editing input')).toHaveValue('Dalian');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('已保存');
  await expect(cell(page, 2, 'nativePlace')).toHaveText('Dalian');
  // F2 edits what is there
  await cell(page, 3, 'post').click();
  await page.keyboard.press('F2');
  const editor = page.locator('.ag-cell-inline-editing input');
  const post = await editor.inputValue();
  expect(post).not.toBe('');
  await editor.press('End');
  await editor.pressSequentially('（兼）');
  await editor.press('Enter');
  await expect(cell(page, 3, 'post')).toHaveText(`${post}（兼）`);
  // the name itself is edited by typing, not by a double-click
  const fifth = (await cell(page, 4, 'name').innerText()).trim();
  await cell(page, 4, 'name').click();
  await page.keyboard.press('F2');
  await expect(editor).toHaveValue(fifth);
  await editor.press('Escape');

  // 出生年月: the grid shows 1973.05(53岁), the editor 1973.05
  const shown = (await cell(page, 0, 'birth').innerText()).trim();
  expect(shown).toMatch(/^\d{4}\.\d{2}\(\d+岁\)$/);
  await cell(page, 0, 'birth').click();
  await page.keyboard.press('F2');
  await expect(editor).toHaveValue(shown.slice(0, 7));
  await editor.press('Escape');
});

test('at 1366 px: 现任职务 in view, 姓名 and 序号 pinned, widths and order remembered; the batch page shows 挂职单位 and 挂任职务', async ({ page }) => {
  await page.goto(host().url);
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  const right = await gridRight(page);
  const post = await box(header(page, 'post'));
  expect(post.x + post.width).toBeLessThanOrEqual(right + 1);

  // pinned: after scrolling to the far right, the row number and the name are where they were
  const nameBefore = await box(cell(page, 0, 'name'));
  await scrollToRightColumn(page, 'rankDate');
  await expect(cell(page, 0, 'name')).toBeInViewport();
  expect((await box(cell(page, 0, 'name'))).x).toBeCloseTo(nameBefore.x, 0);
  await expect(cell(page, 0, 'seq')).toBeInViewport();
  await scrollToLeftColumn(page, 'post');

  // widen 性别 by dragging its edge, move 民族 before 性别: both kept after a reload
  const gender = await box(header(page, 'gender'));
  const handle = await settledBox(page, header(page, 'gender').locator('.ag-header-cell-resize'));
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 60, handle.y + handle.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await box(header(page, 'gender'))).width)).toBeGreaterThan(gender.width + 40);
  const ethnicity = await box(header(page, 'ethnicity').locator('.ag-header-cell-label'));
  const target = await box(header(page, 'gender'));
  await page.mouse.move(ethnicity.x + 10, ethnicity.y + ethnicity.height / 2);
  await page.mouse.down();
  await page.mouse.move(ethnicity.x - 40, ethnicity.y + ethnicity.height / 2, { steps: 5 });
  await page.mouse.move(target.x + 5, ethnicity.y + ethnicity.height / 2, { steps: 10 });
  await page.mouse.up();
  const order = async () => await page.locator('.ag-header-row-column .ag-header-cell[col-id]').evaluateAll(hs => hs.map(h => h.getAttribute('col-id')));
  await expect.poll(async () => (await order()).indexOf('ethnicity') < (await order()).indexOf('gender')).toBe(true);
  const widthBefore = Math.round((await box(header(page, 'gender'))).width);
  const orderBefore = (await order()).filter(c => c && !c.startsWith('ag-Grid'));

  await page.reload();
  await expect(cell(page, 0, 'name')).not.toBeEmpty();
  expect(Math.round((await box(header(page, 'gender'))).width)).toBe(widthBefore);
  expect((await order()).filter(c => c && !c.startsWith('ag-Grid'))).toEqual(orderBefore);

  // the batch page: where each member serves is in view beside the name
  await page.goto(host().url + '#/batch/4');
  await expect(gridCell(page, 0, 'name', '.sd-grid')).not.toBeEmpty();
  const batchRight = await gridRight(page, '.sd-grid');
  for (const col of ['hostUnit', 'hostPost']) {
    const h = await box(header(page, col, '.sd-grid'));
    expect(h.x + h.width, col).toBeLessThanOrEqual(batchRight + 1);
  }
  // and its name opens the member's 任免审批表 on a double-click
  const member = (await gridCell(page, 0, 'name', '.sd-grid').innerText()).trim();
  await gridCell(page, 0, 'seq', '.sd-grid').dblclick();
  await expect(page.locator('.form-page [data-field="name"]')).toHaveText(member);
});

test('a refused paste names the row the user sees and the column pasted', async ({ page }) => {
  await page.goto(host().url);
  await expect(cell(page, 6, 'name')).not.toBeEmpty();
  // rows 6 and 7 as the user counts them: the second date is impossible
  await pasteInto(page, 5, 'birth', '1980.05\r\n1985.13\r\n');
  await expect(page.getByRole('alert')).toContainText('第 7 行「出生年月」');
  await expect(page.getByRole('alert')).not.toContainText('第 2 行');

  // 性别 pasted against the ID number on record: named as the pasted 性别, not the 身份证号 nobody pasted
  const gender = (await cell(page, 5, 'gender').innerText()).trim();
  await pasteInto(page, 5, 'gender', gender === '男' ? '女' : '男');
  await expect(page.getByRole('alert')).toContainText('第 6 行「性别」');
  await expect(page.getByRole('alert')).not.toContainText('「身份证号」');
  await expect(cell(page, 5, 'gender')).toHaveText(gender);
});

test('组合查询 folds to one line once applied; dates typed as 2026.11.01 and never a native picker', async ({ page }) => {
  await page.goto(host().url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await page.getByRole('button', { name: /^组合查询/ }).click();
  const builder = page.getByRole('region', { name: '组合查询' });
  const first = builder.getByRole('group', { name: '条件' }).first();
  await first.getByLabel('字段').selectOption('gender');
  await first.getByLabel('值', { exact: true }).fill('女');
  const refDate = builder.getByLabel('计算年龄的日期');
  await refDate.fill('2026.13.01');
  await refDate.press('Enter');
  await expect(builder.getByRole('alert')).toContainText('2026.13.01');
  await refDate.fill('2026年11月1日');
  await refDate.press('Enter');
  await expect(refDate).toHaveValue('2026.11.01');
  const open = await box(builder);
  await builder.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.count')).not.toHaveText('共 588 人');
  await expect(builder).toContainText('已应用组合查询：');
  await expect(builder).toContainText('性别');
  const folded = await box(builder);
  expect(folded.height).toBeLessThan(48);
  expect(folded.height).toBeLessThan(open.height / 2);
  await builder.getByRole('button', { name: '修改条件' }).click();
  await expect(builder.getByLabel('计算年龄的日期')).toHaveValue('2026.11.01');

  // no native date or month picker on the pages that take dates
  for (const hash of ['#/roster', '#/audit', '#/cadre/1', '#/batch/4', '#/village', '#/data']) {
    await page.goto(host().url + hash);
    await expect(page.locator('main, .page').first()).toBeVisible();
    await expect(page.locator('input[type="date"], input[type="month"], input[type="datetime-local"]')).toHaveCount(0);
  }
  await page.goto(host().url + '#/audit');
  await page.getByLabel('起始日期').fill('2020.01');
  await page.getByLabel('起始日期').press('Enter');
  await expect(page.getByLabel('起始日期')).toHaveValue('2020.01');
  await expect(page.locator('.audit-page .count')).toHaveText(/^共 \d+ 条$/);
});

test('pinyin initials match from the start of the name; full pinyin and Chinese anywhere', async ({ page }) => {
  await page.goto(host().url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  // the demo has 张淑杰 (initials zsj); 李志山 (lzs) joins at the end
  await scrollToLastRow(page, 587);
  await expect(cell(page, 587, 'name')).not.toBeEmpty();
  await pasteInto(page, 587, 'name', `${(await cell(page, 587, 'name').innerText()).trim()}\r\n李志山\r\n`);
  await expect(page.getByRole('status')).toContainText('已粘贴 2 行（修改 1，新增 1）');
  await expect(page.locator('.count')).toHaveText('共 589 人');
  const search = page.getByRole('searchbox', { name: '查找干部' });
  const names = () => page.locator('.ag-cell[col-id="name"]').allInnerTexts();
  await search.fill('zs');
  await expect(page.locator('.count')).not.toHaveText('共 589 人');
  await expect.poll(async () => (await names()).includes('张淑杰')).toBe(true);
  expect(await names()).not.toContain('李志山');
  // full pinyin and Chinese anywhere in the name
  for (const q of ['zhishan', '志山']) {
    await search.fill(q);
    await expect(page.locator('.count')).not.toHaveText('共 589 人');
    await expect.poll(names).toContain('李志山');
  }
  await search.fill('lzs');
  await expect(page.locator('.count')).not.toHaveText('共 589 人');
  await expect.poll(names).toContain('李志山');
});
