// better-sqlite3 is a native module: Node and Electron need different builds.
// `node build/native-abi.mjs node|electron` makes sure the build in
// node_modules matches the runtime about to use it, rebuilding only when it
// does not (about a minute from source).
//
// @electron/rebuild (npm start, dist:*) skips a module whose
// build/Release/.forge-meta names the target platform, arch and ABI, without
// looking at the binary. Whenever the Node build is installed here, those
// markers are removed (build/native-module.mjs: removeRebuildMarkers), so the
// next `npm start` or `npm run dist:*` really rebuilds for Electron. The
// Electron branch trusts the binary, not the markers: it reads the ABI and the
// architecture from better_sqlite3.node itself.
//
// CADRE_NATIVE_MODULE_DIR names another better-sqlite3 folder (tests only).
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronAbi, readNativeModule, removeRebuildMarkers } from './native-module.mjs';

const target = process.argv[2];
const require = createRequire(import.meta.url);
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = process.env.CADRE_NATIVE_MODULE_DIR
  ? path.resolve(process.env.CADRE_NATIVE_MODULE_DIR)
  : path.dirname(require.resolve('better-sqlite3/package.json'));
const marker = path.join(moduleDir, 'build', 'cadre-abi.txt');
const binary = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const current = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';
const run = cmd => execSync(cmd, { stdio: 'inherit', cwd: projectDir });
const built = () => (fs.existsSync(binary) ? readNativeModule(fs.readFileSync(binary)) : null);

function clearMarkers() {
  for (const file of removeRebuildMarkers(moduleDir)) {
    console.log(`已删除 @electron/rebuild 的编译标记 ${path.relative(projectDir, file)}，下次打包或 npm start 会重新为 Electron 编译。`);
  }
}

if (target === 'node') {
  const probe = spawnSync(process.execPath, ['-e', `new (require(${JSON.stringify(moduleDir)}))(':memory:').close()`], { encoding: 'utf8' });
  if (probe.status !== 0) {
    if (process.env.CADRE_NATIVE_MODULE_DIR) {
      console.error(`${moduleDir} 中的 better-sqlite3 无法在当前 Node 中加载（不会重新编译指定的目录）：\n${probe.stderr}`);
      process.exit(1);
    }
    console.log('better-sqlite3 不是为当前 Node 编译的，正在重新编译……');
    run('npm rebuild better-sqlite3');
  }
  // Also after `npm rebuild`: prebuild-install keeps build/Release (and its .forge-meta).
  clearMarkers();
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, `node-${process.versions.modules}`);
} else if (target === 'electron') {
  const version = require('electron/package.json').version;
  const expected = electronAbi(version, projectDir)?.abi;
  const now = built();
  const matches = info => info != null && expected != null && info.abi === expected && info.arch === process.arch;
  if (current !== `electron-${version}` || !matches(now)) {
    console.log(`正在为 Electron ${version} 编译 better-sqlite3（需要联网下载 Electron 头文件，或预置缓存）……`);
    // A stale marker would make @electron/rebuild skip the build.
    clearMarkers();
    run('npx electron-builder install-app-deps');
    const after = built();
    if (expected != null && !matches(after)) {
      console.error(
        `better-sqlite3 编译后仍不是 Electron ${version} 的版本：NODE_MODULE_VERSION ${after?.abi ?? '未知'}（应为 ${expected}），架构 ${after?.arch ?? '未知'}（应为 ${process.arch}）。`,
      );
      process.exit(1);
    }
    fs.writeFileSync(marker, `electron-${version}`);
  }
} else {
  console.error('用法：node build/native-abi.mjs node|electron');
  process.exit(2);
}
