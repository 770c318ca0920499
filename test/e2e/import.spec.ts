import { expect, test, type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { makeIdNumber } from '../../shared/domain/common/idcard';
import { startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

const HEADER = ['姓名', '性别', '出生年月', '民族', '身份证号', '单位', '现任职务'];
const GOOD = [
  ['导入测甲', '男', '1985.03', '汉族', makeIdNumber('110101', '1985-03-15', 11, '男'), '导入测试局', '科长'],
  ['导入测乙', '女', '1990.07', '汉', makeIdNumber('110101', '1990-07-02', 22, '女'), '导入测试局', '副科长'],
];
const BAD = ['导入测丙', '男', '1985.13', '汉族', makeIdNumber('110101', '1985-11-20', 33, '男'), '导入测试局', '科员'];

/** A workbook as offices make them: title rows, then the header, then the data. */
function workbook(rows: unknown[][], header: unknown[] = HEADER, title: unknown[][] = [['干部名册']]): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([...title, header, ...rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '名册');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function upload(page: Page, name: string, buffer: Buffer, mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  await page.getByLabel('选择要导入的文件').setInputFiles({ name, mimeType, buffer });
}

async function openPage(page: Page) {
  await page.goto(host.url);
  await page.getByRole('link', { name: '导入导出' }).click();
  await expect(page.getByRole('heading', { name: '导入导出' })).toBeVisible();
}

test('导入干部名册: errors block the import; the corrected file adds two cadres', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await openPage(page);

  // a file with a bad date in row 5 (title row 1, header row 2, data from row 3), column C
  await upload(page, '名册-有错.xlsx', workbook([...GOOD, BAD]));
  const mapping = page.getByRole('table', { name: '列的对应关系' });
  await expect(mapping).toBeVisible();
  await expect(page.getByLabel('“姓名”导入为')).toHaveValue('name');
  await expect(page.getByLabel('“出生年月”导入为')).toHaveValue('birth');
  await expect(page.getByLabel('“身份证号”导入为')).toHaveValue('idNumber');
  await expect(page.locator('.io-layout')).toContainText('第 2 行');
  await page.getByRole('button', { name: '检查', exact: true }).click();

  const issues = page.getByRole('table', { name: '问题列表' });
  await expect(issues).toBeVisible();
  const errorRow = issues
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '5', exact: true }) })
    .filter({ has: page.getByRole('cell', { name: 'C', exact: true }) });
  await expect(errorRow.first()).toContainText('错误');
  await expect(errorRow.first()).toContainText('名册-有错.xlsx');
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await expect(page.locator('.io-reason')).toContainText('错误');

  // the corrected file
  await upload(page, '名册-改正.xlsx', workbook(GOOD));
  await expect(page.getByLabel('“出生年月”导入为')).toHaveValue('birth');
  await page.getByRole('button', { name: '检查', exact: true }).click();
  await expect(page.getByLabel('检查结果统计')).toContainText('新增 2');
  await expect(page.getByLabel('检查结果统计')).toContainText('错误 0');
  await expect(page.getByRole('tabpanel')).toContainText('导入测甲');
  const commit = page.getByRole('button', { name: '确认导入' });
  await expect(commit).toBeEnabled();
  await commit.click();
  await expect(page.locator('.io-result')).toContainText('新增 2');
  await expect(page.locator('.io-result')).toContainText('撤销');
  await expect(page.getByRole('table', { name: '导入记录' })).toContainText('名册-改正.xlsx');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.goto(`${new URL(host.url).origin}/#/roster`);
  await expect(page.locator('.count')).toHaveText('共 590 人');
});

/** A route called the way the page's client does (browser mode). */
async function api<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, body]) => {
      const token = sessionStorage.getItem('cadre-token') ?? '';
      const res = await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-cadre-token': token }, body });
      return ((await res.json()) as { data: unknown }).data;
    },
    [method, JSON.stringify(input)] as const,
  ) as Promise<T>;
}

test('a real-world sheet: the wizard asks before dropping a column with data; 单位及职务 split; year columns; rows left out listed', async ({ page }) => {
  await openPage(page);
  // A unit of the tree whose name no other unit has: 单位及职务 starting with it is split there.
  const units = await api<{ name: string }[]>(page, 'listUnits', {});
  const unit = units.map(u => u.name).find((n, _i, all) => n.length >= 4 && all.filter(m => m === n).length === 1)!;
  const rows = [
    ['实景甲', '男', '1986.05.17', makeIdNumber('110101', '1986-05-17', 41, '男'), `${unit}副局长`, '优秀', '称职', '书法'],
    ['实景乙', '', '', makeIdNumber('110101', '1991-02-03', 42, '女'), '某某集团总经理', '称职', '称职', ''],
    ['合计', '', '', '', '', '', '', ''],
  ];
  const file = workbook(
    rows,
    ['姓名', '性别', '出生年月', '身份证号', '所在单位及职务', '2024年', '2025年考核结果', '爱好'],
    [['XX市干部名册'], ['填报单位：市委组织部    填报日期：2025年12月']],
  );
  await upload(page, '实景名册.xlsx', file);
  await expect(page.getByLabel('“所在单位及职务”导入为')).toHaveValue('unitPost');
  await expect(page.getByLabel('“2024年”导入为')).toHaveValue('year:2024');
  await expect(page.getByLabel('“爱好”导入为')).toHaveValue('');
  await page.getByRole('button', { name: '检查', exact: true }).click();
  // The 爱好 column holds data: asked first, nothing checked yet.
  const ask = page.getByRole('alertdialog', { name: '确认不导入的列' });
  await expect(ask).toContainText('「爱好」（名册 H 列）');
  await ask.getByRole('button', { name: '返回修改对应关系' }).click();
  await expect(ask).toHaveCount(0);
  await page.getByRole('button', { name: '检查', exact: true }).click();
  await page.getByRole('alertdialog', { name: '确认不导入的列' }).getByRole('button', { name: '不导入这些列，继续检查' }).click();

  await expect(page.getByLabel('检查结果统计')).toContainText('新增 2');
  await expect(page.getByLabel('检查结果统计')).toContainText('错误 0');
  // 性别 and 出生年月 taken from the ID, with a warning; the day of 1986.05.17 dropped.
  await expect(page.getByRole('tabpanel')).toContainText('出生年月：1986.05');
  await expect(page.getByRole('tabpanel')).toContainText('性别：女');
  await page.getByRole('tab', { name: /^问题/ }).click();
  await expect(page.getByRole('table', { name: '问题列表' })).toContainText('性别为空，由身份证号推出：女');
  await expect(page.getByRole('table', { name: '问题列表' })).toContainText('「爱好」列（H 列）有数据，但没有对应任何项目，未导入');
  await page.getByRole('tab', { name: /^未导入的列与行/ }).click();
  await expect(page.getByRole('table', { name: '未导入的列' })).toContainText('爱好');
  await expect(page.getByRole('table', { name: '跳过的行' })).toContainText('合计/小计行');
  const splits = page.getByRole('table', { name: '单位及职务的拆分' });
  await expect(splits.getByRole('row', { name: new RegExp(`${unit}副局长`) })).toContainText('按单位树拆分');
  await expect(splits.getByRole('row', { name: /某某集团总经理/ })).toContainText('市委组织部');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('.io-result')).toContainText('新增 2');

  await page.goto(`${new URL(host.url).origin}/#/roster`);
  await page.getByPlaceholder('姓名、拼音（zs / zhangsan）、身份证号、职务').fill('实景甲');
  await expect(page.locator('.count')).toHaveText(/共 1 人/);
  // 1986.05.17 kept as year-month; the unit and post as split (columns off screen: read through the same API)
  await expect(page.getByRole('gridcell', { name: /^1986\.05\(/ })).toBeVisible();
  const stored = (await api<{ name: string; unit: string; post: string }[]>(page, 'listCadres', { search: '实景' })).map(c => [c.name, c.unit, c.post]);
  expect(stored).toEqual([
    ['实景甲', unit, '副局长'],
    ['实景乙', '市委组织部', '某某集团总经理'],
  ]);
});

test('导出任免审批表 downloads a .zip; an exported .lrmx file goes through the same wizard and previews as unchanged', async ({ page }) => {
  await openPage(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出任免审批表 (.lrmx)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);

  // one cadre's .lrmx, fetched the way the page's client does (browser mode)
  const file = await api<{ fileName: string; base64: string }>(page, 'exportLrmx', { ids: [1] });
  expect(file.fileName).toMatch(/\.lrmx$/);
  await upload(page, file.fileName, Buffer.from(file.base64, 'base64'), 'application/xml');
  // A person's form needs no mapping: checked straight away.
  await expect(page.getByLabel('检查结果统计')).toContainText('不变 1');
  await expect(page.getByLabel('检查结果统计')).toContainText('错误 0');
  // nothing to write: 确认导入 says why it is disabled
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await expect(page.locator('.io-reason')).toContainText('没有需要写入的内容');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('下载导入模板 downloads an .xlsx file', async ({ page }) => {
  await openPage(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});

test('导入年度考核结果: a wide sheet by ID into cadres already in the roster', async ({ page }) => {
  await openPage(page);
  // Two demo cadres, by the ID the roster holds.
  const people = (await api<{ name: string; idNumber: string }[]>(page, 'listCadres', {})).filter(c => c.idNumber).slice(0, 2);
  await page.getByRole('radio', { name: '年度考核结果' }).check();
  await expect(page.getByRole('heading', { name: '导入年度考核结果' })).toBeVisible();
  await upload(
    page,
    '年度考核.xlsx',
    workbook(
      people.map(p => [p.idNumber, p.name, '优秀', '称职']),
      ['身份证号', '姓名', '2030年', '2031年度考核'],
      [['2030—2031年度考核结果']],
    ),
  );
  await expect(page.getByLabel('“2030年”导入为')).toHaveValue('year:2030');
  await page.getByRole('button', { name: '检查', exact: true }).click();
  await expect(page.getByLabel('检查结果统计')).toContainText('更新 2');
  await page.getByRole('tab', { name: /^更新/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText('2030年度考核结果：（空） → 优秀');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('.io-result')).toContainText('更新 2');
  await expect(page.getByRole('table', { name: '导入记录' })).toContainText('年度考核结果');
});

test('任免审批表 with a broken file: blocked until 跳过有误的文件 is chosen, then the rest is imported and the broken one named', async ({ page }) => {
  await openPage(page);
  const person = `<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>审批表测丁</XingMing><XingBie>女</XingBie><ShenFenZheng>${makeIdNumber('110101', '1988-04-09', 44, '女')}</ShenFenZheng></Person>`;
  await page.getByLabel('选择要导入的文件').setInputFiles([
    { name: '审批表测丁.lrmx', mimeType: 'application/xml', buffer: Buffer.from(person) },
    { name: '损坏.lrmx', mimeType: 'application/xml', buffer: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>残缺') },
  ]);
  const commit = page.getByRole('button', { name: '确认导入' });
  await expect(page.getByRole('table', { name: '问题列表' })).toContainText('损坏.lrmx');
  await expect(commit).toBeDisabled();

  await page.getByLabel(/跳过有误的文件/).check();
  await expect(page.getByRole('status', { name: '跳过的文件' })).toContainText('损坏.lrmx：');
  await expect(page.getByLabel('检查结果统计')).toContainText('新增 1');
  await expect(commit).toBeEnabled();
  await commit.click();
  await expect(page.locator('.io-result')).toContainText('新增 1');
});

test('a sheet naming someone in the 历史库: their own group, nothing written; 重新调入 brings them back', async ({ page }) => {
  await openPage(page);
  const [gone] = (
    await api<{ id: number; name: string; idNumber: string; status: string; post: string }[]>(page, 'listCadreRecords', { status: 'history' })
  ).filter(c => c.idNumber);
  expect(gone).toBeTruthy();
  await upload(page, '名册-含历史库.xlsx', workbook([[gone.name, '', '', '', gone.idNumber, '', '重新起用后职务']]));
  await page.getByRole('button', { name: '检查', exact: true }).click();
  await expect(page.getByLabel('检查结果统计')).toContainText('历史库中已有 1');
  await page.getByRole('tab', { name: /^历史库中已有/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText(`历史库中已有此人（`);
  await expect(page.getByRole('tabpanel')).toContainText(gone.name);
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();

  await page.getByLabel(/重新调入/).check();
  await expect(page.getByLabel('检查结果统计')).toContainText('更新 1');
  await page.getByRole('tab', { name: /^更新/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText(`状态：${gone.status} → 在职`);
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.locator('.io-result')).toContainText('更新 1');
  expect(await api<{ status: string; post: string }>(page, 'getCadre', { id: gone.id })).toMatchObject({ status: '在职', post: '重新起用后职务' });
});
