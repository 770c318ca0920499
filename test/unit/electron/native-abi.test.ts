/**
 * build/native-abi.mjs node: installing (or keeping) the Node build of
 * better-sqlite3 removes the markers @electron/rebuild trusts to skip a
 * rebuild, so the next `npm start` / `npm run dist:*` really builds for
 * Electron. Runs the script on a copy of the module (CADRE_NATIVE_MODULE_DIR),
 * never on the shared node_modules, and asks @electron/rebuild's own
 * ModuleRebuilder whether it would skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { electronAbi, removeRebuildMarkers } from '../../../build/native-module.mjs';

const root = path.resolve(__dirname, '../../..');
const REAL_MODULE = path.join(root, 'node_modules/better-sqlite3');
const ELECTRON_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
const ELECTRON_ABI = electronAbi(ELECTRON_VERSION, root)!.abi;
const META = `${process.platform}--${process.arch}--${ELECTRON_ABI}`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-native-abi-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** node_modules/better-sqlite3 with this machine's Node build, as left after an Electron rebuild. */
function moduleCopy(): string {
  const nm = path.join(tmp, `app-${n++}`, 'node_modules');
  const dir = path.join(nm, 'better-sqlite3');
  fs.mkdirSync(path.join(dir, 'build/Release'), { recursive: true });
  fs.cpSync(path.join(REAL_MODULE, 'lib'), path.join(dir, 'lib'), { recursive: true });
  fs.copyFileSync(path.join(REAL_MODULE, 'package.json'), path.join(dir, 'package.json'));
  fs.copyFileSync(path.join(REAL_MODULE, 'build/Release/better_sqlite3.node'), path.join(dir, 'build/Release/better_sqlite3.node'));
  fs.symlinkSync(path.join(root, 'node_modules/bindings'), path.join(nm, 'bindings'), 'junction');
  // What @electron/rebuild leaves behind: .forge-meta, and what it treats as a prebuilt binary.
  fs.writeFileSync(path.join(dir, 'build/Release/.forge-meta'), META);
  fs.mkdirSync(path.join(dir, 'build/Debug'));
  fs.writeFileSync(path.join(dir, 'build/Debug/.forge-meta'), META);
  fs.mkdirSync(path.join(dir, `prebuilds/${process.platform}-${process.arch}`), { recursive: true });
  fs.writeFileSync(path.join(dir, `prebuilds/${process.platform}-${process.arch}/electron-${ELECTRON_ABI}.node`), 'x');
  fs.writeFileSync(path.join(dir, 'build/cadre-abi.txt'), `electron-${ELECTRON_VERSION}`);
  return dir;
}

/** Would @electron/rebuild (the version electron-builder uses) skip this module for Electron? */
async function rebuildWouldSkip(dir: string): Promise<boolean> {
  const lib = path.join(root, 'node_modules/@electron/rebuild/lib');
  const { ModuleRebuilder } = await import(pathToFileURL(path.join(lib, 'module-rebuilder.js')).href);
  const { PrebuildInstall } = await import(pathToFileURL(path.join(lib, 'module-type/prebuild-install.js')).href);
  const rebuilder = { buildType: 'Release', platform: process.platform, arch: process.arch, ABI: ELECTRON_ABI, electronVersion: ELECTRON_VERSION };
  const already = await new ModuleRebuilder(rebuilder, dir).alreadyBuiltByRebuild();
  const prebuilt = await new PrebuildInstall(rebuilder, dir).prebuiltModuleExists();
  return already || prebuilt;
}

describe('native-abi.mjs node', () => {
  it('removes the rebuild markers and keeps the binary', () => {
    const dir = moduleCopy();
    const removed = removeRebuildMarkers(dir).map(f => path.relative(dir, f).split(path.sep).join('/'));
    expect(removed.sort()).toEqual(
      ['build/Debug/.forge-meta', 'build/Release/.forge-meta', `prebuilds/${process.platform}-${process.arch}/electron-${ELECTRON_ABI}.node`].sort(),
    );
    expect(fs.existsSync(path.join(dir, 'build/Release/better_sqlite3.node'))).toBe(true);
    expect(removeRebuildMarkers(dir)).toEqual([]);
  });

  it('leaves no stale marker: @electron/rebuild would skip before, and rebuilds after', async () => {
    const dir = moduleCopy();
    expect(await rebuildWouldSkip(dir)).toBe(true);

    const out = execFileSync(process.execPath, ['build/native-abi.mjs', 'node'], {
      cwd: root,
      env: { ...process.env, CADRE_NATIVE_MODULE_DIR: dir },
      encoding: 'utf8',
    });
    // The copy is this Node's build: no rebuild, but the markers go.
    expect(out).not.toContain('正在重新编译');
    expect(out).toContain('已删除 @electron/rebuild 的编译标记');
    expect(fs.existsSync(path.join(dir, 'build/Release/.forge-meta'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'build/Debug/.forge-meta'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'build/cadre-abi.txt'), 'utf8')).toBe(`node-${process.versions.modules}`);
    expect(await rebuildWouldSkip(dir)).toBe(false);
  });
});
