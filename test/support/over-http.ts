/**
 * The loopback web host under test, and the one way tests call it: POST /api/<method>
 * with the run's token and the input as JSON text, as the page does.
 */
import path from 'node:path';
import type { ApiResult } from '../../shared/contract/errors';
import { TOKEN_HEADER } from '../../shared/contract/api';
import { afterAll, beforeAll } from 'vitest';
import { openCore, type Core } from '../../electron/services/core/core';
import { startWebHost, type WebHost, type WebHostOptions } from '../../electron/web/host';
import { tempDir } from './temp';

/** A web host over `dispatch`; its (empty) static folder lies in the test's data folder. */
export function serveOverHttp(dispatch: WebHostOptions['dispatch'], dataDir: string): Promise<WebHost> {
  return startWebHost({ dispatch, staticDir: path.join(dataDir, 'static') });
}

/** One call over HTTP; `headers` are added to (or override) the JSON type and the token. */
export async function overHttp<T = unknown>(
  host: WebHost,
  method: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ApiResult<T> }> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    // What JSON text makes of the input (NaN → null; undefined → null), as a page would send it.
    body: JSON.stringify(input) ?? 'null',
  });
  return { status: res.status, body: (await res.json()) as ApiResult<T> };
}

/**
 * Two fresh cores seeded alike, the second also behind a web host: a contract test calls each
 * route in-process on one and over HTTP on the other (calls that change data run once per side).
 * Opened in beforeAll, closed in afterAll; read the fields inside tests.
 */
export function twoDoors(seed: (core: Core) => void): { sides: { tmp: ReturnType<typeof tempDir>; core: Core }[]; host: WebHost } {
  const doors = {} as ReturnType<typeof twoDoors>;
  beforeAll(async () => {
    doors.sides = [0, 1].map(() => {
      const tmp = tempDir();
      const core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
      seed(core);
      return { tmp, core };
    });
    doors.host = await serveOverHttp(doors.sides[1].core.dispatch, doors.sides[1].tmp.dir);
  });
  afterAll(async () => {
    await doors.host?.close();
    for (const s of doors.sides ?? []) {
      s.core.close();
      s.tmp.cleanup();
    }
  });
  return doors;
}
