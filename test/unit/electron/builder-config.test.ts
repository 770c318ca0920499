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

  it('ships main, preload and the renderer, but not the web host, the CLI, benchmarks or source maps', () => {
    // electron-builder's own matcher, as used when copying the app files.
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
      FileMatcher: new (from: string, to: string, expand: (p: string) => string, patterns: string[]) => {
        createFilter(): (file: string, stat: fs.Stats) => boolean;
      };
    };
    const filter = new FileMatcher(root, '/app', p => p, config.files).createFilter();
    const file = { isDirectory: () => false } as fs.Stats;
    const dir = { isDirectory: () => true } as fs.Stats;
    const ships = (rel: string, stat = file) => filter(path.join(root, rel), stat);

    for (const rel of ['package.json', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc123.js', 'dist/renderer/assets/index-abc123.css']) {
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
    const broad = new FileMatcher(root, '/app', p => p, ['package.json', 'dist/**']).createFilter();
    expect(broad(path.join(root, 'dist/electron/webhost.cjs'), file)).toBe(true);

    // The web host must not be reachable through any other entry either.
    expect(config.files).not.toContain('dist/**');
    expect(config.files).not.toContain('dist/electron/**');
    expect(config.extraResources).toBeUndefined();
    expect(config.extraFiles).toBeUndefined();
  });
});
