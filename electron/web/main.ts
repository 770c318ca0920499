/**
 * `npm run web`: the start-up sequence of services/core/lifecycle.ts over the
 * data folder (same rule as the app and the CLI), then browser mode on
 * 127.0.0.1 with a random port and a per-run token.
 */
import path from 'node:path';
import { afterOpen, checkDataFile, dataFile, exitSnapshot, lockDataFolder, openData, prepareDataFolder, shownTime } from '../services/core/lifecycle';
import { pageDispatch } from '../services/core/dispatcher';
import { startWebHost } from './host';
import { APP_VERSION } from '../version';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portArg = argv.find(a => a.startsWith('--port='));
  const { dataDir, dbPath } = dataFile({ argv, env: process.env });
  prepareDataFolder(dataDir);
  // One app or web host per data folder; refused in Chinese (exit 1) while another holds it.
  const lock = lockDataFolder(dataDir, 'web');
  const ok = await checkDataFile(dbPath, ({ reason, found }) => {
    // No recovery screen in browser mode: say what is wrong and how to restore, then stop (exit 1, no loop).
    console.error(reason);
    if (found) {
      console.error(`最新的完好备份：${shownTime(found.takenAt)}（干部 ${found.counts.cadres} 名）。恢复命令（损坏的文件会另存一份）：`);
      console.error(`  npx cadre --data-dir "${dataDir}" restore "${found.file}"`);
    } else {
      console.error('没有找到可用的备份。损坏的文件未做任何改动。');
    }
    return false;
  });
  if (!ok) {
    lock.release();
    process.exit(1);
  }
  const core = openData({ dataDir, dbPath, appVersion: APP_VERSION });
  afterOpen(core, dbPath, {
    networkWarning: warning => console.warn(`注意：${warning}`),
    snapshotFailed: err => console.error(`自动备份失败：${(err as Error).message}`),
  });
  const host = await startWebHost({
    dispatch: pageDispatch(core.dispatch),
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: portArg ? Number(portArg.slice('--port='.length)) : 0,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => exitSnapshot(core))
      .catch(err => console.error(`退出时备份失败：${(err as Error).message}`))
      .finally(() => {
        core.close();
        lock.release();
        process.exit(0);
      });
  };
  // Before the address is printed: a Ctrl+C right after it still takes the exit snapshot and frees the folder.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`干部工作台（浏览器模式）已启动，数据目录：${dataDir}`);
  console.log(`请在浏览器中打开：${host.url}`);
}

main().catch(err => {
  console.error(`浏览器模式启动失败：${(err as Error).message}`);
  process.exit(1);
});
