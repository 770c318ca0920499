/**
 * The child process of the crash-safety tests (bundled by the test with
 * esbuild to dist/test/backup-child.cjs). It opens the database as the app
 * does, keeps committing transactions of 50 cadres while it takes a snapshot,
 * and at the stage named on the command line prints READY and freezes, so the
 * parent can SIGKILL it exactly there.
 *
 *   node backup-child.cjs <dbPath> <stage> [<copy step>]
 *   stage: copy | verify | sync | rename | done | after | none
 */
import fs from 'node:fs';
import { openDatabase } from '../../electron/db/database';
import { takeSnapshot } from '../../electron/services/backup/backup';

const [dbPath, killAt, stepArg] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const freeze = () => {
  say('READY');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
};

const db = openDatabase(dbPath);
const insert = db.prepare('INSERT INTO cadres(name, resume) VALUES (?, ?)');
let committed = 0;
const writeBatch = () => {
  db.transaction(() => {
    for (let i = 0; i < 50; i++) insert.run(`写入${committed}-${i}`, '简历');
  })();
  committed++;
  say(`committed ${committed}`);
};

let copySteps = 0;
void takeSnapshot(db, 'manual', {
  dbPath,
  pagesPerStep: 4,
  onProgress: p => {
    if (p.stage === 'copy') {
      copySteps++;
      if (copySteps % 2 === 1) writeBatch(); // the app keeps working while the snapshot is taken
      if (killAt === 'copy' && copySteps === Number(stepArg ?? 3)) freeze();
      return;
    }
    if (p.stage === killAt) freeze();
  },
}).then(
  snap => {
    say(`snapshot ${snap.name}`);
    if (killAt === 'after') freeze();
    db.close();
  },
  err => {
    say(`failed ${(err as Error).message}`);
    process.exit(1);
  },
);
