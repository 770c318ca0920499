// electron-builder afterPack hook (electron-builder.yml: afterPack): before any
// installer is made, checks every packaged native module (.node) in the app's
// resources (app.asar.unpacked/...):
// - NODE_MODULE_VERSION must be the packaged Electron's (a Node build left in
//   node_modules by `npm test` would make every start fail on the users' PCs);
// - the architecture must be the target's (dist:linux builds x64 and arm64);
// - for Linux, the GLIBC_/GLIBCXX_/CXXABI_ versions it needs must not exceed
//   UOS 20's (glibc 2.28, GCC 8).
// How the binaries are read: build/native-module.mjs.
//
// CADRE_ALLOW_NEW_GLIBC=1 turns only the glibc failure into a warning, for test
// packages built on a current distribution; such packages do not start on UOS 20.
//
// By hand, on an unpacked app: node build/after-pack.mjs <appOutDir> <linux|win32|darwin> <x64|arm64|...>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINUX_BASELINE, checkNativeModules, electronAbi, glibcNeeds, versionsAbove } from './native-module.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// builder-util's Arch enum.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The folder holding app.asar / app.asar.unpacked inside an unpacked app. */
export function resourcesDirOf(appOutDir, platform) {
  if (platform === 'darwin' || platform === 'mas') {
    const app = fs.readdirSync(appOutDir).find(n => n.endsWith('.app'));
    if (app) return path.join(appOutDir, app, 'Contents', 'Resources');
  }
  return path.join(appOutDir, 'resources');
}

function installedElectronVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * The check, without electron-builder: returns { ok, problems, warnings, report }.
 * `arch` is a name ('x64') or builder-util's Arch number.
 */
export function checkPackagedApp({ appOutDir, platform, arch, electronVersion, executableName, projectDir: dir = projectDir, env = process.env }) {
  const archName = typeof arch === 'number' ? ARCH_NAMES[arch] : arch;
  const version = electronVersion ?? installedElectronVersion(dir);
  const problems = [];
  const warnings = [];
  if (!version) {
    return { ok: false, problems: ['无法确定打包使用的 Electron 版本（node_modules/electron/package.json 不存在）。'], warnings, report: [] };
  }
  const expected = electronAbi(version, dir);
  if (!expected) {
    return {
      ok: false,
      problems: [`无法确定 Electron ${version} 的 NODE_MODULE_VERSION（node_modules/electron/abi_version 与 node-abi 的表中都没有）。`],
      warnings,
      report: [],
    };
  }
  const resourcesDir = resourcesDirOf(appOutDir, platform);
  const result = checkNativeModules({
    resourcesDir,
    platform,
    arch: archName === 'universal' ? null : archName,
    expectedAbi: expected.abi,
    electronVersion: version,
  });
  const allowNewGlibc = env.CADRE_ALLOW_NEW_GLIBC === '1';
  for (const p of result.problems) {
    if (allowNewGlibc && /需要 (GLIBC|GLIBCXX|CXXABI)_/.test(p)) warnings.push(`${p}（CADRE_ALLOW_NEW_GLIBC=1：仅警告，此安装包不能在 UOS 20 上运行）`);
    else problems.push(p);
  }
  // The Electron executable itself (Linux): reported, not failed; only an
  // Electron built for glibc 2.28 or a newer base system fixes it (README).
  if (platform === 'linux' && executableName) {
    const exe = path.join(appOutDir, executableName);
    if (fs.existsSync(exe)) {
      const above = versionsAbove(glibcNeeds(fs.readFileSync(exe)).versions);
      if (above.length > 0)
        warnings.push(
          `${executableName}（Electron ${version}）需要 ${above.join(', ')}：不能在 glibc ${LINUX_BASELINE.GLIBC} 的 UOS 20 上启动，见 README「Building the installers」。`,
        );
    }
  }
  const report = result.files.map(
    f =>
      `${f.file}: ${f.info.format}/${f.info.arch ?? '?'}, NODE_MODULE_VERSION ${f.info.abi ?? (f.info.napi ? 'N-API' : '?')}` +
      (f.glibc
        ? `, ${f.glibc.versions.filter(v => v.startsWith('GLIBC_')).pop() ?? '-'} / ${f.glibc.versions.filter(v => v.startsWith('GLIBCXX_')).pop() ?? '-'}`
        : ''),
  );
  report.unshift(`Electron ${version}: NODE_MODULE_VERSION ${expected.abi}（${expected.source}）`);
  return { ok: problems.length === 0, problems, warnings, report };
}

/** The hook electron-builder calls with its pack context. */
export async function afterPack(context) {
  const electronVersion = context.packager?.config?.electronVersion ?? context.packager?.info?.framework?.version ?? undefined;
  const result = checkPackagedApp({
    appOutDir: context.appOutDir,
    platform: context.electronPlatformName,
    arch: context.arch,
    electronVersion,
    executableName: context.packager?.executableName,
  });
  for (const line of result.report) console.log(`  • 原生模块检查：${line}`);
  for (const w of result.warnings) console.warn(`  ⚠ ${w}`);
  if (!result.ok) {
    throw new Error(`原生模块检查未通过（${context.appOutDir}）：\n- ${result.problems.join('\n- ')}`);
  }
}

export default afterPack;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [appOutDir, platform = process.platform, arch = process.arch] = process.argv.slice(2);
  if (!appOutDir) {
    console.error('用法：node build/after-pack.mjs <appOutDir> [linux|win32|darwin] [x64|arm64]');
    process.exit(2);
  }
  const result = checkPackagedApp({ appOutDir, platform, arch, executableName: 'cadre-desk' });
  for (const line of result.report) console.log(line);
  for (const w of result.warnings) console.warn(w);
  for (const p of result.problems) console.error(p);
  process.exit(result.ok ? 0 : 1);
}
