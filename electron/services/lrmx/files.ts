/**
 * .lrmx files out of the database: selected cadres to a folder (the CLI) or as
 * a zip (a browser download). Imports read .lrmx files through the one import
 * pipeline (import/sources.ts, read.ts here).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { ensurePrivateDir } from '../../db/private-files';
import { writeFileAtomic } from '../common/files';
import { getFormSettings } from '../form/api';
import { cadrePhoto, getCadre } from '../roster/api';
import { buildZip } from '../common/zip';
import { lrmxFileName, writeLrmx, type WriteLrmxOptions } from './write';

export interface LrmxExportFile {
  id: number;
  fileName: string;
  text: string;
}

/** Most files one import or export handles. */
export const MAX_LRMX_FILES = 5000;

/**
 * The .lrmx text of each cadre, with unique file names (张三_0011.lrmx, 张三_0011(2).lrmx);
 * `photos: false` leaves the photos out, `assessments: false` the 年度考核结果 (a 上报 without them).
 */
export function renderLrmxFiles(
  db: Database,
  ids: number[],
  { photos = true, assessments = true, ...opts }: WriteLrmxOptions & { photos?: boolean; assessments?: boolean } = {},
): LrmxExportFile[] {
  if (ids.length === 0) throw new AppError('VALIDATION', '没有选择要导出的干部');
  if (ids.length > MAX_LRMX_FILES) throw new AppError('VALIDATION', `一次最多导出 ${MAX_LRMX_FILES} 名干部的任免审批表`);
  const settings = getFormSettings(db);
  const used = new Set<string>();
  return [...new Set(ids)].map(id => {
    const cadre = getCadre(db, id);
    if (!assessments) cadre.assessments = [];
    const text = writeLrmx(cadre, photos ? (cadrePhoto(db, id) ?? null) : null, {
      reportingUnit: settings.reportingUnit,
      filledBy: settings.filledBy,
      ...opts,
    });
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
