/**
 * 考核指标 end to end in the browser: build a set from the Shenyang template
 * scoped to one unit, see the live weight check refuse a bad tree, create an
 * annual round, paste scores from Excel (TSV) into the grid, see totals and
 * ranks, undo / redo the paste, have a bad paste refused whole, push 优秀 over
 * the quota and be refused at 定稿 with the server's message, fix the grade,
 * finalise and see the round locked; then unlock with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { gridCell, pasteInto, scrollToLeftColumn, scrollToRightColumn } from './grid';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

const SHOTS = process.env.CADRE_SHOTS ?? '';

async function call<T>(request: APIRequestContext, method: string, input: unknown): Promise<T> {
  const url = new URL(host.url);
  const res = await request.post(`${url.origin}/api/${method}`, { headers: { 'x-cadre-token': url.searchParams.get('token') ?? '' }, data: input });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

function hashUrl(hash: string): string {
  const url = new URL(host.url);
  url.hash = hash;
  return url.toString();
}
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const cell = (page: Page, rowIndex: number, colId: string) => gridCell(page, rowIndex, colId);

/** The grid column of an indicator, found by its header text. */
async function indicatorCol(page: Page, name: string): Promise<string> {
  const header = page.locator('.ag-header-cell[col-id^="i"]', { hasText: name }).first();
  return (await header.getAttribute('col-id'))!;
}

const pasteAt = (page: Page, rowIndex: number, colId: string, tsv: string) => pasteInto(page, rowIndex, colId, tsv);

async function chooseGrade(page: Page, rowIndex: number, grade: string) {
  await cell(page, rowIndex, 'grade').dblclick();
  await page.locator('.ag-cell-inline-editing select').selectOption(grade);
}

test('a set from a template, scores pasted, quota refused at 定稿, fixed, finalised and locked', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByRole('link', { name: '考核指标' }).click();
  await expect(page.getByRole('heading', { name: '考核指标' })).toBeVisible();
  // The demo's set: the Shenyang indicators applied to batch 4.
  await expect(page.getByText('第四批挂职干部考核指标')).toBeVisible();

  // New set from the Shenyang template, scoped to one unit.
  await page.getByRole('button', { name: '新建指标体系' }).click();
  const dialog = page.getByRole('dialog', { name: '新建指标体系' });
  await dialog.getByRole('radio', { name: /沈阳挂职干部考核指标/ }).check();
  await expect(dialog.getByLabel('名称')).toHaveValue('沈阳挂职干部考核指标');
  await dialog.getByLabel('名称').fill('市民政局挂职干部考核');
  await dialog.getByRole('radio', { name: '单位（含下级）' }).check();
  const unitValue = await dialog.locator('select[aria-label="单位"] option', { hasText: '市民政局' }).first().getAttribute('value');
  await dialog.getByLabel('单位', { exact: true }).selectOption(unitValue!);
  await shot(page, 'as-new-set');
  await dialog.getByRole('button', { name: '创建' }).click();

  // The set editor: the template's tree, weights summing to 100 at each level.
  await expect(page.getByRole('heading', { name: '市民政局挂职干部考核' })).toBeVisible();
  await expect(page.locator('.count')).toContainText('范围：市民政局（含下级）');
  const participants = Number((await page.locator('.count').innerText()).match(/参评 (\d+) 人/)![1]);
  expect(participants).toBeGreaterThanOrEqual(5);
  await expect(page.getByText('一级指标权重合计 100 ✓')).toBeVisible();
  await expect(page.getByText('「调研学习」下的二级指标权重合计 100 ✓')).toBeVisible();
  await shot(page, 'as-set-editor');

  // Live weight check, and the server refuses the save with the difference.
  await page.getByLabel('招商引资 权重').fill('25');
  await expect(page.getByText('一级指标权重合计 95，差 5')).toBeVisible();
  await page.getByRole('button', { name: '保存指标' }).click();
  await expect(page.getByRole('alert')).toContainText('一级指标权重合计 95，差 5');
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByLabel('招商引资 权重')).toHaveValue('30');

  // Keep five cadres: the quota arithmetic below is for 5 people.
  await page.getByRole('tab', { name: /参评人员/ }).click();
  const table = page.getByRole('table', { name: '参评人员' });
  for (let n = participants; n > 5; n--) {
    await table.locator('tbody tr').filter({ hasText: '范围内' }).last().getByRole('button', { name: '移出' }).click();
  }
  await expect(table.locator('tbody tr').filter({ hasText: '已移出' })).toHaveCount(participants - 5);
  await expect(page.getByText('参评 5 人', { exact: false }).first()).toBeVisible();
  await shot(page, 'as-participants');

  // A new annual round.
  await page.getByRole('tab', { name: /考核轮次/ }).click();
  await page.getByRole('button', { name: '新建考核轮次' }).click();
  await expect(page.getByRole('heading', { name: /年度考核/ })).toBeVisible();
  await expect(page.locator('.as-badge')).toHaveText('进行中');

  // Settings: no grouping, 20% 四舍五入 → 5 × 20% = 1.0 → 1 place.
  await page.getByRole('button', { name: '考核设置' }).click();
  await page.getByRole('radio', { name: '不分组' }).check();
  await expect(page.getByText('分组方式已修改')).toBeVisible();
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByRole('status')).toContainText('考核设置已保存');
  await expect(page.locator('.as-summary')).toContainText('不分组');
  await page.getByRole('button', { name: '考核设置' }).click();
  await page.getByRole('radio', { name: '进一法' }).check();
  await page.getByLabel('优秀比例').fill('25');
  await expect(page.locator('.as-places')).toContainText('全体人员：5 人 × 25% = 1.25，进一法为 2 人');
  await page.getByRole('radio', { name: '四舍五入' }).check();
  await page.getByLabel('优秀比例').fill('20');
  await expect(page.locator('.as-places')).toContainText('全体人员：5 人 × 20% = 1.0，四舍五入为 1 人');
  await page.getByRole('button', { name: '收起' }).click();

  // Paste a 5 × 6 block from Excel at 招商引资: 招商引资, 项目落实, 转变观念, 提升能力, 调研报告, 学习研讨.
  const zs = await indicatorCol(page, '招商引资');
  await expect(cell(page, 4, 'name')).not.toBeEmpty();
  await pasteAt(
    page,
    0,
    zs,
    ['3\t2\t95\t95\t2\t95', '2.4\t2\t85\t85\t2\t85', '2.4亿\t1\t85\t85\t1\t85', '1.5\t1\t80\t80\t1\t80', '3\t1.6\t90\t90\t2\t90'].join('\r\n') + '\r\n',
  );
  await expect(page.getByRole('status')).toContainText('已保存：粘贴 5 行 × 6 列');
  // Hand-computed: 30×r + 25×r + 10%×s + 10%×s + 10×(½r + ½s/100) + 15×0.8 (工作状态 base 80).
  const totals = ['95.75', '87.25', '72.25', '62', '89.5'];
  const ranks = ['1', '3', '4', '5', '2'];
  const proposed = ['优秀', '称职', '称职', '基本称职', '称职'];
  for (let i = 0; i < 5; i++) {
    await expect(cell(page, i, 'total')).toHaveText(totals[i]);
    await expect(cell(page, i, 'rank')).toHaveText(ranks[i]);
    await expect(cell(page, i, 'proposed')).toHaveText(proposed[i]);
  }
  await expect(page.locator('.as-quota tbody tr').first()).toContainText('全体人员');
  await shot(page, 'as-round-scores');

  // Undo and redo the paste as one step (Ctrl+Z / Ctrl+Y on the grid).
  await cell(page, 0, 'name').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('已撤销：粘贴 5 行 × 6 列');
  await expect(cell(page, 0, 'total')).toHaveText('12');
  await page.keyboard.press('Control+y');
  await expect(page.getByRole('status')).toContainText('已重做');
  await expect(cell(page, 0, 'total')).toHaveText('95.75');

  // A paste with one bad cell is refused whole, naming the cadre and the indicator.
  const name1 = (await cell(page, 1, 'name').innerText()).trim();
  await pasteAt(page, 0, zs, '1\t1\r\n1\tabc\r\n');
  await expect(page.getByRole('alert')).toContainText(`${name1}·项目落实`);
  await expect(page.getByRole('alert')).toContainText('应填数字');
  await expect(cell(page, 0, 'total')).toHaveText('95.75');
  await expect(page.locator('.ag-cell.as-bad')).toHaveCount(1);

  // 民主测评 tallies pasted across the vote columns (at the right: scroll there so the grid renders them).
  await scrollToRightColumn(page, 'v_excellent');
  await pasteAt(page, 0, 'v_excellent', '10\t5\t0\t0\t1\r\n');
  await expect(cell(page, 0, 'democratic')).toHaveText('91.67');

  await scrollToLeftColumn(page, zs);

  // A second 优秀 by hand: over the quota, 定稿 is refused with the server's message.
  await chooseGrade(page, 4, '优秀');
  await expect(cell(page, 4, 'grade')).toHaveText('优秀＊');
  await expect(page.locator('.as-quota')).toContainText('超出 1 人');
  await page.getByRole('button', { name: '定稿' }).click();
  await expect(page.getByRole('alert')).toContainText('全体人员优秀 2 人，超出名额 1 人（5 人 × 20% = 1.0，四舍五入为 1 人）');
  await expect(page.locator('.as-badge')).toHaveText('进行中');
  await shot(page, 'as-round-over-quota');

  // Fix it: back to the proposal, then 定稿 locks the round.
  await chooseGrade(page, 4, '按拟定');
  await expect(cell(page, 4, 'grade')).toHaveText('称职');
  await page.getByRole('button', { name: '定稿' }).click();
  await expect(page.getByRole('status')).toContainText('已定稿：5 人评定等次');
  await expect(page.locator('.as-badge')).toHaveText('已定稿');
  await expect(page.getByRole('note')).toContainText('已锁定');
  await cell(page, 1, zs).dblclick();
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  await pasteAt(page, 0, zs, '1\r\n');
  await expect(page.getByRole('alert')).toContainText('已定稿锁定');
  await expect(cell(page, 0, 'total')).toHaveText('95.75');
  await shot(page, 'as-round-locked');

  // 解锁 needs a reason.
  await page.getByRole('button', { name: '解锁' }).click();
  const unlock = page.getByRole('dialog', { name: '解锁考核轮次' });
  await unlock.getByRole('button', { name: '解锁', exact: true }).click();
  await expect(unlock.getByRole('alert')).toContainText('请填写解锁原因');
  await unlock.getByRole('textbox').fill('复核发现成绩录入错误，需更正');
  await unlock.getByRole('button', { name: '解锁', exact: true }).click();
  await expect(page.locator('.as-badge')).toHaveText('进行中');

  // The list shows the set with its indicator count and round.
  await page.getByRole('link', { name: '考核指标' }).click();
  const row = page.getByRole('table', { name: '指标体系' }).locator('tbody tr').first();
  await expect(row).toContainText('市民政局挂职干部考核');
  await expect(row).toContainText('一级 7 项、二级 2 项');
  await expect(row).toContainText('进行中');
  await shot(page, 'as-list');
});

test('personalised target beside the default, a daily record, and the score sheet exported, edited and imported back', async ({ page, request }, info) => {
  test.setTimeout(120_000);
  const units = await call<{ id: number; name: string }[]>(request, 'listUnits', {});
  const unit = units.find(u => u.name === '市司法局')!;
  const set = await call<{ id: number }>(request, 'saveAssessmentSet', {
    name: '市司法局考核',
    year: 2026,
    scope: { kind: 'unit', ref: String(unit.id) },
    template: 'shenyang-secondment',
  });
  const round = await call<{ id: number }>(request, 'saveAssessmentRound', {
    setId: set.id,
    name: '2026年第一季度考核',
    kind: '季度',
    year: 2026,
    period: '第一季度',
    startDate: '2026-01',
    endDate: '2026-03',
  });

  // 个性化指标: a higher 招商引资 target for the first cadre, shown beside the set's default.
  await page.goto(hashUrl(`#/set/${set.id}`));
  await page.getByRole('tab', { name: '个性化指标' }).click();
  const first = page.getByRole('list', { name: '参评干部' }).getByRole('button').first();
  const firstName = (await first.innerText()).trim();
  await first.click();
  await page.getByLabel('招商引资 本人目标').fill('5');
  await page.getByRole('button', { name: `保存${firstName}的个性化指标` }).click();
  await expect(page.getByRole('status')).toContainText(`已保存${firstName}的个性化指标`);
  const target = page.getByRole('table', { name: `${firstName}的指标` }).locator('tr', { hasText: '招商引资' });
  await expect(target).toContainText('3亿元');
  await expect(target.getByLabel('招商引资 本人目标')).toHaveValue('5');
  await expect(first).toContainText('已个性化');
  // A weight that breaks the cadre's sum is refused with the server's message.
  await page.getByLabel('转变观念 本人权重').fill('20');
  await page.getByRole('button', { name: `保存${firstName}的个性化指标` }).click();
  await expect(page.getByRole('alert')).toContainText('一级指标权重合计 110，多 10');
  await page.getByLabel('转变观念 本人权重').fill('');
  await shot(page, 'as-personal');

  // 日常考核: +5 on 工作状态 (加减分, base 80) in the quarter.
  await page.getByRole('tab', { name: '日常考核' }).click();
  await page.getByLabel('日常考核干部').selectOption({ label: firstName });
  await page.getByLabel('日常考核日期').fill('2026.02.10');
  await page.getByLabel('日常考核指标').selectOption({ label: '工作状态' });
  await page.getByLabel('日常考核分值').fill('5');
  await page.getByLabel('日常考核事由').fill('牵头完成项目签约');
  await page.getByRole('button', { name: '记录' }).click();
  const records = page.getByRole('table', { name: '日常考核记录' });
  await expect(records).toContainText('2026.02.10');
  await expect(records).toContainText('+5');
  await shot(page, 'as-daily');

  // Scores for the first cadre by pasting; the personal target (5) and the daily record count.
  await page.goto(hashUrl(`#/round/${round.id}`));
  const zs = await indicatorCol(page, '招商引资');
  await pasteAt(page, 0, zs, '2.5\t2\t90\t90\t2\t90\r\n');
  // 30 × 2.5/5 + 25 + 9 + 9 + 10 × (½ + ½ × 0.9) + 15 × 0.85 = 15 + 25 + 18 + 9.5 + 12.75
  await expect(cell(page, 0, 'total')).toHaveText('80.25');

  // Export the 评分表, change 招商引资 to 5 in Excel, import it back.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出评分表' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/评分表\.xlsx$/);
  const file = info.outputPath('score.xlsx');
  await download.saveAs(file);
  const book = XLSX.read(fs.readFileSync(file));
  const sheet = book.Sheets[book.SheetNames[0]];
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: true, defval: null });
  const headerRow = rows.findIndex(r => r.some(v => String(v ?? '').startsWith('招商引资')));
  const col = rows[headerRow].findIndex(v => String(v ?? '').startsWith('招商引资'));
  const nameCol = rows[headerRow].indexOf('姓名');
  const dataRow = rows.findIndex((r, i) => i > headerRow && r[nameCol] === firstName);
  expect(dataRow).toBeGreaterThan(headerRow);
  sheet[XLSX.utils.encode_cell({ r: dataRow, c: col })] = { t: 'n', v: 5 };
  const edited = path.join(path.dirname(file), '评分表-修改.xlsx');
  fs.writeFileSync(edited, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
  // And a copy with a bad cell: refused with the file, sheet, row and column.
  sheet[XLSX.utils.encode_cell({ r: dataRow, c: col })] = { t: 's', v: '很多' };
  const bad = path.join(path.dirname(file), '评分表-有误.xlsx');
  fs.writeFileSync(bad, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));

  await page.getByRole('button', { name: '导入成绩' }).click();
  const dialog = page.getByRole('dialog', { name: '导入成绩' });
  await dialog.getByLabel('选择要导入的文件').setInputFiles(bad);
  await dialog.getByRole('button', { name: '检查', exact: true }).click();
  const issues = dialog.getByRole('table', { name: '问题列表' });
  await expect(issues).toContainText('招商引资');
  await expect(issues.locator('tbody tr').first()).toContainText(String(dataRow + 1));
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await dialog.getByRole('button', { name: '重新开始' }).click();
  await dialog.getByLabel('选择要导入的文件').setInputFiles(edited);
  await dialog.getByRole('button', { name: '检查', exact: true }).click();
  await expect(dialog.getByLabel('检查结果统计')).toContainText('错误 0');
  await dialog.getByRole('tab', { name: /^更新成绩/ }).click();
  await expect(dialog.getByRole('tabpanel')).toContainText('招商引资：2.5 → 5');
  await shot(page, 'as-import');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  // The wizard's own 导入完成 line and the page's message are both status lines for a moment.
  await expect(page.getByRole('status').filter({ hasText: '已导入 1 人的成绩' })).toBeVisible();
  await expect(cell(page, 0, 'total')).toHaveText('95.25');
  await expect(page.getByRole('button', { name: /^撤销：导入 评分表-修改\.xlsx/ })).toBeVisible();

  // Ctrl+D on one cell takes the value above, as in Excel.
  const secondName = (await cell(page, 1, 'name').innerText()).trim();
  await cell(page, 1, zs).click();
  await page.keyboard.press('Control+d');
  await expect(page.getByRole('status')).toContainText(`向下填充${secondName}的招商引资`);
  await expect(cell(page, 1, zs)).toHaveText('5');

  // 不定等次 needs a reason; the reason shows beside the grade.
  await chooseGrade(page, 1, '不定等次');
  const reason = page.getByRole('dialog', { name: `${secondName}：不定等次` });
  await reason.getByRole('button', { name: '确定' }).click();
  await expect(reason.getByRole('alert')).toContainText('不定等次须填写原因');
  await reason.getByRole('textbox').fill('新录用公务员试用期内');
  await reason.getByRole('button', { name: '确定' }).click();
  await expect(cell(page, 1, 'grade')).toHaveText('不定等次＊');
  await scrollToRightColumn(page, 'reason');
  await expect(cell(page, 1, 'reason')).toHaveText('新录用公务员试用期内');
});
