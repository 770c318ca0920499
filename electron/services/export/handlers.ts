import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { exportRoutes, RosterExportInput } from '../../../shared/contract/routes/exports';
import { AppError } from '../../../shared/contract/errors';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { buildRosterCsv, buildRosterXlsx, selectRosterRows, type RosterExportOptions } from './roster-xlsx';
import { buildImportTemplate } from './template';
import { historyState } from '../common/operation-log';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind lrmx/api.ts
import { commitImport, sha256 } from '../lrmx/commit';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind lrmx/api.ts
import { exportLrmxBytes, exportLrmxToDir } from '../lrmx/files';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind lrmx/api.ts
import { planImport, type PlanInput } from '../lrmx/plan';
// eslint-disable-next-line no-restricted-imports -- cross-area: to be moved behind lrmx/api.ts
import { readLrmx } from '../lrmx/read';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Plans kept for commitLrmx: the latest few, for an hour. */
const MAX_PLANS = 4;
const PLAN_TTL_MS = 60 * 60 * 1000;

interface StoredPlan {
  inputs: PlanInput[];
  sources: { name: string; sha256: string }[];
  at: number;
}

export function decodeUpload(base64: string): Buffer {
  const body = base64.replace(/\s+/g, '');
  if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new AppError('VALIDATION', '上传的文件内容无法读取（不是有效的 base64 编码）');
  return Buffer.from(body, 'base64');
}

/** A file name: no folder part, no characters Windows refuses. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f]/g, '') || '未命名.lrmx';
}

/**
 * Writes an export where the save dialog pointed, refusing any other kind of
 * file: the renderer passes this path, so it must not become a way to write
 * arbitrary files. Written beside the target first, then renamed.
 */
export function writeExport(outPath: string, allowed: string[], bytes: Uint8Array): string {
  const target = path.resolve(outPath);
  const ext = path.extname(target).toLowerCase();
  if (!allowed.includes(ext)) throw new AppError('VALIDATION', `只能保存为 ${allowed.join(' 或 ')} 文件`);
  if (!fs.existsSync(path.dirname(target))) throw new AppError('NOT_FOUND', `文件夹「${path.dirname(target)}」不存在`);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('VALIDATION', `无法写入「${target}」：${(err as NodeJS.ErrnoException).code ?? '写入失败'}`);
  }
  return target;
}

/** The answer for a file: written to outPath, or returned as base64. */
function deliver(fileName: string, mime: string, bytes: Uint8Array, outPath: string | undefined, allowed: string[]) {
  if (!outPath) return { fileName, mime, base64: Buffer.from(bytes).toString('base64'), path: null };
  const written = writeExport(outPath, allowed, bytes);
  return { fileName: path.basename(written), mime, base64: null, path: written };
}

function safeTitle(title: string): string {
  return title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim().slice(0, 60) || '干部名册';
}

export function exportHandlers({ db }: ServiceContext): HandlersOf<typeof exportRoutes> {
  const plans = new Map<string, StoredPlan>();

  const rosterOptions = (input: RosterExportInput): RosterExportOptions => {
    const date = input.date ?? todayCanonical();
    return {
      columns: input.columns,
      rows: selectRosterRows(db, { ids: input.ids, view: input.view, today: input.ageRefDate ?? date }),
      title: input.title,
      reportingUnit: input.reportingUnit,
      date,
      ageRef: input.ageRefDate,
      birthWithAge: input.birthWithAge,
    };
  };
  const fileStem = (input: RosterExportInput) => `${safeTitle(input.title ?? '干部名册')}_${(input.date ?? todayCanonical()).replaceAll('-', '')}`;

  const readUploads = (files: { name: string; base64: string }[]) => {
    const sources: StoredPlan['sources'] = [];
    const inputs: PlanInput[] = files.map(f => {
      const name = baseName(f.name);
      const bytes = decodeUpload(f.base64);
      sources.push({ name, sha256: sha256(bytes) });
      const read = readLrmx(bytes, name);
      return { file: read.file, record: read.record, problems: read.problems };
    });
    return { inputs, sources };
  };

  return {
    exportRoster: async input => {
      const opts = rosterOptions(input);
      const bytes = await buildRosterXlsx(opts);
      return { ...deliver(`${fileStem(input)}.xlsx`, XLSX_MIME, bytes, input.outPath, ['.xlsx']), rows: opts.rows.length };
    },
    exportCsv: input => {
      const opts = rosterOptions(input);
      return { ...deliver(`${fileStem(input)}.csv`, 'text/csv;charset=utf-8', buildRosterCsv(opts), input.outPath, ['.csv']), rows: opts.rows.length };
    },
    downloadTemplate: async ({ outPath }) => deliver('干部信息导入模板.xlsx', XLSX_MIME, await buildImportTemplate(), outPath, ['.xlsx']),
    exportLrmx: ({ ids, ageRefDate, outPath }) => {
      const count = new Set(ids).size;
      if (outPath && fs.existsSync(outPath) && fs.statSync(outPath).isDirectory()) {
        const r = exportLrmxToDir(db, ids, path.resolve(outPath), { ageRefDate });
        return { fileName: path.basename(r.dir), mime: 'inode/directory', base64: null, path: r.dir, count };
      }
      const { fileName, bytes } = exportLrmxBytes(db, ids, { ageRefDate });
      const zip = fileName.endsWith('.zip');
      return { ...deliver(fileName, zip ? 'application/zip' : 'application/xml', bytes, outPath, zip ? ['.zip'] : ['.lrmx']), count };
    },
    inspectLrmx: ({ file }) => {
      const name = baseName(file.name);
      const read = readLrmx(decodeUpload(file.base64), name);
      const r = read.record;
      return {
        file: name,
        record: r
          ? {
              fields: r.fields as Record<string, string>,
              family: r.family ?? [],
              assessments: r.assessments ?? [],
              photoBase64: r.photo ? r.photo.toString('base64') : null,
              meta: r.meta,
            }
          : null,
        problems: read.problems,
      };
    },
    planLrmx: ({ files, mode }) => {
      const { inputs, sources } = readUploads(files);
      const plan = planImport(db, inputs, mode);
      const now = Date.now();
      for (const [key, p] of plans) if (now - p.at > PLAN_TTL_MS) plans.delete(key);
      while (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
      const planId = randomUUID();
      plans.set(planId, { inputs, sources, at: now });
      return { planId, plan };
    },
    commitLrmx: ({ planId, mode, fingerprint, unitId, skipInvalid }) => {
      const stored = plans.get(planId);
      if (!stored) throw new AppError('NOT_FOUND', '导入预览已过期，请重新选择文件并预览');
      const result = commitImport(db, stored.inputs, { mode, fingerprint, unitId, skipInvalid, sources: stored.sources, kind: 'import.lrmx' });
      plans.delete(planId);
      return {
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        skipped: result.skipped,
        errors: result.errors,
        insertedIds: result.insertedIds,
        updatedIds: result.updatedIds,
        history: historyState(db),
      };
    },
  };
}
