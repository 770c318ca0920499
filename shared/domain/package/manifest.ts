/**
 * A data package (数据包, .cadrepkg) between two copies of the app: a ZIP
 * holding manifest.json (who sent it, when, from which schema, the counts and
 * the SHA-256 of every other part) and the data as JSON parts; on request a
 * roster workbook and one .lrmx per cadre for readers without this app.
 *
 * The shapes here are what a receiver accepts: anything else in a package is
 * refused before a byte of it reaches the database.
 */
import { z } from 'zod';
import * as shape from '../common/shape';
import { EVENT_KINDS } from '../events/kinds';
import {
  ASSIGNMENT_KINDS,
  ASSIGNMENT_STATUSES,
  BATCH_DIRECTIONS,
  BATCH_STATUSES,
  BRANCH_ROLES,
  MEMBER_STATUSES,
  OUTCOMES,
  VILLAGE_ROLES,
} from '../secondment/codes';

export const PACKAGE_FORMAT = 'cadre-desk-package';
/**
 * Bumped when the parts change shape; a receiver refuses a newer one. Version 2 added the
 * `includes` list and the secondment and village parts: an app of version 1 would drop them.
 */
export const PACKAGE_FORMAT_VERSION = 2;
export const PACKAGE_EXT = '.cadrepkg';
export const MANIFEST_NAME = 'manifest.json';

/** The data parts, by name inside the ZIP. */
export const PACKAGE_PARTS = {
  units: 'data/units.json',
  cadres: 'data/cadres.json',
  events: 'data/events.json',
  quotas: 'data/quotas.json',
  batches: 'data/batches.json',
  members: 'data/members.json',
  villages: 'data/villages.json',
  rotations: 'data/rotations.json',
  assignments: 'data/assignments.json',
} as const;

/**
 * The parts a sender may leave out (cadres with their form fields and family, and units, always
 * go). A part not included changes nothing at the receiver and is never read as "removed".
 */
export const PACKAGE_CHOICES = ['photos', 'events', 'quotas', 'batches', 'villages', 'assessments'] as const;
export type PackageChoice = (typeof PACKAGE_CHOICES)[number];
export const PACKAGE_CHOICE_LABELS: Record<PackageChoice, string> = {
  photos: '照片',
  events: '职务变动',
  quotas: '职数',
  batches: '挂职批次及成员',
  villages: '驻村干部',
  assessments: '年度考核',
};
/** What a version-1 package (no includes list) carried. */
const V1_INCLUDES: readonly PackageChoice[] = ['photos', 'events', 'quotas', 'assessments'];

/** The parts a package carries, by its manifest. */
export function includesOf(manifest: Pick<PackageManifest, 'includes'>): ReadonlySet<PackageChoice> {
  return new Set(manifest.includes ?? V1_INCLUDES);
}
export const XLSX_PART = '干部名册.xlsx';
export const LRMX_FOLDER = '任免审批表/';

/** Limits on what a package may hold (a whole province's roster fits well within them). */
export const PACKAGE_LIMITS = {
  /** The file itself. */
  bytes: 1024 * 1024 * 1024,
  /** One part, inflated. */
  partBytes: 768 * 1024 * 1024,
  cadres: 200_000,
  units: 50_000,
  events: 2_000_000,
  quotas: 500_000,
  batches: 10_000,
  members: 200_000,
  villages: 50_000,
  rotations: 1_000,
  assignments: 200_000,
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const text = (max: number) => z.string().max(max);
const id = z.number().int().positive();

export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int().positive(),
  /** The sender's database schema (user_version): a newer one may hold what we cannot store. */
  schemaVersion: z.number().int().positive(),
  appVersion: text(40),
  /** The sending office: a lasting id of its copy of the app, and its 本单位名称. */
  sender: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), name: text(200) }),
  operator: text(100),
  /** When it was made, ISO 8601. */
  createdAt: text(40),
  /** 报送日期 (YYYY-MM-DD). */
  referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The unit subtree sent (null: everything), as named at the sender. */
  scope: z.strictObject({ unitName: text(200).nullable() }),
  counts: z.strictObject({
    units: z.number().int().nonnegative(),
    cadres: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
    quotas: z.number().int().nonnegative(),
    // Since version 2:
    batches: z.number().int().nonnegative().optional(),
    members: z.number().int().nonnegative().optional(),
    villages: z.number().int().nonnegative().optional(),
    rotations: z.number().int().nonnegative().optional(),
    assignments: z.number().int().nonnegative().optional(),
  }),
  /** The optional parts chosen (since version 2; absent: what version 1 always carried). */
  includes: z.array(z.enum(PACKAGE_CHOICES)).max(PACKAGE_CHOICES.length).optional(),
  parts: z.array(z.strictObject({ name: text(300), size: z.number().int().nonnegative(), sha256 })).max(250_000),
});
export type PackageManifest = z.infer<typeof manifestSchema>;

export const packageUnitSchema = z.strictObject({
  id,
  parentId: id.nullable(),
  name: z.string().trim().min(1).max(200),
  shortName: text(200),
  kind: text(100),
  level: text(100),
  sortOrder: z.number().int(),
});
export type PackageUnit = z.infer<typeof packageUnitSchema>;

/*
 * The two large parts (cadres, events) are checked with common/shape.ts, not zod: at 5,000
 * cadres zod took longer than reading the JSON, and the preview must be ready within twice that.
 */
const positiveId = shape.integer(1);

export const packageFamilyCheck = shape.exactObject({
  relation: shape.text(50),
  name: shape.text(100),
  birth: shape.text(20),
  politicalStatus: shape.text(50),
  work: shape.text(500),
});

/** A cadre as sent: the form's fields by their contract names (roster/columns.ts), with its child rows. */
export const packageCadreCheck = shape.exactObject({
  id: positiveId,
  unitId: shape.nullable(positiveId),
  sortOrder: shape.integer(),
  fields: shape.recordOf(shape.text(40), shape.text(100_000)),
  /** base64 JPEG or null. */
  photo: shape.nullable(shape.text(8_000_000)),
  tags: shape.listOf(shape.text(100), 200),
  family: shape.listOf(packageFamilyCheck, 100),
  assessments: shape.listOf(shape.exactObject({ year: shape.integer(1900, 2200), grade: shape.text(50), note: shape.text(500) }), 200),
});
export type PackageCadre = shape.Checked<typeof packageCadreCheck>;

export const packageEventCheck = shape.exactObject({
  cadreId: positiveId,
  kind: shape.oneOf(EVENT_KINDS),
  date: shape.text(20),
  docNo: shape.text(200),
  authority: shape.text(200),
  unitId: shape.nullable(positiveId),
  post: shape.text(500),
  removedPost: shape.text(500),
  leadershipLevel: shape.text(50),
  rank: shape.text(50),
  probationEnd: shape.text(20),
  resumeLine: shape.text(1000),
  quotaReason: shape.text(1000),
  note: shape.text(1000),
  planned: shape.boolean,
});
export type PackageEvent = shape.Checked<typeof packageEventCheck>;

/** 职数: a unit's approved posts at one level, with the document that set them. */
export const packageQuotaSchema = z.strictObject({
  unitId: id,
  level: z.string().trim().min(1).max(50),
  approved: z.number().int().min(0).max(100_000),
  doc: text(200),
  docDate: text(20),
});
export type PackageQuota = z.infer<typeof packageQuotaSchema>;

/** A stored date: '' or canonical 2026, 2026-12, 2026-12-06. */
const storedDate = z.string().regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/);
const name = z.string().trim().min(1).max(200);

/**
 * 挂职批次, matched at the receiver by its programme's name and its 批次序号; the leader and the
 * branch secretary are cadres of the package (null when the sender's is not in it).
 */
export const packageBatchSchema = z.strictObject({
  id,
  programme: z.strictObject({ name, partnerPlace: text(200), notes: text(2000) }),
  seq: z.number().int().min(1).max(10_000),
  name,
  direction: z.enum(BATCH_DIRECTIONS),
  sendingPlace: text(200),
  receivingPlace: text(200),
  startDate: storedDate,
  plannedEndDate: storedDate,
  actualEndDate: storedDate,
  status: z.enum(BATCH_STATUSES),
  leaderCadreId: id.nullable(),
  branchName: text(200),
  branchSecretaryId: id.nullable(),
  notes: text(2000),
});
export type PackageBatch = z.infer<typeof packageBatchSchema>;

/** A member of a batch (matched by batch and cadre); `pairId` and `replacesId` are members of the same batch in the package. */
export const packageMemberSchema = z.strictObject({
  id,
  batchId: id,
  cadreId: id,
  homeUnit: text(200),
  homePost: text(200),
  hostUnit: text(200),
  hostPost: text(200),
  startDate: storedDate,
  endDate: storedDate,
  status: z.enum(MEMBER_STATUSES),
  branchRole: z.enum(BRANCH_ROLES),
  pairId: id.nullable(),
  recallDate: storedDate,
  recallReason: text(2000),
  replacesId: id.nullable(),
  replacementReason: text(2000),
  returnDate: storedDate,
  outcome: z.enum(OUTCOMES),
  outcomeDate: storedDate,
  outcomePost: text(200),
  resumeLine: text(1000),
  notes: text(2000),
});
export type PackageMember = z.infer<typeof packageMemberSchema>;

/** A village, matched by county + township + name. */
export const packageVillageSchema = z.strictObject({ id, county: text(200), township: text(200), name, kind: text(200) });
export type PackageVillage = z.infer<typeof packageVillageSchema>;

/** A 驻村 rotation (轮次), matched by programme + seq. */
export const packageRotationSchema = z.strictObject({
  id,
  programme: text(200),
  seq: z.number().int().min(1).max(10_000),
  name,
  startDate: storedDate,
  endDate: storedDate,
  notes: text(2000),
});
export type PackageRotation = z.infer<typeof packageRotationSchema>;

/** An assignment, matched by rotation, village, cadre and role; `replacesId` an assignment of the package. */
export const packageAssignmentSchema = z.strictObject({
  id,
  rotationId: id,
  villageId: id,
  cadreId: id,
  role: z.enum(VILLAGE_ROLES),
  sendingUnit: text(200),
  startDate: storedDate,
  endDate: storedDate,
  kind: z.enum(ASSIGNMENT_KINDS),
  status: z.enum(ASSIGNMENT_STATUSES),
  replacesId: id.nullable(),
  replacementReason: text(2000),
  notes: text(2000),
});
export type PackageAssignment = z.infer<typeof packageAssignmentSchema>;

/** What a package holds, counted (the manifest's counts, and the export's answer). */
export type PackageCounts = PackageManifest['counts'];

/** The parts of a package in words: 「干部 12 名，单位 3 个，…；未包含照片」. */
export function packageContentsText(counts: PackageCounts, includes: readonly PackageChoice[]): string {
  const has = new Set(includes);
  const parts = [`干部 ${counts.cadres} 名`, `单位 ${counts.units} 个`];
  if (has.has('events')) parts.push(`职务变动 ${counts.events} 条`);
  if (has.has('quotas')) parts.push(`职数 ${counts.quotas} 项`);
  if (has.has('batches')) parts.push(`挂职批次 ${counts.batches ?? 0} 个（成员 ${counts.members ?? 0} 名）`);
  if (has.has('villages')) parts.push(`驻村 ${counts.assignments ?? 0} 人次（${counts.villages ?? 0} 个村）`);
  const also = (['photos', 'assessments'] as const).filter(p => has.has(p)).map(p => PACKAGE_CHOICE_LABELS[p]);
  const left = PACKAGE_CHOICES.filter(p => !has.has(p)).map(p => PACKAGE_CHOICE_LABELS[p]);
  return `${parts.join('，')}${also.length ? `，含${also.join('、')}` : ''}${left.length ? `；未包含${left.join('、')}` : ''}`;
}
