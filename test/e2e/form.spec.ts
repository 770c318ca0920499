/**
 * The appointment form (干部任免审批表) in the browser: it renders the cadre,
 * edits in place through the service's rules, and its print layout puts each
 * form page on exactly one A4 sheet, measured from the layout (not judged
 * from a screenshot) and counted in a real PDF.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

/** The host URL keeps its ?token= query; the route goes in the hash after it. */
function cadreUrl(id: number): string {
  const url = new URL(host.url);
  url.hash = `#/cadre/${id}`;
  return url.toString();
}

async function call<T>(request: APIRequestContext, method: string, input: unknown): Promise<T> {
  const url = new URL(host.url);
  const res = await request.post(`${url.origin}/api/${method}`, {
    headers: { 'x-cadre-token': url.searchParams.get('token') ?? '' },
    data: input,
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

interface CadreLike {
  id: number;
  name: string;
  birth: string;
  nativePlace: string;
  resume: string;
}

const cell = (page: Page, field: string) => page.locator(`.form-page [data-field="${field}"]`);

async function openForm(page: Page, id: number) {
  await page.goto(cadreUrl(id));
  await expect(page.getByRole('heading', { name: '干部任免审批表' })).toBeVisible();
}

// A4 at 96 dpi, less the @page margins of form.css (14 mm top and bottom, 15 mm left and right).
const MM = 96 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const PRINTABLE = { width: A4.width - 2 * 15 * MM, height: A4.height - 2 * 14 * MM };

/** Pages in a PDF: '/Type /Page' objects, not the '/Type /Pages' tree nodes. */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** Every page of the PDF is A4 portrait (595 × 842 pt, as Chromium rounds it to whole CSS px). */
function expectA4Pages(pdf: Buffer) {
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(m => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [w, h] of boxes) {
    expect(Math.abs(w - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(h - 841.89)).toBeLessThan(1.5);
  }
}

async function printLayout(page: Page) {
  await page.emulateMedia({ media: 'print' });
  // let the fit effect react to the print media query
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.locator('.form-page').evaluateAll(pages =>
    pages.map(p => {
      const r = p.getBoundingClientRect();
      const resume = p.querySelector<HTMLElement>('[data-field="resume"] .et-text');
      return {
        width: r.width,
        height: r.height,
        overflows: p.scrollHeight > p.clientHeight + 1,
        resumeFont: resume ? parseFloat(getComputedStyle(resume).fontSize) : null,
        resumeOverflows: resume ? resume.scrollHeight > resume.clientHeight + 1 : null,
      };
    }),
  );
}

test('the form renders the cadre, with 出生年月(岁) and both pages', async ({ page, request }) => {
  const cadre = await call<CadreLike>(request, 'getCadre', { id: 1 });
  await openForm(page, 1);
  await expect(cell(page, 'name')).toHaveText(cadre.name);
  await expect(page.locator('.cd-head h1')).toHaveText(cadre.name);
  const [y, m] = cadre.birth.split('-');
  await expect(cell(page, 'birth')).toHaveText(new RegExp(`^${y}\\.${m}\\(\\d+岁\\)$`));
  await expect(page.locator('.form-page')).toHaveCount(2);
  for (const label of ['奖', '任', '家庭', '呈', '审']) await expect(page.locator('.form-page-2 .fl').filter({ hasText: label }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: '家庭主要成员及重要社会关系' })).toBeVisible();
  // the sidebar still says where we are
  await expect(page.getByRole('link', { name: '干部名册' })).toHaveAttribute('aria-current', 'page');
});

test('editing 籍贯 in place saves it, and the 修改记录 shows the change', async ({ page, request }) => {
  const before = await call<CadreLike>(request, 'getCadre', { id: 1 });
  await openForm(page, 1);
  await cell(page, 'nativePlace').locator('.et-text').click();
  const input = page.getByRole('textbox', { name: '籍贯' });
  await expect(input).toHaveValue(before.nativePlace);
  await input.fill('辽宁铁岭');
  await input.press('Enter');
  await expect(cell(page, 'nativePlace')).toHaveText('辽宁铁岭');
  await expect(page.getByRole('button', { name: /撤销：修改 籍贯/ })).toBeEnabled();

  await page.reload();
  await expect(cell(page, 'nativePlace')).toHaveText('辽宁铁岭');
  expect((await call<CadreLike>(request, 'getCadre', { id: 1 })).nativePlace).toBe('辽宁铁岭');

  await page.getByRole('tab', { name: '修改记录' }).click();
  const entry = page.locator('.audit-entry').first();
  await expect(entry.locator('.audit-action')).toHaveText('修改');
  await expect(entry.locator('.audit-time')).toHaveText(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
  await expect(entry.locator('.audit-changes li')).toHaveText(`籍贯：${before.nativePlace || '（空）'} → 辽宁铁岭`);
});

test('an invalid 出生年月 (1985.13) is refused in Chinese beside the cell and nothing is saved', async ({ page, request }) => {
  const before = await call<CadreLike>(request, 'getCadre', { id: 1 });
  await openForm(page, 1);
  const shown = await cell(page, 'birth').textContent();
  await cell(page, 'birth').locator('.et-text').click();
  const input = page.getByRole('textbox', { name: '出生年月' });
  await input.fill('1985.13');
  await input.press('Enter');
  const alert = cell(page, 'birth').getByRole('alert');
  await expect(alert).toContainText('无法识别的日期「1985.13」');
  await expect(alert).toContainText('月份应在 1–12 之间');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.press('Escape');
  await expect(cell(page, 'birth')).toHaveText(shown ?? '');

  await page.reload();
  await expect(cell(page, 'birth')).toHaveText(shown ?? '');
  expect((await call<CadreLike>(request, 'getCadre', { id: 1 })).birth).toBe(before.birth);
});

test('family members: a row is added with its age computed, and a row without 姓名 is refused', async ({ page }) => {
  await openForm(page, 3);
  const table = page.getByRole('table', { name: '家庭主要成员及重要社会关系' });
  const rowsBefore = await table.locator('[data-member]').count();
  await table.getByRole('button', { name: '＋ 添加成员' }).click();
  await page.getByRole('textbox', { name: '称谓' }).fill('女儿');
  await page.getByRole('textbox', { name: '出生年月' }).fill('2010.05');
  await page.getByRole('textbox', { name: '出生年月' }).press('Enter');
  await expect(table.getByRole('alert')).toHaveText('姓名不能为空');

  await page.getByRole('textbox', { name: '姓名' }).fill('王小雨');
  await page.getByRole('textbox', { name: '姓名' }).press('Enter');
  const added = table.locator(`[data-member="${rowsBefore}"]`);
  await expect(added).toContainText('王小雨');
  const today = new Date();
  const age = today.getFullYear() - 2010 - (today.getMonth() + 1 < 5 ? 1 : 0);
  await expect(added.locator('.fam-cell').nth(2)).toHaveText(String(age));

  await page.reload();
  await expect(table.locator(`[data-member="${rowsBefore}"]`)).toContainText('王小雨');
  await table.locator(`[data-member="${rowsBefore}"]`).hover();
  await table.getByRole('button', { name: '删除家庭成员 王小雨' }).click();
  await expect(table.locator('[data-member]')).toHaveCount(rowsBefore);
});

test('photo upload: a text file is refused, a PNG is cropped to a 376×470 JPEG and shown', async ({ page }) => {
  await openForm(page, 4);
  const fileInput = page.getByLabel('选择照片文件');
  await fileInput.setInputFiles({ name: '名单.txt', mimeType: 'text/plain', buffer: Buffer.from('张三 男 1985.03\n') });
  await expect(page.locator('.photo-box').getByRole('alert')).toContainText('不是 JPEG 或 PNG 图片');

  // a 600×400 PNG drawn in the page itself (landscape, so the 4:5 crop matters)
  const png = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 600;
    c.height = 400;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#3a6ea5';
    ctx.fillRect(0, 0, 600, 400);
    ctx.fillStyle = '#f2c14e';
    ctx.fillRect(250, 100, 100, 200);
    const blob = await new Promise<Blob>(r => c.toBlob(b => r(b!), 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await fileInput.setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  const dialog = page.getByRole('dialog', { name: '裁剪照片' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  const img = page.locator('.photo-box img');
  await expect(img).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  const size = await img.evaluate((el: HTMLImageElement) => el.decode().then(() => [el.naturalWidth, el.naturalHeight]));
  expect(size).toEqual([376, 470]);

  await page.reload();
  await expect(page.locator('.photo-box img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
});

test('the print layout puts each form page on one A4 page', async ({ page }) => {
  await openForm(page, 1);
  const pages = await printLayout(page);
  expect(pages).toHaveLength(2);
  for (const p of pages) {
    expect(p.width).toBeLessThanOrEqual(PRINTABLE.width);
    expect(p.height).toBeLessThanOrEqual(PRINTABLE.height);
    // and most of it: the form fills the sheet as the paper form does
    expect(p.height).toBeGreaterThan(PRINTABLE.height * 0.95);
    expect(p.overflows).toBe(false);
  }
  // no app chrome on paper
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.form-toolbar')).toBeHidden();
  await expect(page.locator('.cd-head')).toBeHidden();

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  expect(pdfPageCount(pdf)).toBe(2);
  expectA4Pages(pdf);
});

test('a 简历 of 40 lines shrinks its font and still prints on exactly two pages', async ({ page, request }) => {
  const lines = Array.from({ length: 40 }, (_, i) => {
    const y = 1983 + i;
    return `${y}.01--${y}.12  示例市浑南区某某街道党工委副书记、办事处主任，兼任区城市更新工作专班副组长（第 ${i + 1} 项）`;
  });
  await call(request, 'saveCadres', { updates: [{ id: 2, values: { resume: lines.join('\n') } }] });
  await openForm(page, 2);
  await expect(page.locator('.resume-line')).toHaveCount(40);

  const resume = cell(page, 'resume').locator('.et-text');
  await expect.poll(async () => Number(await resume.getAttribute('data-font-size'))).toBeLessThan(14);
  await expect(resume).toHaveAttribute('data-overflow', 'false');

  const pages = await printLayout(page);
  expect(pages).toHaveLength(2);
  for (const p of pages) {
    expect(p.height).toBeLessThanOrEqual(PRINTABLE.height);
    expect(p.overflows).toBe(false);
  }
  expect(pages[0].resumeFont).toBeLessThan(14);
  expect(pages[0].resumeFont).toBeGreaterThanOrEqual(9);
  expect(pages[0].resumeOverflows).toBe(false);

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  expect(pdfPageCount(pdf)).toBe(2);

  // a short 简历 prints at the full size
  await openForm(page, 1);
  await printLayout(page);
  expect(
    await cell(page, 'resume')
      .locator('.et-text')
      .evaluate(el => parseFloat(getComputedStyle(el).fontSize)),
  ).toBe(14);
});
