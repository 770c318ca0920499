/**
 * The renderer's one typed client, generated from the route table. In the
 * Electron window it goes through the preload bridge (window.cadreApi); in
 * browser mode it posts to the loopback web host with the per-run token.
 */
import { httpPath, methods, TOKEN_HEADER, type Api, type Method } from '../../shared/contract/api';
import type { ApiErrorShape, ApiResult } from '../../shared/contract/errors';

type Bridge = Record<Method, (input: unknown) => Promise<ApiResult<unknown>>>;

declare global {
  interface Window {
    cadreApi?: Bridge;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.details = shape.details;
  }
}

/** Browser mode: the token arrives once in the URL, is kept for the tab and removed from the address bar. */
function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('cadre-token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem('cadre-token') ?? '';
}

function makeTransport(): (method: Method, input: unknown) => Promise<ApiResult<unknown>> {
  const bridge = window.cadreApi;
  if (bridge) return (method, input) => bridge[method](input);
  const token = webToken();
  return async (method, input) => {
    try {
      const res = await fetch(httpPath(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as ApiResult<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认浏览器模式仍在运行。' } };
    }
  };
}

function createApi(): Api {
  const transport = makeTransport();
  const api = {} as Record<Method, (input: unknown) => Promise<unknown>>;
  for (const m of methods) {
    api[m] = async input => {
      const result = await transport(m, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.data;
    };
  }
  return api as Api;
}

export const api = createApi();
