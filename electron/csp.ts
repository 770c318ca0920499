/**
 * The web-side security policy, shared by the Electron main process (the
 * app:// protocol), the loopback web host and the tests. Pure: no `electron`
 * import, no Node APIs beyond the WHATWG URL global.
 */

/**
 * Strict Content-Security-Policy sent with every response the app serves.
 * No remote origins, no eval. `'unsafe-inline'` for styles only: AG Grid sets
 * inline styles on its cells. Fonts and images may be data:/blob: (exported
 * charts and photos are shown from blob: URLs).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ');

/** The privileged custom scheme the Electron renderer is loaded from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cadre';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own origin (app://cadre/...) and nothing else. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || !url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Which requests the Electron session lets through: our own app:// origin, the
 * developer tools (devtools:), and in-memory data:/blob: URLs. Everything else
 * (http, https, ws, ftp, file, other custom schemes) is cancelled: the app
 * makes no network request of any kind at run time.
 */
export function isAllowedRequestUrl(url: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  switch (protocol) {
    case 'app:':
      return isAppUrl(url);
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    default:
      return false;
  }
}
