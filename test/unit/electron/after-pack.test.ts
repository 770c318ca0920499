/**
 * The electron-builder afterPack check (build/after-pack.mjs) on a packaged
 * layout holding this machine's real better_sqlite3.node: the Node build must
 * fail naming the ABI found and the one expected; a copy patched to carry
 * Electron's ABI passes that part; on Linux the glibc versions the binary
 * needs are read from its .gnu.version_r and compared with UOS 20's. All on
 * real bytes; readelf/nm (binutils) cross-check the parser when present.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterPack, checkPackagedApp } from '../../../build/after-pack.mjs';
import {
  LINUX_BASELINE,
  electronAbi,
  elfExportedSymbols,
  elfVersionNeeds,
  glibcNeeds,
  readNativeModule,
  scanVersionStrings,
  versionsAbove,
} from '../../../build/native-module.mjs';

const root = path.resolve(__dirname, '../../..');
const REAL = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const real = fs.readFileSync(REAL);
const NODE_ABI = process.versions.modules;
const ELECTRON_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
const ELECTRON_ABI = electronAbi(ELECTRON_VERSION, root)!.abi;
const isElf = real[0] === 0x7f && real.toString('latin1', 1, 4) === 'ELF';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-afterpack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** An electron-builder appOutDir (Linux/Windows layout) holding `binary` as better_sqlite3.node. */
function packagedApp(binary: Buffer, name = 'better_sqlite3.node'): string {
  const appOutDir = path.join(tmp, `linux-unpacked-${n++}`);
  const release = path.join(appOutDir, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release');
  fs.mkdirSync(release, { recursive: true });
  fs.writeFileSync(path.join(appOutDir, 'resources/app.asar'), 'stand-in');
  fs.writeFileSync(path.join(release, name), binary);
  return appOutDir;
}

/** Replaces every NUL-bounded occurrence of `from` by `to` (same length). */
function patchString(buf: Buffer, from: string, to: string): { buf: Buffer; count: number } {
  expect(to.length, `${from} -> ${to}`).toBe(from.length);
  const out = Buffer.from(buf);
  const needle = Buffer.from(`${from}\0`, 'latin1');
  let count = 0;
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) {
    if (at > 0 && out[at - 1] !== 0 && out[at - 1] !== 0x5f) continue;
    out.write(to, at, 'latin1');
    count++;
  }
  return { buf: out, count };
}

/** This machine's build patched to Electron's ABI: the register symbol renamed. */
function electronAbiCopy(): Buffer {
  const { buf, count } = patchString(real, `node_register_module_v${NODE_ABI}`, `node_register_module_v${ELECTRON_ABI}`);
  expect(count).toBeGreaterThan(0);
  return buf;
}

function tool(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

describe('reading a .node binary', () => {
  it("reads this machine's better_sqlite3.node as a Node-ABI build for this arch", () => {
    const info = readNativeModule(real);
    expect(info.abi).toBe(NODE_ABI);
    expect(info.napi).toBe(false);
    expect(info.arch).toBe(process.arch);
    if (process.platform === 'linux') expect(info.format).toBe('elf');
  });

  it.runIf(isElf)('finds the register symbol in .dynsym, as nm -D does', () => {
    const exported = elfExportedSymbols(real);
    expect(exported).toContain(`node_register_module_v${NODE_ABI}`);
    const nm = tool('nm', ['-D', '--defined-only', REAL]);
    if (nm != null) {
      const fromNm = nm
        .split('\n')
        .map(l => l.trim().split(/\s+/).pop())
        .filter(s => s?.startsWith('node_register_module_v'));
      expect(fromNm).toEqual([`node_register_module_v${NODE_ABI}`]);
    }
  });

  it.runIf(isElf)('reads .gnu.version_r as readelf -V does, and the byte scan agrees', () => {
    const needs = elfVersionNeeds(real)!;
    expect(needs.map(x => x.file)).toContain('libc.so.6');
    const versions = glibcNeeds(real);
    expect(versions.source).toBe('.gnu.version_r');
    expect(versions.versions.some(v => v.startsWith('GLIBC_'))).toBe(true);
    const readelf = tool('readelf', ['-V', '-W', REAL]);
    if (readelf != null) {
      const section = readelf.slice(readelf.indexOf('.gnu.version_r'));
      const fromReadelf = [...section.matchAll(/Name: ((?:GLIBC|GLIBCXX|CXXABI)_[\d.]+)/g)].map(m => m[1]);
      expect(new Set(versions.versions)).toEqual(new Set(fromReadelf));
    }
    expect(new Set(scanVersionStrings(real))).toEqual(new Set(versions.versions));
  });

  it.runIf(isElf)('falls back to the byte scan when the section headers are gone', () => {
    const stripped = Buffer.from(real);
    // e_shoff := 0 (ELF64 offset 0x28, ELF32 0x20): no sections to parse.
    if (stripped[4] === 2) stripped.writeBigUInt64LE(0n, 0x28);
    else stripped.writeUInt32LE(0, 0x20);
    expect(elfVersionNeeds(stripped)).toBeNull();
    expect(glibcNeeds(stripped)).toEqual({ source: 'byte scan', versions: glibcNeeds(real).versions });
    expect(readNativeModule(stripped).abi).toBe(NODE_ABI);
  });

  it('reads the register symbol from a PE export name and the machine from the PE header', () => {
    const pe = Buffer.alloc(0x200);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    pe.writeUInt16LE(0x8664, 0x84);
    pe.write('better_sqlite3.node\0node_register_module_v140\0', 0x150, 'latin1');
    expect(readNativeModule(pe)).toMatchObject({ format: 'pe', arch: 'x64', abi: '140', napi: false });
  });

  it("knows Electron's ABI from node_modules, without the network", () => {
    expect(ELECTRON_ABI).toMatch(/^\d+$/);
    expect(ELECTRON_ABI).not.toBe(NODE_ABI);
    expect(electronAbi(ELECTRON_VERSION, root)!.source).toBe('node_modules/electron/abi_version');
    // Another release of the same major: node-abi's table.
    const major = ELECTRON_VERSION.split('.')[0];
    expect(electronAbi(`${major}.0.1`, root)).toEqual({ abi: ELECTRON_ABI, source: 'node_modules/node-abi/abi_registry.json' });
    expect(electronAbi('999.0.0', root)).toBeNull();
  });
});

describe('the afterPack check', () => {
  it('fails on the Node build, naming the ABI found and the one expected', () => {
    const result = checkPackagedApp({ appOutDir: packagedApp(real), platform: 'linux', arch: process.arch, electronVersion: ELECTRON_VERSION });
    expect(result.ok).toBe(false);
    const abiProblem = result.problems.find(p => p.includes('NODE_MODULE_VERSION'));
    expect(abiProblem).toContain(`NODE_MODULE_VERSION 是 ${NODE_ABI}`);
    expect(abiProblem).toContain(`Electron ${ELECTRON_VERSION} 需要 ${ELECTRON_ABI}`);
    expect(abiProblem).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(result.report[0]).toContain(`NODE_MODULE_VERSION ${ELECTRON_ABI}`);
  });

  it("passes the ABI part on a copy carrying Electron's ABI", () => {
    const result = checkPackagedApp({ appOutDir: packagedApp(electronAbiCopy()), platform: 'win32', arch: process.arch, electronVersion: ELECTRON_VERSION });
    expect(result.problems.filter(p => p.includes('NODE_MODULE_VERSION'))).toEqual([]);
  });

  it.runIf(isElf)('on Linux, names the glibc versions above UOS 20 that this build needs', () => {
    const result = checkPackagedApp({ appOutDir: packagedApp(electronAbiCopy()), platform: 'linux', arch: process.arch, electronVersion: ELECTRON_VERSION });
    const above = versionsAbove(glibcNeeds(real).versions);
    if (above.length === 0) {
      expect(result).toMatchObject({ ok: true, problems: [] });
      return;
    }
    // Debian 12's build: GLIBC_2.33/2.34, GLIBCXX_3.4.29 and more.
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    for (const v of above) expect(result.problems[0]).toContain(v);
    expect(result.problems[0]).toContain(`GLIBC_${LINUX_BASELINE.GLIBC}`);
    expect(result.problems[0]).toContain('-static-libstdc++');
  });

  it.runIf(isElf)("passes a copy whose ABI is Electron's and whose symbol versions are no newer than UOS 20's", () => {
    let buf = electronAbiCopy();
    for (const v of versionsAbove(glibcNeeds(real).versions)) {
      const family = v.slice(0, v.indexOf('_')) as keyof typeof LINUX_BASELINE;
      buf = patchString(buf, v, `${family}_${LINUX_BASELINE[family]}`).buf;
    }
    expect(versionsAbove(glibcNeeds(buf).versions)).toEqual([]);
    const result = checkPackagedApp({ appOutDir: packagedApp(buf), platform: 'linux', arch: process.arch, electronVersion: ELECTRON_VERSION });
    expect(result).toMatchObject({ ok: true, problems: [], warnings: [] });
  });

  it('fails on a binary for another architecture than the target', () => {
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    const result = checkPackagedApp({ appOutDir: packagedApp(electronAbiCopy()), platform: 'win32', arch: other, electronVersion: ELECTRON_VERSION });
    expect(result.problems).toEqual([expect.stringContaining(`是 ${process.arch} 架构的二进制，而本次打包的目标是 ${other}`)]);
  });

  it('fails when the package holds no better_sqlite3.node', () => {
    const result = checkPackagedApp({
      appOutDir: packagedApp(electronAbiCopy(), 'other.node'),
      platform: 'win32',
      arch: process.arch,
      electronVersion: ELECTRON_VERSION,
    });
    expect(result.problems).toEqual([expect.stringContaining('没有 better_sqlite3.node')]);
  });

  it.runIf(isElf)('CADRE_ALLOW_NEW_GLIBC=1 makes only the glibc part a warning', () => {
    const env = { CADRE_ALLOW_NEW_GLIBC: '1' };
    const nodeBuild = checkPackagedApp({ appOutDir: packagedApp(real), platform: 'linux', arch: process.arch, electronVersion: ELECTRON_VERSION, env });
    expect(nodeBuild.ok).toBe(false);
    expect(nodeBuild.problems).toEqual([expect.stringContaining(`NODE_MODULE_VERSION 是 ${NODE_ABI}`)]);
    const electronBuild = checkPackagedApp({
      appOutDir: packagedApp(electronAbiCopy()),
      platform: 'linux',
      arch: process.arch,
      electronVersion: ELECTRON_VERSION,
      env,
    });
    expect(electronBuild.ok).toBe(true);
    expect(electronBuild.warnings.length).toBe(versionsAbove(glibcNeeds(real).versions).length > 0 ? 1 : 0);
  });

  it.runIf(isElf && process.platform === 'linux')('reports the glibc the Linux executable needs, as a warning', () => {
    // This Node binary stands in for the Electron executable.
    const appOutDir = packagedApp(electronAbiCopy());
    fs.symlinkSync(process.execPath, path.join(appOutDir, 'cadre-desk'));
    const result = checkPackagedApp({
      appOutDir,
      platform: 'linux',
      arch: process.arch,
      electronVersion: ELECTRON_VERSION,
      executableName: 'cadre-desk',
      env: { CADRE_ALLOW_NEW_GLIBC: '1' },
    });
    const above = versionsAbove(glibcNeeds(fs.readFileSync(process.execPath)).versions);
    const exeWarnings = result.warnings.filter(w => w.startsWith('cadre-desk'));
    expect(exeWarnings).toHaveLength(above.length > 0 ? 1 : 0);
    for (const v of above) expect(exeWarnings[0]).toContain(v);
    expect(result.ok).toBe(true);
  });

  it('the hook throws, with the reasons, on the context electron-builder passes', async () => {
    const log = console.log;
    console.log = () => {};
    try {
      // arch: builder-util's Arch enum (x64 = 1, arm64 = 3).
      const arch = ({ ia32: 0, x64: 1, arm64: 3 } as Record<string, number>)[process.arch] ?? 1;
      const context = { appOutDir: packagedApp(real), electronPlatformName: 'linux', arch, packager: { config: { electronVersion: ELECTRON_VERSION } } };
      await expect(afterPack(context)).rejects.toThrow(
        new RegExp(`原生模块检查未通过[\\s\\S]*NODE_MODULE_VERSION 是 ${NODE_ABI}，Electron ${ELECTRON_VERSION.replace(/\./g, '\\.')} 需要 ${ELECTRON_ABI}`),
      );
    } finally {
      console.log = log;
    }
  });

  it('is wired in electron-builder.yml', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/build\/after-pack\.mjs$/m);
  });
});
