/**
 * The importer's routes (shared/contract/routes/imports.ts) over ImportJobs. Undo of a
 * committed import is the history of the page its target belongs to (stepHistory), not a
 * route here.
 */
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { importRoutes } from '../../../shared/contract/routes/imports';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { deliver, XLSX_MIME } from '../common/files';
import { listImportRuns } from './commit';
import { ImportJobs, type ImportJobsOptions } from './jobs';

export function importHandlers(ctx: ServiceContext, opts: ImportJobsOptions = {}): HandlersOf<typeof importRoutes> {
  const jobs = new ImportJobs(ctx, opts);
  return {
    importStart: async ({ source, sources, target, plan }) => ({ jobId: await jobs.start([...(source ? [source] : []), ...(sources ?? [])], target, plan) }),
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
      if (outPath && path.extname(outPath).toLowerCase() !== '.xlsx') throw new AppError('VALIDATION', '问题报告须保存为 .xlsx 文件');
      const { mime: _m, ...file } = deliver(fileName, XLSX_MIME, bytes, outPath, ['.xlsx']);
      return file;
    },
    listImportRuns: ({ limit }) => listImportRuns(ctx.db, limit),
  };
}
