/**
 * The BUILT preload (dist/electron/preload.cjs, what electron-builder ships) run
 * in a fresh V8 context with a fake `electron`: it may require nothing else, it
 * exposes exactly one object whose keys are exactly the contract's `methods`,
 * and each function only forwards its input to ipcRenderer.invoke(ipcChannel(m)).
 * (preload.test.ts covers the TypeScript source the same way.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel, methods } from '../../../shared/contract/api';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'dist/electron/preload.cjs');

interface Loaded {
  exposed: [string, unknown][];
  invocations: unknown[][];
  required: string[];
}

function load(): Loaded {
  const exposed: [string, unknown][] = [];
  const invocations: unknown[][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invocations.push(args);
        return Promise.resolve({ ok: true, data: args[1] });
      },
      on: () => {
        throw new Error('the preload must not listen');
      },
      send: () => {
        throw new Error('the preload must not send');
      },
      sendSync: () => {
        throw new Error('the preload must not sendSync');
      },
    },
  };
  const module = { exports: {} };
  const sandbox = {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`the sandboxed preload required ${name}`);
      return electron;
    },
  };
  vm.runInNewContext(fs.readFileSync(BUNDLE, 'utf8'), sandbox, { filename: BUNDLE });
  return { exposed, invocations, required };
}

beforeAll(() => {
  if (!fs.existsSync(BUNDLE)) execFileSync(process.execPath, ['build/build-node.mjs'], { cwd: ROOT, stdio: 'inherit' });
});

describe('the built preload bundle', () => {
  it('requires only electron and exposes one object, cadreApi, whose keys are exactly the contract’s methods', () => {
    const { exposed, required } = load();
    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed.map(([k]) => k)).toEqual(['cadreApi']);
    const api = exposed[0][1] as Record<string, unknown>;
    expect(Object.keys(api)).toEqual([...methods]);
    for (const m of methods) expect(typeof api[m], m).toBe('function');
  });

  it('each function calls ipcRenderer.invoke(ipcChannel(m), input) and nothing more', async () => {
    const { exposed, invocations } = load();
    const api = exposed[0][1] as Record<string, (input: unknown, ...rest: unknown[]) => Promise<unknown>>;
    for (const m of methods) {
      const input = { probe: m };
      await expect(api[m](input, 'extra argument')).resolves.toEqual({ ok: true, data: input });
      expect(invocations.at(-1)).toEqual([ipcChannel(m), input]);
    }
    expect(invocations).toHaveLength(methods.length);
  });
});
