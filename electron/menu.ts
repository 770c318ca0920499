/**
 * The Chinese application menu. `menuTemplate` is pure (only a type import
 * from electron) so a test can check that every label is Chinese; main.ts
 * builds it with `Menu.buildFromTemplate`.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** `app.isPackaged`: the developer tools item only exists in development. */
  isPackaged: boolean;
  /** Shows the 关于 dialog (main.ts: dialog.showMessageBox with the version). */
  onAbout: () => void;
  /** Defaults to the `quit` role. */
  onQuit?: () => void;
}

export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const quit: MenuItemConstructorOptions = opts.onQuit
    ? { label: '退出', accelerator: 'CmdOrCtrl+Q', click: () => opts.onQuit?.() }
    : { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' };

  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    { type: 'separator' },
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '切换全屏', role: 'togglefullscreen' },
  ];
  if (!opts.isPackaged) {
    view.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });
  }

  return [
    { label: '文件(&F)', submenu: [quit] },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '窗口(&W)',
      submenu: [
        { label: '最小化', role: 'minimize' },
        { label: '关闭', role: 'close' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [{ label: '关于干部工作台', click: () => opts.onAbout() }],
    },
  ];
}

/** Every label in a template, depth first (for tests and checks). */
export function menuLabels(template: readonly MenuItemConstructorOptions[]): string[] {
  const out: string[] = [];
  for (const item of template) {
    if (item.type === 'separator') continue;
    out.push(item.label ?? '');
    if (Array.isArray(item.submenu)) out.push(...menuLabels(item.submenu));
  }
  return out;
}
