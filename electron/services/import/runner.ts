/**
 * The one place that drives an ImportSession: the worker thread wraps it with
 * messages, the in-process fallback calls it directly. Requests and replies
 * are plain values (structured-clone safe). The session, its files and its
 * plan stay here: the page's preview pages and the problem report are asked
 * for, and the commit runs here too, so a 100,000-row plan is never copied to
 * the main thread (whose event loop stays free while it is written).
 */
import type {
  ImportCommitResult,
  ImportIssue,
  ImportPreview,
  ImportTarget,
  Inspection,
  ParsedPlanOptions,
  PlanAction,
  PreviewRow,
} from '../../../shared/contract/routes/imports';
import { AppError } from '../../../shared/contract/errors';
import { openDatabase, type Database } from '../../db/database';
import { systemError } from '../core/system-errors';
import { commitPlan } from './commit';
import { ImportCancelled } from './errors';
import { planIssues, previewRows } from './plan';
import type { ReadLimits } from './read';
import { buildProblemReport } from './report';
import { ImportSession, previewOf } from './session';
import type { SourceInput } from './sources';
import type { ImportPlan, Progress } from './types';

export type RunnerRequest =
  | { type: 'read'; sources: SourceInput[]; target: ImportTarget; limits?: ReadLimits }
  | { type: 'plan'; options: ParsedPlanOptions }
  | { type: 'rows'; action?: PlanAction; offset: number; limit: number }
  | { type: 'issues'; severity?: ImportIssue['severity']; offset: number; limit: number }
  | { type: 'report' }
  | { type: 'commit' };

export type RunnerReply =
  | { type: 'inspected'; inspection: Inspection }
  | { type: 'planned'; preview: ImportPreview }
  | { type: 'rows'; total: number; rows: PreviewRow[] }
  | { type: 'issues'; total: number; issues: ImportIssue[] }
  | { type: 'report'; bytes: Uint8Array; fileName: string }
  | { type: 'committed'; result: ImportCommitResult }
  | { type: 'failed'; error: { code: string; message: string; details?: unknown } };

export interface RunnerHooks {
  progress(p: Progress): void;
  cancelled(): boolean;
}

/**
 * A connection for each request: reading and planning need only read access
 * (the worker's own read-only connection while a request runs); the commit
 * writes (the worker opens the file for writing just for it, in-process the
 * app's own connection is used).
 */
export interface DatabaseAccess {
  open(write: boolean): Database;
  /** Called when the request is done. */
  release(): void;
}

export class ImportRunner {
  private session = new ImportSession();
  private plan: ImportPlan | null = null;

  constructor(private access: DatabaseAccess) {}

  async handle(req: RunnerRequest, hooks: RunnerHooks): Promise<RunnerReply> {
    const tick = (p: Progress) => {
      if (hooks.cancelled()) throw new ImportCancelled();
      hooks.progress(p);
    };
    try {
      switch (req.type) {
        case 'read':
          return { type: 'inspected', inspection: this.session.read(req.sources, req.target, this.access.open(false), tick, req.limits) };
        case 'plan': {
          this.plan = null;
          const plan = this.session.plan(this.access.open(false), req.options, tick);
          this.plan = plan;
          return { type: 'planned', preview: previewOf(plan) };
        }
        case 'rows': {
          const { target } = this.session.planTarget();
          return { type: 'rows', ...previewRows(this.planned(), target, this.session.vocabulary!, req.action, req.offset, req.limit) };
        }
        case 'issues': {
          const all = planIssues(this.planned());
          const list = req.severity ? all.filter(i => i.severity === req.severity) : all;
          return { type: 'issues', total: list.length, issues: list.slice(req.offset, req.offset + req.limit) };
        }
        case 'report': {
          const { bytes, fileName } = await this.session.report(this.planned(), buildProblemReport);
          return { type: 'report', bytes, fileName };
        }
        case 'commit': {
          hooks.progress({ phase: '正在写入数据库', done: 0, total: this.planned().counts.new + this.planned().counts.update });
          const result = commitPlan(this.access.open(true), this.session.planTarget(), this.planned());
          this.plan = null;
          return { type: 'committed', result };
        }
      }
    } catch (err) {
      return { type: 'failed', error: errorShape(err) };
    } finally {
      this.access.release();
    }
  }

  private planned(): ImportPlan {
    if (!this.plan) throw new AppError('CONFLICT', '请先完成数据检查');
    return this.plan;
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
  const system = systemError(err);
  if (system) return { code: system.code, message: system.message };
  return { code: 'INTERNAL', message: '导入时程序内部出错，数据未修改', details: String((err as Error)?.message ?? err).slice(0, 500) };
}

/**
 * The worker's own connection, open only while a request runs: read-only for
 * reading and planning (WAL lets it read while the app writes), writable for
 * the commit. An idle worker holds no handle on the file, so a restore can
 * replace it.
 */
export function workerDatabase(dbPath: string): DatabaseAccess {
  let db: Database | null = null;
  return {
    open: write => (db ??= openDatabase(dbPath, { readonly: !write })),
    release: () => {
      db?.close();
      db = null;
    },
  };
}

/** The app's own connection (in-process runs). */
export function sharedDatabase(db: () => Database): DatabaseAccess {
  return { open: () => db(), release: () => {} };
}
