import { describe, expect, it, vi } from 'vitest';
import { ipcChannel, methods } from '../../../shared/contract/api';
import type { ApiResult } from '../../../shared/contract/errors';
import { isTrustedSenderFrame, registerIpc, type FrameLike } from '../../../electron/ipc';

type Listener = (event: FakeEvent, ...args: unknown[]) => unknown;
interface FakeEvent {
  trusted: boolean;
}

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const calls: string[] = [];
  return {
    handlers,
    calls,
    handle(channel: string, listener: Listener) {
      calls.push(channel);
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
  };
}

describe('registerIpc', () => {
  it('registers exactly one handler per method in the route table', () => {
    const ipc = fakeIpcMain();
    const channels = registerIpc(ipc, vi.fn(), () => true);
    const expected = methods.map(m => ipcChannel(m));
    expect(ipc.calls).toEqual(expected);
    expect(channels).toEqual(expected);
    expect(new Set(ipc.calls).size).toBe(methods.length);
    expect(methods.length).toBeGreaterThan(0);
    for (const c of ipc.calls) expect(c).toMatch(/^cadre:[A-Za-z]+$/);
  });

  it('forwards the method name and the input to dispatch and returns its result as is', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn(async (method: string, input: unknown): Promise<ApiResult<unknown>> => ({ ok: true, data: { method, input } }));
    registerIpc(ipc, dispatch, e => e.trusted);
    for (const m of methods) {
      const input = { probe: m };
      const result = await ipc.handlers.get(ipcChannel(m))!({ trusted: true }, input, 'extra argument is ignored');
      expect(result).toEqual({ ok: true, data: { method: m, input } });
      expect(dispatch).toHaveBeenLastCalledWith(m, input);
    }
    expect(dispatch).toHaveBeenCalledTimes(methods.length);
  });

  it('passes dispatch errors through unchanged', async () => {
    const ipc = fakeIpcMain();
    const failure: ApiResult<unknown> = { ok: false, error: { code: 'VALIDATION', message: '输入不符合要求' } };
    registerIpc(
      ipc,
      async () => failure,
      () => true,
    );
    expect(await ipc.handlers.get(ipcChannel(methods[0]))!({ trusted: true }, {})).toEqual(failure);
  });

  it('refuses an untrusted sender with FORBIDDEN without calling dispatch', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    registerIpc(ipc, dispatch, e => e.trusted);
    for (const m of methods) {
      const result = (await ipc.handlers.get(ipcChannel(m))!({ trusted: false }, {})) as ApiResult<unknown>;
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('FORBIDDEN');
        expect(result.error.message).toBe('拒绝来自未知页面的请求');
      }
    }
    expect(dispatch).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('treats a sender check that throws (e.g. a destroyed frame) as untrusted', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    registerIpc(ipc, dispatch, () => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    });
    const result = (await ipc.handlers.get(ipcChannel(methods[0]))!({ trusted: true }, {})) as ApiResult<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('turns a throwing dispatch into INTERNAL instead of a rejected invoke', async () => {
    const ipc = fakeIpcMain();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    registerIpc(
      ipc,
      async () => {
        throw new Error('boom');
      },
      () => true,
    );
    const result = await ipc.handlers.get(ipcChannel(methods[0]))!({ trusted: true }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    error.mockRestore();
  });
});

describe('isTrustedSenderFrame', () => {
  const frame = (over: Partial<FrameLike> = {}): FrameLike => ({
    url: 'app://cadre/index.html',
    parent: null,
    processId: 4,
    routingId: 1,
    ...over,
  });

  it('accepts the main frame of our window showing app://cadre/', () => {
    const main = frame();
    expect(isTrustedSenderFrame(main, main)).toBe(true);
    expect(isTrustedSenderFrame(frame({ url: 'app://cadre/index.html#/roster' }), main)).toBe(true);
  });

  it('refuses a missing frame (navigated away or destroyed)', () => {
    expect(isTrustedSenderFrame(null, frame())).toBe(false);
    expect(isTrustedSenderFrame(undefined, frame())).toBe(false);
    expect(isTrustedSenderFrame(frame(), null)).toBe(false);
  });

  it('refuses sub-frames and frames of other windows', () => {
    const main = frame();
    expect(isTrustedSenderFrame(frame({ parent: main, routingId: 2 }), main)).toBe(false);
    expect(isTrustedSenderFrame(frame({ routingId: 9 }), main)).toBe(false);
    expect(isTrustedSenderFrame(frame({ processId: 5 }), main)).toBe(false);
  });

  it('refuses any other origin', () => {
    for (const url of [
      'https://cadre/index.html',
      'http://127.0.0.1:8080/',
      'file:///C:/index.html',
      'app://cadre.evil/index.html',
      'app://evil/index.html',
      'app://cadre@evil/index.html',
      'app://cadre',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
    ]) {
      const f = frame({ url });
      expect(isTrustedSenderFrame(f, f), url).toBe(false);
    }
  });
});
