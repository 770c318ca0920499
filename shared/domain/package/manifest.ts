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

export const PACKAGE_FORMAT = 'cadre-desk-package';
/** Bumped when the parts change shape; a receiver refuses a newer one. */
export const PACKAGE_FORMAT_VERSION = 1;
export const PACKAGE_EXT = '.cadrepkg';
export const MANIFEST_NAME = 'manifest.json';

/** The data parts, by name inside the ZIP. */
export const PACKAGE_PARTS = {
  units: 'data/units.json',
  cadres: 'data/cadres.json',
  events: 'data/events.json',
  quotas: 'data/quotas.json',
} as const;
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
  }),
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
