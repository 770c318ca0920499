/**
 * Files in and out of the services, one way each: uploads decoded and named,
 * downloads returned as base64 or written where the caller's save dialog (or
 * the CLI's --out) pointed, names made safe for Windows and Linux, and the
 * one atomic write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { makePrivate } from '../../db/private-files';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';
export const ZIP_MIME = 'application/zip';
export const XML_MIME = 'application/xml';

export function decodeUpload(base64: string): Buffer {
  const body = base64.replace(/\s+/g, '');
  if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new AppError('VALIDATION', '上传的文件内容无法读取（不是有效的 base64 编码）');
  return Buffer.from(body, 'base64');
}

/** Characters Windows refuses in a file name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * A file name made from text the user typed (a title, a person's name): no
 * folder separators or characters Windows refuses, no leading dots (hidden
 * files), at most `max` characters; `fallback` when nothing is left.
 */
export function safeFileName(text: string, fallback: string, max = 60): string {
  return text.replace(UNSAFE, '').trim().replace(/^\.+/, '').trim().slice(0, max) || fallback;
}

/**
 * The name of an uploaded file as shown in previews and issues: its last path
 * part (a browser or the CLI may send a whole path), without control characters.
 */
export function uploadName(name: string, fallback: string): string {
  return (
    name
      .split(/[\\/]/)
      .pop()!
      .replace(/[\u0000-\u001f]/g, '') || fallback
  );
}

/**
 * Writes next to the target, then renames: a failed write never leaves half a file.
 * `verify` reads the written temporary file back and throws to refuse it (a package).
 */
export function writeFileAtomic(file: string, bytes: Uint8Array | string, verify?: (tmp: string) => void): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o600 }); // exports hold personal data: owner-only
    makePrivate(tmp, false);
    verify?.(tmp);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes an export where the save dialog pointed, refusing any other kind of
 * file: the renderer passes this path, so it must not become a way to write
 * arbitrary files.
 */
export function writeExport(outPath: string, allowed: string[], bytes: Uint8Array, verify?: (tmp: string) => void): string {
  const target = path.resolve(outPath);
  const ext = path.extname(target).toLowerCase();
  if (!allowed.includes(ext)) throw new AppError('VALIDATION', `只能保存为 ${allowed.join(' 或 ')} 文件`);
  if (!fs.existsSync(path.dirname(target))) throw new AppError('NOT_FOUND', `文件夹「${path.dirname(target)}」不存在`);
  try {
    writeFileAtomic(target, bytes, verify);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', `无法写入「${target}」：${(err as NodeJS.ErrnoException).code ?? '写入失败'}`);
  }
  return target;
}

/** The answer of a download route: written to outPath, or returned as base64. */
export function deliver(fileName: string, mime: string, bytes: Uint8Array, outPath: string | undefined, allowed: string[], verify?: (tmp: string) => void) {
  if (!outPath) return { fileName, mime, base64: Buffer.from(bytes).toString('base64'), path: null };
  const written = writeExport(outPath, allowed, bytes, verify);
  return { fileName: path.basename(written), mime, base64: null, path: written };
}
