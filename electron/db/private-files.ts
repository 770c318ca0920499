/**
 * Personal data stays readable by its owner only on shared Linux and macOS machines:
 * folders 0700, files 0600. Windows keeps the per-user profile's ACL (the data folder
 * lives under %APPDATA%), so nothing is changed there.
 */
import fs from 'node:fs';

const POSIX = process.platform !== 'win32';

/**
 * Creates the folder (and missing parents) owner-only. An existing folder is left as it
 * is: `--db ~/cadre.db` must not change the home folder.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Makes a file owner-only; `announce` logs it (a file that was there before, readable by others). */
export function makePrivate(file: string, announce = true): void {
  tighten(file, 0o600, announce);
}

function tighten(target: string, mode: number, announce: boolean): void {
  if (!POSIX) return;
  let current: number;
  try {
    current = fs.statSync(target).mode & 0o777;
  } catch {
    return; // not there (yet): nothing to tighten
  }
  if ((current & ~mode) === 0) return;
  try {
    fs.chmodSync(target, mode);
    if (announce) console.warn(`[cadre] permissions of ${target} tightened from ${current.toString(8)} to ${mode.toString(8)} (personal data)`);
  } catch {
    // not ours to change (e.g. a read-only mount): opening goes on and says what fails
  }
}
