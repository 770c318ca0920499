import { execFileSync } from 'node:child_process';

/** The CLI and web-host tests run the real bundles: build them once per run. */
export default function setup(): void {
  execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
}
