/**
 * The preload (sandboxed; bundled, so it may only require 'electron' at run
 * time). Exposes `window.cadreApi`: exactly one named function per method in
 * the route table, each forwarding its input over `cadre:<method>` and
 * resolving to the ApiResult as is (the renderer unwraps it). Generated in a
 * loop; ipcRenderer itself is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, methods, type InputOf, type Method, type OutputOf } from '../shared/contract/api';
import type { ApiResult } from '../shared/contract/errors';

/** The shape of `window.cadreApi` (the renderer declares its own copy of this type). */
export type CadreBridge = { [M in Method]: (input: InputOf<M>) => Promise<ApiResult<OutputOf<M>>> };

const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of methods) {
  const channel = ipcChannel(method);
  // Only the input crosses: no event objects, no extra arguments.
  bridge[method] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('cadreApi', bridge as CadreBridge);
