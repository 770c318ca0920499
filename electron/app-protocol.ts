/**
 * The app:// protocol handler: serves the built renderer (dist/renderer) to the
 * Electron window. Pure Node (fs + the WHATWG Request/Response globals), no
 * `electron` import, so the whole handler is unit-tested under plain Node;
 * main.ts only passes it to `protocol.handle`.
 *
 * Only GET/HEAD of files inside the root are answered; `..` escapes, encoded
 * separators, NUL bytes, other hosts, directories and missing files get 4xx.
 * Every response carries the strict CSP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every app:// response carries. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Maps an app://cadre/... URL onto a path inside `root` (which must be
 * absolute), or null when the URL is not ours or the path would leave `root`.
 * Does not touch the file system.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  return resolveStaticPath(root, u.pathname);
}

/**
 * Maps a URL path ('/assets/x.js') onto a file path inside `root`, or null
 * when it would leave `root`. Shared by app:// and the loopback web host.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  // Reject encoded separators and NUL outright rather than guessing what they mean.
  if (/%2f|%5c|%00/i.test(pathname)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '' || rel === '/') rel = '/index.html';
  // Any `..` segment is refused, even one that would stay inside the root.
  if (rel.split('/').some(seg => seg === '..')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + rel);
  if (file === base || !file.startsWith(base + path.sep)) return null;
  return file;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/**
 * Builds the handler for `protocol.handle('app', …)`. `readFile` defaults to
 * fs.promises.readFile (which reads inside app.asar when run by Electron).
 */
export function createAppProtocolHandler(root: string, readFile: ReadFile = file => fs.promises.readFile(file)): (request: Request) => Promise<Response> {
  const text = (status: number, body: string) => new Response(body, { status, headers: securityHeaders('text/plain; charset=utf-8') });

  return async request => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed');
    const file = resolveAppPath(root, request.url);
    if (!file) return text(404, 'Not Found');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      // Missing file, or a directory (EISDIR): both are simply not found.
      return text(404, 'Not Found');
    }
    const headers = securityHeaders(contentTypeFor(file));
    // Copy into a fresh ArrayBuffer: a Buffer may be a view on a shared pool.
    const bytes = new Uint8Array(body.byteLength);
    bytes.set(body);
    return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers });
  };
}
