/**
 * The BUILT renderer (dist/renderer) under the Content-Security-Policy the app
 * sends (electron/csp.ts, via securityHeaders, as app:// and the web host send
 * it), in Chromium: eval and new Function are blocked, inline script is
 * blocked, and a fetch or a script from a remote origin is refused by the CSP
 * (securitypolicyviolation events) without ever reaching the network. The
 * files are served by Playwright's router; nothing leaves the machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { contentTypeFor, securityHeaders } from '../../electron/app-protocol';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER = path.join(ROOT, 'dist/renderer');
const ORIGIN = 'https://cadre.test';
const REMOTE = 'https://remote.example';

/**
 * Runs as a script of the page's own origin (as the app's bundle does): code the
 * test evaluates over DevTools may be exempt from the CSP's eval rule, page scripts are not.
 */
const PROBE = `
  const attempt = fn => { try { fn(); return 'ran'; } catch (e) { return e.name; } };
  window.__probe = { eval: attempt(() => (0, eval)('1 + 1')), newFunction: attempt(() => new Function('return 1')()) };
`;

interface Violation {
  directive: string;
  blocked: string;
}

test('the built renderer under the app’s CSP: no eval, no inline or remote script, no remote fetch', async ({ page }) => {
  expect(fs.existsSync(path.join(RENDERER, 'index.html')), 'run npm run build first').toBe(true);
  const escaped: string[] = [];
  await page.route('**/*', async route => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      escaped.push(url.href); // a request the CSP should have stopped
      return route.abort();
    }
    if (url.pathname === '/__probe.js') return route.fulfill({ status: 200, headers: securityHeaders('text/javascript; charset=utf-8'), body: PROBE });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname).slice(1);
    const file = path.resolve(RENDERER, rel);
    if (!file.startsWith(RENDERER + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    // The API is not served here: the page shows its error state, which is fine for this test.
    return route.fulfill({ status: 200, headers: securityHeaders(contentTypeFor(file)), body: fs.readFileSync(file) });
  });
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __violations: Violation[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', e => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });

  const response = await page.goto(`${ORIGIN}/index.html`);
  expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.locator('#root')).not.toBeEmpty();

  const outcome = await page.evaluate(async remote => {
    const w = window as unknown as { __inline?: boolean };
    // eval and new Function, tried by a script of the page itself.
    const probe = await new Promise<Record<string, string>>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/__probe.js';
      s.onload = () => resolve((window as unknown as { __probe: Record<string, string> }).__probe);
      s.onerror = () => reject(new Error('the probe script did not load'));
      document.head.appendChild(s);
    });
    const results: Record<string, string> = {
      ...probe,
      stringTimeout: await new Promise<string>(resolve => {
        (window as unknown as { __timer?: boolean }).__timer = false;
        // A string handler is eval in disguise.
        (setTimeout as unknown as (code: string, ms: number) => void)('window.__timer = true', 0);
        setTimeout(() => resolve((window as unknown as { __timer?: boolean }).__timer ? 'ran' : 'blocked'), 100);
      }),
      fetch: await fetch(`${remote}/data.json`).then(
        () => 'ran',
        e => (e as Error).name,
      ),
      script: await new Promise<string>(resolve => {
        const s = document.createElement('script');
        s.src = `${remote}/evil.js`;
        s.onload = () => resolve('ran');
        s.onerror = () => resolve('blocked');
        document.head.appendChild(s);
      }),
      inline: await new Promise<string>(resolve => {
        w.__inline = false;
        const s = document.createElement('script');
        s.textContent = 'window.__inline = true';
        document.head.appendChild(s);
        setTimeout(() => resolve(w.__inline ? 'ran' : 'blocked'), 50);
      }),
      image: await new Promise<string>(resolve => {
        const img = new Image();
        img.onload = () => resolve('ran');
        img.onerror = () => resolve('blocked');
        img.src = `${remote}/pixel.png`;
      }),
    };
    return results;
  }, REMOTE);

  expect(outcome).toEqual({
    eval: 'EvalError',
    newFunction: 'EvalError',
    stringTimeout: 'blocked',
    fetch: 'TypeError',
    script: 'blocked',
    inline: 'blocked',
    image: 'blocked',
  });
  const violations = await page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
  const has = (directive: RegExp, blocked: RegExp) => violations.some(v => directive.test(v.directive) && blocked.test(v.blocked));
  expect(has(/^script-src/, /^eval$/), JSON.stringify(violations)).toBe(true);
  expect(has(/^connect-src$/, /^https:\/\/remote\.example\/data\.json$/), JSON.stringify(violations)).toBe(true);
  expect(has(/^script-src(-elem)?$/, /^https:\/\/remote\.example\/evil\.js$/), JSON.stringify(violations)).toBe(true);
  expect(has(/^script-src(-elem)?$/, /^inline$/), JSON.stringify(violations)).toBe(true);
  expect(has(/^img-src$/, /^https:\/\/remote\.example\/pixel\.png$/), JSON.stringify(violations)).toBe(true);
  // Refused by the policy, not by the network: not one request left the page's origin.
  expect(escaped).toEqual([]);
});
