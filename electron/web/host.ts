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
import { methods, routes, TOKEN_HEADER } from '../../shared/contract/api';
import type { ApiErrorShape } from '../../shared/contract/errors';
import { contentTypeFor, resolveStaticPath, securityHeaders } from '../app-protocol';
import type { Dispatch } from '../services/core/dispatcher';
import { jsonTextBoundsProblem } from '../services/core/input-bounds';

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
/** A page's request is small; only routes that carry a file (base64) may send more. */
const PAGE_BODY = 8 * 1024 * 1024;
const UPLOAD_BODY = 64 * 1024 * 1024;
/** An oversized body is drained this far for a clean 413, then the socket is closed. */
const DRAIN_LIMIT = 256 * 1024 * 1024;

type Send = (status: number, body: string | Buffer, type?: string, extra?: Record<string, string>) => void;
type SendError = (status: number, error: ApiErrorShape, extra?: Record<string, string>) => void;

/** Routes whose input carries a file as base64 somewhere in it: read from the route table, not listed by hand. */
const UPLOAD_METHODS: ReadonlySet<string> = new Set(methods.filter(m => carriesFile(routes[m].input)));

function carriesFile(schema: unknown, depth = 0): boolean {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def || depth > 8) return false;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).some(([k, v]) => k === 'base64' || carriesFile(v, depth + 1));
    case 'array':
      return carriesFile(def.element, depth + 1);
    case 'optional':
    case 'nullable':
    case 'default':
      return carriesFile(def.innerType, depth + 1);
    case 'union':
      return (def.options as unknown[]).some(o => carriesFile(o, depth + 1));
    case 'pipe':
      return carriesFile(def.in, depth + 1);
    default:
      return false;
  }
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024;
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(status, { ...securityHeaders(type), 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    const sendError = (status: number, error: ApiErrorShape, extra?: Record<string, string>) =>
      send(status, JSON.stringify({ ok: false, error }), JSON_TYPE, extra);
    // Nothing a request carries may end the host: every failure becomes an answer.
    const internal = (err: unknown) => {
      console.error('[cadre] web host request failed:', err);
      sendError(500, { code: 'INTERNAL', message: '操作失败：程序内部错误，数据未被修改。请重试或联系管理员。' });
    };
    try {
      handle(req, send, sendError).catch(internal);
    } catch (err) {
      internal(err);
    }
  });

  async function handle(req: http.IncomingMessage, send: Send, sendError: SendError): Promise<void> {
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
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendError(400, { code: 'UNKNOWN_METHOD', message: '接口名称无效' });
      }
      const limit = Math.min(maxBody, UPLOAD_METHODS.has(method) ? UPLOAD_BODY : PAGE_BODY);
      const body = await readBody(req, limit);
      if (body === 'too large') {
        return sendError(413, { code: 'VALIDATION', message: `请求内容过大（超过 ${Math.round(limit / 1024 / 1024)} MB）` }, { Connection: 'close' });
      }
      const tooBig = jsonTextBoundsProblem(body);
      if (tooBig) return sendError(400, { code: 'VALIDATION', message: tooBig });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendError(400, { code: 'VALIDATION', message: '请求内容不是有效的 JSON' });
      }
      const result = await opts.dispatch(method, input);
      return send(200, JSON.stringify(result), JSON_TYPE);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method Not Allowed');
    const file = resolveStaticPath(staticRoot, url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'Not Found');
    send(200, fs.readFileSync(file), contentTypeFor(file));
  }
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

/**
 * The body, or 'too large' past `max` bytes. An oversized body is read to its end
 * and dropped (up to DRAIN_LIMIT), so the client, still sending, gets the 413
 * instead of a reset connection; past that the socket is closed after the answer.
 */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | 'too large'> {
  return new Promise(resolve => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > DRAIN_LIMIT) return resolve('too large');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else if (chunks.length) chunks.length = 0;
      if (size > DRAIN_LIMIT) {
        req.removeAllListeners('data');
        resolve('too large');
      }
    });
    req.on('end', () => resolve(size > max ? 'too large' : Buffer.concat(chunks)));
    req.on('error', () => resolve('too large'));
  });
}
