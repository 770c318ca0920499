/**
 * Scrolling the roster from top to bottom at 10,000 cadres (issue 16): a row
 * on screen is never left as an empty (loading) row for more than one frame
 * after the block holding it has arrived from the service, and each block
 * costs about the same whether it is the first or the last.
 */
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoCount: 10_000 });
});
test.afterAll(async () => {
  await host.stop();
});

interface Probe {
  arrived: { from: number; to: number; frame: number }[];
  late: { row: number; frames: number }[];
  frames: number;
}

test('no row on screen stays empty more than a frame after its block arrived', async ({ page }) => {
  // In the page before it starts: count frames, note when each block's data arrives,
  // and on every frame look for on-screen rows still empty although their block is in.
  await page.addInitScript(() => {
    const probe: Probe = { arrived: [], late: [], frames: 0 };
    (window as unknown as { __probe: Probe }).__probe = probe;
    const fetch0 = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const res = await fetch0(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('queryCadrePage') && typeof init?.body === 'string') {
        const body = JSON.parse(init.body) as { offset: number; limit: number };
        void res
          .clone()
          .json()
          .then(() => probe.arrived.push({ from: body.offset, to: body.offset + body.limit, frame: probe.frames }));
      }
      return res;
    };
    const check = () => {
      probe.frames++;
      const viewport = document.querySelector('.roster .ag-body-vertical-scroll-viewport, .roster .ag-body-viewport');
      const area = document.querySelector('.roster .grid-wrap')?.getBoundingClientRect();
      if (viewport && area) {
        for (const row of document.querySelectorAll<HTMLElement>('.roster .ag-row[row-index]:not(.ag-row-pinned)')) {
          const r = row.getBoundingClientRect();
          if (r.bottom <= area.top + 80 || r.top >= area.bottom) continue; // off screen (or under the header)
          const index = Number(row.getAttribute('row-index'));
          const empty = row.classList.contains('ag-row-loading') || !row.querySelector('.ag-cell[col-id="name"]')?.textContent?.trim();
          if (!empty) continue;
          const block = probe.arrived.find(b => index >= b.from && index < b.to);
          if (block && probe.frames - block.frame > 1) probe.late.push({ row: index, frames: probe.frames - block.frame });
        }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });

  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 9853 人');
  const scroller = page.locator('.roster .ag-body-vertical-scroll-viewport').first();
  // The count shows a frame before the grid sizes its viewport: wait for the size.
  await expect.poll(() => scroller.evaluate(el => el.clientHeight > 0 && el.scrollHeight > el.clientHeight * 20)).toBe(true);
  const { height, view } = await scroller.evaluate(el => ({ height: el.scrollHeight, view: el.clientHeight }));
  // top to bottom, a few screens at a time (each step lands in blocks not yet read), then the very end
  for (let y = 0; y < height; y += view * 7) {
    await scroller.evaluate((el, top) => (el.scrollTop = top), y);
    await page.waitForTimeout(120);
  }
  await scroller.evaluate(el => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('.roster .ag-row[row-index="9852"] .ag-cell[col-id="name"]').first()).not.toBeEmpty();
  await page.waitForTimeout(200);

  const probe = await page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
  expect(probe.arrived.length).toBeGreaterThan(10);
  expect(probe.late).toEqual([]);
});
