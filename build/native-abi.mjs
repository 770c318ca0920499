// better-sqlite3 is a native module: Node and Electron need different builds.
// `node build/native-abi.mjs node|electron` makes sure the build in
// node_modules matches the runtime about to use it, rebuilding only when it
// does not (about a minute from source).
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const target = process.argv[2];
const require = createRequire(import.meta.url);
const marker = new URL('../node_modules/better-sqlite3/build/cadre-abi.txt', import.meta.url);
const current = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';
const run = cmd => execSync(cmd, { stdio: 'inherit' });

if (target === 'node') {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('better-sqlite3 不是为当前 Node 编译的，正在重新编译……');
    run('npm rebuild better-sqlite3');
  }
  fs.writeFileSync(marker, `node-${process.versions.modules}`);
} else if (target === 'electron') {
  const version = require('electron/package.json').version;
  if (current !== `electron-${version}`) {
    console.log(`正在为 Electron ${version} 编译 better-sqlite3（需要联网下载 Electron 头文件，或预置缓存）……`);
    run('npx electron-builder install-app-deps');
    fs.writeFileSync(marker, `electron-${version}`);
  }
} else {
  console.error('用法：node build/native-abi.mjs node|electron');
  process.exit(2);
}
