/** Bundles a crash-test child script with esbuild so a plain `node` process can run (and be killed running) it. */
import { build } from 'esbuild';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** Builds `entry` (a .ts file) to dist/test/<name>.cjs and returns that path. */
export async function buildChild(entry: string, name: string): Promise<string> {
  const outfile = path.join(ROOT, 'dist/test', `${name}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'electron'],
    logLevel: 'warning',
  });
  return outfile;
}
