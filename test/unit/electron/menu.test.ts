import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuLabels, menuTemplate } from '../../../electron/menu';

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

/** Labels (recursively) that are missing or contain no Chinese character. */
function nonChineseLabels(template: readonly MenuItemConstructorOptions[]): string[] {
  return menuLabels(template).filter(label => !CJK.test(label));
}

const opts = (isPackaged: boolean) => ({ isPackaged, onAbout: vi.fn() });

describe('menuTemplate', () => {
  it('labels every item in Chinese (development and packaged)', () => {
    for (const packaged of [false, true]) {
      const template = menuTemplate(opts(packaged));
      expect(menuLabels(template).length).toBeGreaterThan(15);
      expect(nonChineseLabels(template)).toEqual([]);
    }
  });

  it('the check catches an English label, at any depth, and a role item without a label', () => {
    const english = menuTemplate(opts(true));
    english.push({ label: 'Help', submenu: [{ label: '关于' }] });
    expect(nonChineseLabels(english)).toEqual(['Help']);

    const nested = menuTemplate(opts(true));
    (nested[1].submenu as MenuItemConstructorOptions[]).push({ label: 'Select All', role: 'selectAll' });
    expect(nonChineseLabels(nested)).toEqual(['Select All']);

    const unlabelled = menuTemplate(opts(true));
    (unlabelled[0].submenu as MenuItemConstructorOptions[]).push({ role: 'quit' });
    expect(nonChineseLabels(unlabelled)).toEqual(['']);
  });

  it('has the five top-level menus in order', () => {
    expect(menuTemplate(opts(true)).map(m => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '窗口(&W)', '帮助(&H)']);
  });

  it('uses the standard roles for editing, so copy and paste work in the grid', () => {
    const edit = menuTemplate(opts(true))[1].submenu as MenuItemConstructorOptions[];
    const roles = edit.filter(i => i.type !== 'separator').map(i => [i.label, i.role]);
    expect(roles).toEqual([
      ['撤销', 'undo'],
      ['重做', 'redo'],
      ['剪切', 'cut'],
      ['复制', 'copy'],
      ['粘贴', 'paste'],
      ['全选', 'selectAll'],
    ]);
  });

  it('offers the developer tools only when not packaged', () => {
    expect(menuLabels(menuTemplate(opts(false)))).toContain('开发者工具');
    expect(menuLabels(menuTemplate(opts(true)))).not.toContain('开发者工具');
    const roles = JSON.stringify(menuTemplate(opts(true)));
    expect(roles).not.toContain('toggleDevTools');
  });

  it('关于干部工作台 calls onAbout; 退出 uses onQuit when given', () => {
    const o = { isPackaged: true, onAbout: vi.fn(), onQuit: vi.fn() };
    const template = menuTemplate(o);
    const about = (template[4].submenu as MenuItemConstructorOptions[])[0];
    expect(about.label).toBe('关于干部工作台');
    (about.click as () => void)();
    expect(o.onAbout).toHaveBeenCalledTimes(1);
    const quit = (template[0].submenu as MenuItemConstructorOptions[])[0];
    expect(quit.label).toBe('退出');
    (quit.click as () => void)();
    expect(o.onQuit).toHaveBeenCalledTimes(1);
    expect((menuTemplate(opts(true))[0].submenu as MenuItemConstructorOptions[])[0].role).toBe('quit');
  });
});
