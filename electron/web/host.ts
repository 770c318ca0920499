/**
 * The loopback web host ("browser mode"): serves the built renderer and the
 * contract over HTTP on 127.0.0.1 only, for development, Playwright and users
 * without the Electron shell. Every API call needs the per-run token; Host and
 * Origin must be our own loopback address (defeats DNS rebinding). Routes are
 * not written here: POST /api/<method> goes straight to the dispatcher.
 * Never packaged into the Electron app (see electron-builder.yml).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { TOKEN_HEADER } from '../../shared/contract/api';
import type { ApiErrorShape } from '../../shared/contract/errors';
import { contentTypeFor, resolveStaticPath, securityHeaders } from '../app-protocol';
import type { Dispatch } from '../services/core/dispatcher';

export interface WebHostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024;
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...securityHeaders(type), 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const sendError = (status: number, error: ApiErrorShape) => send(status, JSON.stringify({ ok: false, error }), JSON_TYPE);

    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      return sendError(403, { code: 'FORBIDDEN', message: '拒绝访问：主机名不是本机回环地址' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some(h => origin === `http://${h}`)) {
      return sendError(403, { code: 'FORBIDDEN', message: '拒绝访问：请求来源不是本程序页面' });
    }

    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendError(405, { code: 'FORBIDDEN', message: '接口只接受 POST 请求' });
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
        return sendError(401, { code: 'FORBIDDEN', message: '拒绝访问：缺少或错误的访问令牌，请使用启动时打印的地址打开' });
      }
      return readBody(req, maxBody).then(
        async body => {
          let input: unknown;
          try {
            input = body.length ? JSON.parse(body.toString('utf8')) : {};
          } catch {
            return sendError(400, { code: 'VALIDATION', message: '请求内容不是有效的 JSON' });
          }
          const method = decodeURIComponent(url.pathname.slice('/api/'.length));
          const result = await opts.dispatch(method, input);
          send(200, JSON.stringify(result), JSON_TYPE);
        },
        () => sendError(413, { code: 'VALIDATION', message: '请求内容过大' }),
      );
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method Not Allowed');
    const file = resolveStaticPath(staticRoot, url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'Not Found');
    send(200, fs.readFileSync(file), contentTypeFor(file));
  });
  // The one client is our own page. A long call (loading the demo) blocks the
  // loop past Node's 5 s keep-alive, and the page's next request then races
  // the server closing its idle socket ("other side closed"): keep sockets
  // open long; close() still ends them all.
  server.keepAliveTimeout = 10 * 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        // An open page keeps keep-alive connections; do not wait for it to go away.
        server.closeAllConnections();
      }),
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.destroy();
        reject(new Error('too large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
