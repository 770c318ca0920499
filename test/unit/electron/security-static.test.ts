/**
 * Cheap guards against regressions in the hardening that cannot run here
 * (no Electron binary): the CSP string, the URL rules, and the source text of
 * main.ts / preload.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_START_URL, CONTENT_SECURITY_POLICY, isAllowedRequestUrl, isAppUrl } from '../../../electron/csp';

const root = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('has no eval and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\b(https?|wss?|ftp|file):/i);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*/);
    for (const [name, values] of csp) {
      for (const v of values) {
        expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:'], `${name} ${v}`).toContain(v);
      }
    }
  });

  it('locks down objects, base, forms, frames and scripts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // 'unsafe-inline' is for styles only (AG Grid).
    for (const [name, values] of csp) {
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });
});

describe('URL rules', () => {
  it('isAppUrl accepts only app://cadre/', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://cadre/index.html#/data')).toBe(true);
    for (const url of ['app://cadre', 'app://cadre.evil/', 'app://x/', 'https://cadre/', 'file:///index.html', 'javascript:alert(1)', '', null, undefined]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('requests: app:, devtools:, data:, blob: only (no network at run time)', () => {
    for (const url of ['app://cadre/assets/x.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://cadre/5d1c']) {
      expect(isAllowedRequestUrl(url), url).toBe(true);
    }
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:3000/api/getStatus',
      'ws://localhost:5173/',
      'wss://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
      'app://other/x.js',
      'chrome-extension://abc/x.js',
      'not a url',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});

describe('main.ts hardening (source text)', () => {
  const main = read('electron/main.ts');
  const prefs = main.match(/webPreferences:\s*\{([\s\S]*?)\}/)?.[1] ?? '';

  it('BrowserWindow webPreferences keep isolation, sandbox and Node off', () => {
    expect(prefs).not.toBe('');
    expect(prefs).toMatch(/contextIsolation:\s*true/);
    expect(prefs).toMatch(/sandbox:\s*true/);
    expect(prefs).toMatch(/nodeIntegration:\s*false/);
    expect(prefs).toMatch(/nodeIntegrationInWorker:\s*false/);
    expect(prefs).toMatch(/nodeIntegrationInSubFrames:\s*false/);
    expect(prefs).toMatch(/webSecurity:\s*true/);
    expect(prefs).toMatch(/allowRunningInsecureContent:\s*false/);
    expect(prefs).toMatch(/webviewTag:\s*false/);
    expect(prefs).toMatch(/preload:/);
    expect(prefs).toMatch(/disableBlinkFeatures:\s*'Auxclick'/);
    // Only one BrowserWindow, and nothing flips these elsewhere.
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(main).not.toMatch(/(contextIsolation|sandbox|webSecurity):\s*false/);
    expect(main).not.toMatch(/nodeIntegration\w*:\s*true/);
  });

  it('installs the hardening, the single-instance lock and the privileged scheme', () => {
    expect(main).toContain('requestSingleInstanceLock()');
    expect(main).toContain('installSecurityHandlers()');
    expect(main).toContain('hardenDefaultSession()');
    expect(main).toMatch(/registerSchemesAsPrivileged\(\[\s*\{\s*scheme: APP_SCHEME, privileges: \{ standard: true, secure: true, supportFetchAPI: true \}/);
    expect(main).toContain('registerIpc(ipcMain');
    expect(main).not.toMatch(/ipcMain\.(handle|on)\(/);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
    // The userData path is set before the lock (the lock is keyed on it).
    expect(main.indexOf("app.setPath('userData'")).toBeGreaterThan(-1);
    expect(main.indexOf("app.setPath('userData'")).toBeLessThan(main.indexOf('requestSingleInstanceLock()'));
  });

  it('security.ts denies navigation, windows, webviews and permissions', () => {
    const sec = read('electron/security.ts');
    expect(sec).toContain("action: 'deny'");
    expect(sec).toMatch(/will-navigate/);
    expect(sec).toMatch(/will-redirect/);
    expect(sec).toMatch(/will-attach-webview/);
    expect(sec).toMatch(/setPermissionRequestHandler/);
    expect(sec).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(sec).toMatch(/onBeforeRequest/);
    expect(sec).toContain('app.enableSandbox()');
  });
});

describe('preload.ts (source text)', () => {
  const preload = read('electron/preload.ts');

  it('exposes named functions only, never ipcRenderer itself', () => {
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('cadreApi', bridge/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\.(on|send|sendSync|postMessage)\b/);
  });

  it('imports only electron and the shared contract', () => {
    const imports = [...preload.matchAll(/^import\s.*from\s+'([^']+)'/gm)].map(m => m[1]);
    expect(imports.sort()).toEqual(['../shared/contract/api', '../shared/contract/errors', 'electron']);
  });
});
