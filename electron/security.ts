/**
 * The Electron hardening list (see ../shared ARCHITECTURE "Electron hardening"),
 * applied at startup by main.ts:
 *  - the renderer sandbox for every renderer (app.enableSandbox);
 *  - every web contents: navigation and redirects only within app://cadre/,
 *    window.open denied, <webview> refused;
 *  - every session: permission requests denied, permission checks false,
 *    device/HID/serial/USB access denied, spellchecker (which downloads
 *    dictionaries) off, and every request that is not app:, devtools:, data:
 *    or blob: cancelled: no network of any kind at run time.
 * The pure parts (CSP, URL rules) live in csp.ts so the web host and tests share them.
 */
import { app, session as electronSession, type Session, type WebContents } from 'electron';
import { isAllowedRequestUrl, isAppUrl } from './csp';

const hardenedSessions = new WeakSet<Session>();

/** Call once, before `app` is ready. */
export function installSecurityHandlers(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    hardenSession(contents.session);
  });
}

/** Call once the app is ready (the default session exists then). */
export function hardenDefaultSession(): void {
  hardenSession(electronSession.defaultSession);
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', event => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      console.warn(`[cadre] blocked navigation to ${truncate(event.url)}`);
    }
  });
  contents.on('will-frame-navigate', event => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', event => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      console.warn(`[cadre] blocked redirect to ${truncate(event.url)}`);
    }
  });
  contents.setWindowOpenHandler(details => {
    console.warn(`[cadre] blocked window.open(${truncate(details.url)})`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', event => {
    event.preventDefault();
  });
}

export function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);

  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    console.warn(`[cadre] denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setUSBProtectedClassesHandler(() => []);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  ses.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-serial-port', (event, _portList, _wc, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // Saving a file the page produced (blob:/data:) goes through the system's
  // save dialog; anything else cannot be downloaded.
  ses.on('will-download', (event, item) => {
    if (!isAllowedRequestUrl(item.getURL())) event.preventDefault();
  });
  // Dictionaries would be fetched from a CDN; the app is offline.
  ses.setSpellCheckerEnabled(false);

  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) console.warn(`[cadre] cancelled request to ${truncate(details.url)}`);
    callback({ cancel: !allowed });
  });
}

function truncate(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
