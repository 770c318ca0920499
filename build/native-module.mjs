// Reads what a native Node module (.node) was built for, from its bytes, and
// checks packaged modules against the Electron and the systems we ship to.
// Used by build/native-abi.mjs (development machine) and build/after-pack.mjs
// (electron-builder afterPack hook). No network, no dependencies.
//
// How the ABI is read. A V8-API addon such as better-sqlite3 is declared with
// NODE_MODULE_INIT, which exports one function named
//   node_register_module_v<NODE_MODULE_VERSION>
// (node.h: NODE_MODULE_INITIALIZER). The runtime looks that exact name up with
// dlsym after loading, so the number in the exported name is the ABI the binary
// was compiled against: Node 20 is 115, Electron 39 is 140. For ELF we read the
// name from the dynamic symbol table (.dynsym/.dynstr, defined symbols only);
// for PE (Windows) and Mach-O (macOS), and for an ELF without section headers,
// we look for the same name as a NUL-terminated string, which is how export
// tables store it (Mach-O adds a leading underscore). A module that exports
// napi_register_module_v1 instead is a Node-API module and runs on any ABI.
// A module that registers itself from a static constructor (old NODE_MODULE
// macro) keeps its version in a data field that needs relocations to find:
// we report "unknown" and the check fails rather than guess.
//
// How the glibc needs are read. An ELF records every versioned symbol it
// needs from each shared library in .gnu.version_r (Elf_Verneed entries, each
// with Elf_Vernaux entries naming e.g. GLIBC_2.34 or GLIBCXX_3.4.29); this is
// exactly what the dynamic loader checks on the user's machine ("version
// `GLIBC_2.34' not found"). Without section headers we fall back to scanning
// the bytes for those version strings.
import fs from 'node:fs';
import path from 'node:path';

/** The oldest supported Linux: UOS 20 (Debian 10 base, glibc 2.28, GCC 8). */
export const LINUX_BASELINE = Object.freeze({ GLIBC: '2.28', GLIBCXX: '3.4.25', CXXABI: '1.3.11' });

const SHT_DYNSYM = 11;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHN_UNDEF = 0;

const ELF_MACHINES = { 3: 'ia32', 40: 'armv7l', 62: 'x64', 183: 'arm64' };
const PE_MACHINES = { 0x14c: 'ia32', 0x1c4: 'armv7l', 0x8664: 'x64', 0xaa64: 'arm64' };

/** 'elf' | 'pe' | 'macho' | 'unknown', from the magic bytes. */
export function binaryFormat(buf) {
  if (buf.length >= 4 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46) return 'elf';
  if (buf.length >= 0x40 && buf[0] === 0x4d && buf[1] === 0x5a) return 'pe';
  if (buf.length >= 4) {
    const m = buf.readUInt32BE(0);
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(m)) return 'macho';
  }
  return 'unknown';
}

function cString(buf, offset) {
  const end = buf.indexOf(0, offset);
  return buf.toString('latin1', offset, end < 0 ? buf.length : end);
}

/** Parses the ELF header and section headers (32/64-bit, either byte order). */
export function parseElf(buf) {
  if (binaryFormat(buf) !== 'elf') throw new Error('不是 ELF 文件');
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = o => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = o => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const uw = o => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  const machine = u16(18);
  const shoff = uw(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const sections = [];
  if (shoff > 0 && shoff + shnum * shentsize <= buf.length) {
    for (let i = 0; i < shnum; i++) {
      const b = shoff + i * shentsize;
      sections.push(
        is64
          ? { type: u32(b + 4), offset: uw(b + 0x18), size: uw(b + 0x20), link: u32(b + 0x28), info: u32(b + 0x2c), entsize: uw(b + 0x38) }
          : { type: u32(b + 4), offset: u32(b + 16), size: u32(b + 20), link: u32(b + 24), info: u32(b + 28), entsize: u32(b + 36) },
      );
    }
  }
  return { is64, le, u16, u32, machine, arch: ELF_MACHINES[machine] ?? `e_machine ${machine}`, sections };
}

/** Names of the symbols an ELF defines in its dynamic symbol table (its exports). */
export function elfExportedSymbols(buf) {
  const elf = parseElf(buf);
  const names = [];
  for (const s of elf.sections) {
    if (s.type !== SHT_DYNSYM) continue;
    const strtab = elf.sections[s.link];
    if (!strtab) continue;
    const size = elf.is64 ? 24 : 16;
    for (let o = s.offset; o + size <= s.offset + s.size; o += size) {
      const shndx = elf.u16(o + (elf.is64 ? 6 : 14));
      const name = elf.u32(o);
      if (shndx !== SHN_UNDEF && name !== 0) names.push(cString(buf, strtab.offset + name));
    }
  }
  return names;
}

/**
 * The versioned symbols an ELF needs, from .gnu.version_r:
 * [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', ...] }, ...], or null when
 * the section cannot be found (no section headers).
 */
export function elfVersionNeeds(buf) {
  const elf = parseElf(buf);
  const sec = elf.sections.find(s => s.type === SHT_GNU_VERNEED);
  if (!sec) return null;
  const strtab = elf.sections[sec.link];
  const result = [];
  let at = sec.offset;
  for (let i = 0; i < sec.info && at + 16 <= buf.length; i++) {
    const cnt = elf.u16(at + 2);
    const file = cString(buf, strtab.offset + elf.u32(at + 4));
    const versions = [];
    let aux = at + elf.u32(at + 8);
    for (let j = 0; j < cnt && aux + 16 <= buf.length; j++) {
      versions.push(cString(buf, strtab.offset + elf.u32(aux + 8)));
      const next = elf.u32(aux + 12);
      if (next === 0) break;
      aux += next;
    }
    result.push({ file, versions });
    const next = elf.u32(at + 12);
    if (next === 0) break;
    at += next;
  }
  return result;
}

/** Every GLIBC_/GLIBCXX_/CXXABI_ version string in the bytes (fallback). */
export function scanVersionStrings(buf) {
  const text = buf.toString('latin1');
  return sortVersions(new Set(text.match(/(?<=\0)(?:GLIBC|GLIBCXX|CXXABI)_\d+(?:\.\d+)*(?=\0)/g) ?? []));
}

/** GLIBC_/GLIBCXX_/CXXABI_ versions the ELF needs, sorted, and where they came from. */
export function glibcNeeds(buf) {
  const needs = elfVersionNeeds(buf);
  if (needs) {
    const all = needs.flatMap(n => n.versions).filter(v => /^(GLIBC|GLIBCXX|CXXABI)_\d/.test(v));
    return { source: '.gnu.version_r', versions: sortVersions(new Set(all)) };
  }
  return { source: 'byte scan', versions: scanVersionStrings(buf) };
}

/** Sorts version names by family, then numerically: GLIBC_2.3 before GLIBC_2.14. */
export function sortVersions(names) {
  const key = v => /^([A-Z]+)_(.*)$/.exec(v) ?? [v, v, ''];
  return [...names].sort((a, b) => {
    const [, fa, va] = key(a);
    const [, fb, vb] = key(b);
    return fa !== fb ? (fa < fb ? -1 : 1) : compareVersions(va, vb);
  });
}

function compareVersions(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The versions above the baseline, e.g. ['GLIBC_2.33', 'GLIBCXX_3.4.29']. */
export function versionsAbove(versions, baseline = LINUX_BASELINE) {
  return versions.filter(v => {
    const m = /^(GLIBC|GLIBCXX|CXXABI)_(\d+(?:\.\d+)*)$/.exec(v);
    return m && baseline[m[1]] && compareVersions(m[2], baseline[m[1]]) > 0;
  });
}

/**
 * What a .node binary was built for:
 * { format, arch, abi: '115' | null, napi: boolean }.
 */
export function readNativeModule(buf) {
  const format = binaryFormat(buf);
  let arch = null;
  let names = null;
  if (format === 'elf') {
    const elf = parseElf(buf);
    arch = elf.arch;
    if (elf.sections.some(s => s.type === SHT_DYNSYM)) names = elfExportedSymbols(buf);
  } else if (format === 'pe') {
    const pe = buf.readUInt32LE(0x3c);
    if (pe + 6 <= buf.length && buf.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = buf.readUInt16LE(pe + 4);
      arch = PE_MACHINES[machine] ?? `machine 0x${machine.toString(16)}`;
    }
  }
  if (names == null) {
    // Export names as NUL-terminated strings (PE export name table, Mach-O
    // string table with a leading underscore, ELF .dynstr).
    const text = buf.toString('latin1');
    names = [...text.matchAll(/(?<=[\0_])(node_register_module_v\d+|napi_register_module_v1)(?=\0)/g)].map(m => m[1]);
  }
  const abis = [...new Set(names.map(n => /^node_register_module_v(\d+)$/.exec(n)?.[1]).filter(Boolean))];
  return {
    format,
    arch,
    abi: abis.length === 1 ? abis[0] : null,
    abis,
    napi: names.includes('napi_register_module_v1'),
  };
}

/**
 * Electron's NODE_MODULE_VERSION for `version`, from node_modules only:
 * node_modules/electron/abi_version (written by the electron package) when that
 * is the installed version, else node-abi's table (one ABI per major).
 */
export function electronAbi(version, projectDir) {
  const electronDir = path.join(projectDir, 'node_modules/electron');
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
    const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
    if (pkg.version === version && /^\d+$/.test(abi)) return { abi, source: 'node_modules/electron/abi_version' };
  } catch {
    /* fall through to node-abi */
  }
  const major = Number(String(version).split('.')[0]);
  for (const rel of ['node_modules/node-abi/abi_registry.json', 'node_modules/app-builder-lib/node_modules/node-abi/abi_registry.json']) {
    try {
      const table = JSON.parse(fs.readFileSync(path.join(projectDir, rel), 'utf8'));
      const hit = table.find(e => e.runtime === 'electron' && Number(String(e.target).split('.')[0]) === major);
      if (hit) return { abi: String(hit.abi), source: rel };
    } catch {
      /* next */
    }
  }
  return null;
}

/**
 * The markers @electron/rebuild trusts to skip a module (lib/rebuild.js,
 * lib/module-rebuilder.js, lib/module-type/prebuild-install.js):
 * build/<Release|Debug>/.forge-meta ("platform--arch--abi", compared before
 * rebuilding) and prebuilds/<platform>-<arch>/electron-<abi>.node (skips as
 * "prebuilt"; better-sqlite3 ships no prebuilds/ folder, so any such file is
 * left over from a rebuild). Returns the paths removed.
 */
export function removeRebuildMarkers(moduleDir) {
  const removed = [];
  for (const type of ['Release', 'Debug']) {
    const meta = path.join(moduleDir, 'build', type, '.forge-meta');
    if (fs.existsSync(meta)) {
      fs.rmSync(meta, { force: true });
      removed.push(meta);
    }
  }
  const prebuilds = path.join(moduleDir, 'prebuilds');
  if (fs.existsSync(prebuilds)) {
    for (const dir of fs.readdirSync(prebuilds)) {
      const full = path.join(prebuilds, dir);
      if (!fs.statSync(full).isDirectory()) continue;
      for (const f of fs.readdirSync(full)) {
        if (/^electron-\d+\.node$/.test(f)) {
          fs.rmSync(path.join(full, f), { force: true });
          removed.push(path.join(full, f));
        }
      }
    }
  }
  return removed;
}

/** Every .node file under `dir`, recursively (symlinks not followed). */
export function findNodeFiles(dir) {
  const found = [];
  const walk = d => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.node')) found.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found.sort();
}

/**
 * Checks every packaged .node under `resourcesDir` (the folder holding
 * app.asar and app.asar.unpacked):
 * - its ABI must be `expectedAbi` (or it is a Node-API module);
 * - its architecture must be `arch` when given;
 * - on Linux, the GLIBC_/GLIBCXX_/CXXABI_ versions it needs must not exceed
 *   LINUX_BASELINE.
 * Returns { files: [{ file, info, glibc }], problems: string[] } (Chinese).
 */
export function checkNativeModules({ resourcesDir, platform, arch, expectedAbi, electronVersion, requireModules = ['better_sqlite3.node'] }) {
  const problems = [];
  const files = findNodeFiles(resourcesDir);
  for (const name of requireModules) {
    if (!files.some(f => path.basename(f) === name)) problems.push(`打包结果中没有 ${name}（在 ${resourcesDir} 下查找）。`);
  }
  const results = [];
  for (const file of files) {
    const rel = path.relative(resourcesDir, file);
    const buf = fs.readFileSync(file);
    const info = readNativeModule(buf);
    let glibc = null;
    if (info.napi && info.abi == null) {
      // Node-API: ABI-stable, nothing to compare.
    } else if (info.abi == null) {
      problems.push(
        `${rel}: 读不出 NODE_MODULE_VERSION（导出符号 node_register_module_v<N> ${info.abis.length > 1 ? `有多个：${info.abis.join(', ')}` : '不存在'}），无法确认它是为 Electron ${electronVersion} 编译的。`,
      );
    } else if (info.abi !== String(expectedAbi)) {
      problems.push(
        `${rel}: NODE_MODULE_VERSION 是 ${info.abi}，Electron ${electronVersion} 需要 ${expectedAbi}。` +
          `这是为 Node（${info.abi}）而不是为 Electron 编译的版本，用户启动时会加载失败。` +
          '请删除 node_modules/better-sqlite3/build/Release/.forge-meta 后重新打包（或运行 node build/native-abi.mjs electron）。',
      );
    }
    if (arch && info.arch && info.arch !== arch) {
      problems.push(`${rel}: 是 ${info.arch} 架构的二进制，而本次打包的目标是 ${arch}。`);
    }
    if (platform === 'linux' && info.format === 'elf') {
      glibc = glibcNeeds(buf);
      const above = versionsAbove(glibc.versions);
      if (above.length > 0) {
        problems.push(
          `${rel}: 需要 ${above.join(', ')}，高于最老的目标系统 UOS 20（GLIBC_${LINUX_BASELINE.GLIBC}、GLIBCXX_${LINUX_BASELINE.GLIBCXX}、CXXABI_${LINUX_BASELINE.CXXABI}）；` +
            `它需要的全部版本（${glibc.source}）：${glibc.versions.join(', ')}。` +
            '请在 glibc 2.28 的构建环境（Debian 10 / UOS 20 容器或 sysroot）中用 -static-libstdc++ 编译原生模块，见 README「Building the installers」。',
        );
      }
    } else if (platform === 'linux' && info.format !== 'elf') {
      problems.push(`${rel}: 不是 Linux 的 ELF 二进制（${info.format}）。`);
    }
    results.push({ file: rel, info, glibc });
  }
  return { files: results, problems };
}
