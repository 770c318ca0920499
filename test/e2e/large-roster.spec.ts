import { expect, test } from '@playwright/test';
import { scrollToLastRow } from './grid';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoCount: 10_000 });
});
test.afterAll(async () => {
  await host.stop();
});

test('10,000 cadres: the grid renders only what is on screen, scrolls, sorts and filters', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 9853 人'); // 147 of the 10,000 generated are in the 历史库
  const rendered = () => page.locator('.ag-row[row-index]').count();
  // row virtualisation: a few dozen DOM rows, not ten thousand
  await expect(page.locator('.ag-row[row-index="0"]').first()).toBeVisible();
  expect(await rendered()).toBeGreaterThan(10);
  expect(await rendered()).toBeLessThan(300);

  // scroll to the bottom: the last rows are rendered, the DOM stays small
  await scrollToLastRow(page, 9852);
  await expect(page.locator('.ag-row[row-index="9852"] .ag-cell[col-id="name"]').first()).not.toBeEmpty();
  // the last row lies wholly above the horizontal scrollbar, so a click on its lower half reaches it
  const lastRow = (await page.locator('.ag-row[row-index="9852"]').first().boundingBox())!;
  const hScroll = (await page.locator('.ag-body-horizontal-scroll').first().boundingBox())!;
  expect(lastRow.y + lastRow.height).toBeLessThanOrEqual(hScroll.y + 0.5);
  expect(await rendered()).toBeLessThan(300);

  // sort by 出生年月 descending, then filter by the column's text filter
  const header = page.locator('.ag-header-cell[col-id="birth"]:not(.ag-floating-filter) .ag-header-cell-label');
  await header.click();
  await header.click();
  await expect(page.locator('.ag-header-cell[col-id="birth"]:not(.ag-floating-filter)')).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('textbox', { name: '民族 过滤器输入' }).fill('满族');
  await expect(page.locator('.count')).toHaveText(/^共 \d{1,4} 人$/);
  // the rows are drawn a frame after the count: wait for the filtered block, then check every row
  const ethnicities = page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="ethnicity"]');
  await expect.poll(async () => (await ethnicities.allInnerTexts()).filter(e => e.trim() !== '满族').length).toBe(0);
  expect(await ethnicities.count()).toBeGreaterThan(0);
});
