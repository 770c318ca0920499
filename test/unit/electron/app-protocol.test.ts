import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from '../../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/csp';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-proto-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>干部工作台</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'a b.css'), 'body{}');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
  fs.writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
  handler = createAppProtocolHandler(root);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves index.html (also for the bare origin) with the strict CSP', async () => {
    for (const url of ['app://cadre/index.html', 'app://cadre/', 'app://cadre/index.html?x=1#/roster']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('干部工作台');
    }
  });

  it('serves assets with their MIME types, including encoded names', async () => {
    const js = await get('app://cadre/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await get('app://cadre/assets/a%20b.css');
    expect(css.status).toBe(200);
    expect(await css.text()).toBe('body{}');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://cadre/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://cadre/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('404s (with the CSP) for missing files, directories, other hosts and every escape attempt', async () => {
    for (const url of [
      'app://cadre/missing.js',
      'app://cadre/assets',
      'app://cadre/assets/',
      'app://other/index.html',
      'app://cadre/../secret.txt',
      'app://cadre/%2e%2e/secret.txt',
      'app://cadre/assets/%2e%2e/%2e%2e/secret.txt',
      'app://cadre/..%2fsecret.txt',
      'app://cadre/..%5csecret.txt',
      'app://cadre/%2E%2E%2Fsecret.txt',
      'app://cadre/../renderer-evil.txt',
      'app://cadre/index.html%00.js',
      'app://cadre/%E0%A4%A',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text(), url).not.toContain('outside the root');
    }
  });
});

describe('resolveAppPath', () => {
  it('maps inside the root only', () => {
    expect(resolveAppPath(root, 'app://cadre/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://cadre/')).toBe(path.join(root, 'index.html'));
    // The URL parser already resolves dot segments, clamped at the origin's root.
    expect(resolveAppPath(root, 'app://cadre/a/../../x')).toBe(path.join(root, 'x'));
    expect(resolveAppPath(root, 'https://cadre/index.html')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
    expect(resolveAppPath(root, 'app://cadre/a\\..\\..\\x')).toBeNull();
  });

  it('knows the renderer file types', () => {
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
