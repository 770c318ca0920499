/** security.ts against a mocked `electron` module: the handlers do what they say. */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const appEvents = new EventEmitter();
const enableSandbox = vi.fn();

vi.mock('electron', () => ({
  app: { enableSandbox, on: (name: string, fn: (...a: unknown[]) => void) => appEvents.on(name, fn) },
  session: { defaultSession: undefined },
}));

let security: typeof import('../../../electron/security');
beforeAll(async () => {
  security = await import('../../../electron/security');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

function fakeEvent(url: string) {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class FakeSession extends EventEmitter {
  permissionRequest?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
  permissionCheck?: () => boolean;
  deviceCheck?: () => boolean;
  beforeRequest?: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
  spellcheck = true;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['deviceCheck']) {
    this.deviceCheck = h;
  }
  setUSBProtectedClassesHandler() {}
  setDisplayMediaRequestHandler() {}
  setBluetoothPairingHandler() {}
  setSpellCheckerEnabled(on: boolean) {
    this.spellcheck = on;
  }
  webRequest = {
    onBeforeRequest: (h: FakeSession['beforeRequest']) => {
      this.beforeRequest = h;
    },
  };
}

class FakeContents extends EventEmitter {
  openHandler?: (d: { url: string }) => { action: string };
  session = new FakeSession();
  setWindowOpenHandler(h: FakeContents['openHandler']) {
    this.openHandler = h;
  }
}

describe('installSecurityHandlers', () => {
  it('enables the sandbox and hardens every new web contents and its session', () => {
    security.installSecurityHandlers();
    expect(enableSandbox).toHaveBeenCalledTimes(1);
    const contents = new FakeContents();
    appEvents.emit('web-contents-created', {}, contents);

    // Navigation and redirects: only within app://cadre/.
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const inside = fakeEvent('app://cadre/index.html#/roster');
      contents.emit(name, inside);
      expect(inside.defaultPrevented, name).toBe(false);
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/', 'http://127.0.0.1:1/']) {
        const outside = fakeEvent(url);
        contents.emit(name, outside);
        expect(outside.defaultPrevented, `${name} ${url}`).toBe(true);
      }
    }
    expect(contents.openHandler!({ url: 'app://cadre/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent('');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);

    const ses = contents.session;
    const granted: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) ses.permissionRequest!({}, p, g => granted.push(g));
    expect(granted).toEqual([false, false, false, false, false]);
    expect(ses.permissionCheck!()).toBe(false);
    expect(ses.deviceCheck!()).toBe(false);
    expect(ses.spellcheck).toBe(false);

    const cancelled = (url: string) => {
      let result: { cancel: boolean } | undefined;
      ses.beforeRequest!({ url }, r => (result = r));
      return result!.cancel;
    };
    expect(cancelled('app://cadre/assets/index.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AA')).toBe(false);
    expect(cancelled('https://fonts.googleapis.com/css')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/api/getStatus')).toBe(true);
    expect(cancelled('ws://localhost:5173/')).toBe(true);

    const download = fakeEvent('');
    ses.emit('will-download', download, { getURL: () => 'https://example.com/a.exe' });
    expect(download.defaultPrevented).toBe(true);
    const save = fakeEvent('');
    ses.emit('will-download', save, { getURL: () => 'blob:app://cadre/1234' });
    expect(save.defaultPrevented).toBe(false);
  });

  it('hardens a session only once', () => {
    const ses = new FakeSession();
    const spy = vi.spyOn(ses, 'setPermissionRequestHandler');
    security.hardenSession(ses as never);
    security.hardenSession(ses as never);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
