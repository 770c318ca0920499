/**
 * Where data lives. One rule for the Electron app, the loopback web host and
 * the CLI: `--data-dir DIR` beats `CADRE_DATA_DIR`, which beats the default
 * (the Electron userData folder of 干部工作台). No `electron` import here, so
 * the CLI and the web host compute the same folder Electron would.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'CadreDesk';
export const DB_FILE = 'cadre-desk.db';

/** The platform's per-user application-data folder, as Electron's app.getPath('appData'). */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA || path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
}

/** Reads `--data-dir DIR` or `--data-dir=DIR` from argv. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir' && argv[i + 1]) return argv[i + 1];
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length);
  }
  return undefined;
}

export function resolveDataDir(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = dataDirFromArgv(argv) ?? (env.CADRE_DATA_DIR || undefined);
  return path.resolve(chosen ?? path.join(appDataDir(env), APP_FOLDER));
}

export function dbPathIn(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}
