import fs from 'node:fs';
import path from 'node:path';
import type { exportRoutes, RosterExportInput } from '../../../shared/contract/routes/exports';
import { CSV_MIME, decodeUpload, deliver, safeFileName, uploadName, XLSX_MIME, XML_MIME, ZIP_MIME } from '../common/files';
import { todayCanonical } from '../../../shared/domain/common/dates';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { buildRosterCsv, buildRosterXlsx, selectRosterRows, type RosterExportOptions } from './roster-xlsx';
import { buildImportTemplate } from './template';
import { reportingUnitName } from '../common/settings';
import { exportLrmxBytes, exportLrmxToDir } from '../lrmx/api';
import { readLrmx } from '../lrmx/api';

export function exportHandlers({ db }: ServiceContext): HandlersOf<typeof exportRoutes> {
  const rosterOptions = (input: RosterExportInput): RosterExportOptions => {
    const date = input.date ?? todayCanonical();
    return {
      columns: input.columns,
      rows: selectRosterRows(db, { ids: input.ids, view: input.view, today: input.ageRefDate ?? date }),
      title: input.title,
      reportingUnit: input.reportingUnit ?? reportingUnitName(db),
      date,
      ageRef: input.ageRefDate,
      birthWithAge: input.birthWithAge,
    };
  };
  const fileStem = (input: RosterExportInput) =>
    `${safeFileName(input.title ?? '干部名册', '干部名册')}_${(input.date ?? todayCanonical()).replaceAll('-', '')}`;

  return {
    exportRoster: async input => {
      const opts = rosterOptions(input);
      const bytes = await buildRosterXlsx(opts);
      return { ...deliver(`${fileStem(input)}.xlsx`, XLSX_MIME, bytes, input.outPath, ['.xlsx']), rows: opts.rows.length };
    },
    exportCsv: input => {
      const opts = rosterOptions(input);
      return { ...deliver(`${fileStem(input)}.csv`, CSV_MIME, buildRosterCsv(opts), input.outPath, ['.csv']), rows: opts.rows.length };
    },
    downloadTemplate: async ({ outPath }) => deliver('干部信息导入模板.xlsx', XLSX_MIME, await buildImportTemplate(reportingUnitName(db)), outPath, ['.xlsx']),
    exportLrmx: ({ ids, ageRefDate, outPath }) => {
      const count = new Set(ids).size;
      if (outPath && fs.existsSync(outPath) && fs.statSync(outPath).isDirectory()) {
        const r = exportLrmxToDir(db, ids, path.resolve(outPath), { ageRefDate });
        return { fileName: path.basename(r.dir), mime: 'inode/directory', base64: null, path: r.dir, count, files: r.files };
      }
      const { fileName, bytes } = exportLrmxBytes(db, ids, { ageRefDate });
      const zip = fileName.endsWith('.zip');
      return { ...deliver(fileName, zip ? ZIP_MIME : XML_MIME, bytes, outPath, zip ? ['.zip'] : ['.lrmx']), count, files: [] };
    },
    inspectLrmx: ({ file }) => {
      const name = uploadName(file.name, '未命名.lrmx');
      const read = readLrmx(decodeUpload(file.base64), name);
      const r = read.record;
      return {
        file: name,
        record: r
          ? {
              fields: r.fields as Record<string, string>,
              family: r.family ?? [],
              assessments: r.assessments ?? [],
              photoBase64: r.photo ? r.photo.toString('base64') : null,
              meta: r.meta,
            }
          : null,
        problems: read.problems,
      };
    },
  };
}
