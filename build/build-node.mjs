// Bundles the Node-side entry points with esbuild into dist/ (CommonJS).
// electron and better-sqlite3 stay external: the first is provided by the
// Electron runtime, the second is a native module loaded from node_modules.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['electron', 'better-sqlite3'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  outExtension: { '.js': '.cjs' },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts', webhost: 'electron/web/main.ts' }, outdir: 'dist/electron' }),
  // The Excel importer's worker thread (electron/services/import/jobs.ts loads it beside the bundle).
  build({ ...common, entryPoints: { 'import-worker': 'electron/services/import/worker.ts' }, outdir: 'dist/electron' }),
  build({ ...common, entryPoints: { cli: 'electron/cli/main.ts' }, outdir: 'dist/electron', banner: { js: '#!/usr/bin/env node' } }),
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', target: 'chrome130' }),
  build({ ...common, entryPoints: { run: 'test/bench/run.ts' }, outdir: 'dist/bench' }),
]);
fs.chmodSync('dist/electron/cli.cjs', 0o755);
