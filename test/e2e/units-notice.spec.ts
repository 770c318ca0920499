/**
 * The unit tree and the 任免通知 as a clerk walks them at 1366×768 (issue 13): one notice
 * (same 文号 and date) records an appointment for several cadres at once from a grid pasted
 * from Excel, and is one 撤销 step; a unit moves by drag and drop and by 移动到…; abolishing a
 * unit is refused, with the count, while it holds cadres or sub-units, done when empty, and
 * 撤销 brings it back.
 */
import { expect, test, type Page } from '@playwright/test';
import { gridCell, pasteInto } from './grid';
import { hostPerTest } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

const host = hostPerTest();

const tree = (page: Page) => page.getByRole('tree');
const unitButton = (page: Page, name: string) => tree(page).getByRole('button', { name, exact: true });
const status = (page: Page) => page.getByRole('status');
/** 确定 in the app's own 请确认 dialog. */
const confirmed = (page: Page) => page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '确定' }).click();
const undo = (page: Page) => page.getByRole('toolbar', { name: '名册操作' }).getByRole('button', { name: /^撤销/ });

async function blankStart(page: Page) {
  await page.goto(host().url);
  await page.getByRole('textbox', { name: '操作员姓名' }).fill('王科长');
  await page.getByRole('button', { name: /空白开始/ }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
}

/** 新增单位 under the unit chosen in the tree (全部单位: at the top). */
async function addUnit(page: Page, name: string, under: string | null = null) {
  await unitButton(page, under ?? '全部单位').click();
  await page.getByRole('toolbar', { name: '单位操作' }).getByRole('button', { name: '新增单位' }).click();
  const dialog = page.getByRole('dialog', { name: '新增单位' });
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByRole('button', { name: '新增' }).click();
  await expect(status(page)).toContainText(`已新增单位「${name}」`);
}

/** A cadre typed into the grid's 新行, in the unit chosen in the tree. */
async function addCadre(page: Page, name: string, count: number) {
  const newRow = page.locator('.ag-grid-pinned-bottom-rows .ag-cell[col-id="name"]');
  await newRow.dblclick();
  await page.locator('.ag-cell-inline-editing input').fill(name);
  await page.locator('.ag-cell-inline-editing input').press('Enter');
  await expect(status(page)).toContainText(`已新增干部「${name}」`);
  await expect(page.locator('.count')).toHaveText(`共 ${count} 人`);
}

/** The unit's parent as the tree shows it: the name of the treeitem it is nested in. */
const parentOf = (page: Page, name: string) =>
  tree(page)
    .getByRole('treeitem')
    .filter({ has: page.getByRole('group').getByRole('button', { name, exact: true }) })
    .last()
    .locator(':scope > .unit-row .unit-name');

test('one 任免通知 records 任职 for three cadres from rows pasted from Excel, as one 撤销 step', async ({ page }) => {
  await blankStart(page);
  await addUnit(page, '滨江市发改委');
  await unitButton(page, '滨江市发改委').click();
  for (const [i, name] of ['周立', '吴芳', '郑强'].entries()) await addCadre(page, name, i + 1);

  for (const i of [0, 1, 2]) await page.locator(`.roster .ag-row[row-index="${i}"] .ag-selection-checkbox input`).first().check();
  await page.getByRole('toolbar', { name: '名册操作' }).getByRole('button', { name: '职务变动…' }).click();
  const dialog = page.getByRole('dialog', { name: '登记职务变动：3 名干部' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('类别').selectOption('任职');
  await dialog.getByLabel('时间').fill('2026.11');
  await dialog.getByLabel('文号').fill('滨组干〔2026〕30号');
  await dialog.getByLabel('任免机关').fill('中共滨江市委组织部');
  const grid = '.event-grid';
  for (const [i, name] of ['周立', '吴芳', '郑强'].entries()) await expect(gridCell(page, i, 'name', grid)).toHaveText(name);
  await expect(page.locator(`${grid} .ag-row[row-index="3"]`)).toHaveCount(0);
  // 所任职务 of the three, copied from a sheet: one column, three lines.
  const posts = ['滨江市发改委综合科科长', '滨江市发改委规划科科长', '滨江市发改委办公室主任'];
  await pasteInto(page, 0, 'post', posts.join('\n'), grid);
  for (const [i, post] of posts.entries()) await expect(gridCell(page, i, 'post', grid)).toHaveText(post);
  // Each row's 简历 line is previewed before it is written.
  await expect(gridCell(page, 2, 'resumeLine', grid)).toContainText('滨江市发改委办公室主任');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(status(page)).toContainText('已登记任职： 3 名干部');

  for (const [i, post] of posts.entries()) await expect(gridCell(page, i, 'post')).toHaveText(post);
  // The whole notice is one step.
  await expect(undo(page)).toHaveText(/^撤销：任职/);
  await undo(page).click();
  for (const i of [0, 1, 2]) await expect(gridCell(page, i, 'post')).toHaveText('');
  await expect(undo(page)).toHaveText('撤销：新增干部「郑强」');
});

test('a unit moves by drag and drop and by 移动到…; abolishing is refused while it holds cadres or sub-units, done when empty, undone by 撤销', async ({
  page,
}) => {
  await blankStart(page);
  for (const name of ['滨江市发改委', '滨江市科技局', '滨江市统计局']) await addUnit(page, name);

  // Drag 统计局 onto the middle of 发改委: it moves under it.
  await unitButton(page, '滨江市统计局').locator('..').dragTo(unitButton(page, '滨江市发改委').locator('..'));
  await expect(status(page)).toContainText('已将「滨江市统计局」移到「滨江市发改委」之下');
  await expect(parentOf(page, '滨江市统计局')).toHaveText('滨江市发改委');

  // 移动到…: under 科技局.
  await unitButton(page, '滨江市统计局').click();
  await page.getByRole('toolbar', { name: '单位操作' }).getByRole('button', { name: '移动到…' }).click();
  const move = page.getByRole('dialog', { name: '移动「滨江市统计局」到…' });
  const parent = move.getByRole('combobox');
  const value = await parent.locator('option', { hasText: '滨江市科技局' }).getAttribute('value');
  await parent.selectOption(value!);
  await move.getByRole('button', { name: '移动', exact: true }).click();
  await expect(status(page)).toContainText('已将「滨江市统计局」移到「滨江市科技局」之下');
  await expect(parentOf(page, '滨江市统计局')).toHaveText('滨江市科技局');

  // 科技局 holds a sub-unit, 发改委 a cadre: both refused, with the count and where.
  const abolish = page.getByRole('toolbar', { name: '单位操作' }).getByRole('button', { name: '撤销单位' });
  await unitButton(page, '滨江市科技局').click();
  await abolish.click();
  await confirmed(page);
  await expect(page.getByRole('alert').or(status(page))).toContainText('不能撤销「滨江市科技局」：该单位还有 1 个下级单位（滨江市统计局）');
  await unitButton(page, '滨江市发改委').click();
  await addCadre(page, '周立', 1);
  await abolish.click();
  await confirmed(page);
  await expect(page.getByRole('alert').or(status(page))).toContainText('不能撤销「滨江市发改委」：该单位还有 1 名干部');
  await expect(unitButton(page, '滨江市发改委')).toBeVisible();

  // 统计局 is empty: asked in the app's own dialog (取消 leaves it), abolished on 确定, then brought back by 撤销.
  await unitButton(page, '滨江市统计局').click();
  await abolish.click();
  const ask = page.getByRole('dialog', { name: '请确认' });
  await expect(ask).toContainText('撤销单位「滨江市统计局」？');
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(ask).toHaveCount(0);
  await expect(unitButton(page, '滨江市统计局')).toBeVisible();
  await abolish.click();
  await confirmed(page);
  await expect(status(page)).toContainText('已撤销单位「滨江市统计局」');
  await expect(unitButton(page, '滨江市统计局')).toHaveCount(0);
  await expect(undo(page)).toHaveText('撤销：撤销单位「滨江市统计局」');
  await undo(page).click();
  await expect(status(page)).toContainText('已撤销：撤销单位「滨江市统计局」');
  await expect(unitButton(page, '滨江市统计局')).toBeVisible();
  await expect(parentOf(page, '滨江市统计局')).toHaveText('滨江市科技局');

  // 更名 with the date the old name was used until, typed as users write it; 修改 shows it as 曾用名.
  await unitButton(page, '滨江市科技局').click();
  const tools = page.getByRole('toolbar', { name: '单位操作' });
  await tools.getByRole('button', { name: '修改' }).click();
  let edit = page.getByRole('dialog', { name: '修改单位「滨江市科技局」' });
  await edit.getByLabel('单位名称').fill('滨江市科学技术局');
  await edit.getByLabel('更名日期').fill('2026年11月');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(status(page)).toContainText('已更名为「滨江市科学技术局」');
  await tools.getByRole('button', { name: '修改' }).click();
  edit = page.getByRole('dialog', { name: '修改单位「滨江市科学技术局」' });
  await expect(edit.getByLabel('曾用名')).toHaveText('曾用名：「滨江市科技局」（使用至 2026.11）');
});
