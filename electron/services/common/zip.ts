/**
 * The one ZIP module: a minimal writer (stored, no compression) for exports
 * and data packages, and a reader of the central directory with one entry's
 * bytes at a time for imports and packages. No dependency: the format needs
 * only CRC-32, little-endian headers and zlib's raw inflate.
 *
 * The reader is for hostile input: it inflates nothing until asked, an entry
 * never inflates past its declared size, names are checked by `unsafeEntryName`
 * (zip-slip), and without ZIP64 a directory lists at most 65,534 entries.
 * File names are UTF-8 (general-purpose flag bit 11), which Windows Explorer,
 * 7-Zip, WPS and unzip all honour; names without the flag are read as GB18030.
 */
import zlib from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

const MAX_ZIP = 0xfffffff0; // no ZIP64: the total stays under 4 GB

/** Most entries one ZIP holds (no ZIP64: the count is 16 bits). */
export const MAX_ZIP_ENTRIES = 0xfffe;

export function buildZip(entries: ZipFile[], when: Date = new Date()): Buffer {
  if (entries.length > MAX_ZIP_ENTRIES) throw new RangeError('zip has too many entries');
  const { time, date } = dosDateTime(when);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, Buffer.from(e.data));

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
    if (offset > MAX_ZIP) throw new RangeError('zip too large');
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/**
 * Why an entry name may not be used as a path (zip-slip): absolute, a drive,
 * a backslash, a '..' or '.' part, an empty part, control characters; null
 * when it is a plain relative name.
 */
export function unsafeEntryName(name: string): string | null {
  if (!name || name.length > 1024) return '名称为空或过长';
  if (/[\u0000-\u001f\u007f]/.test(name)) return '名称含控制字符';
  if (name.includes('\\')) return '名称含反斜杠';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return '名称是绝对路径';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some(p => p === '..' || p === '.' || p === '')) return '名称指向上级或空的文件夹';
  return null;
}

export interface ZipDirEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

export interface ZipDirectory {
  names: string[];
  entries: ZipDirEntry[];
  /** Sum of the declared uncompressed sizes. */
  inflatedBytes: number;
  /** Any entry with the traditional-encryption flag (bit 0). */
  encrypted: boolean;
}

/**
 * Reads the ZIP central directory (without inflating anything). Null when the
 * bytes are not a well-formed ZIP (a truncated download, a renamed file that
 * merely starts with 'PK').
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535.
  const floor = Math.max(0, bytes.length - 22 - 65535);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  if (at === 0xffffffff || count === 0xffff) return null; // ZIP64: no workbook or package needs it
  if (at + size > bytes.length) return null;
  const names: string[] = [];
  const entries: ZipDirEntry[] = [];
  let inflated = 0;
  let encrypted = false;
  // Names are UTF-8 when flagged (bit 11); Chinese Windows writes GBK without the flag.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gbk = new TextDecoder('gb18030');
  const decode = (b: Uint8Array) => {
    try {
      return utf8.decode(b);
    } catch {
      return gbk.decode(b);
    }
  };
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > bytes.length) return null;
    const name = decode(bytes.subarray(at + 46, at + 46 + nameLen));
    names.push(name);
    entries.push({ name, method, compressedSize: compressed, size: uncompressed, offset: view.getUint32(at + 42, true) });
    inflated += uncompressed;
    if (flags & 1) encrypted = true;
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { names, entries, inflatedBytes: inflated, encrypted };
}

/**
 * One entry's bytes, inflated no further than its declared size (a header that lies about
 * the size cannot make it inflate more). Null when the entry cannot be read.
 */
export function zipEntryBytes(bytes: Uint8Array, entry: ZipDirEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const body = bytes.subarray(start, start + entry.compressedSize);
  if (body.length < entry.compressedSize) return null;
  if (entry.method === 0) return body;
  if (entry.method !== 8) return null;
  try {
    return zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, entry.size) });
  } catch {
    return null;
  }
}
