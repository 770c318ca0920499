/**
 * 上报: a unit subtree (or everything) as one package. The parts are made
 * from the stored records (roster/api images, events/api rows), hashed into
 * the manifest, zipped (common/zip.ts), and the result is read back through
 * the receiver's own verification before anyone gets it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import { todayCanonical } from '../../../shared/domain/common/dates';
import {
  LRMX_FOLDER,
  MANIFEST_NAME,
  PACKAGE_EXT,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_CHOICES,
  PACKAGE_PARTS,
  XLSX_PART,
  type PackageChoice,
  type PackageCounts,
  type PackageEvent,
  type PackageQuota,
  type PackageManifest,
  type PackageUnit,
} from '../../../shared/domain/package/manifest';
import { SCHEMA_VERSION, type Database } from '../../db/database';
import { safeFileName } from '../common/files';
import { getSetting, operatorName, reportingUnitName, setSetting } from '../common/settings';
import { buildZip, MAX_ZIP_ENTRIES, type ZipFile } from '../common/zip';
import { eventRecordsOf } from '../events/api';
import { buildRosterXlsx, DEFAULT_EXPORT_COLUMNS, selectRosterRows } from '../export/api';
import { MAX_LRMX_FILES, renderLrmxFiles } from '../lrmx/api';
import { readCadreImage } from '../roster/api';
import { UNIT_SUBTREE_CTE } from '../common/unit-tree';
import { packageCadreOf, sha256 } from './records';
import { batchesOf, villagesOf } from './secondment';

/** The settings key of this copy's lasting sender id (written into every package it makes). */
export const SENDER_ID_SETTING = 'package_sender_id';

export interface PackageOptions {
  unitId?: number;
  /** YYYY-MM-DD; default today. */
  date?: string;
  withXlsx?: boolean;
  withLrmx?: boolean;
  /** Optional parts left out (cadres with their form fields and family, and units, always go). */
  without?: readonly PackageChoice[];
  appVersion: string;
}

export interface BuiltPackage {
  fileName: string;
  bytes: Buffer;
  counts: Required<PackageCounts>;
  includes: PackageChoice[];
  sha256: string;
  senderId: string;
}

/** This copy's sender id, or a new one (saved by `keepSenderId` once a package with it was delivered). */
function senderId(db: Database): string {
  return getSetting(db, SENDER_ID_SETTING) ?? randomUUID();
}

/** Saves the id the delivered package carries, the first time (a refused export changes nothing). */
export function keepSenderId(db: Database, id: string): void {
  if (!getSetting(db, SENDER_ID_SETTING)) setSetting(db, SENDER_ID_SETTING, id);
}

export async function buildPackage(db: Database, opts: PackageOptions): Promise<BuiltPackage> {
  const date = opts.date ?? todayCanonical();
  const includes = PACKAGE_CHOICES.filter(c => !opts.without?.includes(c));
  const has = (c: PackageChoice) => includes.includes(c);
  let scopeName: string | null = null;
  if (opts.unitId !== undefined) {
    const u = db.prepare('SELECT name FROM units WHERE id = ?').get(opts.unitId) as { name: string } | undefined;
    if (!u) throw new AppError('NOT_FOUND', `找不到编号为 ${opts.unitId} 的单位`);
    scopeName = u.name;
  }
  const unitRows = (
    opts.unitId === undefined
      ? db.prepare('SELECT id, parent_id, name, short_name, kind, level, sort_order FROM units ORDER BY id').all()
      : db
          .prepare(
            `WITH RECURSIVE ${UNIT_SUBTREE_CTE}
             SELECT id, parent_id, name, short_name, kind, level, sort_order FROM units WHERE id IN (SELECT id FROM unit_subtree) ORDER BY id`,
          )
          .all({ unitId: opts.unitId })
  ) as { id: number; parent_id: number | null; name: string; short_name: string; kind: string; level: string; sort_order: number }[];
  const inScope = new Set(unitRows.map(u => u.id));
  const units: PackageUnit[] = unitRows.map(u => ({
    id: u.id,
    parentId: u.parent_id !== null && inScope.has(u.parent_id) ? u.parent_id : null,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    level: u.level,
    sortOrder: u.sort_order,
  }));
  const ids = (
    opts.unitId === undefined
      ? db.prepare('SELECT id FROM cadres WHERE deleted_at IS NULL ORDER BY sort_order, id').pluck().all()
      : db
          .prepare('SELECT id FROM cadres WHERE deleted_at IS NULL AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY sort_order, id')
          .pluck()
          .all(JSON.stringify([...inScope]))
  ) as number[];
  const cadres = ids.map(id => {
    const image = readCadreImage(db, id)!;
    const unitId = image.row.unit_id as number | null;
    const c = packageCadreOf(image, id, unitId !== null && inScope.has(unitId) ? unitId : null);
    return { ...c, photo: has('photos') ? c.photo : null, assessments: has('assessments') ? c.assessments : [] };
  });
  const events: PackageEvent[] = has('events')
    ? eventRecordsOf(db, ids).map(e => ({ ...e, unitId: e.unitId !== null && inScope.has(e.unitId) ? e.unitId : null }))
    : [];

  const quotas: PackageQuota[] = has('quotas')
    ? (db
        .prepare(
          'SELECT unit_id AS unitId, level, approved, doc, doc_date AS docDate FROM unit_quotas WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, level',
        )
        .all(JSON.stringify([...inScope])) as PackageQuota[])
    : [];
  const everything = opts.unitId === undefined;
  const { batches, members } = has('batches') ? batchesOf(db, ids, everything) : { batches: [], members: [] };
  const { villages, rotations, assignments } = has('villages') ? villagesOf(db, ids, everything) : { villages: [], rotations: [], assignments: [] };

  const sender = reportingUnitName(db) || scopeName || '未命名单位';
  const files: ZipFile[] = [
    { name: PACKAGE_PARTS.units, data: json(units) },
    { name: PACKAGE_PARTS.cadres, data: json(cadres) },
  ];
  // A part left out is not in the package at all (a receiver then leaves its records alone).
  if (has('events')) files.push({ name: PACKAGE_PARTS.events, data: json(events) });
  if (has('quotas')) files.push({ name: PACKAGE_PARTS.quotas, data: json(quotas) });
  if (has('batches')) files.push({ name: PACKAGE_PARTS.batches, data: json(batches) }, { name: PACKAGE_PARTS.members, data: json(members) });
  if (has('villages')) {
    files.push(
      { name: PACKAGE_PARTS.villages, data: json(villages) },
      { name: PACKAGE_PARTS.rotations, data: json(rotations) },
      { name: PACKAGE_PARTS.assignments, data: json(assignments) },
    );
  }
  if (opts.withXlsx) {
    const rows = ids.length ? selectRosterRows(db, { ids, today: date }) : [];
    const xlsx = await buildRosterXlsx({ columns: DEFAULT_EXPORT_COLUMNS.map(key => ({ key })), rows, reportingUnit: sender, date });
    files.push({ name: XLSX_PART, data: xlsx });
  }
  if (opts.withLrmx && ids.length > MAX_ZIP_ENTRIES - 10) {
    throw new AppError('VALIDATION', `附任免审批表时一个数据包最多 ${MAX_ZIP_ENTRIES - 10} 名干部，请按单位分开上报，或不附任免审批表`);
  }
  if (opts.withLrmx && ids.length) {
    const used = new Set<string>();
    for (let at = 0; at < ids.length; at += MAX_LRMX_FILES) {
      for (const f of renderLrmxFiles(db, ids.slice(at, at + MAX_LRMX_FILES), { ageRefDate: date, photos: has('photos'), assessments: has('assessments') })) {
        let name = f.fileName;
        for (let n = 2; used.has(name.toLowerCase()); n++) name = f.fileName.replace(/\.lrmx$/, `(${n}).lrmx`);
        used.add(name.toLowerCase());
        files.push({ name: LRMX_FOLDER + name, data: Buffer.from(f.text, 'utf8') });
      }
    }
  }
  const counts: Required<PackageCounts> = {
    units: units.length,
    cadres: cadres.length,
    events: events.length,
    quotas: quotas.length,
    batches: batches.length,
    members: members.length,
    villages: villages.length,
    rotations: rotations.length,
    assignments: assignments.length,
  };
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    appVersion: opts.appVersion,
    sender: { id: senderId(db), name: sender },
    operator: operatorName(db),
    createdAt: new Date().toISOString(),
    referenceDate: date,
    scope: { unitName: scopeName },
    counts,
    includes,
    parts: files.map(f => ({ name: f.name, size: f.data.length, sha256: sha256(f.data) })),
  };
  const bytes = buildZip([{ name: MANIFEST_NAME, data: json(manifest) }, ...files]);
  return {
    fileName: `${safeFileName(sender, '数据包')}_${date}${PACKAGE_EXT}`,
    bytes,
    counts,
    includes,
    sha256: sha256(bytes),
    senderId: manifest.sender.id,
  };
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
