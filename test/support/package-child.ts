/**
 * The child process of the package crash test (bundled to dist/test/package-child.cjs): it opens
 * the data folder as the app does, previews a package and merges it; a temporary trigger counts
 * the cadres the merge inserts and, at the count named, prints READY and freezes inside the
 * merge's transaction so the parent can SIGKILL it there.
 *
 *   node package-child.cjs <dataDir> <package> <freezeAfter | none>
 */
import fs from 'node:fs';
import { openCore } from '../../electron/services/core/core';
import { routeCalls } from './dispatch';

const [dataDir, pkg, freezeAt] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const core = openCore({ dataDir, appVersion: 'test' });
let inserted = 0;
core.db.function('merge_tick', () => {
  if (++inserted === Number(freezeAt)) {
    say('READY');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
  return 0;
});
core.db.exec('CREATE TEMP TRIGGER merge_tick AFTER INSERT ON cadres BEGIN SELECT merge_tick(); END');
void (async () => {
  const r = routeCalls(core);
  const preview = await r.call('previewPackages', { files: [{ path: pkg }] });
  const merged = await r.call('mergePackages', { planId: preview.planId });
  say(`merged ${merged.new}`);
  core.close();
})();
