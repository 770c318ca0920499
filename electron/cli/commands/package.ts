/**
 * cadre package export | import: 上报 and 接收/汇总 through the same routes the
 * 数据与备份 page calls (exportPackage, previewPackages, mergePackages).
 * A damaged, tampered or newer package is refused (exit 1, a Chinese reason,
 * nothing written); --dry-run previews without writing.
 */
import path from 'node:path';
import type { PackagePreview } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { secondmentCountsText } from '../../../shared/domain/package/conflicts';
import { PACKAGE_CHOICE_LABELS, PACKAGE_CHOICES, packageContentsText, type PackageChoice } from '../../../shared/domain/package/manifest';
import { idArg, json, UsageError, type Command } from '../command';

/** Conflicts as the JSON answer lists them. */
/** --without photos,events: the optional parts left out, each a known name. */
function withoutArg(raw: string | undefined): PackageChoice[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw.split(/[,，\s]+/).filter(Boolean);
  const known = PACKAGE_CHOICES.map(c => `${c}（${PACKAGE_CHOICE_LABELS[c]}）`).join('、');
  for (const n of names) if (!(PACKAGE_CHOICES as readonly string[]).includes(n)) throw new UsageError(`--without 中的「${n}」不是可选内容，可选：${known}`);
  if (!names.length) throw new UsageError(`--without 后请写要不包含的内容，可选：${known}`);
  return names as PackageChoice[];
}

const conflictsOf = (p: PackagePreview) =>
  p.conflicts.map(c => ({ kind: c.kind, name: c.name, idNumber: c.idNumber, sender: c.sender, message: c.message, fields: c.fields }));

export const packageCommands: Command[] = [
  {
    words: ['package', 'export'],
    summary:
      '上报：把一个单位（含下级，默认全部）的干部、单位及照片、职务变动、职数、挂职批次、驻村、年度考核写成一个数据包（.cadrepkg），可不含其中几项，可附干部名册和任免审批表',
    options: {
      unit: { kind: 'value', arg: '单位编号', help: '只上报该单位及其下级单位' },
      date: { kind: 'value', arg: 'YYYY-MM-DD', help: '报送日期（默认今天）' },
      'with-xlsx': { kind: 'flag', help: '附干部名册（.xlsx）' },
      'with-lrmx': { kind: 'flag', help: '每名干部附一份任免审批表（.lrmx）' },
      without: { kind: 'value', arg: '内容,…', help: `不包含的内容（逗号分隔）：${PACKAGE_CHOICES.join(',')}` },
      out: { kind: 'value', arg: '文件', help: '数据包文件（.cadrepkg）' },
      json,
    },
    async run(ctx, opts) {
      if (typeof opts.out !== 'string') throw new UsageError('请用 --out 指定数据包文件（.cadrepkg）');
      const without = withoutArg(typeof opts.without === 'string' ? opts.without : undefined);
      const r = await ctx.call('exportPackage', {
        unitId: typeof opts.unit === 'string' ? idArg(opts.unit, '单位') : undefined,
        date: typeof opts.date === 'string' ? opts.date : undefined,
        withXlsx: !!opts['with-xlsx'],
        withLrmx: !!opts['with-lrmx'],
        without,
        outPath: path.resolve(opts.out),
      });
      if (opts.json) {
        const { path: file, cadres, units, events, quotas, batches, members, villages, assignments, includes, sha256 } = r;
        ctx.printJson({ file, cadres, units, events, quotas, batches, members, villages, assignments, includes, sha256 });
      } else ctx.print(`已生成数据包「${r.path}」：${packageContentsText(r, r.includes)}。校验值（SHA-256）：${r.sha256}`);
    },
  },
  {
    words: ['package', 'import'],
    args: '文件…',
    positional: { min: 1, max: 50 },
    createsData: true,
    summary: '接收并汇总数据包：先校验（损坏、被篡改或来自更新版本的数据包拒绝接收），再与本库比对后一次写入（可撤销）；--dry-run 只预览',
    options: {
      'dry-run': { kind: 'flag', help: '只预览，不写入' },
      'on-conflict': { kind: 'value', arg: 'ours|theirs', help: '冲突时保留本库（ours，默认）或采用数据包（theirs）' },
      json,
    },
    async run(ctx, opts, files) {
      const onConflict = opts['on-conflict'] ?? 'ours';
      if (onConflict !== 'ours' && onConflict !== 'theirs') throw new UsageError('--on-conflict 只能是 ours 或 theirs');
      const preview = await ctx.call('previewPackages', { files: files.map(f => ({ path: path.resolve(f) })) });
      const base = {
        dryRun: !!opts['dry-run'],
        packages: preview.packages.map(p => ({
          file: p.file,
          sender: p.sender.name,
          referenceDate: p.referenceDate,
          sha256: p.sha256,
          cadres: p.counts.cadres,
          includes: p.includes,
        })),
        conflicts: conflictsOf(preview),
        moved: preview.moved,
        removedFromSender: preview.removedFromSender,
        errors: preview.rows.filter(r => r.action === 'error').map(r => ({ name: r.name, sender: r.sender, message: r.message })),
      };
      const c = preview.counts;
      if (opts['dry-run']) {
        if (opts.json)
          ctx.printJson({ ...base, new: c.new, changed: c.changed, unchanged: c.unchanged, unitsNew: c.unitsNew, events: c.events, ...preview.parts });
        else {
          for (const p of preview.packages) ctx.print(`「${p.file}」：${p.sender.name}，报送日期 ${formatDate(p.referenceDate)}，干部 ${p.counts.cadres} 名`);
          ctx.print(
            `预览（未写入）：新增 ${c.new}，更新 ${c.changed}，无变化 ${c.unchanged}，冲突 ${c.conflicts}，有误 ${c.errors}；新建单位 ${c.unitsNew} 个。`,
          );
          const parts = secondmentCountsText(preview.parts);
          if (parts) ctx.print(`${parts}。`);
          for (const x of preview.conflicts) ctx.print(`冲突：${x.message}`);
        }
        return 0;
      }
      const r = await ctx.call('mergePackages', { planId: preview.planId, onConflict });
      if (opts.json)
        ctx.printJson({
          ...base,
          new: r.new,
          changed: r.changed,
          unchanged: r.unchanged,
          unitsNew: r.unitsNew,
          events: r.events,
          ...r.parts,
          operation: r.operation,
        });
      else {
        ctx.print(
          `已汇总：新增 ${r.new}，更新 ${r.changed}，无变化 ${r.unchanged}，冲突 ${r.conflicts}（按${onConflict === 'ours' ? '保留本库' : '采用数据包'}处理）；新建单位 ${r.unitsNew} 个，职务变动 ${r.events} 条。`,
        );
        const parts = secondmentCountsText(r.parts);
        if (parts) ctx.print(`${parts}。`);
        for (const p of preview.removedFromSender) ctx.print(`「${p.sender}」本次未报送「${p.name}」（可能已离开或调走），本库未删除该干部。`);
        for (const p of preview.moved) ctx.print(`「${p.name}」由「${p.sender}」调至「${p.to}」。`);
      }
      return 0;
    },
  },
];
