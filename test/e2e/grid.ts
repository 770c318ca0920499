/**
 * Driving an AG Grid as a user does, without timing guesses.
 *
 * The grid sizes its scroll viewports in an animation frame after rows or columns change, so a
 * single scroll assignment made just before that frame is lost (the page's 「共 600 人」 can show
 * before it). Each scroll helper therefore repeats the scroll until the grid has rendered what
 * was asked for: the condition, not a longer timeout, ends the wait.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * `scope` narrows to one grid when a page has several (e.g. '.sd-grid'). Pinned rows (the
 * roster's 新行 at the bottom) have row indexes of their own and are not counted.
 */
export function gridCell(page: Page, rowIndex: number, colId: string, scope = '') {
  return page.locator(`${scope} .ag-row:not(.ag-row-pinned)[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`.trim()).first();
}

function viewport(page: Page, axis: 'vertical' | 'horizontal', scope: string): Locator {
  return page.locator(`${scope} .ag-body-${axis}-scroll-viewport`.trim()).first();
}

async function scrollUntil(page: Page, axis: 'vertical' | 'horizontal', to: 'start' | 'end', target: Locator, scope: string) {
  const vp = viewport(page, axis, scope);
  await expect(async () => {
    await vp.evaluate(
      (el, [ax, end]) => {
        if (ax === 'vertical') el.scrollTop = end ? el.scrollHeight : 0;
        else el.scrollLeft = end ? el.scrollWidth : 0;
      },
      [axis, to === 'end'] as const,
    );
    await expect(target).toBeAttached({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Scrolls to the last row (index `lastIndex`) until that row is rendered. */
export async function scrollToLastRow(page: Page, lastIndex: number, scope = '') {
  await scrollUntil(page, 'vertical', 'end', page.locator(`${scope} .ag-row:not(.ag-row-pinned)[row-index="${lastIndex}"]`.trim()).first(), scope);
}

/** Scrolls to the right end until the header of column `colId` is rendered. */
export async function scrollToRightColumn(page: Page, colId: string, scope = '') {
  await scrollUntil(page, 'horizontal', 'end', headerCell(page, colId, scope), scope);
}

/** Scrolls back to the left end until the header of column `colId` is rendered. */
export async function scrollToLeftColumn(page: Page, colId: string, scope = '') {
  await scrollUntil(page, 'horizontal', 'start', headerCell(page, colId, scope), scope);
}

function headerCell(page: Page, colId: string, scope: string) {
  return page.locator(`${scope} .ag-header-cell[col-id="${colId}"]`.trim()).first();
}

/** What a paste from Excel/WPS delivers: focus the cell, then a paste event with tab-separated text. */
export async function pasteInto(page: Page, rowIndex: number, colId: string, tsv: string, scope = '') {
  const target = gridCell(page, rowIndex, colId, scope);
  await target.click();
  await target.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
}

/** Double-click to edit, type, Enter. */
export async function editGridCell(page: Page, rowIndex: number, colId: string, value: string, scope = '') {
  await gridCell(page, rowIndex, colId, scope).dblclick();
  const editor = page.locator('.ag-cell-inline-editing input');
  await editor.fill(value);
  await editor.press('Enter');
}

/**
 * Where an element sits once it has stopped moving. AG Grid slides header cells to their new
 * places (a column added, as the 历史库's 状态) over a fifth of a second; a drag that starts from
 * a box read during the slide lands on the cell, not its edge, and moves the column instead.
 */
export async function settledBox(page: Page, l: Locator) {
  let box = await l.boundingBox();
  await expect
    .poll(async () => {
      await page.waitForTimeout(100);
      const now = await l.boundingBox();
      const still = !!box && !!now && box.x === now.x && box.y === now.y && box.width === now.width;
      box = now;
      return still;
    })
    .toBe(true);
  return box!;
}
