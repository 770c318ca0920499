/**
 * .lrmx files in and out of the database: export selected cadres (to a folder
 * for the CLI, as a zip for a browser download), and gather the files of an
 * import from paths (files and folders) for the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { ensurePrivateDir } from '../../db/private-files';
import { writeFileAtomic } from '../common/files';
import { getFormSettings } from '../form/api';
import { getCadre } from '../roster/api';
import { buildZip } from '../export/api';
import { readLrmx, type LrmxRead } from './read';
import { lrmxFileName, writeLrmx, type WriteLrmxOptions } from './write';
import { DEFAULT_XML_LIMITS } from './xml';

export interface LrmxExportFile {
  id: number;
  fileName: string;
  text: string;
}

/** Most files one import or export handles. */
export const MAX_LRMX_FILES = 5000;

/** The .lrmx text of each cadre, with unique file names (张三_0011.lrmx, 张三_0011(2).lrmx). */
export function renderLrmxFiles(db: Database, ids: number[], opts: WriteLrmxOptions = {}): LrmxExportFile[] {
  if (ids.length === 0) throw new AppError('VALIDATION', '没有选择要导出的干部');
  if (ids.length > MAX_LRMX_FILES) throw new AppError('VALIDATION', `一次最多导出 ${MAX_LRMX_FILES} 名干部的任免审批表`);
  const settings = getFormSettings(db);
  const used = new Set<string>();
  return [...new Set(ids)].map(id => {
    const cadre = getCadre(db, id);
    const row = db.prepare('SELECT photo FROM cadres WHERE id = ?').get(id) as { photo: Buffer | null };
    const text = writeLrmx(cadre, row.photo, { reportingUnit: settings.reportingUnit, filledBy: settings.filledBy, ...opts });
    let fileName = lrmxFileName(cadre.name, cadre.idNumber);
    for (let n = 2; used.has(fileName.toLowerCase()); n++) fileName = lrmxFileName(cadre.name, cadre.idNumber).replace(/\.lrmx$/, `(${n}).lrmx`);
    used.add(fileName.toLowerCase());
    return { id, fileName, text };
  });
}

/** Writes the files into `dir` (created if missing); existing files of the same name are replaced. */
export function exportLrmxToDir(db: Database, ids: number[], dir: string, opts: WriteLrmxOptions = {}): { dir: string; files: string[] } {
  const files = renderLrmxFiles(db, ids, opts);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new AppError('VALIDATION', `「${dir}」不是文件夹`);
  ensurePrivateDir(dir);
  for (const f of files) writeFileAtomic(path.join(dir, f.fileName), f.text);
  return { dir, files: files.map(f => f.fileName) };
}

/** One file as is, several as a zip: what a browser download gets. */
export function exportLrmxBytes(db: Database, ids: number[], opts: WriteLrmxOptions = {}): { fileName: string; bytes: Buffer } {
  const files = renderLrmxFiles(db, ids, opts);
  if (files.length === 1) return { fileName: files[0].fileName, bytes: Buffer.from(files[0].text, 'utf8') };
  return {
    fileName: `任免审批表_${files.length}人.zip`,
    bytes: buildZip(files.map(f => ({ name: f.fileName, data: Buffer.from(f.text, 'utf8') }))),
  };
}

export interface LrmxSourceFile {
  name: string;
  bytes: Buffer;
  /** The size on disk when the bytes were not read (too large). */
  size?: number;
}

/**
 * The files named by `paths`: a file is taken whatever its extension; a
 * folder contributes its *.lrmx files (not its subfolders), in name order.
 */
export function collectLrmxFiles(paths: string[]): LrmxSourceFile[] {
  const out: LrmxSourceFile[] = [];
  const add = (p: string) => {
    if (out.length >= MAX_LRMX_FILES) throw new AppError('VALIDATION', `一次最多导入 ${MAX_LRMX_FILES} 个文件`);
    const size = fs.statSync(p).size;
    // Oversized files are not read into memory; readLrmxFiles reports them.
    out.push({ name: path.basename(p), bytes: size > DEFAULT_XML_LIMITS.maxBytes ? Buffer.alloc(0) : fs.readFileSync(p), size });
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new AppError('NOT_FOUND', `找不到文件或文件夹「${p}」`);
    }
    if (stat.isDirectory()) {
      const names = fs
        .readdirSync(p, { withFileTypes: true })
        .filter(d => d.isFile() && /\.lrmx$/i.test(d.name))
        .map(d => d.name)
        .sort((a, b) => a.localeCompare(b, 'zh-CN'));
      if (!names.length) throw new AppError('NOT_FOUND', `文件夹「${p}」中没有 .lrmx 文件`);
      for (const n of names) add(path.join(p, n));
    } else {
      add(p);
    }
  }
  return out;
}

export function readLrmxFiles(files: LrmxSourceFile[]): LrmxRead[] {
  return files.map(f =>
    f.size !== undefined && f.size > DEFAULT_XML_LIMITS.maxBytes
      ? {
          file: f.name,
          record: null,
          problems: [
            {
              severity: 'error',
              field: 'file',
              message: `文件过大（${(f.size / 1024 / 1024).toFixed(1)} MB），任免审批表文件一般不超过 ${DEFAULT_XML_LIMITS.maxBytes / 1024 / 1024} MB。`,
            },
          ],
        }
      : readLrmx(f.bytes, f.name),
  );
}
