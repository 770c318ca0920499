/**
 * The hostile-file corpus, generated in the test (nothing binary is committed):
 * ZIP bombs by ratio with honest or lying headers, XML entity expansion, deep
 * nesting, text in the wrong encoding, and a bound to run each one under.
 */
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import { expect } from 'vitest';

export interface ZipEntry {
  name: string;
  /** Raw-deflated bytes. */
  deflated: Buffer;
  crc: number;
  size: number;
  /** The uncompressed size written into the headers (a liar says less). */
  declared?: number;
}

export function entryOf(name: string, content: Buffer | string): ZipEntry {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

/**
 * An entry made of `head`, then about `mb` megabytes of `fill`, then `tail`: hundreds
 * of MB of XML without ever holding them. Each piece is deflated on its own and
 * ended with a sync flush (no final bit), so the pieces concatenate into one valid
 * raw-deflate stream; the 1 MB block of fill is compressed once and repeated.
 */
export function inflatingEntry(name: string, head: string, fill: string, mb: number, tail: string): ZipEntry {
  const sync = { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const block = Buffer.from(fill.repeat(Math.ceil((1 << 20) / Buffer.byteLength(fill))).slice(0, 1 << 20), 'utf8');
  const blockDeflated = zlib.deflateRawSync(block, sync);
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  let crc = zlib.crc32(headBytes);
  for (let i = 0; i < mb; i++) crc = zlib.crc32(block, crc);
  crc = zlib.crc32(tailBytes, crc);
  const deflated = Buffer.concat([zlib.deflateRawSync(headBytes, sync), ...Array.from({ length: mb }, () => blockDeflated), zlib.deflateRawSync(tailBytes)]);
  return { name, deflated, crc, size: headBytes.length + mb * block.length + tailBytes.length };
}

/** A ZIP (stored as deflate) from entries, with their declared sizes. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const declared = e.declared ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The parts of a one-sheet workbook SheetJS wrote, as text, to rebuild with one part replaced. */
export function workbookParts(aoa: unknown[][]): Map<string, Buffer> {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
  const cfb = XLSX.CFB.read(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }), { type: 'buffer' }) as unknown as {
    FileIndex: { type: number; content: Uint8Array }[];
    FullPaths: string[];
  };
  const parts = new Map<string, Buffer>();
  cfb.FileIndex.forEach((f, i) => {
    if (f.type === 2) parts.set(cfb.FullPaths[i].replace(/^[^/]*\//, ''), Buffer.from(f.content));
  });
  return parts;
}

/** A workbook with some parts replaced by the given entries. */
export function xlsxWith(aoa: unknown[][], replace: ZipEntry[]): Buffer {
  const parts = workbookParts(aoa);
  const names = new Set(replace.map(r => r.name));
  return zipOf([...[...parts].filter(([n]) => !names.has(n)).map(([n, b]) => entryOf(n, b)), ...replace]);
}

export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** Billion laughs: ten levels of ten references, 10^9 copies of "lol" if expanded. */
export const LAUGHS_DTD =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' + Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') + ']>';

/**
 * Runs `fn` and checks it finished within `seconds` and that the process's peak
 * memory (maximum resident set) rose by less than `mb` while it ran. The peak
 * only ever rises, so each case is measured against the highest point so far.
 */
export async function withinBounds<T>(fn: () => Promise<T> | T, { seconds = 20, mb = 200 } = {}): Promise<{ value: T; ms: number; peakGrowthMb: number }> {
  global.gc?.();
  const peakBefore = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const peakGrowthMb = process.resourceUsage().maxRSS / 1024 - peakBefore;
  expect(ms, 'time').toBeLessThan(seconds * 1000);
  expect(peakGrowthMb, 'peak memory growth (MB)').toBeLessThan(mb);
  return { value, ms, peakGrowthMb };
}
