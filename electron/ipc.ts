/**
 * The IPC door into the core: one `ipcMain.handle` per method in the route
 * table, generated in a loop (no method is written by hand here). Every call
 * checks its sender frame before anything else runs.
 *
 * No `electron` import at run time, so the loop is unit-tested with a fake
 * ipcMain; main.ts passes the real one.
 */
import { ipcChannel, methods } from '../shared/contract/api';
import type { ApiResult } from '../shared/contract/errors';
import { APP_ORIGIN, isAppUrl } from './csp';

/** The part of Electron's IpcMain this module uses. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

export type IpcDispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

/** The answer to a call from a frame that is not our own page. */
export function forbiddenResult(): ApiResult<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
}

/**
 * Registers `cadre:<method>` for every method. A call from an untrusted sender
 * is answered with FORBIDDEN and never reaches `dispatch`. Returns the
 * channels registered.
 */
export function registerIpc<E>(ipcMain: IpcMainLike<E>, dispatch: IpcDispatch, isTrustedSender: (event: E) => boolean): string[] {
  const channels: string[] = [];
  for (const method of methods) {
    const channel = ipcChannel(method);
    ipcMain.handle(channel, async (event: E, input?: unknown): Promise<ApiResult<unknown>> => {
      let trusted = false;
      try {
        trusted = isTrustedSender(event) === true;
      } catch {
        trusted = false;
      }
      if (!trusted) {
        console.warn(`[cadre] refused IPC ${channel} from an untrusted sender`);
        return forbiddenResult();
      }
      try {
        return await dispatch(method, input);
      } catch (err) {
        // The dispatcher never throws by contract; keep the boundary safe anyway.
        console.error(`[cadre] IPC ${channel} failed:`, err);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: '操作失败：程序内部错误，数据未被修改。请重试或联系管理员。' },
        };
      }
    });
    channels.push(channel);
  }
  return channels;
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/**
 * True only for our window's main frame showing our own page: the frame must
 * exist (it is null once it navigated away or was destroyed), be that window's
 * main frame (not an iframe, not another window) and be at app://cadre/.
 */
export function isTrustedSenderFrame(senderFrame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined): boolean {
  if (!senderFrame || !mainFrame) return false;
  if (senderFrame.parent !== null) return false;
  if (senderFrame !== mainFrame && (senderFrame.processId !== mainFrame.processId || senderFrame.routingId !== mainFrame.routingId)) {
    return false;
  }
  const url = senderFrame.url;
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`) && isAppUrl(url);
}
