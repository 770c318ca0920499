import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, dataDirFromArgv, resolveDataDir } from '../../../electron/paths';

describe('data folder resolution', () => {
  it('--data-dir beats CADRE_DATA_DIR, which beats the default', () => {
    expect(resolveDataDir(['--data-dir', '/a'], { CADRE_DATA_DIR: '/b' })).toBe(path.resolve('/a'));
    expect(resolveDataDir(['--data-dir=/c'], {})).toBe(path.resolve('/c'));
    expect(resolveDataDir([], { CADRE_DATA_DIR: '/b' })).toBe(path.resolve('/b'));
    expect(resolveDataDir([], { XDG_CONFIG_HOME: '/home/u/.config' })).toBe(path.join(appDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }), 'CadreDesk'));
  });

  it('follows Electron’s appData per platform', () => {
    expect(appDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\u\\AppData\\Roaming');
    expect(appDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x');
  });

  it('ignores a --data-dir without a value', () => {
    expect(dataDirFromArgv(['--data-dir'])).toBeUndefined();
  });
});
