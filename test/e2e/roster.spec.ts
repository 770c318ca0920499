import { expect, test, type Page } from '@playwright/test';
import { nameSortAndSearchKeys } from '../../shared/domain/common/pinyin';
import { startHost, type RunningHost } from './host';

let host: RunningHost;

/** The 姓名 cells the grid has rendered, in display order (rows are absolutely positioned, so DOM order is not display order); not the 新行 pinned at the bottom. */
async function shownNames(page: Page): Promise<string[]> {
  return page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="name"]').evaluateAll(cells =>
    cells
      .map(c => ({ index: Number(c.closest('.ag-row')?.getAttribute('row-index')), name: (c.textContent ?? '').trim() }))
      .sort((a, b) => a.index - b.index)
      .map(c => c.name),
  );
}

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

test('the roster shows the demo cadres in the grid, in Chinese', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  for (const label of ['干部名册', '挂职批次', '驻村干部', '考核指标', '导入导出', '统计分析', '数据与备份']) {
    await expect(page.getByRole('link', { name: label })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  await expect(page.locator('.ag-header-cell-text', { hasText: '出生年月(岁)' })).toBeVisible();
  await expect(page.locator('.count')).toHaveText(/共 \d{3} 人/);
  await expect(page.locator('.ag-cell[col-id="name"]').first()).not.toBeEmpty();
  expect((await shownNames(page)).length).toBeGreaterThan(10);
  // the token has left the address bar
  expect(page.url()).not.toContain('token=');
  // AG Grid's Chinese locale is in use (the floating filter / menu texts are Chinese)
  await expect(page.locator('.ag-root')).toBeVisible();
});

test('filtering by a name narrows the grid to that person', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.ag-cell[col-id="name"]').first()).not.toBeEmpty();
  const target = (await shownNames(page))[3];
  await page.getByRole('searchbox', { name: '查找干部' }).fill(target);
  await expect(page.locator('.count')).not.toHaveText('共 588 人');
  await expect(page.locator('.count')).toHaveText(/^共 \d{1,2} 人$/);
  await expect.poll(async () => (await shownNames(page)).every(n => n.includes(target))).toBe(true);
  const shown = await shownNames(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(20);
  await page.getByRole('searchbox', { name: '查找干部' }).fill('');
  await expect(page.locator('.count')).toHaveText('共 588 人');
});

test('sorting by 姓名 orders by pinyin', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.ag-cell[col-id="name"]').first()).not.toBeEmpty();
  const header = page.locator('.ag-header-cell[col-id="name"]:not(.ag-floating-filter)');
  await header.locator('.ag-header-cell-label').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  // the sorted block replaces the unsorted one asynchronously
  await expect.poll(async () => (await shownNames(page)).filter(Boolean).length).toBeGreaterThan(10);
  const shown = await shownNames(page);
  // syllable by syllable in pinyin (陈 chen before 程 cheng), as shared/domain/common/pinyin.ts spells them
  const key = (n: string) => nameSortAndSearchKeys(n).split('|')[0];
  expect([...shown].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))).toEqual(shown);
  // pinyin order is not code-point order for these names
  expect([...shown].sort()).not.toEqual(shown);
});

test('the sidebar opens 统计分析 and 数据与备份', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: '统计分析' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计分析');
  await expect(page.getByText('尚未开放')).toHaveCount(0);
  await page.getByRole('link', { name: '数据与备份' }).click();
  await expect(page.locator('.facts')).toContainText(host.dataDir);
});
