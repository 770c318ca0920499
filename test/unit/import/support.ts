import { expect } from 'vitest';
import type { Core } from '../../../electron/services/core/core';
import type { ImportCommitResult, ImportIssue, ImportJob, ImportTarget, PlanAction, PlanOptions, PreviewRow } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { routeData } from '../../support/dispatch';

/** Calls a route through the dispatcher (as IPC and the web host do); fails the test on an error. */
export const call = <T = unknown>(core: Core, method: string, input: unknown): Promise<T> => routeData<T>(core, method, input);

export async function callResult(core: Core, method: string, input: unknown): Promise<ApiResult<unknown>> {
  return core.dispatch(method, input);
}

/** Polls importProgress until the job is no longer reading, planning or committing. */
export async function settle(core: Core, jobId: string, timeoutMs = 60_000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await call<ImportJob>(core, 'importProgress', { jobId });
    if (!['reading', 'planning', 'committing'].includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`import job still ${job.state}`);
    await new Promise(r => setTimeout(r, 10));
  }
}

/** importStart with a plan (paths or uploads, into a target), waits for the preview. */
export async function planFile(
  core: Core,
  source: string | string[] | { name: string; base64: string }[],
  plan: PlanOptions = {},
  target: ImportTarget = { kind: 'roster' },
): Promise<ImportJob> {
  const sources = typeof source === 'string' ? [{ path: source }] : source.map(s => (typeof s === 'string' ? { path: s } : s));
  const { jobId } = await call<{ jobId: string }>(core, 'importStart', { sources, target, plan });
  const job = await settle(core, jobId);
  expect(job.error).toBeNull();
  expect(job.state).toBe('planned');
  return job;
}

export const issuesOf = async (core: Core, jobId: string, severity?: 'error' | 'warning') =>
  (await call<{ total: number; issues: ImportIssue[] }>(core, 'importIssues', { jobId, severity, limit: 2000 })).issues;
export const rowsOf = async (core: Core, jobId: string, action?: PlanAction) =>
  (await call<{ total: number; rows: PreviewRow[] }>(core, 'importPreviewRows', { jobId, action, limit: 2000 })).rows;
/** A secondment batch to import members into (a programme of its own). */
export async function newBatch(core: Core): Promise<ImportTarget> {
  const programme = await call<{ id: number }>(core, 'saveSecondmentProgramme', { name: '京沈对口合作干部交流', partnerPlace: '北京市' });
  const b = await call<{ id: number }>(core, 'saveSecondmentBatch', { programmeId: programme.id, seq: 1, startDate: '2030.01', plannedEndDate: '2031.01' });
  return { kind: 'batch', batchId: b.id };
}

export const commitJob = (core: Core, jobId: string) => call<ImportCommitResult>(core, 'importCommit', { jobId });
