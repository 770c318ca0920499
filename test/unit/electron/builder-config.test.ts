/**
 * electron-builder.yml: valid against electron-builder's own JSON schema
 * (node_modules/app-builder-lib/scheme.json, draft-07) and saying what the
 * architecture asks: fuses, per-user NSIS without elevation, a zip for locked
 * down PCs, deb for x64 and arm64, native modules unpacked, and no web host,
 * CLI or benchmark in the package.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (no types are installed for it).
const yaml = require('js-yaml') as { load(text: string): unknown };

const root = path.resolve(__dirname, '../../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));

// No type coercion (stricter than electron-builder itself); strict:false only
// because the schema uses the non-standard `typeof` keyword for function-valued hooks.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function errorsOf(cfg: unknown): ErrorObject[] {
  return validate(cfg) ? [] : [...(validate.errors ?? [])];
}
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** electron-builder's file matching (app-builder-lib/out/fileMatcher), as used when copying the app. */
const fileMatcher = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (p: string) => string,
    patterns: string[],
  ) => { createFilter(): (file: string, stat: fs.Stats) => boolean };
  getNodeModuleFileMatcher(appDir: string, dest: string, expand: (p: string) => string, platformOptions: object, packager: object): { patterns: string[] };
  excludedExts: string;
};
const { FileMatcher } = fileMatcher;

/** The matcher over the app folder. */
function appFilter(patterns: string[]): (file: string, stat: fs.Stats) => boolean {
  return new FileMatcher(root, '/app', p => p, patterns).createFilter();
}

/**
 * The bundles the packaged app loads (built by the global setup): package.json's main,
 * then every sibling .cjs a loaded bundle names (the preload, the import worker), transitively.
 */
function loadedBundles(): string[] {
  const entry = path.posix.normalize((JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main);
  const loaded = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (loaded.has(file)) continue;
    loaded.add(file);
    const code = fs.readFileSync(path.join(root, file), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
    for (const m of code.matchAll(/["']([\w.-]+\.cjs)["']/g)) {
      const sibling = path.posix.join(path.posix.dirname(file), m[1]);
      if (fs.existsSync(path.join(root, sibling))) queue.push(sibling);
    }
  }
  return [...loaded].sort();
}

describe('electron-builder.yml against scheme.json', () => {
  it('uses the draft-07 schema that electron-builder ships', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('is valid', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('the validation is real: a bogus key at the top or inside a section fails', () => {
    const top = { ...clone(config), bogusKey: true };
    expect(errorsOf(top).some(e => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'bogusKey')).toBe(true);

    const nested = clone(config);
    nested.nsis.perMachineTypo = false;
    expect(errorsOf(nested).some(e => e.params.additionalProperty === 'perMachineTypo')).toBe(true);

    const fuse = clone(config);
    fuse.electronFuses.runAsnode = false;
    expect(errorsOf(fuse).length).toBeGreaterThan(0);

    const wrongType = clone(config);
    wrongType.nsis.oneClick = 'no';
    expect(errorsOf(wrongType).length).toBeGreaterThan(0);
  });

  it("passes electron-builder's own validateConfiguration too", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(cfg: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(clone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...clone(config), bogusKey: 1 }, new DebugLogger(false))).rejects.toThrow(/bogusKey/);
  });
});

describe('electron-builder.yml content', () => {
  it('identifies the app', () => {
    expect(config.appId).toBe('cn.cadredesk.app');
    expect(config.productName).toBe('干部工作台');
    expect(config.executableName).toBe('cadre-desk');
    expect(config.directories.output).toBe('release');
    expect(config.publish).toBeNull();
  });

  it('sets the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('installs per user on Windows, without elevation, in Chinese', () => {
    const nsis = config.nsis;
    expect(nsis.oneClick).toBe(false);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.selectPerMachineByDefault).toBe(false);
    expect(nsis.allowElevation).toBe(false);
    expect(nsis.packElevateHelper).toBe(false);
    expect(nsis.allowToChangeInstallationDirectory).toBe(true);
    expect(nsis.createDesktopShortcut).toBe(true);
    expect(nsis.shortcutName).toBe('干部工作台');
    expect(nsis.installerLanguages).toEqual(['zh_CN']);
    expect(nsis.language).toBe('2052');
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
  });

  it('builds an NSIS installer and a zip for Windows x64', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'zip', arch: ['x64'] },
    ]);
  });

  it('builds deb for x64 and arm64', () => {
    expect(config.linux.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
    expect(config.linux.synopsis).toMatch(/[\u4e00-\u9fff]/);
  });

  it('packs into asar, unpacks better-sqlite3 and rebuilds it for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('ships every bundle the app loads and the renderer it serves; every other bundle stays out', () => {
    const filter = appFilter(config.files);
    const ships = (rel: string) => filter(path.join(root, rel), { isDirectory: () => false } as fs.Stats);

    const loaded = loadedBundles();
    expect(loaded).toEqual(['dist/electron/import-worker.cjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs']);
    for (const file of loaded) expect(ships(file), file).toBe(true);
    // The renderer folder main.cjs serves over app:// (dist/electron/../renderer) ships whole, maps aside.
    expect(fs.readFileSync(path.join(root, 'dist/electron/main.cjs'), 'utf8')).toMatch(/\.join\(\w+, "\.\.", "renderer"\)/);
    for (const file of ['dist/renderer/index.html', 'dist/renderer/favicon.svg', 'dist/renderer/assets/vendor-x1.js', 'dist/renderer/assets/font.woff2']) {
      expect(ships(file), file).toBe(true);
    }
    // Every other bundle the build makes (the web host, the CLI) is left out.
    const others = fs
      .readdirSync(path.join(root, 'dist/electron'))
      .filter(f => f.endsWith('.cjs'))
      .map(f => `dist/electron/${f}`)
      .filter(f => !loaded.includes(f));
    expect(others.sort()).toEqual(['dist/electron/cli.cjs', 'dist/electron/webhost.cjs']);
    for (const file of others) expect(ships(file), file).toBe(false);
  });

  it('ships main, preload and the renderer, but not the web host, the CLI, benchmarks or source maps', () => {
    const filter = appFilter(config.files);
    const file = { isDirectory: () => false } as fs.Stats;
    const dir = { isDirectory: () => true } as fs.Stats;
    const ships = (rel: string, stat = file) => filter(path.join(root, rel), stat);

    for (const rel of [
      'package.json',
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'dist/renderer/assets/index-abc123.css',
    ]) {
      expect(ships(rel), rel).toBe(true);
    }
    expect(ships('dist', dir)).toBe(true);
    expect(ships('dist/electron', dir)).toBe(true);
    for (const rel of [
      'dist/electron/webhost.cjs',
      'dist/electron/cli.cjs',
      'dist/electron/main.cjs.map',
      'dist/renderer/assets/index-abc123.js.map',
      'dist/bench/run.cjs',
      'dist/test/backup-child.cjs',
      'dist/test/crash-child.cjs',
      'test/unit/import/crash-child.ts',
      'test/bench/run.ts',
      'electron/main.ts',
      'electron/web/host.ts',
      'shared/contract/api.ts',
      'renderer/src/App.tsx',
      'test/unit/electron/ipc.test.ts',
      'bin/cadre.cjs',
      'electron-builder.yml',
      'README.md',
    ]) {
      expect(ships(rel), rel).toBe(false);
    }
    // The matcher check is real: a broad pattern would have shipped the web host.
    const broad = appFilter(['package.json', 'dist/**']);
    expect(broad(path.join(root, 'dist/electron/webhost.cjs'), file)).toBe(true);

    // The web host must not be reachable through any other entry either.
    expect(config.files).not.toContain('dist/**');
    expect(config.files).not.toContain('dist/electron/**');
    expect(config.extraResources).toBeUndefined();
    expect(config.extraFiles).toBeUndefined();
  });
});

/**
 * The production node_modules as electron-builder copies them: its own
 * getNodeModuleFileMatcher (the `!` patterns of `files`) and NodeModuleCopyHelper
 * (its default exclusions), walked over the real folders in node_modules.
 */
describe('node_modules in the package', () => {
  const { getNodeModuleFileMatcher, excludedExts } = fileMatcher;
  const { NodeModuleCopyHelper } = require('app-builder-lib/out/util/NodeModuleCopyHelper') as {
    NodeModuleCopyHelper: new (
      matcher: unknown,
      packager: object,
    ) => {
      collectNodeModules(dep: { name: string; dir: string }, excludedExts: string[], destination: string): Promise<string[]>;
    };
  };
  const packager = { config, appInfo: { type: 'commonjs' }, getWorkspaceRoot: async () => root, debugLogger: { isEnabled: false } };
  const patterns = getNodeModuleFileMatcher(root, '/app', p => p, {}, packager).patterns;
  // appFileCopier's getNodeModuleExcludedExts for a Linux target (also excludes .dll/.exe).
  const exts = ['.o', '.obj', ...excludedExts.split(',').map(e => `.${e}`), '.pdb', '.dll', '.exe'];

  // Production packages (package-lock.json), keyed by their path under the app: node_modules/x[/node_modules/y].
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean }> };
  const production = Object.entries(lock.packages)
    .filter(([key, v]) => key.startsWith('node_modules/') && !v.dev && !v.link)
    .map(([key]) => key);

  /** The files electron-builder would copy from node_modules/<key>, relative to the app root. */
  async function shipped(key: string): Promise<string[]> {
    const dir = path.join(root, key);
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const matcher = new FileMatcher(dir, path.join('/app', key), p => p, patterns);
    const files = await new NodeModuleCopyHelper(matcher, packager).collectNodeModules({ name, dir }, exts, key);
    return files.map(f => path.posix.join(key, path.relative(dir, f).split(path.sep).join('/'))).sort();
  }

  /** The same filter for paths that need not exist on this machine. */
  function ships(rel: string, isDir = false): boolean {
    const key = /^(node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(rel)![1];
    const filter = new FileMatcher(path.join(root, key), path.join('/app', key), p => p, patterns).createFilter();
    const stat = { isDirectory: () => isDir, moduleFullFilePath: rel } as unknown as fs.Stats;
    return filter(path.join(root, rel), stat);
  }

  it('better-sqlite3: only package.json, LICENSE, lib/**/*.js and build/Release/better_sqlite3.node', async () => {
    const files = await shipped('node_modules/better-sqlite3');
    expect(files).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(files).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(files).toContain('node_modules/better-sqlite3/lib/methods/transaction.js');
    expect(files).toContain('node_modules/better-sqlite3/package.json');
    const unexpected = files.filter(f => !/^node_modules\/better-sqlite3\/(package\.json|LICENSE|lib\/.+\.js|build\/Release\/better_sqlite3\.node)$/.test(f));
    expect(unexpected).toEqual([]);
    // All of lib/ ships.
    const lib = fs
      .readdirSync(path.join(root, 'node_modules/better-sqlite3/lib'), { recursive: true, withFileTypes: true })
      .filter(e => e.isFile())
      .map(e =>
        path.posix.join(
          'node_modules/better-sqlite3',
          path.relative(path.join(root, 'node_modules/better-sqlite3'), path.join(e.parentPath, e.name)).split(path.sep).join('/'),
        ),
      );
    expect(files).toEqual(expect.arrayContaining(lib));
  });

  it('better-sqlite3: no sources, object files, test extension, build files or markers, present or not', () => {
    const m = 'node_modules/better-sqlite3';
    for (const rel of ['lib/index.js', 'lib/methods/wrappers.js', 'package.json', 'build/Release/better_sqlite3.node']) {
      expect(ships(`${m}/${rel}`), rel).toBe(true);
    }
    for (const dir of ['lib', 'build', 'build/Release']) expect(ships(`${m}/${dir}`, true), dir).toBe(true);
    for (const rel of [
      'deps/sqlite3/sqlite3.c',
      'deps/common.gypi',
      'src/better_sqlite3.cpp',
      'src/objects/database.hpp',
      'build/Release/obj/gen/sqlite3/sqlite3.c',
      'build/Release/obj.target/better_sqlite3/src/better_sqlite3.o',
      'build/Release/obj.target/test_extension/deps/test_extension.o',
      'build/Release/.deps/Release/better_sqlite3.node.d',
      'build/Release/test_extension.node',
      'build/Release/sqlite3.a',
      'build/Release/.forge-meta',
      'build/Release/better_sqlite3.pdb',
      'build/Debug/better_sqlite3.node',
      'build/deps/sqlite3.Makefile',
      'build/Makefile',
      'build/config.gypi',
      'build/cadre-abi.txt',
      'bin/linux-x64-140/better_sqlite3.node',
      'prebuilds/linux-x64/electron-140.node',
      'binding.gyp',
      'README.md',
    ]) {
      expect(ships(`${m}/${rel}`), rel).toBe(false);
    }
    for (const dir of ['deps', 'src', 'bin', 'prebuilds', 'build/deps', 'build/Release/obj', 'build/Release/obj.target', 'build/Release/.deps']) {
      expect(ships(`${m}/${dir}`, true), dir).toBe(false);
    }
  });

  it('ships exactly what the bundles require at run time, following requires through the shipped packages', async () => {
    const { builtinModules } = require('node:module') as { builtinModules: string[] };
    const builtin = (s: string) => s.startsWith('node:') || builtinModules.includes(s.split('/')[0]);
    const requiresOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g)].map(m => m[2]);

    // The bundles the app loads: only electron and better-sqlite3 are external.
    const bundles = loadedBundles();
    const shipsApp = appFilter(config.files);
    const externals = new Set<string>();
    for (const b of bundles) {
      expect(shipsApp(path.join(root, b), { isDirectory: () => false } as fs.Stats), b).toBe(true);
      for (const r of requiresOf(path.join(root, b))) if (!builtin(r)) externals.add(r);
    }
    expect([...externals].sort()).toEqual(['better-sqlite3', 'electron']);

    // From better-sqlite3, every require of every shipped .js file, transitively.
    const needed = new Set<string>();
    const queue = ['node_modules/better-sqlite3'];
    const missing: string[] = [];
    while (queue.length > 0) {
      const key = queue.shift()!;
      if (needed.has(key)) continue;
      needed.add(key);
      const files = new Set(await shipped(key));
      const pkg = JSON.parse(fs.readFileSync(path.join(root, key, 'package.json'), 'utf8')) as { main?: string };
      const main = path.posix.join(key, pkg.main ?? 'index.js');
      if (![main, `${main}.js`, `${main}/index.js`].some(f => files.has(f))) missing.push(`${key}: main ${main}`);
      for (const file of [...files].filter(f => f.endsWith('.js'))) {
        for (const r of requiresOf(path.join(root, file))) {
          if (builtin(r)) continue;
          if (r.startsWith('.')) {
            const target = path.posix.join(path.posix.dirname(file), r);
            if (![target, `${target}.js`, `${target}/index.js`].some(f => files.has(f))) missing.push(`${file} -> ${r}`);
          } else {
            const dep = r.startsWith('@') ? r.split('/').slice(0, 2).join('/') : r.split('/')[0];
            const nested = path.posix.join(key, 'node_modules', dep);
            queue.push(fs.existsSync(path.join(root, nested)) ? nested : `node_modules/${dep}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect([...needed].sort()).toEqual(['node_modules/better-sqlite3', 'node_modules/bindings', 'node_modules/file-uri-to-path']);
    // bindings loads the addon from build/Release, which ships.
    expect(await shipped('node_modules/better-sqlite3')).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');

    // Every other production package (prebuild-install and its tree) ships nothing.
    const extra: Record<string, string[]> = {};
    for (const key of production.filter(k => !needed.has(k))) {
      if (!fs.existsSync(path.join(root, key))) continue;
      const files = await shipped(key);
      if (files.length > 0) extra[key] = files.slice(0, 3);
    }
    expect(extra, 'add these packages to the node_modules exclusion in electron-builder.yml').toEqual({});
    expect(production.filter(k => !needed.has(k)).length).toBeGreaterThan(0);
  });

  it('unpacks better-sqlite3 from the asar', () => {
    const unpack = appFilter(config.asarUnpack);
    const stat = { isDirectory: () => false } as fs.Stats;
    expect(unpack(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), stat)).toBe(true);
    expect(unpack(path.join(root, 'node_modules/better-sqlite3/lib/index.js'), stat)).toBe(true);
    expect(unpack(path.join(root, 'dist/electron/main.cjs'), stat)).toBe(false);
  });
});
