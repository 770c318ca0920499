/**
 * Reading a package a user handed us, as hostile input: a ZIP of the expected
 * parts only (no name that could leave a folder, no part larger than the
 * limits, nothing encrypted), a manifest of the expected shape from a schema
 * we know, every part of the size and SHA-256 the manifest lists, counts that
 * agree, references that resolve and field values the roster accepts. Any
 * failure refuses the whole package with a Chinese reason; nothing is kept.
 */
import { AppError } from '../../../shared/contract/errors';
import {
  includesOf,
  MANIFEST_NAME,
  manifestSchema,
  packageAssignmentSchema,
  packageBatchSchema,
  packageMemberSchema,
  packageRotationSchema,
  packageVillageSchema,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_LIMITS,
  PACKAGE_PARTS,
  packageCadreCheck,
  packageEventCheck,
  packageQuotaSchema,
  packageUnitSchema,
  type PackageAssignment,
  type PackageBatch,
  type PackageCadre,
  type PackageChoice,
  type PackageEvent,
  type PackageMember,
  type PackageRotation,
  type PackageVillage,
  type PackageManifest,
  type PackageQuota,
  type PackageUnit,
} from '../../../shared/domain/package/manifest';
import { normalizeCadreField, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { readZipDirectory, unsafeEntryName, zipEntryBytes, type ZipDirEntry } from '../common/zip';
import { FIELD_COLUMNS, sha256 } from './records';
import type { z } from 'zod';
import { firstMisfit, type Check } from '../../../shared/domain/common/shape';

export interface LoadedPackage {
  file: string;
  sha256: string;
  manifest: PackageManifest;
  units: PackageUnit[];
  cadres: PackageCadre[];
  events: PackageEvent[];
  quotas: PackageQuota[];
  /** The optional parts the package carries (a part left out changes nothing here). */
  includes: ReadonlySet<PackageChoice>;
  batches: PackageBatch[];
  members: PackageMember[];
  villages: PackageVillage[];
  rotations: PackageRotation[];
  assignments: PackageAssignment[];
}

const refuse = (file: string, why: string): never => {
  throw new AppError('VALIDATION', `数据包「${file}」${why}，未接收，数据未修改。`);
};

/** Verifies and reads a package; `schemaVersion` is ours (a newer sender's package is refused). */
export function readPackage(bytes: Uint8Array, file: string, schemaVersion: number): LoadedPackage {
  if (bytes.length > PACKAGE_LIMITS.bytes) refuse(file, '超过 1 GB');
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) refuse(file, '不是数据包（文件格式不对）');
  const dir = readZipDirectory(bytes) ?? refuse(file, '已损坏（文件不完整或被截断）');
  if (dir.encrypted) refuse(file, '设置了密码');
  const byName = new Map<string, ZipDirEntry>();
  for (const e of dir.entries) {
    const bad = unsafeEntryName(e.name);
    if (bad) refuse(file, `中有不安全的文件名「${e.name.slice(0, 80)}」（${bad}）`);
    if (byName.has(e.name)) refuse(file, `中的「${e.name}」出现了两次`);
    if (e.size > PACKAGE_LIMITS.partBytes) refuse(file, `中的「${e.name}」解压后过大`);
    byName.set(e.name, e);
  }
  const manifestEntry = byName.get(MANIFEST_NAME) ?? refuse(file, '缺少清单（manifest.json），不是本程序生成的数据包');
  if (manifestEntry.size > 64 * 1024 * 1024) refuse(file, '的清单过大');
  const manifest = parseManifest(file, entryBytes(file, bytes, manifestEntry));
  if (manifest.schemaVersion > schemaVersion) {
    refuse(file, `由更新版本的程序生成（数据格式版本 ${manifest.schemaVersion}，本程序为 ${schemaVersion}），请先升级本程序再接收`);
  }
  if (manifest.formatVersion > PACKAGE_FORMAT_VERSION) {
    refuse(file, `由更新版本的程序生成（数据包版本 ${manifest.formatVersion}，本程序为 ${PACKAGE_FORMAT_VERSION}），请先升级本程序再接收`);
  }
  if (manifest.formatVersion >= 2 && !manifest.includes) refuse(file, '的清单缺少所含内容（includes），数据包可能被篡改');
  const includes = includesOf(manifest);

  // Every entry but the manifest is a listed part, every listed part is there, with its size and hash.
  const listed = new Map(manifest.parts.map(p => [p.name, p]));
  if (listed.size !== manifest.parts.length) refuse(file, '的清单中有重复的部分');
  for (const name of byName.keys())
    if (name !== MANIFEST_NAME && !name.endsWith('/') && !listed.has(name)) refuse(file, `中的「${name}」不在清单中，数据包可能被篡改`);
  const parts = new Map<string, Uint8Array>();
  for (const p of manifest.parts) {
    const e = byName.get(p.name) ?? refuse(file, `缺少清单中的「${p.name}」，数据包不完整`);
    if (e.size !== p.size) refuse(file, `中的「${p.name}」大小与清单不符，数据包可能被篡改或损坏`);
    const data = entryBytes(file, bytes, e);
    if (data.length !== p.size || sha256(data) !== p.sha256) refuse(file, `中的「${p.name}」校验值与清单不符，数据包可能被篡改或损坏`);
    parts.set(p.name, data);
  }
  const json = (name: string) => readJson(file, name, parts.get(name) ?? refuse(file, `缺少「${name}」`));
  const units = zodList(file, json(PACKAGE_PARTS.units), packageUnitSchema, '单位', PACKAGE_LIMITS.units);
  const cadres = checkedList(file, json(PACKAGE_PARTS.cadres), packageCadreCheck, '干部', PACKAGE_LIMITS.cadres);
  // A part left out is not in the package (and not read as "none here").
  const optional = <T>(choice: PackageChoice, read: () => T[]): T[] => (includes.has(choice) ? read() : []);
  const small =
    <T>(name: string, schema: z.ZodType<T>, what: string, max: number) =>
    () =>
      zodList(file, json(name), schema, what, max);
  const events = optional('events', () => checkedList(file, json(PACKAGE_PARTS.events), packageEventCheck, '职务变动', PACKAGE_LIMITS.events));
  const quotas = optional('quotas', small(PACKAGE_PARTS.quotas, packageQuotaSchema, '职数', PACKAGE_LIMITS.quotas));
  const batches = optional('batches', small(PACKAGE_PARTS.batches, packageBatchSchema, '挂职批次', PACKAGE_LIMITS.batches));
  const members = optional('batches', small(PACKAGE_PARTS.members, packageMemberSchema, '挂职成员', PACKAGE_LIMITS.members));
  const villages = optional('villages', small(PACKAGE_PARTS.villages, packageVillageSchema, '驻村的村', PACKAGE_LIMITS.villages));
  const rotations = optional('villages', small(PACKAGE_PARTS.rotations, packageRotationSchema, '驻村轮次', PACKAGE_LIMITS.rotations));
  const assignments = optional('villages', small(PACKAGE_PARTS.assignments, packageAssignmentSchema, '驻村干部', PACKAGE_LIMITS.assignments));
  const c = manifest.counts;
  const counted: [number | undefined, unknown[]][] = [
    [c.units, units],
    [c.cadres, cadres],
    [c.events, events],
    [c.quotas, quotas],
    [c.batches ?? 0, batches],
    [c.members ?? 0, members],
    [c.villages ?? 0, villages],
    [c.rotations ?? 0, rotations],
    [c.assignments ?? 0, assignments],
  ];
  if (counted.some(([n, list]) => n !== list.length)) refuse(file, '的清单与数据的条数不符，数据包可能被篡改');

  checkReferences(file, units, cadres, events, quotas);
  const cadreName = new Map(cadres.map(c => [c.id, c.fields.name ?? '']));
  checkBatches(file, cadreName, batches, members);
  checkVillages(file, cadreName, villages, rotations, assignments);
  // What the package does not carry is not compared (nor taken) here.
  if (!includes.has('photos')) for (const c of cadres) c.photo = null;
  if (!includes.has('assessments')) for (const c of cadres) c.assessments = [];
  const check = fieldChecker(file);
  for (const cadre of cadres) check(cadre);
  return { file, sha256: sha256(bytes), manifest, units, cadres, events, quotas, includes, batches, members, villages, rotations, assignments };
}

function entryBytes(file: string, bytes: Uint8Array, e: ZipDirEntry): Uint8Array {
  const data = zipEntryBytes(bytes, e);
  if (!data || data.length !== e.size) refuse(file, `中的「${e.name}」无法解压（已损坏）`);
  return data!;
}

function readJson(file: string, name: string, data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    return refuse(file, `中的「${name}」无法读取（不是有效的 JSON）`);
  }
}

const misfit = (file: string, what: string, at: number | null): never =>
  refuse(file, `的${what}不符合格式${at !== null ? `（第 ${at + 1} 条）` : ''}，数据包可能被篡改`);

/** The manifest, checked by its zod shape. */
function parseManifest(file: string, data: Uint8Array): PackageManifest {
  const r = manifestSchema.safeParse(readJson(file, MANIFEST_NAME, data));
  return r.success ? r.data : misfit(file, '清单', null);
}

/** A small part: a list of at most `max` records of the zod shape (as zod returns them: names trimmed). */
function zodList<T>(file: string, value: unknown, schema: z.ZodType<T>, what: string, max: number): T[] {
  const r = schema.array().max(max).safeParse(value);
  if (r.success) return r.data;
  const at = r.error.issues[0]?.path[0];
  return misfit(file, what, typeof at === 'number' ? at : null);
}

/** A large part: a list of at most `max` records passing the check (common/shape.ts), kept as parsed. */
function checkedList<T>(file: string, value: unknown, check: Check<T>, what: string, max: number): T[] {
  if (!Array.isArray(value) || value.length > max) return misfit(file, what, null);
  const at = firstMisfit(value, check);
  return at >= 0 ? misfit(file, what, at) : (value as T[]);
}

/** Ids unique, every parent, unit and cadre a record names is in the package, the unit tree has no cycle. */
function checkReferences(file: string, units: PackageUnit[], cadres: PackageCadre[], events: PackageEvent[], quotas: PackageQuota[]): void {
  const unitIds = new Set(units.map(u => u.id));
  if (unitIds.size !== units.length) refuse(file, '中有重复的单位');
  const parent = new Map(units.map(u => [u.id, u.parentId]));
  for (const u of units) {
    if (u.parentId !== null && !unitIds.has(u.parentId)) refuse(file, `中的单位「${u.name}」的上级单位不在数据包中`);
    let at: number | null = u.parentId;
    for (let steps = 0; at !== null; steps++) {
      if (steps > units.length) refuse(file, `中的单位「${u.name}」的上下级关系成环`);
      at = parent.get(at) ?? null;
    }
  }
  const cadreIds = new Set(cadres.map(c => c.id));
  if (cadreIds.size !== cadres.length) refuse(file, '中有重复的干部');
  for (const c of cadres) if (c.unitId !== null && !unitIds.has(c.unitId)) refuse(file, `中的干部「${c.fields.name ?? ''}」的单位不在数据包中`);
  for (const e of events) {
    if (!cadreIds.has(e.cadreId)) refuse(file, '中有职务变动记录对应的干部不在数据包中');
    if (e.unitId !== null && !unitIds.has(e.unitId)) e.unitId = null;
  }
  const levels = new Set<string>();
  for (const q of quotas) {
    if (!unitIds.has(q.unitId)) refuse(file, '中有职数对应的单位不在数据包中');
    const key = `${q.unitId}\u0000${q.level}`;
    if (levels.has(key)) refuse(file, '中同一单位同一层次的职数出现了两次');
    levels.add(key);
  }
}

/**
 * Fields whose value the database or every page reads as more than text: the name, the columns
 * with a CHECK (性别, 状态), the ID number and the dates. The other fields are free text (their
 * shape already bounds them), so a package's 简历 is not re-parsed 100,000 times. Values repeat
 * across a roster (性别, dates): each distinct one is checked once; names and ID numbers rarely
 * repeat and are checked each time.
 */
const CHECKED_FIELDS: ReadonlyMap<string, boolean> = new Map([
  ['name', false],
  ['idNumber', false],
  ['gender', true],
  ['status', true],
  ['birth', true],
  ['partyDate', true],
  ['workDate', true],
  ['postDate', true],
  ['rankDate', true],
]);

/**
 * Each cadre's fields, each one the roster's own rules accept (an unknown field or a refused value
 * refuses the package); empty ones are dropped. Kept as sent: the sender stored them, and a rule's
 * tidying (a 简历's spacing) is no change.
 */
function fieldChecker(file: string): (c: PackageCadre) => void {
  const seen = new Map<string, Map<string, string | null>>();
  const problemOf = (field: string, raw: string): string | null => {
    const r = normalizeCadreField(field as EditableCadreField, raw);
    return r.ok ? null : r.message;
  };
  return c => {
    const fields = c.fields;
    const who = fields.name ?? '';
    for (const field in fields) {
      const raw = fields[field];
      if (!Object.hasOwn(FIELD_COLUMNS, field)) refuse(file, `中的干部「${who}」有未知的字段「${field.slice(0, 40)}」`);
      if (raw === '') {
        delete fields[field];
        continue;
      }
      const repeats = CHECKED_FIELDS.get(field);
      if (repeats === undefined) continue;
      let problem: string | null | undefined;
      if (repeats) {
        let known = seen.get(field);
        if (!known) seen.set(field, (known = new Map()));
        problem = known.get(raw);
        if (problem === undefined) known.set(raw, (problem = problemOf(field, raw)));
      } else problem = problemOf(field, raw);
      if (problem !== null) refuse(file, `中的干部「${who}」的「${fieldLabel(field)}」有误：${problem}`);
    }
    if (!fields.name) refuse(file, '中有干部没有姓名');
  };
}

/** Records unique by id and by their natural key; `what` names a record in a refusal. */
function uniqueRecords<T extends { id: number }>(file: string, list: T[], key: (r: T) => string, what: (r: T) => string): Map<number, T> {
  const byId = new Map<number, T>();
  const keys = new Set<string>();
  for (const r of list) {
    if (byId.has(r.id) || keys.has(key(r))) refuse(file, `中的${what(r)}出现了两次`);
    byId.set(r.id, r);
    keys.add(key(r));
  }
  return byId;
}

/**
 * 挂职批次 and members: each batch once (by programme and 批次序号), each member in a batch of the
 * package and of a cadre of the package, as are the leader and the branch secretary; a pair and a
 * replaced member are members of the same batch, a pair both ways.
 */
function checkBatches(file: string, cadreName: Map<number, string>, batches: PackageBatch[], members: PackageMember[]): void {
  const label = (b: PackageBatch) => `挂职批次「${b.programme.name} ${b.name}」`;
  const batchById = uniqueRecords(file, batches, b => `${b.programme.name}\u0000${b.seq}`, label);
  for (const b of batches) {
    if (b.leaderCadreId !== null && !cadreName.has(b.leaderCadreId)) refuse(file, `中的${label(b)}的领队不在数据包中`);
    if (b.branchSecretaryId !== null && !cadreName.has(b.branchSecretaryId)) refuse(file, `中的${label(b)}的临时党支部书记不在数据包中`);
  }
  const memberById = new Map<number, PackageMember>();
  members.forEach((m, k) => {
    const batch = batchById.get(m.batchId) ?? refuse(file, `中的挂职成员（第 ${k + 1} 条）所在的批次不在数据包中`);
    const who = cadreName.get(m.cadreId) ?? refuse(file, `中的${label(batch)}有成员（第 ${k + 1} 条）对应的干部不在数据包中`);
    if (memberById.has(m.id)) refuse(file, `中的${label(batch)}的成员「${who}」出现了两次`);
    memberById.set(m.id, m);
  });
  for (const m of members) {
    const where = () => `中的${label(batchById.get(m.batchId)!)}的成员「${cadreName.get(m.cadreId)}」`;
    const pair = m.pairId === null ? null : memberById.get(m.pairId);
    if (pair !== null && (!pair || pair.batchId !== m.batchId || pair.pairId !== m.id || pair.id === m.id)) refuse(file, `${where()}的结对对象不在该批次中`);
    const replaced = m.replacesId === null ? null : memberById.get(m.replacesId);
    if (replaced !== null && (!replaced || replaced.batchId !== m.batchId || replaced.id === m.id)) refuse(file, `${where()}接替的成员不在该批次中`);
  }
}

/** 驻村: villages and rotations once each (by natural key), every assignment of a rotation, village and cadre of the package. */
function checkVillages(
  file: string,
  cadreName: Map<number, string>,
  villages: PackageVillage[],
  rotations: PackageRotation[],
  assignments: PackageAssignment[],
): void {
  const villageById = uniqueRecords(
    file,
    villages,
    v => `${v.county}\u0000${v.township}\u0000${v.name}`,
    v => `村「${v.county}${v.township}${v.name}」`,
  );
  const rotationById = uniqueRecords(
    file,
    rotations,
    r => `${r.programme}\u0000${r.seq}`,
    r => `驻村轮次「${r.name}」`,
  );
  const byId = new Map<number, PackageAssignment>();
  assignments.forEach((a, k) => {
    const at = `中的驻村干部（第 ${k + 1} 条）`;
    if (!rotationById.has(a.rotationId)) refuse(file, `${at}所在的驻村轮次不在数据包中`);
    const village = villageById.get(a.villageId) ?? refuse(file, `${at}所驻的村不在数据包中`);
    if (!cadreName.has(a.cadreId)) refuse(file, `${at}（${village.name}）对应的干部不在数据包中`);
    if (byId.has(a.id)) refuse(file, `${at}出现了两次`);
    byId.set(a.id, a);
  });
  for (const [k, a] of assignments.entries()) {
    const replaced = a.replacesId === null ? null : byId.get(a.replacesId);
    if (replaced !== null && (!replaced || replaced.rotationId !== a.rotationId || replaced.id === a.id)) {
      refuse(file, `中的驻村干部（第 ${k + 1} 条，「${cadreName.get(a.cadreId)}」）接替的记录不在同一轮次中`);
    }
  }
}
