/**
 * The files of one import, whatever the user pointed at: files (.xlsx .xls
 * .et .csv .lrmx …), a folder (its files of those kinds, in name order), a
 * .zip holding such files (a workbook is itself a ZIP: it stays a workbook),
 * or bytes a page uploaded. Each file is then told apart by its bytes
 * (read.ts for workbooks and CSV, lrmx for appointment forms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { importError } from './errors';
import type { ReadLimits } from './read';
import { readZipDirectory, zipEntryBytes } from '../common/zip';
import { sniffKind, zipHoldsWorkbook } from './sniff';

/** A source as the worker gets it: a path (CLI, the app's file dialog) or uploaded bytes. */
export type SourceInput = { path: string } | { name: string; bytes: Uint8Array };

export interface SourceFile {
  /** As the user knows it: the file name, or its path inside the folder or .zip. */
  name: string;
  bytes: Uint8Array;
}

/** Most files one import reads (a folder of .lrmx files). */
export const MAX_FILES = 5000;

const READABLE = /\.(xlsx|xlsm|xltx|xltm|xlsb|xls|xlt|et|ett|ods|csv|txt|tsv|lrmx)$/i;

export function isLrmxName(name: string): boolean {
  return /\.lrmx$/i.test(name);
}

/** Reads every source into files; a path that is missing, or a folder or .zip with nothing readable, is refused. */
export function loadSources(sources: readonly SourceInput[], limits: ReadLimits): SourceFile[] {
  const out: SourceFile[] = [];
  const add = (f: SourceFile) => {
    if (out.length >= MAX_FILES) throw importError(`一次最多导入 ${MAX_FILES} 个文件，请分批导入`);
    out.push(f);
  };
  for (const source of sources) {
    if ('bytes' in source) {
      expand({ name: source.name, bytes: source.bytes }, limits, add);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source.path);
    } catch {
      throw importError(`找不到文件或文件夹「${source.path}」`);
    }
    if (stat.isDirectory()) {
      const names = fs
        .readdirSync(source.path, { withFileTypes: true })
        .filter(d => d.isFile() && READABLE.test(d.name) && !d.name.startsWith('~$'))
        .map(d => d.name)
        .sort((a, b) => a.localeCompare(b, 'zh-CN'));
      if (!names.length) throw importError(`文件夹「${source.path}」中没有可导入的文件（.xlsx、.xls、.et、.csv、.lrmx）`);
      for (const n of names) add(readFile(path.join(source.path, n), n, limits));
      continue;
    }
    if (!stat.isFile()) throw importError(`「${source.path}」不是文件`);
    expand(readFile(source.path, path.basename(source.path), limits), limits, add);
  }
  return out;
}

function readFile(file: string, name: string, limits: ReadLimits): SourceFile {
  const size = fs.statSync(file).size;
  if (size > limits.maxBytes) throw importError(`文件「${name}」有 ${mb(size)}，超过导入上限 ${mb(limits.maxBytes)}；请拆分后分批导入。`);
  return { name, bytes: fs.readFileSync(file) };
}

/** A .zip that is not a workbook contributes its readable files; anything else is one file. */
function expand(file: SourceFile, limits: ReadLimits, add: (f: SourceFile) => void): void {
  if (!/\.zip$/i.test(file.name) || sniffKind(file.bytes) !== 'zip') return add(file);
  const dir = readZipDirectory(file.bytes);
  if (!dir) throw importError(`压缩包「${file.name}」已损坏，无法读取。`);
  if (zipHoldsWorkbook(dir)) return add(file);
  if (dir.encrypted) throw importError(`压缩包「${file.name}」设置了密码，无法读取。`);
  if (dir.inflatedBytes > limits.maxInflatedBytes) throw importError(`压缩包「${file.name}」解压后超过 ${mb(limits.maxInflatedBytes)}，已拒绝导入。`);
  const entries = dir.entries
    .filter(e => !e.name.endsWith('/') && READABLE.test(e.name) && !/(^|\/)(__MACOSX\/|~\$)/.test(e.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  if (!entries.length) throw importError(`压缩包「${file.name}」中没有可导入的文件（.xlsx、.xls、.et、.csv、.lrmx）`);
  for (const e of entries) {
    if (e.size > limits.maxBytes) throw importError(`压缩包「${file.name}」中的「${e.name}」有 ${mb(e.size)}，超过导入上限 ${mb(limits.maxBytes)}。`);
    const bytes = zipEntryBytes(file.bytes, e);
    if (!bytes) throw importError(`压缩包「${file.name}」中的「${e.name}」无法解压（文件已损坏或压缩方式不受支持）。`);
    add({ name: `${file.name}/${e.name}`, bytes });
  }
}

function mb(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}
