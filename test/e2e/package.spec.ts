/**
 * 上报 → 接收 between two offices, each with its own data folder: a district is packaged on one
 * host's 数据与备份 page, received on the other's; a cadre edited on both sides since comes back as
 * a conflict, resolved field by field; the merged roster shows the result.
 */
import { expect, test, type Page } from '@playwright/test';
import { callHost, startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let district: RunningHost;
let city: RunningHost;
test.beforeEach(async () => {
  district = await startHost({ demo: true });
  city = await startHost();
});
test.afterEach(async () => {
  await Promise.all([district.stop(), city.stop()]);
});

/**
 * 上报 of 望江区 on the district's page, leaving out the part `without` if given; returns the
 * downloaded file's path and how many cadres it holds.
 */
async function report(page: Page, without?: string): Promise<{ file: string; cadres: number }> {
  await page.goto(`${district.url}#/data`);
  const panel = page.getByRole('region', { name: '上报' });
  await panel.getByLabel('上报范围').selectOption({ label: '望江区' });
  const parts = panel.getByRole('group', { name: '包含' });
  await expect(parts.getByRole('checkbox')).toHaveCount(6);
  for (const box of await parts.getByRole('checkbox').all()) await expect(box).toBeChecked();
  if (without) await parts.getByLabel(without).uncheck();
  const date = panel.getByLabel('报送日期');
  await date.fill('2026.12.06');
  await date.press('Tab');
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: '生成数据包' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('望江区_2026-12-06.cadrepkg');
  const done = panel.getByRole('status');
  await expect(done).toContainText('已生成数据包「望江区_2026-12-06.cadrepkg」');
  await expect(done).toContainText(without ? `未包含${without}` : '含照片、年度考核。');
  const cadres = Number((await done.textContent())!.match(/干部 (\d+) 名/)![1]);
  return { file: (await d.path())!, cadres };
}

test('上报 a district, 接收 it in another office, resolve one conflict, see the merged roster', async ({ page, request }) => {
  // The district's clerk leaves out the 驻村 records this time; batches and their members go.
  const first = await report(page, '驻村干部');
  expect(first.cadres).toBeGreaterThan(5);
  await expect(page.getByRole('region', { name: '上报' }).getByRole('status')).toContainText(/挂职批次 4 个（成员 \d+ 名）/);

  // The city's clerk starts a blank data folder, then receives.
  await page.goto(city.url);
  await page.getByRole('textbox', { name: '操作员姓名' }).fill('王科长');
  await page.getByRole('textbox', { name: '本单位名称' }).fill('中共滨江市委组织部');
  await page.getByRole('button', { name: /空白开始/ }).click();
  await expect(page.locator('.count')).toHaveText('共 0 人');
  await page.getByRole('link', { name: '数据与备份' }).click();
  const receive = page.getByRole('region', { name: '接收' });
  await receive.getByLabel('选择数据包').setInputFiles(first.file);
  await expect(receive.getByLabel('接收预览汇总')).toContainText(`新增 ${first.cadres} 名，更新 0 名，无变化 0 名，冲突 0 处`);
  await expect(receive.getByRole('table', { name: '数据包' })).toContainText('望江区');
  await expect(receive.getByRole('table', { name: '数据包' })).toContainText('驻村干部');
  await expect(receive.getByLabel('接收预览汇总')).toContainText(/。挂职批次新增 4 个、更新 0 个，成员新增 \d+ 名/);
  await receive.getByRole('button', { name: '确认汇总' }).click();
  await expect(receive.getByRole('status')).toContainText(`已汇总：新增 ${first.cadres} 名`);
  await expect(receive.getByRole('status')).toContainText('挂职批次新增 4 个');

  // 挂职批次 of the city: the programme's 第一批 with the district's members of it, and no 驻村 records.
  type Unit = { id: number; name: string };
  type Member = { name: string; cadreId: number };
  const wangjiang = (await callHost<Unit[]>(district, request, 'listUnits', {})).find(u => u.name === '望江区')!;
  const inDistrict = new Set((await callHost<{ id: number }[]>(district, request, 'listCadres', { unitId: wangjiang.id })).map(c => c.id));
  const theirBatch = (await callHost<{ id: number; name: string }[]>(district, request, 'listSecondmentBatches', {})).find(b => b.name === '第一批')!;
  const sentMembers = (await callHost<Member[]>(district, request, 'listSecondmentMembers', { batchId: theirBatch.id }))
    .filter(m => inDistrict.has(m.cadreId))
    .map(m => m.name);
  expect(sentMembers.length).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '挂职批次' }).click();
  await page.getByRole('link', { name: '第一批', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('京沈对口合作干部交流 第一批');
  const names = page.locator('.sd-grid .ag-row .ag-cell[col-id="name"]');
  await expect(names).toHaveCount(sentMembers.length);
  expect((await names.allInnerTexts()).map(n => n.trim()).sort()).toEqual([...sentMembers].sort());
  expect(await callHost<unknown[]>(city, request, 'listVillageRotations', {})).toEqual([]);

  // Both offices change the same person afterwards: the city a remark, the district the post.
  type Row = { id: number; name: string; idNumber: string; post: string };
  const sent = (await callHost<Row[]>(district, request, 'listCadres', { search: '' })).find(r => r.idNumber && r.post.includes('望江区'))!;
  const ours = (await callHost<Row[]>(city, request, 'listCadres', { search: sent.idNumber }))[0];
  expect(ours.name).toBe(sent.name);
  await callHost(city, request, 'saveCadres', { updates: [{ id: ours.id, values: { remarks: '市委组织部补充' } }] });
  await callHost(district, request, 'saveCadres', { updates: [{ id: sent.id, values: { post: '望江区人民政府副区长', remarks: '区里的备注' } }] });

  const second = await report(page);
  await page.goto(`${city.url}#/data`);
  await receive.getByLabel('选择数据包').setInputFiles(second.file);
  await expect(receive.getByLabel('接收预览汇总')).toContainText('冲突 1 处');
  const conflict = receive.getByRole('group', { name: `冲突：${sent.name}` });
  await expect(conflict).toContainText('本地已修改');
  await expect(conflict).toContainText('望江区人民政府副区长');
  // take the district's post, keep the city's remark
  await conflict.getByLabel('逐项选择').check();
  await conflict.getByLabel('采用数据包的现任职务').check();
  await receive.getByRole('button', { name: '确认汇总' }).click();
  await expect(receive.getByRole('status')).toContainText('处理冲突 1 处');

  await page.goto(city.url);
  await page.getByRole('searchbox', { name: '查找干部' }).fill(sent.name);
  await expect(page.locator('.count')).toHaveText(/^共 [1-9]\d* 人$/);
  const row = page
    .locator('.ag-row')
    .filter({ has: page.locator('.ag-cell[col-id="name"]', { hasText: sent.name }) })
    .first();
  await expect(row.locator('.ag-cell[col-id="post"]')).toHaveText('望江区人民政府副区长');
  const merged = await callHost<{ remarks: string; post: string }>(city, request, 'getCadre', { id: ours.id });
  expect(merged).toMatchObject({ post: '望江区人民政府副区长', remarks: '市委组织部补充' });
});
