/**
 * The clerk's walk (issue 16): every page of the demo at 1366×768, as a new section clerk opens
 * them — the sidebar's entries, 干部名册 with its dialogs, the 任免审批表, 挂职, 驻村, 考核,
 * 统计分析, 工作提醒, 职数, 历史库, 审计日志, 数据与备份, 导入导出 — and on each: no English a
 * clerk would read (beyond file kinds and key names), no ISO timestamps, no text cut off
 * inside its button, no page wider than the window, and the page's main action in reach. Text is read from the DOM, not the
 * pixels (headless Chromium here may lack CJK fonts); screenshots go to /tmp for a person.
 */
import os from 'node:os';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { hostPerTest } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

const host = hostPerTest({ demo: true });

/**
 * Latin words a clerk may meet: products and file kinds (file extensions are left out before
 * this list is asked), key names, size units, the pinyin search's own examples, the backup
 * folder's real name. Command lines and file paths are shown as <code> and not read.
 */
const ALLOWED = new Set([
  ...['Excel', 'WPS', 'CSV', 'PNG', 'PDF', 'SQLite', 'A4', 'KB', 'MB', 'GB', 'backups'],
  ...['Ctrl', 'Shift', 'Alt', 'Enter', 'Esc', 'Tab', 'F2', 'Ctrl+D', 'Ctrl+V', 'Ctrl+Z', 'Ctrl+Y', 'Ctrl+Enter'],
  ...['zs', 'zhangsan'],
]);

interface Finding {
  page: string;
  kind: 'english' | 'iso' | 'overflow';
  text: string;
}

/** What the page shows (visible text, placeholders, titles of visible buttons) and where text overflows its button. */
async function survey(page: Page, name: string, osUser: string): Promise<Finding[]> {
  const found = await page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const t = n.textContent?.trim();
      if (!t || !el || el.closest('script, style, option, code') || !visible(el)) continue;
      texts.push(t);
    }
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) if (visible(el)) texts.push((el as HTMLInputElement).placeholder);
    for (const el of document.querySelectorAll('select')) if (visible(el)) texts.push((el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    for (const el of document.querySelectorAll('button[title], a[title]')) if (visible(el)) texts.push(el.getAttribute('title') ?? '');
    const overflow: string[] = [];
    for (const el of document.querySelectorAll('button, [role="tab"], a.button')) {
      if (!visible(el)) continue;
      const b = el as HTMLElement;
      if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 2) overflow.push(b.innerText.trim() || b.getAttribute('aria-label') || '');
    }
    // A page wider than the window hides its right edge at 1366 px.
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) overflow.push(`整页宽 ${doc.scrollWidth}px，超出窗口`);
    return { texts, overflow };
  });
  const out: Finding[] = [];
  for (const t of found.texts) {
    // File extensions (.xlsx, .et) are file kinds, not words.
    const words = (t.replace(/\.[A-Za-z]+\b/g, '').match(/[A-Za-z][A-Za-z0-9+_-]*/g) ?? []).filter(
      w => !ALLOWED.has(w) && w !== osUser && !/^[A-Za-z]\d*$/.test(w),
    );
    if (words.length) out.push({ page: name, kind: 'english', text: `${words.join(' ')}  ←  ${t.slice(0, 120)}` });
    if (/\d{4}-\d{2}-\d{2}(T|\s\d)/.test(t)) out.push({ page: name, kind: 'iso', text: t.slice(0, 120) });
  }
  for (const t of found.overflow) out.push({ page: name, kind: 'overflow', text: t });
  return out;
}

const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

/** A page's main action: in the layout, enabled, and on screen or reachable by scrolling its area. */
async function reachable(l: Locator, what: string, enabled = true) {
  await expect(l, what).toBeVisible();
  if (enabled) await expect(l, what).toBeEnabled();
  await l.scrollIntoViewIfNeeded();
  await expect(l, what).toBeInViewport();
}

test('every page reads in Chinese, shows no raw timestamps or cut-off buttons, and has its main action in reach', async ({ page }) => {
  test.setTimeout(180_000);
  page.on('dialog', d => void d.dismiss());
  const findings: Finding[] = [];
  // The demo stamps the OS user as operator until someone confirms a name: a name, not English.
  const osUser = os.userInfo().username;
  let shotNo = 0;
  const look = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `/tmp/clerk-walk-${String(++shotNo).padStart(2, '0')}-${name}.png` });
    const seen = await survey(page, name, osUser);
    for (const f of seen) console.log(`${f.page}\t${f.kind}\t${f.text}`);
    findings.push(...seen);
  };
  const open = async (label: string, heading: string | RegExp) => {
    await nav(page)
      .getByRole('link', { name: new RegExp(`^${label}`) })
      .click();
    await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(heading);
  };
  const roster = page.getByRole('toolbar', { name: '名册操作' });

  // 干部名册 and its dialogs.
  await page.goto(host().url);
  await open('干部名册', '干部名册');
  await expect(page.locator('.roster .count')).toHaveText(/共 \d+ 人/);
  await reachable(roster.getByRole('button', { name: '新增干部' }), '干部名册：新增干部');
  await look('roster');
  await roster.getByRole('button', { name: '选择列' }).click();
  await look('roster-columns');
  await roster.getByRole('button', { name: '选择列' }).click();
  await roster.getByRole('button', { name: /^组合查询/ }).click();
  await look('roster-query');
  await roster.getByRole('button', { name: /^组合查询/ }).click();
  await roster.getByRole('button', { name: '导出' }).click();
  await look('roster-export');
  await roster.getByRole('button', { name: '导出' }).click();
  await roster.getByRole('button', { name: '回收站' }).click();
  await look('roster-bin');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /关闭|×/ })
    .first()
    .click();
  await page.locator('.roster .ag-row[row-index="0"] .ag-selection-checkbox input').first().check();
  await page.locator('.roster .ag-row[row-index="1"] .ag-selection-checkbox input').first().check();
  await roster.getByRole('button', { name: '职务变动…' }).click();
  await expect(page.getByRole('dialog', { name: /登记职务变动：2 名干部/ })).toBeVisible();
  await look('roster-notice');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  const units = page.getByRole('toolbar', { name: '单位操作' });
  await page.getByRole('tree').getByRole('button', { name: '滨河区', exact: true }).click();
  for (const tool of ['新增单位', '修改', '移动到…', '合并到…']) {
    await units.getByRole('button', { name: tool }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await look(`unit-${tool.replace('…', '')}`);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  }
  await roster.getByRole('button', { name: '历史库' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('干部名册 · 历史库');
  await reachable(roster.getByRole('button', { name: '恢复到名册…' }), '历史库：恢复到名册');
  await look('history');
  await roster.getByRole('button', { name: '历史库' }).click();

  // 新增干部 and a cadre's 任免审批表 with its tabs.
  await roster.getByRole('button', { name: '新增干部' }).click();
  await expect(page.getByRole('heading', { name: '新增干部' })).toBeVisible();
  // Enabled once a name is typed: in sight from the start.
  await reachable(page.getByRole('button', { name: '保存为新干部' }), '新增干部：保存', false);
  await look('cadre-new');
  await page.goBack();
  await page.locator('.roster .ag-row[row-index="0"] .ag-cell[col-id="name"]').first().dblclick();
  await expect(page.getByRole('heading', { name: '干部任免审批表' })).toBeVisible();
  await look('cadre-form');
  for (const tab of await page.getByRole('tablist', { name: '干部详情' }).getByRole('tab').all()) {
    const label = (await tab.innerText()).trim();
    await tab.click();
    await look(`cadre-${label}`);
  }

  // 职数 (from the tree's toolbar).
  await open('干部名册', '干部名册');
  await units.getByRole('button', { name: '职数' }).click();
  await expect(page.getByRole('heading', { name: '领导职数' })).toBeVisible();
  await reachable(page.getByRole('button', { name: '保存职数' }), '职数：保存职数');
  await look('quota');

  // 工作提醒 and 数据质量.
  await open('工作提醒', '工作提醒');
  await reachable(page.getByRole('button', { name: '导出 Excel' }), '工作提醒：导出');
  await look('reminders');
  await page.getByRole('tab', { name: /数据质量/ }).click();
  await look('quality');

  // 挂职: the batches, one batch.
  await open('挂职批次', '挂职批次');
  await reachable(page.getByRole('toolbar', { name: '批次操作' }).getByRole('button', { name: '新增批次' }), '挂职批次：新增批次');
  await look('batches');
  await page.locator('.sd-grid').getByRole('link').first().click();
  await reachable(page.getByRole('toolbar').getByRole('button', { name: '从名册添加' }), '批次：从名册添加');
  await look('batch');

  // 驻村.
  await open('驻村干部', '驻村干部');
  await reachable(page.getByRole('toolbar', { name: '驻村操作' }).getByRole('button', { name: '从名册选派' }), '驻村：从名册选派');
  await look('village');

  // 考核: the sets, a set, a round.
  await open('考核指标', /考核/);
  await look('indicators');
  await page.goto(host().url + '#/set/1');
  await look('set');
  await page.goto(host().url + '#/round/1');
  await reachable(page.getByRole('button', { name: '导出评分表' }), '考核轮次：导出评分表');
  await look('round');

  // 统计分析: every tab.
  await open('统计分析', '统计分析');
  for (const tab of ['结构统计', '对比分析', '班子分析', '挂职与驻村']) {
    await page.getByRole('tab', { name: tab }).click();
    await look(`stats-${tab}`);
  }
  await page.getByRole('tab', { name: '结构统计' }).click();
  await reachable(page.getByRole('button', { name: '导出 Excel' }), '统计分析：导出 Excel');

  // 导入导出, 审计日志, 数据与备份.
  await open('导入导出', '导入导出');
  await look('io');
  await open('审计日志', '审计日志');
  await reachable(page.getByRole('button', { name: '导出 Excel' }), '审计日志：导出 Excel');
  await look('audit');
  await open('数据与备份', '数据与备份');
  await reachable(page.getByRole('button', { name: /立即备份/ }), '数据与备份：立即备份');
  await look('data');

  expect(findings).toEqual([]);
});
