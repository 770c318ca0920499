/**
 * With scrollbars drawn as on Windows (Playwright hides them by default), the
 * last row of each grid lies wholly above the horizontal scrollbar, at 1366×768.
 */
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM } from '../playwright.config';
import { scrollToLastRow } from './grid';
import { startHost, type RunningHost } from './host';

test.use({
  viewport: { width: 1366, height: 768 },
  launchOptions: { executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'], ignoreDefaultArgs: ['--hide-scrollbars'] },
});

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

async function lastRowClear(page: Page, scope: string, last: number) {
  await scrollToLastRow(page, last, scope);
  const rowLocator = page.locator(`${scope} .ag-row[row-index="${last}"]`).filter({ visible: true }).first();
  await expect(rowLocator).toBeVisible();
  const bar = page.locator(`${scope} .ag-body-horizontal-scroll`).first();
  await expect(bar).toBeVisible();
  const barBox = (await bar.boundingBox())!;
  expect(barBox.height, 'a horizontal scrollbar is drawn').toBeGreaterThan(5);
  // Scrolled to the very end as a user would, and measured there. The layout may still settle
  // after the first scroll (the roster's pinned 新行, the batch page's side panel narrowing the
  // grid until the horizontal scrollbar appears); a shrinking viewport keeps its scrollTop, so
  // each measurement scrolls to the end again first.
  const vertical = page.locator(`${scope} .ag-body-vertical-scroll-viewport`).first();
  const overlap = async () => {
    await vertical.evaluate(el => (el.scrollTop = el.scrollHeight));
    const [row, now] = await Promise.all([rowLocator.boundingBox(), bar.boundingBox()]);
    return row && now ? row.y + row.height - now.y : Infinity;
  };
  await expect.poll(overlap, { message: 'the last row ends above the horizontal scrollbar' }).toBeLessThanOrEqual(0.5);
}

test('the roster and a batch: the last row is not under the horizontal scrollbar', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await lastRowClear(page, '.roster', 587);
  await page.goto(host.url + '#/batch/4');
  await expect(page.locator('.sd-grid .ag-row[row-index="0"]').first()).toBeVisible();
  // the batch's last member: scroll to the end, then take the highest row drawn
  await page
    .locator('.sd-grid .ag-body-vertical-scroll-viewport')
    .first()
    .evaluate(el => (el.scrollTop = el.scrollHeight));
  const lastIndex = () => page.locator('.sd-grid .ag-row[row-index]').evaluateAll(rows => Math.max(...rows.map(r => Number(r.getAttribute('row-index')))));
  await expect.poll(lastIndex).toBeGreaterThan(10);
  await lastRowClear(page, '.sd-grid', await lastIndex());
});
