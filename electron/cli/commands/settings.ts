/** cadre settings: the department's own settings (本单位名称, the 填报单位 of every export). */
import { json, type Command } from '../command';

export const settingsCommands: Command[] = [
  {
    words: ['settings', 'unit-name'],
    args: '[名称]',
    positional: { min: 0, max: 1 },
    summary: '本单位名称（各导出文件的“填报单位”、任免审批表文件的呈报单位）：不带名称时显示，带名称时修改（"" 清空）',
    options: { json },
    async run(ctx, opts, [name]) {
      const r = name === undefined ? await ctx.call('getUnitName', {}) : await ctx.call('setUnitName', { name });
      if (opts.json) ctx.printJson(r);
      else if (name === undefined) ctx.print(r.name ? `本单位名称：${r.name}` : '还没有设置本单位名称');
      else ctx.print(r.name ? `已将本单位名称设为「${r.name}」` : '已清空本单位名称');
    },
  },
];
