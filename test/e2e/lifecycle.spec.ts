/**
 * The cadre's life in the roster, as a clerk walks it at 1366×768: 空白开始 shows what to
 * do next; a unit with its 职数; 新增干部 on the empty 任免审批表 (身份证号 fills 出生年月
 * and 性别); 提任 with the 简历 line shown before it is written; the 职数 table shows the
 * vacancy filled; 撤销 step by step restores everything. 退休 moves a cadre to the 历史库.
 */
import { expect, test, type Page } from '@playwright/test';
import { makeIdNumber } from '../../shared/domain/common/idcard';
import { gridCell, scrollToLeftColumn, scrollToRightColumn } from './grid';
import { startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const formCell = (page: Page, field: string) => page.locator(`.form-page [data-field="${field}"]`);

/** Click a cell of the form, type, Enter (Ctrl+Enter in a multi-line one). */
async function fillForm(page: Page, field: string, label: string, text: string, multiline = false) {
  await formCell(page, field).locator('.et-text').click();
  const box = page.getByRole('textbox', { name: label });
  await box.fill(text);
  await box.press(multiline ? 'Control+Enter' : 'Enter');
}

async function blankStart(page: Page) {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: '操作员姓名' }).fill('王科长');
  await page.getByRole('button', { name: /空白开始/ }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
}

async function addUnit(page: Page, name: string) {
  await page.getByRole('toolbar', { name: '单位操作' }).getByRole('button', { name: '新增单位' }).click();
  const dialog = page.getByRole('dialog', { name: '新增单位' });
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByLabel('类别').selectOption('部门');
  await dialog.getByRole('button', { name: '新增' }).click();
  await expect(page.getByRole('status')).toContainText(`已新增单位「${name}」`);
  await page.getByRole('tree').getByRole('button', { name }).click();
}

test('空白开始 → a unit with its 职数 → 新增干部 → 提任 with the 简历 line → the vacancy filled → 撤销 restores everything', async ({ page }) => {
  await blankStart(page);
  // the empty roster says what to do next
  const hint = page.locator('.roster-empty');
  await expect(hint).toContainText('名册中还没有干部');
  await expect(hint.getByRole('button', { name: '新增干部' })).toBeVisible();
  await expect(hint.getByRole('button', { name: '从 Excel 导入' })).toBeVisible();

  await addUnit(page, '滨江市教育局');
  await expect(hint).toContainText('「滨江市教育局」中还没有干部');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('李');
  await expect(hint).toContainText('没有符合条件的干部');
  await hint.getByRole('button', { name: '清除筛选' }).click();
  await expect(hint).toContainText('名册中还没有干部');
  await expect(page.getByRole('searchbox', { name: '查找干部' })).toHaveValue('');

  // 职数 of the unit: one 副处, vacant
  await page.getByRole('tree').getByRole('button', { name: '滨江市教育局' }).click();
  await page.getByRole('toolbar', { name: '单位操作' }).getByRole('button', { name: '职数' }).click();
  await expect(page.getByRole('heading', { name: '领导职数' })).toBeVisible();
  const set = page.getByRole('form', { name: '核定职数' });
  await set.getByLabel('领导职务层次').selectOption('副处');
  await set.getByLabel('核定职数').fill('1');
  await set.getByLabel('三定文件').fill('滨编〔2019〕5号');
  await set.getByRole('button', { name: '保存职数' }).click();
  const quotaRow = page.getByRole('table', { name: '职数配备情况' }).locator('tbody tr').first();
  await expect(quotaRow.locator('td')).toHaveText(['滨江市教育局', '副处', '1', '0', '1', '0', '滨编〔2019〕5号', '']);
  await page.getByRole('button', { name: '← 返回名册' }).click();

  // 新增干部 opens the empty form, in the unit chosen in the tree
  await page.getByRole('tree').getByRole('button', { name: '滨江市教育局' }).click();
  await page.getByRole('toolbar', { name: '名册操作' }).getByRole('button', { name: '新增干部' }).click();
  await expect(page.getByRole('heading', { name: '新增干部' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '单位' })).toHaveValue(/\d+/);
  await fillForm(page, 'name', '姓名', '李明');
  await page.locator('.form-toolbar [data-field="idNumber"] .et-text').click(); // not printed on the form: in the toolbar
  await page.getByRole('textbox', { name: '身份证号' }).fill(makeIdNumber('210102', '1984-06-18', 17, '男'));
  await page.getByRole('textbox', { name: '身份证号' }).press('Enter');
  await expect(formCell(page, 'birth')).toHaveText(/^1984\.06\(\d+岁\)$/);
  await expect(formCell(page, 'gender')).toHaveText('男');
  await fillForm(page, 'post', '现任职务', '滨江市教育局办公室主任');
  await fillForm(page, 'resume', '简历', '2006.07--2018.03  滨江市教育局科员\n2018.03--  滨江市教育局办公室主任', true);
  await page.getByRole('button', { name: '保存为新干部' }).click();
  await expect(page.locator('.cd-head h1')).toHaveText('李明');
  await expect(page.locator('.cd-sub')).toContainText('滨江市教育局');

  // 提任: the 简历 line is shown (and editable) before it is written
  await page.getByRole('tab', { name: '职务变动' }).click();
  await page.getByRole('button', { name: '登记职务变动' }).click();
  const dialog = page.getByRole('dialog', { name: /登记职务变动：李明/ });
  await dialog.getByLabel('类别').selectOption('提任');
  await dialog.getByLabel('时间').fill('2026.11');
  await dialog.getByLabel('文号').fill('滨组干〔2026〕12号');
  await dialog.getByLabel('所任职务').fill('滨江市教育局副局长');
  await dialog.getByLabel('领导职务层次').selectOption('副处');
  await expect(dialog.getByLabel('简历行')).toHaveValue('2026.11--         滨江市教育局副局长');
  await expect(dialog).toContainText('同时结束：2018.03--2026.11  滨江市教育局办公室主任');
  await expect(dialog.getByRole('checkbox')).toBeChecked(); // 试用期 by default
  await expect(dialog).toContainText('至 2027.11');
  await dialog.getByLabel('简历行').fill('2026.11--  滨江市教育局党组成员、副局长');
  await dialog.getByLabel('所任职务').fill('滨江市教育局党组成员、副局长');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  const events = page.getByRole('table', { name: '职务变动记录' });
  await expect(events.locator('tbody tr')).toHaveCount(1);
  await expect(events.locator('tbody tr').first()).toContainText('提任');
  await expect(events.locator('tbody tr').first()).toContainText('滨组干〔2026〕12号');
  await page.getByRole('tab', { name: '任免审批表' }).click();
  await expect(formCell(page, 'post')).toHaveText('滨江市教育局党组成员、副局长');
  await expect(formCell(page, 'resume')).toContainText('2018.03--2026.11');
  await expect(formCell(page, 'resume')).toContainText('滨江市教育局党组成员、副局长');

  // the 职数 table shows the vacancy filled
  await page.goto(host.url.split('#')[0] + '#/quota');
  await expect(quotaRow.locator('td')).toHaveText(['滨江市教育局', '副处', '1', '1', '0', '0', '滨编〔2019〕5号', '']);

  // 撤销, step by step, restores everything: the 提任, the new cadre, the 职数, the unit
  await page.getByRole('button', { name: '← 返回名册' }).click();
  const undo = page.getByRole('toolbar', { name: '名册操作' }).getByRole('button', { name: /^撤销/ });
  await expect(undo).toHaveText('撤销：提任「李明」');
  await undo.click();
  await expect(page.getByRole('status')).toContainText('已撤销：提任「李明」');
  await gridCell(page, 0, 'name').click();
  await page.getByRole('button', { name: '打开任免审批表' }).click();
  await expect(formCell(page, 'post')).toHaveText('滨江市教育局办公室主任');
  await expect(formCell(page, 'resume')).not.toContainText('副局长');
  await page.getByRole('tab', { name: '职务变动' }).click();
  await expect(page.getByText('还没有职务变动记录。')).toBeVisible();
  await page.goto(host.url.split('#')[0] + '#/quota');
  await expect(quotaRow.locator('td')).toHaveText(['滨江市教育局', '副处', '1', '0', '1', '0', '滨编〔2019〕5号', '']);
  await page.getByRole('button', { name: '← 返回名册' }).click();
  await expect(undo).toHaveText('撤销：新增干部「李明」');
  await undo.click();
  await expect(page.locator('.count')).toHaveText('共 0 人');
  await expect(undo).toHaveText(/撤销：核定「滨江市教育局」副处职数 1 名/);
  await undo.click();
  await expect(undo).toHaveText('撤销：新增单位「滨江市教育局」');
  await undo.click();
  await expect(page.getByRole('tree').getByRole('button', { name: '滨江市教育局' })).toHaveCount(0);
  await expect(undo).toBeDisabled();
  await expect(hint).toContainText('名册中还没有干部');
});

test('a row typed at the bottom of the grid is a new cadre; 退休 moves a cadre to the 历史库', async ({ page }) => {
  await blankStart(page);
  await addUnit(page, '滨江市财政局');
  // the new row: a name makes the cadre, in the unit chosen in the tree
  const newRow = (colId: string) => page.locator(`.ag-grid-pinned-bottom-rows .ag-cell[col-id="${colId}"]`);
  await expect(newRow('seq')).toHaveText('新行');
  await newRow('name').dblclick();
  await page.locator('.ag-cell-inline-editing input').fill('赵敏');
  await page.locator('.ag-cell-inline-editing input').press('Enter');
  await expect(page.getByRole('status')).toContainText('已新增干部「赵敏」');
  await expect(page.locator('.count')).toHaveText('共 1 人');
  await expect(gridCell(page, 0, 'name')).toHaveText('赵敏');

  // the 单位 is changed in the grid, from the unit tree's drop-down
  await addUnit(page, '滨江市审计局'); // under the chosen 滨江市财政局: the tree opens to show it
  await expect(page.getByRole('treeitem', { name: /滨江市财政局/ })).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('tree').getByRole('button', { name: '全部单位' }).click();
  await page.getByRole('button', { name: '选择列' }).click();
  await page.locator('.column-chooser label', { hasText: '单位' }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '选择列' }).click();
  await scrollToRightColumn(page, 'unit');
  await expect(gridCell(page, 0, 'unit')).toHaveText('滨江市财政局');
  await gridCell(page, 0, 'unit').dblclick();
  await page.getByRole('combobox', { name: '单位' }).selectOption({ label: '滨江市审计局' });
  await expect(page.getByRole('status')).toContainText('已保存：赵敏 的单位');
  await expect(gridCell(page, 0, 'unit')).toHaveText('滨江市审计局');
  await scrollToLeftColumn(page, 'name');

  // 退休: tick the row, 职务变动…
  await gridCell(page, 0, 'name').click();
  await page.getByRole('toolbar', { name: '名册操作' }).getByRole('button', { name: '职务变动…' }).click();
  const dialog = page.getByRole('dialog', { name: /登记职务变动：赵敏/ });
  await dialog.getByLabel('类别').selectOption('退休');
  await dialog.getByLabel('时间').fill('2026.12');
  await expect(dialog.getByLabel('所任职务')).toHaveCount(0);
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(page.getByRole('status')).toContainText('已登记退休');
  await expect(page.locator('.count')).toHaveText('共 0 人');

  await page.getByRole('button', { name: '历史库' }).click();
  await expect(page.getByRole('heading', { name: '干部名册 · 历史库' })).toBeVisible();
  await expect(page.locator('.count')).toHaveText('共 1 人');
  await expect(gridCell(page, 0, 'name')).toHaveText('赵敏');
  await expect(gridCell(page, 0, 'status')).toHaveText('退休');
  await page.getByRole('searchbox', { name: '查找干部' }).fill('zm');
  await expect(gridCell(page, 0, 'name')).toHaveText('赵敏');
  await page.getByRole('button', { name: '历史库' }).click();
  await expect(page.locator('.count')).toHaveText('共 0 人');
});
