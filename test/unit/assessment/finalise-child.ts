/**
 * Child process of the finalisation crash test (bundled by the test to
 * dist/test/assessment-finalise-child.cjs). Opens the database as the app
 * does and finalises the round; at the stage named on the command line
 * (and the given count of rows) it prints READY and freezes so the parent
 * can SIGKILL it exactly there.
 *
 *   node assessment-finalise-child.cjs <dbPath> <roundId> <stage> [<count>]
 *   stage: checked | results | annual | locked | after | none
 */
import fs from 'node:fs';
import { openDatabase } from '../../../electron/db/database';
import { finaliseRound } from '../../../electron/services/assessment/finalise';

const [dbPath, roundArg, killAt, countArg] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const freeze = () => {
  say('READY');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
};

const db = openDatabase(dbPath);
finaliseRound(db, Number(roundArg), (stage, done) => {
  if (stage === killAt && (countArg === undefined || done === Number(countArg))) freeze();
});
say('finalised');
if (killAt === 'after') freeze();
db.close();
