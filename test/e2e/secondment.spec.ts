import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { editGridCell, gridCell, pasteInto } from './grid';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost({ demo: true });
});
test.afterEach(async () => {
  await host.stop();
});

/** Screenshots for a person to look at (layout, fonts); not compared. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/secondment-${name}.png` });

const cell = (page: Page, rowIndex: number, colId: string) => gridCell(page, rowIndex, colId, '.sd-grid');
const pasteAt = (page: Page, rowIndex: number, colId: string, tsv: string) => pasteInto(page, rowIndex, colId, tsv, '.sd-grid');
const editCell = (page: Page, rowIndex: number, colId: string, value: string) => editGridCell(page, rowIndex, colId, value, '.sd-grid');

/** 第五批 (2025.09—2026.09) in the demo programme, opened. */
async function createBatch5(page: Page) {
  await page.goto(host.url + '#/batches');
  await page.getByRole('button', { name: '新增批次' }).click();
  const add = page.getByRole('dialog', { name: '新增批次' });
  await expect(add.getByLabel('批次序号')).toHaveValue('5');
  await add.getByLabel('开始时间').fill('2025.09');
  await add.getByLabel('计划结束时间').fill('2026.09');
  await add.getByRole('button', { name: '新增', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('已新增批次「第五批」');
  await page.getByRole('link', { name: '第五批', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('京沈对口合作干部交流 第五批');
}

/**
 * Creates 第五批 (2025.09—2026.09) in the demo programme and adds three cadres of
 * batch 4 (2023.03—2024.03, so free then) from the roster; returns their names
 * (and `spare` more of batch 4, not added).
 */
async function newBatchWithThree(page: Page, spare = 0): Promise<string[]> {
  await page.goto(host.url + '#/batch/4');
  await expect(cell(page, 3, 'name')).not.toBeEmpty();
  const all = await Promise.all([0, 1, 2, 3].slice(0, 3 + spare).map(async i => (await cell(page, i, 'name').innerText()).trim()));
  const names = all.slice(0, 3);

  await createBatch5(page);

  await page.getByRole('toolbar').getByRole('button', { name: '从名册添加' }).click();
  const picker = page.getByRole('dialog', { name: '从名册添加成员' });
  for (const name of names) {
    await picker.getByRole('searchbox', { name: '查找干部' }).fill(name);
    await picker
      .getByLabel(new RegExp(`^选择 ${name}（`))
      .first()
      .check();
  }
  await expect(picker).toContainText(`已选：${names.join('、')}`);
  await picker.getByRole('button', { name: '加入批次（3）' }).click();
  await expect(page.getByRole('status')).toContainText('已加入 3 名成员');
  await expect(page.getByLabel('批次统计数字').locator('.sd-figure', { hasText: '总人数' })).toContainText('3 人');
  await expect(cell(page, 0, 'startDate')).toHaveText('2025.09');
  return all;
}

test('the demo programme: batch 4 shows 15 of 18 born in the 1980s as 83.3%', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '挂职批次' }).click();
  const figures = page.getByLabel('项目统计');
  await expect(figures).toContainText('总人数73 人');
  await shot(page, 'batches');
  // a batch with members is not deleted
  await page.locator('.sd-grid .ag-row[row-index="3"] .ag-cell[col-id="direction"]').click();
  await page.getByRole('button', { name: '删除所选批次' }).click();
  await expect(page.getByRole('alert')).toContainText('「第四批」还有 18 名成员，不能删除');
  // edited in place
  await editCell(page, 3, 'notes', '全部按期返岗');
  await expect(page.getByRole('status')).toContainText('已保存：第四批 的备注');
  await expect(cell(page, 3, 'notes')).toHaveText('全部按期返岗');
  await page.getByRole('link', { name: '第四批', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('京沈对口合作干部交流 第四批');
  const stats = page.getByLabel('批次统计数字');
  await expect(stats.locator('.sd-figure', { hasText: '80后' })).toContainText('15 人83.3%');
  await expect(stats.locator('.sd-figure', { hasText: '总人数' })).toContainText('18 人');
  await shot(page, 'batch4');
});

test('a new batch: add three members from the roster, paste and undo, an overlap refused, finish one with the 简历 line', async ({ page }) => {
  const names = await newBatchWithThree(page);

  // Two rows pasted from Excel into 挂职单位 / 挂任职务: one undoable step.
  await pasteAt(page, 0, 'hostUnit', '北京市朝阳区发展和改革委员会\t副主任\r\n北京市海淀区科学技术委员会\t主任助理\r\n');
  await expect(page.getByRole('status')).toContainText('已粘贴 2 行挂职成员');
  await expect(cell(page, 1, 'hostPost')).toHaveText('主任助理');
  await shot(page, 'batch5');
  await cell(page, 2, 'gender').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('已撤销：粘贴 2 行挂职成员');
  await expect(cell(page, 0, 'hostUnit')).toHaveText('');
  await expect(cell(page, 1, 'hostPost')).toHaveText('');
  await page.getByRole('button', { name: '重做' }).click();
  await expect(cell(page, 0, 'hostUnit')).toHaveText('北京市朝阳区发展和改革委员会');

  // Ctrl+D over ticked rows, as in the roster
  for (const i of [0, 1, 2]) await page.locator(`.sd-grid .ag-row[row-index="${i}"] .ag-selection-checkbox input`).first().check();
  await cell(page, 0, 'hostPost').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('status')).toContainText('已向下填充 挂任职务 2 行');
  await expect(cell(page, 2, 'hostPost')).toHaveText('副主任');

  // A bad cell in a paste: nothing saved, the row and field named.
  await pasteAt(page, 0, 'startDate', '2025.10\r\n2025.13\r\n');
  await expect(page.getByRole('alert')).toContainText('第 2 行「挂职开始时间」');
  await expect(cell(page, 0, 'startDate')).toHaveText('2025.09');

  // The same cadre in two secondments at once: refused, naming the other one.
  await editCell(page, 0, 'startDate', '2023.06');
  await expect(page.getByRole('alert')).toContainText('「京沈对口合作干部交流 第四批」');
  await expect(page.getByRole('alert')).toContainText('时间重叠');
  await expect(cell(page, 0, 'startDate')).toHaveText('2025.09');

  // Finishing with the 简历 line, shown before confirming.
  await cell(page, 0, 'gender').click();
  await expect(page.locator('.sd-current')).toHaveText(`当前：${names[0]}（在岗）`);
  await page.getByRole('button', { name: '期满返岗' }).click();
  const finish = page.getByRole('dialog', { name: `期满返岗：${names[0]}` });
  await finish.getByLabel('返岗时间').fill('2026.09');
  const line = finish.getByLabel('将追加的简历行');
  await expect(line).toContainText('2025.09--2026.09');
  await expect(line).toContainText('挂任北京市朝阳区发展和改革委员会副主任');
  await expect(finish.getByRole('checkbox', { name: '在干部简历末尾追加挂职经历' })).toBeChecked();
  await shot(page, 'finish');
  await finish.getByRole('button', { name: '确认返岗' }).click();
  await expect(page.getByRole('status')).toContainText('简历已追加');
  await expect(cell(page, 0, 'status')).toHaveText('已返岗');
  await expect(cell(page, 0, 'returnDate')).toHaveText('2026.09');

  await cell(page, 0, 'name').getByRole('link').click();
  await expect(page.locator('.fv-resume')).toContainText('挂任北京市朝阳区发展和改革委员会副主任');
  await shot(page, 'cadre');
  await page.getByRole('tab', { name: '修改记录' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('挂职锻炼');
});

test('member lists: batch 4 exported, its file refused in a new batch (overlaps by row and column); a list imported with preview, then the leader chosen', async ({
  page,
}) => {
  await page.goto(host.url + '#/batch/4');
  await expect(page.locator('.page-head .count')).toHaveText('已返岗 · 18 人');
  const people = await Promise.all(
    [0, 1].map(async i => ({ name: (await cell(page, i, 'name').innerText()).trim(), birth: (await cell(page, i, 'birth').innerText()).trim() })),
  );
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出名册' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^第四批.*名册.*\.xlsx$/);
  const exported = path.join(host.dataDir, 'batch4.xlsx');
  await file.saveAs(exported);

  await createBatch5(page);
  await page.getByRole('toolbar').getByRole('button', { name: '导入名单' }).click();
  const dialog = page.getByRole('dialog', { name: '导入成员名单' });
  // the exported list carries batch 4's dates (2023.03—2024.03): every row overlaps it
  await dialog.getByLabel('选择要导入的文件').setInputFiles(exported);
  await dialog.getByRole('button', { name: '检查', exact: true }).click();
  const ask = dialog.getByRole('alertdialog', { name: '确认不导入的列' });
  // the export's own columns the batch does not take (返岗后去向 …) are asked about first
  if (await ask.isVisible()) await ask.getByRole('button', { name: '不导入这些列，继续检查' }).click();
  await expect(dialog.getByLabel('检查结果统计')).toContainText('已匹配名册 0');
  await expect(dialog.getByLabel('检查结果统计')).toContainText('错误 18');
  const firstError = dialog.getByRole('table', { name: '问题列表' }).locator('tbody tr').first();
  await expect(firstError).toContainText(`「${people[0].name}」已在「京沈对口合作干部交流 第四批」挂职（2023.03—2024.03），时间重叠`);
  await expect(firstError).toContainText('batch4.xlsx');
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();

  // a list as units send it: title, header, two people of the roster (by ID number, read from the export) and one new person
  const sheet = XLSX.readFile(exported).Sheets['第四批沈阳赴北京挂职干部名册'];
  const table = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
  const header = table.findIndex(r => r.includes('身份证号'));
  const idOf = (name: string) => table.slice(header + 1).find(r => r.includes(name))![table[header].indexOf('身份证号')];
  const wb = XLSX.utils.book_new();
  const aoa = [
    ['第五批挂职干部名单'],
    ['姓名', '性别', '出生年月', '身份证号', '派出单位', '挂职单位', '挂任职务'],
    [people[0].name, '', people[0].birth, idOf(people[0].name), '', '北京市朝阳区商务局', '副局长'],
    // no ID in the row: matched by 姓名 + 出生年月 (the cadre's ID on record stays), no twin
    [people[1].name, '', people[1].birth, '', '', '北京市海淀区商务局', '局长助理'],
    ['林晓', '女', '1990.06', '', '滨江市商务局', '北京市通州区商务局', '副局长'],
  ];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '名单');
  const list = path.join(host.dataDir, '第五批名单.xlsx');
  XLSX.writeFile(wb, list);
  await dialog.getByRole('button', { name: '重新开始' }).click();
  await dialog.getByLabel('选择要导入的文件').setInputFiles(list);
  await dialog.getByRole('button', { name: '检查', exact: true }).click();
  const counts = dialog.getByLabel('检查结果统计');
  await expect(counts).toContainText('新入名册 1');
  await expect(counts).toContainText('已匹配名册 2');
  await expect(counts).toContainText('已在本批次 0');
  await expect(counts).toContainText('错误 0');
  await dialog.getByRole('tab', { name: /^已匹配名册/ }).click();
  await expect(dialog.getByRole('tabpanel')).toContainText('挂职单位：（空） → 北京市朝阳区商务局');
  await shot(page, 'import');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已导入 3 名成员，其中 1 人新加入名册' })).toBeVisible();
  await expect(page.locator('.page-head .count')).toHaveText('筹备 · 3 人');

  const form = page.getByRole('form', { name: '批次信息' });
  await form.getByRole('combobox', { name: /^领队/ }).selectOption({ label: people[1].name });
  await form.getByRole('button', { name: '保存批次信息' }).click();
  await expect(page.getByRole('status')).toContainText('已保存批次「第五批」');
  await page.getByRole('link', { name: '← 挂职批次' }).click();
  await expect(page.locator('.sd-grid .ag-row[row-index="4"] .ag-cell[col-id="leaderName"]')).toHaveText(people[1].name);
});

test('member actions: 结对, 提前召回, 调换 with its history and undo, 返岗后去向, a new person', async ({ page }) => {
  const [a, b, c, d] = await newBatchWithThree(page, 1);
  const member = (name: string) => page.locator('.sd-grid .ag-cell[col-id="name"]').filter({ hasText: new RegExp(`^${name}$`) });
  const focus = async (row: number) => {
    await cell(page, row, 'gender').click();
    await expect(page.locator('.sd-current')).toContainText(`当前：${[a, b, c][row]}`);
  };

  await focus(0);
  await page.getByRole('button', { name: '结对', exact: true }).click();
  const pair = page.getByRole('dialog', { name: `结对帮带：${a}` });
  await pair.getByLabel('结对对象').selectOption({ label: `${b}　` });
  await pair.getByRole('button', { name: '结对', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`「${a}」与「${b}」已结对`);
  await expect(cell(page, 1, 'pairName')).toHaveText(a);
  await expect(page.getByLabel('临时党支部与结对')).toContainText(`${a} ⇄ ${b}`);

  await focus(2);
  await page.getByRole('button', { name: '提前召回' }).click();
  const recall = page.getByRole('dialog', { name: `提前召回：${c}` });
  await recall.getByLabel('召回时间').fill('2026.03');
  await recall.getByLabel('召回原因').fill('因原单位工作需要');
  await recall.getByRole('button', { name: '提前召回' }).click();
  await expect(cell(page, 2, 'status')).toHaveText('提前召回');
  await expect(cell(page, 2, 'replacement')).toHaveText('召回：因原单位工作需要');

  await focus(1);
  await page.getByRole('button', { name: '调换', exact: true }).click();
  const replace = page.getByRole('dialog', { name: `调换：${b}` });
  await replace.getByRole('searchbox', { name: '查找接替人员' }).fill(d);
  await replace
    .getByLabel(new RegExp(`^选择 ${d}（`))
    .first()
    .check();
  await replace.getByLabel('调换时间').fill('2026.01');
  await replace.getByLabel('调换原因').fill('因工作需要调整');
  await replace.getByRole('button', { name: '确认调换' }).click();
  await expect(page.getByRole('status')).toContainText(`已调换：「${d}」接替「${b}」`);
  await expect(cell(page, 1, 'status')).toHaveText('已调换');
  await expect(cell(page, 3, 'name')).toHaveText(d);
  await expect(member(d)).toHaveCount(1);
  await expect(cell(page, 3, 'replacement')).toHaveText(`接替${b}（因工作需要调整）`);
  await cell(page, 3, 'gender').click();
  await page.getByRole('button', { name: '调换记录' }).click();
  const chain = page.getByRole('dialog', { name: `调换记录：${d}` }).getByRole('table', { name: '调换记录' });
  await expect(chain.locator('tbody tr')).toHaveCount(2);
  await expect(chain.locator('tbody tr').nth(0)).toContainText(b);
  await expect(chain.locator('tbody tr').nth(1)).toContainText('因工作需要调整');
  await shot(page, 'history');
  await page.keyboard.press('Escape');
  await cell(page, 0, 'gender').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText(`已撤销：调换：「${d}」接替「${b}」`);
  await expect(member(d)).toHaveCount(0);
  await expect(cell(page, 1, 'status')).toHaveText('在岗');

  await focus(0);
  await page.getByRole('button', { name: '期满返岗' }).click();
  const finish = page.getByRole('dialog', { name: `期满返岗：${a}` });
  await finish.getByLabel('返岗时间').fill('2026.09');
  await finish.getByRole('button', { name: '确认返岗' }).click();
  await expect(cell(page, 0, 'status')).toHaveText('已返岗');
  await page.getByRole('button', { name: '返岗后去向' }).click();
  const outcome = page.getByRole('dialog', { name: `返岗后去向：${a}` });
  await outcome.getByLabel('使用情况').selectOption('提拔');
  await outcome.getByLabel('时间').fill('2026.10');
  await outcome.getByLabel('新任职务').fill('滨江市发展和改革委员会副主任');
  await outcome.getByRole('button', { name: '保存' }).click();
  await expect(cell(page, 0, 'outcome')).toHaveText('提拔');
  await expect(page.getByLabel('批次统计数字').locator('.sd-figure', { hasText: '提拔重用' })).toContainText('1 人');

  await page.getByRole('toolbar').getByRole('button', { name: '新增人员' }).click();
  const person = page.getByRole('dialog', { name: '新增人员' });
  await person.getByLabel('姓名').fill('林晓');
  await person.getByLabel('性别').selectOption('女');
  await person.getByLabel('出生年月').fill('1990.06');
  await person.getByLabel('单位', { exact: true }).fill('滨江市商务局');
  await person.getByLabel('职务', { exact: true }).fill('外贸科科长');
  await person.getByRole('button', { name: '加入名册和批次' }).click();
  await expect(page.getByRole('status')).toContainText('已将「林晓」加入名册和本批次');
  await expect(member('林晓')).toHaveCount(1);
  await shot(page, 'actions');
});

test('village rotations: the demo figures; a new rotation, a cadre sent from the roster, a 调换 with reason and sending unit, undo', async ({ page }) => {
  // Two cadres of the demo's batch 1 (2018.03—2019.03): free from 2025.07.
  await page.goto(host.url + '#/batch/1');
  await expect(cell(page, 1, 'name')).not.toBeEmpty();
  const [first, second] = await Promise.all([0, 1].map(async i => (await cell(page, i, 'name').innerText()).trim()));

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '驻村干部' }).click();
  await page.getByRole('button', { name: /^第二轮驻村/ }).click();
  const figures = page.getByLabel('轮次统计');
  const figure = (label: string) => figures.locator('.sd-figure', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
  const count = async (label: string) => Number((await figure(label).locator('strong').innerText()).trim());
  await expect(figure('覆盖村')).toContainText('8 个');
  // The first rotation's figures may still be shown for a moment (it kept nobody): wait for the second's.
  await expect.poll(() => count('留任')).toBeGreaterThan(0);
  await expect.poll(() => count('新选派')).toBeGreaterThan(0);
  // 留任 counts the grid's rows of that kind
  await expect(page.locator('.sd-grid .ag-cell[col-id="kind"]').filter({ hasText: /^留任$/ })).toHaveCount(await count('留任'));
  await shot(page, 'village');

  await page.getByRole('button', { name: '新建轮次' }).click();
  const rotation = page.getByRole('dialog', { name: '新建驻村轮次' });
  await rotation.getByLabel('轮次名称').fill('第三轮驻村');
  await rotation.getByLabel('开始时间').fill('2025.07');
  await rotation.getByLabel('结束时间').fill('2027.07');
  await rotation.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存驻村轮次「第三轮驻村」');
  await expect(page.getByRole('heading', { level: 2, name: '第三轮驻村' })).toBeVisible();

  await page.getByRole('toolbar').getByRole('button', { name: '从名册选派' }).click();
  const send = page.getByRole('dialog', { name: '从名册选派驻村干部' });
  const villages = send.getByRole('combobox', { name: /^村/ });
  await villages.selectOption({ index: 0 });
  // shown as 县区 乡镇 村（类型）
  const village = (await villages.locator('option:checked').innerText()).split(' ').pop()!.replace(/（.*$/, '');
  await send.getByRole('searchbox', { name: '查找干部' }).fill(first);
  await send
    .getByLabel(new RegExp(`^选择 ${first}（`))
    .first()
    .check();
  await send.getByRole('button', { name: '选派（1）' }).click();
  await expect(page.getByRole('status')).toContainText(`已选派 ${first} 驻村`);
  await expect(cell(page, 0, 'name')).toHaveText(first);
  await expect(cell(page, 0, 'role')).toHaveText('第一书记');
  await expect(cell(page, 0, 'startDate')).toHaveText('2025.07');
  await expect(figure('新选派')).toContainText('1 人');

  await cell(page, 0, 'gender').click();
  await page.getByRole('button', { name: `调换：${first}` }).click();
  const dialog = page.getByRole('dialog', { name: `驻村调换：${village} ${first}` });
  await dialog.getByLabel('调换时间').fill('2026.01');
  await dialog.getByLabel('接替人员派出单位').fill('滨江市农业农村局');
  await dialog.getByLabel('调换原因').fill('因病调整');
  await dialog.getByRole('searchbox', { name: '查找接替人员' }).fill(second);
  await dialog
    .getByLabel(new RegExp(`^选择 ${second}（`))
    .first()
    .check();
  await shot(page, 'village-replace');
  await dialog.getByRole('button', { name: '确认调换' }).click();
  await expect(page.getByRole('status')).toContainText(`已调换：「${second}」接替「${first}」驻${village}`);
  await expect(figure('调换')).toContainText('1 人');
  await expect(cell(page, 0, 'status')).toHaveText('已调换');
  await page.getByText(/^调换情况（/).click();
  const row = page.getByRole('table', { name: '调换情况' }).locator('tbody tr');
  await expect(row).toContainText(first);
  await expect(row).toContainText('因病调整');
  await expect(row).toContainText('滨江市农业农村局');

  await page.getByRole('button', { name: /^撤销：驻村调换/ }).click();
  await expect(page.getByRole('status')).toContainText(`已撤销：驻村调换：「${second}」接替「${first}」`);
  await expect(figure('调换')).toContainText('0 人');
  await expect(cell(page, 0, 'status')).toHaveText('在岗');
});
