/**
 * The navigation, redirect, window.open and permission handlers main.ts installs
 * (electron/security.ts, under a fake `electron`) against URLs that look like
 * the app's own origin but are not: only app://cadre/… may be navigated to;
 * windows and permissions are refused for everyone, the app's origin included.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: { enableSandbox: vi.fn(), on: vi.fn() }, session: { defaultSession: undefined } }));

let security: typeof import('../../../electron/security');
beforeAll(async () => {
  security = await import('../../../electron/security');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

class FakeContents extends EventEmitter {
  openHandler?: (d: { url: string }) => { action: string };
  setWindowOpenHandler(h: FakeContents['openHandler']) {
    this.openHandler = h;
  }
}

const OURS = ['app://cadre/index.html', 'app://cadre/index.html#/roster?x=1', 'app://cadre/assets/index-abc.js'];
const LOOKALIKES = [
  'app://cadre.evil/',
  'app://evilcadre/',
  'app://cadre@evil/',
  'app://user:pw@cadre/',
  'app://cadre:8080/',
  'app:cadre/index.html',
  'app:/cadre/index.html',
  'app://',
  'APP://EVIL/',
  'https://cadre/',
  'http://127.0.0.1:5173/',
  'file:///C:/Windows/System32/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://cadre/123',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  'about:blank',
  '\\\\server\\share\\x.html',
  '',
  ' app://cadre/index.html',
];

function navigate(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) });
  return !prevented;
}

describe('navigation and window handlers', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: only the app’s own origin', event => {
    const contents = new FakeContents();
    security.hardenWebContents(contents as never);
    for (const url of OURS) expect(navigate(contents, event, url), url).toBe(true);
    for (const url of LOOKALIKES) expect(navigate(contents, event, url), url).toBe(false);
  });

  it('window.open is denied for every URL, ours included', () => {
    const contents = new FakeContents();
    security.hardenWebContents(contents as never);
    for (const url of [...OURS, ...LOOKALIKES]) expect(contents.openHandler!({ url }), url).toEqual({ action: 'deny' });
  });

  it('permission requests and checks are refused whatever the origin asks', () => {
    type RequestHandler = (wc: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void;
    type CheckHandler = (wc: unknown, p: string, origin: string) => boolean;
    const handlers: { request?: RequestHandler; check?: CheckHandler } = {};
    const ses = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler(h: RequestHandler) {
        handlers.request = h;
      },
      setPermissionCheckHandler(h: CheckHandler) {
        handlers.check = h;
      },
      setDevicePermissionHandler() {},
      setUSBProtectedClassesHandler() {},
      setDisplayMediaRequestHandler() {},
      setBluetoothPairingHandler() {},
      setSpellCheckerEnabled() {},
      webRequest: { onBeforeRequest() {} },
    });
    security.hardenSession(ses as never);
    const permissions = [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'hid',
      'serial',
      'usb',
      'fileSystem',
      'unknown',
    ];
    for (const origin of ['app://cadre', 'https://example.com']) {
      for (const p of permissions) {
        const answers: boolean[] = [];
        handlers.request!({}, p, (g: boolean) => answers.push(g), { requestingUrl: `${origin}/index.html` });
        expect(answers, `${p} from ${origin}`).toEqual([false]);
        expect(handlers.check!({}, p, origin), `${p} check from ${origin}`).toBe(false);
      }
    }
  });
});
