/**
 * Every AG Grid keeps its own column widths (per grid, across reloads), and an empty grid says
 * what to do next instead of 无显示行 (issue 16), at 1366×768 on the demo.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { settledBox } from './grid';
import { hostPerTest } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

const host = hostPerTest({ demo: true });

const header = (page: Page, scope: string, colId: string) => page.locator(`${scope} .ag-header-cell[col-id="${colId}"]`).first();
const widthOf = async (l: Locator) => Math.round((await l.boundingBox())!.width);

/** Drags the right edge of a column's header by `dx` pixels, as a user widens it. */
async function widen(page: Page, scope: string, colId: string, dx: number) {
  const h = header(page, scope, colId);
  const before = await widthOf(h);
  const edge = await settledBox(page, h.locator('.ag-header-cell-resize'));
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + dx, edge.y + edge.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => widthOf(h)).toBeGreaterThan(before + dx - 15);
  return widthOf(h);
}

const GRIDS: { name: string; hash: string; scope: string; colId: string }[] = [
  { name: '工作提醒', hash: '#/reminders', scope: '.rm-page', colId: 'unit' },
  { name: '数据质量', hash: '#/reminders/quality', scope: '.rm-page', colId: 'unit' },
  { name: '审计日志', hash: '#/audit', scope: '.audit-page', colId: 'operator' },
  { name: '挂职批次', hash: '#/batches', scope: '.sd-grid', colId: 'sendingPlace' },
  { name: '考核轮次', hash: '#/round/1', scope: '.as-grid', colId: 'unit' },
];

test('each grid keeps the widths the user left, under its own name', async ({ page }) => {
  await page.goto(host().url);
  const widths: Record<string, number> = {};
  for (const g of GRIDS) {
    await page.goto(host().url + g.hash);
    await expect(header(page, g.scope, g.colId), g.name).toBeVisible();
    // As a user does: once the list has come (its rows, or the hint that it is empty).
    await expect(page.locator(`${g.scope} .ag-row, ${g.scope} .grid-empty`).first(), g.name).toBeVisible();
    widths[g.name] = await widen(page, g.scope, g.colId, 40 + Object.keys(widths).length * 10);
  }
  for (const g of GRIDS) {
    await page.goto(host().url + g.hash);
    await page.reload();
    await expect(header(page, g.scope, g.colId), g.name).toBeVisible();
    expect(await widthOf(header(page, g.scope, g.colId)), g.name).toBe(widths[g.name]);
  }
  const keys = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter(k => k.startsWith('cadre.grid.'))
      .sort(),
  );
  expect(keys).toEqual(['cadre.grid.audit', 'cadre.grid.batches', 'cadre.grid.quality', 'cadre.grid.reminders', 'cadre.grid.round']);
});

test('the 历史库 keeps its own layout apart from the roster’s, with 状态 beside the name', async ({ page }) => {
  await page.goto(host().url);
  const roster = '.roster';
  await expect(header(page, roster, 'gender')).toBeVisible();
  const rosterWidth = await widthOf(header(page, roster, 'gender'));
  const rosterCount = await page.locator('.roster .count').innerText();
  await page.getByRole('button', { name: '历史库', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('干部名册 · 历史库');
  // The 历史库's own rows have arrived (a drag before then is lost to the grid's new columns).
  await expect(page.locator('.roster .count')).not.toHaveText(rosterCount);
  await expect(page.locator('.roster .ag-row:not(.ag-row-pinned)').first()).toBeVisible();
  await expect(header(page, roster, 'status')).toBeVisible();
  const order = await page.locator('.roster .ag-header-row-column .ag-header-cell[col-id]').evaluateAll(hs => hs.map(h => h.getAttribute('col-id')));
  expect(order.indexOf('status')).toBe(order.indexOf('name') + 1);
  const historyWidth = await widen(page, roster, 'gender', 70);

  await page.getByRole('button', { name: '历史库', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('干部名册');
  await expect.poll(() => widthOf(header(page, roster, 'gender'))).toBe(rosterWidth);
  await expect(header(page, roster, 'status')).toBeHidden();
  await page.getByRole('button', { name: '历史库', exact: true }).click();
  await expect.poll(() => widthOf(header(page, roster, 'gender'))).toBe(historyWidth);
});

test('an empty grid says what to do next, and its button does it', async ({ page }) => {
  // 审计日志 filtered to nothing: 清空筛选 brings the entries back.
  await page.goto(host().url + '#/audit');
  await expect(page.locator('.audit-page .ag-row').first()).toBeVisible();
  await page.getByLabel('起始日期').fill('2099.01.01');
  await page.getByLabel('起始日期').press('Enter');
  const hint = page.locator('.audit-page .grid-empty');
  await expect(hint).toContainText('没有符合条件的记录');
  await expect(page.locator('.audit-page')).not.toContainText('无显示行');
  await hint.getByRole('button', { name: '清空筛选' }).click();
  await expect(hint).toHaveCount(0);
  await expect(page.locator('.audit-page .ag-row').first()).toBeVisible();

  // A new batch has no members: the hint's 从名册添加 opens the picker.
  await page.goto(host().url + '#/batches');
  await page.getByRole('button', { name: '新增批次' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('批次名称').fill('第九批');
  await dialog.getByRole('button', { name: '新增', exact: true }).click();
  await page.locator('.sd-grid').getByRole('link', { name: '第九批' }).click();
  const empty = page.locator('.sd-grid .grid-empty');
  await expect(empty).toContainText('本批次还没有成员');
  await empty.getByRole('button', { name: '从名册添加' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
});
