/**
 * Import jobs: the service-layer API the routes, the wizard and the CLI use.
 *
 *   startImport(source, plan?) → jobId     reads the file in a worker thread
 *   planImport(jobId, options)             normalise, validate, match (worker)
 *   importProgress(jobId)                  state, phase, rows done / total, results
 *   cancelImport(jobId)                    terminates the worker; nothing was written
 *   commitImport(jobId)                    one transaction, one undoable step (main thread)
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
  type ParsedPlanOptions,
  type PlanAction,
  type PreviewRow,
} from '../../../shared/contract/routes/imports';
import type { Database } from '../../db/database';
import { commitPlan } from './commit';
import { importError } from './errors';
import { mappingFromList, rememberMapping } from './mapping';
import { planIssues, previewRows } from './plan';
import { DEFAULT_LIMITS, type ReadLimits } from './read';
import { ImportRunner, sharedDatabase, type RunnerReply, type RunnerRequest } from './runner';
import type { ImportPlan, Progress } from './types';
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
  /** An idle job's worker is stopped after this many ms. */
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
  plan: ImportPlan | null;
  result: ImportCommitResult | null;
  backend: Backend | null;
  waiters: (() => void)[];
  /** Plan options given to start(): planning follows the read without a stop at 'ready'. */
  pendingPlan: ParsedPlanOptions | null;
}

const ACTIVE: ImportJobState[] = ['reading', 'planning', 'committing'];
/** The worker's heap: a 100,000-row roster needs about 1 GB. */
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
    this.idleMs = opts.idleMs ?? 10 * 60_000;
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.onProgress = opts.onProgress ?? (() => {});
  }

  /** True when jobs run in a worker thread. */
  get threaded(): boolean {
    return this.workerScript !== null;
  }

  async start(source: ImportSource, plan?: ParsedPlanOptions): Promise<string> {
    const { bytes, fileName } = await this.load(source);
    const job: Job = {
      id: crypto.randomBytes(12).toString('base64url'),
      state: 'reading',
      progress: { phase: '正在读取文件', done: 0, total: 1 },
      error: null,
      inspection: null,
      preview: null,
      plan: null,
      result: null,
      backend: null,
      waiters: [],
      pendingPlan: plan ?? null,
    };
    this.jobs.put(job, job.id);
    job.backend = this.backend(job);
    void this.run(job, { type: 'read', bytes, fileName, limits: this.limits });
    return job.id;
  }

  plan(jobId: string, options: ParsedPlanOptions): void {
    const job = this.get(jobId);
    if (!job.inspection || !['ready', 'planned', 'failed'].includes(job.state)) {
      throw new AppError('CONFLICT', job.state === 'reading' || job.state === 'planning' ? '正在处理中，请稍候' : '该导入已结束，请重新选择文件');
    }
    if (!job.backend) throw new AppError('CONFLICT', '文件已关闭（导入已提交或已过期），请重新选择文件');
    if (options.mapping) {
      // The user's edited mapping, remembered for the next file with the same headers.
      const mapping = mappingFromList(options.mapping);
      const names = options.sheets?.length ? options.sheets : job.inspection.defaultSheets;
      for (const sheet of job.inspection.sheets) {
        if (!names.includes(sheet.name) || !sheet.recognised) continue;
        const headers = sheet.columns.map(c => c.header);
        const full = new Map(sheet.columns.map(c => [c.header, mapping.has(c.header) ? (mapping.get(c.header) ?? null) : c.field]));
        rememberMapping(this.ctx.db, headers, full);
      }
    }
    job.state = 'planning';
    job.error = null;
    job.plan = null;
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
    job.plan = null;
    this.settle(job, 'cancelled', { code: 'CANCELLED', message: '导入已取消，数据未修改' });
    return true;
  }

  commit(jobId: string): ImportCommitResult {
    const job = this.get(jobId);
    if (job.state !== 'planned' || !job.plan) {
      throw new AppError('CONFLICT', job.state === 'committed' ? '该文件已经导入，不能重复提交' : '请先完成数据检查（预览）再导入');
    }
    if (job.plan.counts.errors > 0) {
      throw new AppError('VALIDATION', `导入未执行，数据未修改：有 ${job.plan.counts.errors} 处错误，请改正后重新导入（可导出问题报告）`);
    }
    job.state = 'committing';
    job.progress = { phase: '正在写入数据库', done: 0, total: job.plan.counts.new + job.plan.counts.update };
    // The worker's copy of the workbook is not needed any more: free it before the write,
    // which holds every written cadre's undo image (peak memory of a 100,000-row import).
    job.backend?.dispose();
    job.backend = null;
    try {
      const result = commitPlan(this.ctx.db, job.plan);
      job.result = result;
      job.progress = { phase: '导入完成', done: result.inserted + result.updated, total: result.inserted + result.updated };
      this.settle(job, 'committed', null);
      return result;
    } catch (err) {
      // Nothing was written (one transaction). The roster changed since the preview in a way
      // that now fails the checks: the preview stays readable, a new plan needs the file again.
      job.progress = { phase: '导入未执行', done: 0, total: 0 };
      this.settle(job, 'failed', { code: (err as AppError).code ?? 'INTERNAL', message: (err as Error).message });
      throw err;
    }
  }

  previewRows(jobId: string, action: PlanAction | undefined, offset: number, limit: number): { total: number; rows: PreviewRow[] } {
    const plan = this.planOf(jobId);
    return previewRows(plan, action, offset, limit);
  }

  issues(jobId: string, severity: ImportIssue['severity'] | undefined, offset: number, limit: number): { total: number; issues: ImportIssue[] } {
    const all = planIssues(this.planOf(jobId));
    const list = severity ? all.filter(i => i.severity === severity) : all;
    return { total: list.length, issues: list.slice(offset, offset + limit) };
  }

  /** All issues of the job's plan (the CLI prints them). */
  allIssues(jobId: string): ImportIssue[] {
    return planIssues(this.planOf(jobId));
  }

  async report(jobId: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const job = this.get(jobId);
    this.planOf(jobId);
    if (!job.backend) throw new AppError('CONFLICT', '问题报告已不可用（导入已提交或文件已关闭），请在导入前导出');
    const reply = await job.backend.request({ type: 'report' });
    this.jobs.get(job.id); // in use: last to be pushed out
    if (reply.type === 'failed') throw new AppError(reply.error.code as never, reply.error.message, reply.error.details);
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

  private planOf(jobId: string): ImportPlan {
    const job = this.get(jobId);
    if (!job.plan) throw new AppError('CONFLICT', job.state === 'planning' ? '正在检查数据，请稍候' : '请先完成数据检查');
    return job.plan;
  }

  private async load(source: ImportSource): Promise<{ bytes: Uint8Array; fileName: string }> {
    if ('path' in source) {
      const fileName = path.basename(source.path);
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(source.path);
      } catch {
        throw importError(`找不到文件「${source.path}」`);
      }
      if (!stat.isFile()) throw importError(`「${source.path}」不是文件`);
      if (stat.size > this.limits.maxBytes) {
        throw importError(
          `文件「${fileName}」有 ${Math.round(stat.size / 1048576)} MB，超过导入上限 ${Math.round(this.limits.maxBytes / 1048576)} MB；请拆分后分批导入。`,
        );
      }
      return { bytes: await fs.promises.readFile(source.path), fileName };
    }
    const bytes = decodeUpload(source.base64);
    if (bytes.length > MAX_UPLOAD_BYTES) throw importError(`文件「${source.name}」超过上传上限 ${MAX_UPLOAD_BYTES / 1048576} MB`);
    return { bytes, fileName: uploadName(source.name, '未命名.xlsx') };
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
      case 'planned':
        job.plan = reply.plan;
        job.preview = reply.preview;
        job.progress = { phase: '检查完成', done: reply.plan.counts.rows, total: reply.plan.counts.rows };
        this.settle(job, 'planned', null);
        return true;
      case 'failed':
        this.settle(job, 'failed', reply.error);
        return false;
      default:
        return false;
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
