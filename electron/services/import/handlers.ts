/**
 * The importer's routes (shared/contract/routes/imports.ts) over ImportJobs. Undo of a
 * committed import is the roster's history (stepHistory), not a route here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { importRoutes } from '../../../shared/contract/routes/imports';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { listImportRuns } from './commit';
import { ImportJobs, type ImportJobsOptions } from './jobs';

export function importHandlers(ctx: ServiceContext, opts: ImportJobsOptions = {}): HandlersOf<typeof importRoutes> {
  const jobs = new ImportJobs(ctx, opts);
  return {
    importStart: async ({ source, plan }) => ({ jobId: await jobs.start(source, plan) }),
    importProgress: ({ jobId }) => jobs.progress(jobId),
    importPlan: ({ jobId, options }) => {
      jobs.plan(jobId, options);
      return { jobId };
    },
    importPreviewRows: ({ jobId, action, offset, limit }) => jobs.previewRows(jobId, action, offset, limit),
    importIssues: ({ jobId, severity, offset, limit }) => jobs.issues(jobId, severity, offset, limit),
    importCommit: ({ jobId }) => jobs.commit(jobId),
    importCancel: ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    importReport: async ({ jobId, outPath }) => {
      const { bytes, fileName } = await jobs.report(jobId);
      if (!outPath) return { fileName, path: null, base64: Buffer.from(bytes).toString('base64') };
      const target = path.resolve(outPath);
      if (!/\.xlsx$/i.test(target)) throw new AppError('VALIDATION', '问题报告须保存为 .xlsx 文件');
      try {
        await fs.promises.writeFile(target, bytes);
      } catch (err) {
        throw new AppError('VALIDATION', `无法写入「${target}」：${(err as NodeJS.ErrnoException).code ?? '写入失败'}`);
      }
      return { fileName: path.basename(target), path: target, base64: null };
    },
    listImportRuns: ({ limit }) => listImportRuns(ctx.db, limit),
  };
}
