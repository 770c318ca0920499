/**
 * `npm run web`: opens the data folder (same rule as the app and the CLI) and
 * serves browser mode on 127.0.0.1 with a random port and a per-run token.
 */
import path from 'node:path';
import { resolveDataDir } from '../paths';
import { openCore } from '../services/core';
import { startWebHost } from './host';
import { APP_VERSION } from '../version';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portArg = argv.find(a => a.startsWith('--port='));
  const dataDir = resolveDataDir(argv, process.env);
  const core = openCore({ dataDir, appVersion: APP_VERSION });
  const host = await startWebHost({
    dispatch: core.dispatch,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: portArg ? Number(portArg.slice('--port='.length)) : 0,
  });
  console.log(`干部工作台（浏览器模式）已启动，数据目录：${dataDir}`);
  console.log(`请在浏览器中打开：${host.url}`);
  const stop = () => {
    void host.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(err => {
  console.error(`浏览器模式启动失败：${(err as Error).message}`);
  process.exit(1);
});
