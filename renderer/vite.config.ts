import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from '../electron/csp';

/**
 * The same CSP the Electron shell and the web host send as a header, also as
 * a meta tag (for a page opened any other way). frame-ancestors is dropped
 * here only because browsers ignore it in a meta tag; the header keeps it.
 */
const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
  .filter(d => !d.startsWith('frame-ancestors'))
  .join('; ');

function cspMeta(): Plugin {
  return {
    name: 'cadre-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
