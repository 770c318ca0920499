import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host.stop();
});

/** Independent of the app's SQL: births and genders straight from the file. */
function expectedCount(pred: (c: { birth: string; gender: string }) => boolean): number {
  const db = new BetterSqlite3(path.join(host.dataDir, 'cadre-desk.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT birth, gender FROM cadres WHERE deleted_at IS NULL').all() as { birth: string; gender: string }[];
    return rows.filter(pred).length;
  } finally {
    db.close();
  }
}

/** Completed age at 2026-11: the birthday month counts as reached (shared/domain/common/age.ts). */
const ageAt202611 = (birth: string) => 2026 - Number(birth.slice(0, 4)) - (11 < Number(birth.slice(5, 7)) ? 1 : 0);

test('组合查询: an age range at a chosen date AND 性别 returns exactly the expected cadres; saved as a view and re-opened', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await page.getByRole('button', { name: /^组合查询/ }).click();
  const builder = page.getByRole('region', { name: '组合查询' });
  const first = builder.getByRole('group', { name: '条件' }).first();
  await first.getByLabel('字段').selectOption('age');
  await first.getByLabel('比较方式').selectOption('between');
  await first.getByLabel('值', { exact: true }).fill('30');
  await first.getByLabel('值2').fill('39');
  await builder.getByLabel('计算年龄的日期').fill('2026.11.01');
  await builder.getByRole('button', { name: '查询' }).click();

  const inRange = expectedCount(c => ageAt202611(c.birth) >= 30 && ageAt202611(c.birth) <= 39);
  expect(inRange).toBeGreaterThan(20);
  await expect(page.locator('.count')).toHaveText(`共 ${inRange} 人`);
  // Applied, the panel folds to one line saying what it finds.
  await expect(builder.getByRole('group', { name: '条件' })).toHaveCount(0);
  await expect(builder).toContainText('已应用组合查询：');
  await builder.getByRole('button', { name: '修改条件' }).click();

  await builder.getByRole('button', { name: '添加条件' }).first().click();
  const second = builder.getByRole('group', { name: '条件' }).nth(1);
  await second.getByLabel('字段').selectOption('gender');
  await second.getByLabel('值', { exact: true }).fill('女');
  await builder.getByRole('button', { name: '查询' }).click();
  const women = expectedCount(c => c.gender === '女' && ageAt202611(c.birth) >= 30 && ageAt202611(c.birth) <= 39);
  expect(women).toBeGreaterThan(3);
  expect(women).toBeLessThan(inRange);
  await expect(page.locator('.count')).toHaveText(`共 ${women} 人`);
  await expect(builder).toContainText('年龄');

  await builder.getByRole('button', { name: '修改条件' }).click();
  await builder.getByLabel('方案名称').fill('三十多岁女干部');
  await builder.getByRole('button', { name: /保存为方案/ }).click();
  await expect(page.getByRole('status')).toContainText('已保存查询方案「三十多岁女干部」');

  await builder.getByRole('button', { name: '清除条件' }).click();
  await expect(page.locator('.count')).toHaveText('共 588 人');
  await builder.getByLabel('查询方案').selectOption({ label: '三十多岁女干部' });
  await builder.getByRole('button', { name: '打开' }).click();
  await expect(page.locator('.count')).toHaveText(`共 ${women} 人`);
});
