/**
 * Import jobs: the service-layer API the routes, the wizard and the CLI use.
 *
 *   start(sources, target, plan?) → jobId  reads the files in a worker thread
 *   plan(jobId, options)                   read rows, validate, match (worker)
 *   progress(jobId)                        state, phase, rows done / total, results
 *   previewRows / issues / report          pages of the plan the worker holds
 *   cancel(jobId)                          terminates the worker; nothing was written
 *   commit(jobId)                          one transaction, one undoable step (worker)
 *
 * The worker is dist/electron/import-worker.cjs next to the running bundle.
 * Where it does not exist (unit tests running the TypeScript sources) the same
 * ImportRunner runs in-process, deferred with setImmediate, with a cancel flag.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract/errors';
import {
  MAX_UPLOAD_BYTES,
  type ImportCommitResult,
  type ImportIssue,
  type ImportJob,
  type ImportJobState,
  type ImportSource,
  type ImportTarget,
  type ParsedPlanOptions,
  type PlanAction,
  type PreviewRow,
} from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { importError } from './errors';
import { rememberMapping } from './mapping';
import { DEFAULT_LIMITS, type ReadLimits } from './read';
import { ImportRunner, sharedDatabase, type RunnerReply, type RunnerRequest } from './runner';
import type { SourceInput } from './sources';
import type { Progress } from './types';
import { decodeUpload, uploadName } from '../common/files';
import { PlanStore, type PlanShelf } from '../common/plan-store';

export interface ImportJobsOptions {
  /**
   * The bundled worker script; null runs in-process. Default: import-worker.cjs
   * beside this bundle when it exists, else in-process.
   */
  workerScript?: string | null;
  /** Finished jobs kept for paging and the report; older ones are dropped. */
  maxJobs?: number;
  /** An idle job's worker (and the plan it holds) is stopped after this many ms. */
  idleMs?: number;
  limits?: ReadLimits;
  /** Progress events as they arrive (the Electron main process can forward them to the page). */
  onProgress?: (jobId: string, progress: Progress) => void;
}

interface Backend {
  request(req: RunnerRequest): Promise<RunnerReply>;
  cancel(): void;
  dispose(): void;
}

interface Job {
  id: string;
  state: ImportJobState;
  progress: Progress;
  error: ImportJob['error'];
  inspection: ImportJob['inspection'];
  preview: ImportJob['preview'];
  result: ImportCommitResult | null;
  backend: Backend | null;
  waiters: (() => void)[];
  /** Plan options given to start(): planning follows the read without a stop at 'ready'. */
  pendingPlan: ParsedPlanOptions | null;
  /** The user's edited mapping, remembered once a plan with it succeeded. */
  mapping: ParsedPlanOptions | null;
}

const ACTIVE: ImportJobState[] = ['reading', 'planning', 'committing'];
/** The worker's heap ceiling: a hostile file exhausts it, not the app. */
const WORKER_HEAP_MB = 3072;

export function defaultWorkerScript(): string | null {
  const candidate = path.join(__dirname, 'import-worker.cjs');
  return fs.existsSync(candidate) ? candidate : null;
}

export class ImportJobs {
  /** The jobs live on the core's plan store, so a reopen (restore) drops them with every other preview. */
  private readonly jobs: PlanShelf<Job>;
  private readonly workerScript: string | null;
  private readonly idleMs: number;
  private readonly limits: ReadLimits;
  private readonly onProgress: (jobId: string, progress: Progress) => void;

  constructor(
    private readonly ctx: { db: Database; dbPath: string; plans?: PlanStore },
    opts: ImportJobsOptions = {},
  ) {
    this.workerScript = opts.workerScript === undefined ? defaultWorkerScript() : opts.workerScript;
    this.jobs = (ctx.plans ?? new PlanStore()).shelf<Job>('import.excel', {
      max: opts.maxJobs ?? 8,
      busy: job => ACTIVE.includes(job.state),
      dispose: job => job.backend?.dispose(),
    });
    // As long as the other previews are kept (common/plan-store.ts PREVIEW_SHELF).
    this.idleMs = opts.idleMs ?? 60 * 60_000;
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.onProgress = opts.onProgress ?? (() => {});
  }

  /** True when jobs run in a worker thread. */
  get threaded(): boolean {
    return this.workerScript !== null;
  }

  async start(sources: ImportSource[], target: ImportTarget = { kind: 'roster' }, plan?: ParsedPlanOptions): Promise<string> {
    const inputs = this.load(sources);
    const job: Job = {
      id: crypto.randomBytes(12).toString('base64url'),
      state: 'reading',
      progress: { phase: '正在读取文件', done: 0, total: 1 },
      error: null,
      inspection: null,
      preview: null,
      result: null,
      backend: null,
      waiters: [],
      pendingPlan: plan ?? null,
      mapping: null,
    };
    this.jobs.put(job, job.id);
    job.backend = this.backend(job);
    void this.run(job, { type: 'read', sources: inputs, target, limits: this.limits });
    return job.id;
  }

  plan(jobId: string, options: ParsedPlanOptions): void {
    const job = this.get(jobId);
    if (!job.inspection || !['ready', 'planned', 'failed'].includes(job.state)) {
      throw new AppError('CONFLICT', job.state === 'reading' || job.state === 'planning' ? '正在处理中，请稍候' : '该导入已结束，请重新选择文件');
    }
    if (!job.backend) throw new AppError('CONFLICT', '文件已关闭（导入已提交或已过期），请重新选择文件');
    job.mapping = options.mapping ? options : null;
    job.state = 'planning';
    job.error = null;
    job.preview = null;
    job.progress = { phase: '正在检查数据', done: 0, total: 0 };
    void this.run(job, { type: 'plan', options });
  }

  progress(jobId: string): ImportJob {
    const job = this.get(jobId);
    return {
      jobId: job.id,
      state: job.state,
      phase: job.progress.phase,
      done: job.progress.done,
      total: job.progress.total,
      error: job.error,
      inspection: job.inspection,
      preview: job.preview,
      result: job.result,
    };
  }

  /** Resolves when the job is no longer reading, planning or committing. */
  wait(jobId: string): Promise<ImportJob> {
    const job = this.get(jobId);
    if (!ACTIVE.includes(job.state)) return Promise.resolve(this.progress(jobId));
    return new Promise(resolve => job.waiters.push(() => resolve(this.progress(jobId))));
  }

  cancel(jobId: string): boolean {
    const job = this.get(jobId);
    if (job.state === 'committed' || job.state === 'committing' || job.state === 'cancelled') return false;
    job.backend?.cancel();
    job.backend = null;
    this.settle(job, 'cancelled', { code: 'CANCELLED', message: '导入已取消，数据未修改' });
    return true;
  }

  async commit(jobId: string): Promise<ImportCommitResult> {
    const job = this.get(jobId);
    if (job.state !== 'planned' || !job.preview) {
      throw new AppError('CONFLICT', job.state === 'committed' ? '该文件已经导入，不能重复提交' : '请先完成数据检查（预览）再导入');
    }
    if (job.preview.counts.errors > 0) {
      const first = job.preview.issues.find(i => i.severity === 'error');
      const where = first
        ? `（${first.sheet ? `「${first.sheet}」` : `「${first.file}」`}${first.row ? `第 ${first.row} 行` : ''}${first.column ? ` ${first.column} 列` : ''}：${first.message}）`
        : '';
      throw new AppError('VALIDATION', `导入未执行，数据未修改：有 ${job.preview.counts.errors} 处错误${where}，请改正后重新导入（可导出问题报告）`);
    }
    const backend = this.backendOf(job);
    job.state = 'committing';
    job.progress = { phase: '正在写入数据库', done: 0, total: job.preview.counts.new + job.preview.counts.update };
    const reply = await backend.request({ type: 'commit' });
    if (reply.type === 'committed') {
      job.result = reply.result;
      const n = reply.result.inserted + reply.result.updated;
      job.progress = { phase: '导入完成', done: n, total: n };
      // Written: the files and the plan are not needed any more.
      job.backend = null;
      backend.dispose();
      this.settle(job, 'committed', null);
      return reply.result;
    }
    // Nothing was written (one transaction). The data changed since the preview in a way that
    // now fails the checks: the preview stays readable, a new plan needs the file again.
    const error = reply.type === 'failed' ? reply.error : { code: 'INTERNAL', message: '导入失败，数据未修改' };
    job.progress = { phase: '导入未执行', done: 0, total: 0 };
    this.settle(job, 'failed', error);
    throw new AppError(error.code as never, error.message, 'details' in error ? error.details : undefined);
  }

  async previewRows(jobId: string, action: PlanAction | undefined, offset: number, limit: number): Promise<{ total: number; rows: PreviewRow[] }> {
    const reply = await this.ask(jobId, { type: 'rows', action, offset, limit });
    if (reply.type !== 'rows') throw new AppError('INTERNAL', '读取预览失败');
    return { total: reply.total, rows: reply.rows };
  }

  async issues(jobId: string, severity: ImportIssue['severity'] | undefined, offset: number, limit: number): Promise<{ total: number; issues: ImportIssue[] }> {
    const reply = await this.ask(jobId, { type: 'issues', severity, offset, limit });
    if (reply.type !== 'issues') throw new AppError('INTERNAL', '读取问题列表失败');
    return { total: reply.total, issues: reply.issues };
  }

  async report(jobId: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const reply = await this.ask(jobId, { type: 'report' });
    if (reply.type !== 'report') throw new AppError('INTERNAL', '导出问题报告失败');
    return { bytes: reply.bytes, fileName: reply.fileName };
  }

  /** Stops every worker (the app is closing). */
  close(): void {
    this.jobs.clear();
  }

  // ---------------------------------------------------------------------------

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', '找不到该导入任务（可能已过期），请重新选择文件');
    return job;
  }

  private backendOf(job: Job): Backend {
    if (!job.backend) throw new AppError('CONFLICT', '预览已不可用（导入已提交或文件已关闭），请重新选择文件');
    return job.backend;
  }

  /** A question about the job's plan, answered where the plan is. */
  private async ask(jobId: string, req: RunnerRequest): Promise<RunnerReply> {
    const job = this.get(jobId);
    if (job.state !== 'planned' && job.state !== 'failed') {
      throw new AppError('CONFLICT', job.state === 'planning' ? '正在检查数据，请稍候' : '请先完成数据检查');
    }
    const reply = await this.backendOf(job).request(req);
    this.jobs.get(job.id); // in use: last to be pushed out
    if (reply.type === 'failed') throw new AppError(reply.error.code as never, reply.error.message, reply.error.details);
    return reply;
  }

  /** Paths go to the worker as they are (it reads folders and .zip files); uploads are decoded here. */
  private load(sources: ImportSource[]): SourceInput[] {
    if (sources.length === 0) throw importError('请选择要导入的文件');
    let uploaded = 0;
    return sources.map(source => {
      if ('path' in source) {
        if (!fs.existsSync(source.path)) throw importError(`找不到文件或文件夹「${source.path}」`);
        return { path: source.path };
      }
      const bytes = decodeUpload(source.base64);
      uploaded += bytes.length;
      if (uploaded > MAX_UPLOAD_BYTES) throw importError(`上传的文件超过上限 ${MAX_UPLOAD_BYTES / 1048576} MB，请分批导入`);
      return { name: uploadName(source.name, '未命名.xlsx'), bytes };
    });
  }

  private async run(job: Job, req: RunnerRequest): Promise<boolean> {
    const backend = job.backend;
    if (!backend) return false;
    const reply = await backend.request(req);
    if (job.backend !== backend || job.state === 'cancelled') return false; // cancelled meanwhile
    this.jobs.get(job.id); // in use: last to be pushed out
    switch (reply.type) {
      case 'inspected': {
        job.inspection = reply.inspection;
        job.progress = { phase: '已读取', done: 1, total: 1 };
        const plan = job.pendingPlan;
        job.pendingPlan = null;
        if (plan) {
          job.state = 'ready';
          try {
            this.plan(job.id, plan);
          } catch (err) {
            this.settle(job, 'failed', { code: 'VALIDATION', message: (err as Error).message });
          }
        } else this.settle(job, 'ready', null);
        return true;
      }
      case 'planned': {
        job.preview = reply.preview;
        job.progress = { phase: '检查完成', done: reply.preview.counts.rows, total: reply.preview.counts.rows };
        if (job.mapping?.mapping && job.inspection) this.remember(job.inspection, job.mapping);
        this.settle(job, 'planned', null);
        return true;
      }
      case 'failed':
        this.settle(job, 'failed', reply.error);
        return false;
      default:
        return false;
    }
  }

  /** The user's edited mapping, remembered for the next file with the same headers and target. */
  private remember(inspection: NonNullable<ImportJob['inspection']>, options: ParsedPlanOptions): void {
    const edited = new Map((options.mapping ?? []).map(m => [m.header, m.field]));
    const chosen = options.sheets?.length ? options.sheets : inspection.defaultSheets;
    for (const sheet of inspection.sheets) {
      if (!(chosen.includes(sheet.key) || chosen.includes(sheet.name)) || !sheet.recognised) continue;
      const headers = sheet.columns.map(c => c.header);
      const full = new Map(sheet.columns.map(c => [c.header, edited.has(c.header) ? (edited.get(c.header) ?? null) : c.field]));
      try {
        rememberMapping(this.ctx.db, headers, full, inspection.target.kind);
      } catch {
        // Remembering is a convenience: a busy or read-only file must not fail the import.
      }
    }
  }

  private emitProgress(job: Job, p: Progress): void {
    if (job.state === 'cancelled') return;
    job.progress = p;
    try {
      this.onProgress(job.id, p);
    } catch {
      // a listener's failure is not the import's
    }
  }

  private settle(job: Job, state: ImportJobState, error: ImportJob['error']): void {
    job.state = state;
    job.error = error ? { code: error.code, message: error.message } : null;
    const waiters = job.waiters;
    job.waiters = [];
    for (const w of waiters) w();
  }

  private backend(job: Job): Backend {
    return this.workerScript ? this.workerBackend(job, this.workerScript) : this.inlineBackend(job);
  }

  private inlineBackend(job: Job): Backend {
    const runner = new ImportRunner(sharedDatabase(() => this.ctx.db));
    let cancelled = false;
    return {
      request: req =>
        new Promise(resolve =>
          setImmediate(() => {
            void runner.handle(req, { cancelled: () => cancelled, progress: p => this.emitProgress(job, p) }).then(resolve);
          }),
        ),
      cancel: () => (cancelled = true),
      dispose: () => (cancelled = true),
    };
  }

  private workerBackend(job: Job, script: string): Backend {
    // A hostile or enormous file exhausts the worker's heap, not the app's.
    const worker = new Worker(script, { workerData: { dbPath: this.ctx.dbPath }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    let next = 1;
    const pending = new Map<number, (reply: RunnerReply) => void>();
    let idle: NodeJS.Timeout | null = null;
    const failAll = (message: string, code = 'INTERNAL') => {
      for (const resolve of pending.values()) resolve({ type: 'failed', error: { code, message } });
      pending.clear();
    };
    worker.on('message', (msg: { type?: 'progress'; id?: number; reply?: RunnerReply } & Partial<Progress>) => {
      if (msg.type === 'progress') {
        this.emitProgress(job, { phase: msg.phase ?? '', done: msg.done ?? 0, total: msg.total ?? 0 });
        return;
      }
      const resolve = msg.id !== undefined ? pending.get(msg.id) : undefined;
      if (resolve && msg.reply) {
        pending.delete(msg.id!);
        resolve(msg.reply);
      }
    });
    worker.on('error', err =>
      (err as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? failAll('文件过大，读取时内存不足，数据未修改；请拆分后分批导入', 'VALIDATION')
        : failAll(`读取文件时程序内部出错，数据未修改（${String(err?.message ?? err).slice(0, 200)}）`),
    );
    worker.on('exit', code => failAll(code === 0 ? '导入已停止' : '导入进程意外退出，数据未修改', code === 0 ? 'CANCELLED' : 'INTERNAL'));
    const armIdle = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        if (pending.size === 0 && job.backend) {
          job.backend = null;
          void worker.terminate();
        }
      }, this.idleMs);
      idle.unref();
    };
    return {
      request: req =>
        new Promise(resolve => {
          const id = next++;
          pending.set(id, reply => {
            armIdle();
            resolve(reply);
          });
          worker.postMessage({ id, req });
        }),
      cancel: () => {
        if (idle) clearTimeout(idle);
        failAll('导入已取消，数据未修改', 'CANCELLED');
        void worker.terminate();
      },
      dispose: () => {
        if (idle) clearTimeout(idle);
        void worker.terminate();
      },
    };
  }
}
