/**
 * The one place that drives an ImportSession: the worker thread wraps it with
 * messages, the in-process fallback calls it directly. Requests and replies
 * are plain values (structured-clone safe).
 */
import type { ImportPreview, Inspection, ParsedPlanOptions } from '../../../shared/contract/routes/imports';
import { AppError } from '../../../shared/contract/errors';
import { openDatabase, type Database } from '../../db/database';
import { ImportCancelled } from './errors';
import type { ReadLimits } from './read';
import { buildProblemReport } from './report';
import { ImportSession, previewOf } from './session';
import type { ImportPlan, Progress } from './types';

export type RunnerRequest =
  { type: 'read'; bytes: Uint8Array; fileName: string; limits?: ReadLimits } | { type: 'plan'; options: ParsedPlanOptions } | { type: 'report' };

export type RunnerReply =
  | { type: 'inspected'; inspection: Inspection }
  | { type: 'planned'; plan: ImportPlan; preview: ImportPreview }
  | { type: 'report'; bytes: Uint8Array; fileName: string }
  | { type: 'failed'; error: { code: string; message: string; details?: unknown } };

export interface RunnerHooks {
  progress(p: Progress): void;
  cancelled(): boolean;
}

/**
 * Runs requests against one session. `database` gives a connection for reading
 * (the worker opens its own read-only one; in-process the app's own is used).
 */
export interface DatabaseAccess {
  /** A connection for this request. */
  open(): Database;
  /** Called when the request is done. */
  release(): void;
}

export class ImportRunner {
  private session = new ImportSession();
  private plan: ImportPlan | null = null;
  private database: () => Database;

  constructor(private access: DatabaseAccess) {
    this.database = () => access.open();
  }

  async handle(req: RunnerRequest, hooks: RunnerHooks): Promise<RunnerReply> {
    const tick = (p: Progress) => {
      if (hooks.cancelled()) throw new ImportCancelled();
      hooks.progress(p);
    };
    try {
      switch (req.type) {
        case 'read':
          return { type: 'inspected', inspection: this.session.read(req.bytes, req.fileName, this.database(), tick, req.limits) };
        case 'plan': {
          const plan = this.session.plan(this.database(), req.options, tick);
          this.plan = plan;
          return { type: 'planned', plan, preview: previewOf(plan) };
        }
        case 'report': {
          if (!this.plan) throw new AppError('CONFLICT', '请先完成数据检查，再导出问题报告');
          const { bytes, fileName } = await this.session.report(this.plan, buildProblemReport);
          return { type: 'report', bytes, fileName };
        }
      }
    } catch (err) {
      return { type: 'failed', error: errorShape(err) };
    } finally {
      this.access.release();
    }
  }
}

export function errorShape(err: unknown): { code: string; message: string; details?: unknown } {
  if (err instanceof ImportCancelled) return { code: 'CANCELLED', message: '导入已取消，数据未修改' };
  if (err instanceof AppError)
    return err.details === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, details: err.details };
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ERR_OUT_OF_MEMORY' || err instanceof RangeError) {
    return { code: 'VALIDATION', message: '文件过大，内存不足，无法读取；请拆分后分批导入' };
  }
  return { code: 'INTERNAL', message: '读取文件时程序内部出错，数据未修改', details: String((err as Error)?.message ?? err).slice(0, 500) };
}

/**
 * A read-only connection for the worker thread (WAL lets it read while the app writes),
 * open only while a request runs: an idle worker holds no handle on the file, so a
 * restore can replace it.
 */
export function readOnlyDatabase(dbPath: string): DatabaseAccess {
  let db: Database | null = null;
  return {
    open: () => (db ??= openDatabase(dbPath, { readonly: true })),
    release: () => {
      db?.close();
      db = null;
    },
  };
}

/** The app's own connection (in-process runs). */
export function sharedDatabase(db: () => Database): DatabaseAccess {
  return { open: db, release: () => {} };
}
