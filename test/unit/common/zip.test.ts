/** The one ZIP module: what the writer makes the reader reads back; hostile directories are refused. */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildZip, crc32, MAX_ZIP_ENTRIES, readZipDirectory, unsafeEntryName, zipEntryBytes } from '../../../electron/services/common/zip';

describe('common/zip', () => {
  it('round-trips UTF-8 names and bytes, with the CRC zlib computes', () => {
    const files = [
      { name: 'manifest.json', data: Buffer.from('{"a":1}') },
      { name: '任免审批表/张三.lrmx', data: Buffer.from('<Person/>') },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const zip = buildZip(files);
    const dir = readZipDirectory(zip)!;
    expect(dir.names).toEqual(files.map(f => f.name));
    expect(dir.entries.map(e => Buffer.from(zipEntryBytes(zip, e)!).toString())).toEqual(files.map(f => f.data.toString()));
    expect(crc32(files[0].data)).toBe(zlib.crc32(files[0].data));
  });

  it('a truncated file has no directory; an entry cut short has no bytes', () => {
    const zip = buildZip([{ name: 'a', data: Buffer.alloc(1000, 7) }]);
    expect(readZipDirectory(zip.subarray(0, zip.length - 10))).toBeNull();
    const dir = readZipDirectory(zip)!;
    expect(zipEntryBytes(zip.subarray(0, 500), dir.entries[0])).toBeNull();
  });

  it('a directory claiming more entries than it holds is refused; the writer refuses more than 16 bits count', () => {
    const zip = Buffer.from(buildZip([{ name: 'a', data: Buffer.from('x') }]));
    const eocd = zip.length - 22;
    zip.writeUInt16LE(0xfffe, eocd + 8);
    zip.writeUInt16LE(0xfffe, eocd + 10);
    expect(readZipDirectory(zip)).toBeNull();
    expect(() => buildZip(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: String(i), data: Buffer.alloc(0) })))).toThrow(RangeError);
  });

  it('names that could leave a folder are named as such (zip-slip)', () => {
    for (const bad of ['../a', 'a/../../b', '/etc/passwd', 'C:/x', 'c:\\x', 'a\\b', './a', 'a//b', '', 'a\u0000b']) {
      expect(unsafeEntryName(bad), bad).not.toBeNull();
    }
    for (const ok of ['manifest.json', 'data/cadres.json', '任免审批表/张三_0011.lrmx', 'folder/']) expect(unsafeEntryName(ok), ok).toBeNull();
  });
});
