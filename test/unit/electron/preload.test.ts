/** The preload, run against a mocked `electron` module (no binary here). */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel, methods } from '../../../shared/contract/api';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, on: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}));

beforeAll(async () => {
  await import('../../../electron/preload');
});

describe('preload bridge', () => {
  it('exposes one object, cadreApi, with exactly one function per method', () => {
    expect([...exposed.keys()]).toEqual(['cadreApi']);
    const api = exposed.get('cadreApi') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...methods].sort());
    for (const m of methods) expect(typeof api[m], m).toBe('function');
  });

  it('never exposes ipcRenderer or anything that reaches it', () => {
    const api = exposed.get('cadreApi') as Record<string, unknown>;
    for (const value of Object.values(api)) {
      expect(value).not.toBe(invoke);
      expect(Object.keys(value as object)).toEqual([]);
    }
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('each function invokes cadre:<method> with the input only and returns the ApiResult as is', async () => {
    const api = exposed.get('cadreApi') as Record<string, (input: unknown) => Promise<unknown>>;
    for (const m of methods) {
      const input = { probe: m };
      await expect(api[m](input)).resolves.toEqual({ ok: true, data: { channel: ipcChannel(m), input } });
      expect(invoke).toHaveBeenLastCalledWith(ipcChannel(m), input);
      expect(invoke.mock.lastCall).toHaveLength(2);
    }
  });
});
