/**
 * Routes of 上报 / 接收 on 数据与备份: a data package out of a unit subtree, and
 * packages in (verified, previewed together, merged as one 撤销 step).
 */
import { z } from 'zod';
import { CONFLICT_KINDS } from '../../domain/package/conflicts';
import { PACKAGE_CHOICES } from '../../domain/package/manifest';
import { id } from './common';
import { importSourceSchema } from './imports';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-06');

export const packageExportInput = z.strictObject({
  /** The unit subtree sent; absent: the whole roster. */
  unitId: id.optional(),
  /** 报送日期; default today. */
  date: isoDate.optional(),
  /** Add a 干部名册 workbook in the standard layout. */
  withXlsx: z.boolean().optional(),
  /** Add one .lrmx per cadre. */
  withLrmx: z.boolean().optional(),
  /** Optional parts left out (照片, 职务变动, 职数, 挂职批次, 驻村, 年度考核); default: all included. */
  without: z.array(z.enum(PACKAGE_CHOICES)).max(PACKAGE_CHOICES.length).optional(),
  /** The CLI's --out (a .cadrepkg path); pages get the bytes. */
  outPath: z.string().min(1).max(4096).optional(),
});

export const packageExportOutput = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string().nullable(),
  path: z.string().nullable(),
  cadres: z.number().int(),
  units: z.number().int(),
  events: z.number().int(),
  quotas: z.number().int(),
  batches: z.number().int(),
  members: z.number().int(),
  villages: z.number().int(),
  rotations: z.number().int(),
  assignments: z.number().int(),
  /** The optional parts it carries. */
  includes: z.array(z.enum(PACKAGE_CHOICES)),
  sha256: z.string(),
});

const count = z.number().int();
/** How the packages' 挂职批次 and 驻村 records meet ours (preview) or were written (merge). */
export const packagePartCountsSchema = z.object({
  batches: z.object({ new: count, updated: count }),
  members: z.object({ new: count, updated: count, unchanged: count }),
  villages: z.object({ new: count }),
  assignments: z.object({ new: count, updated: count, unchanged: count }),
});

/** One package as the preview shows it. */
export const packageSummarySchema = z.object({
  file: z.string(),
  sha256: z.string(),
  sender: z.object({ id: z.string(), name: z.string() }),
  /** 报送日期 (YYYY-MM-DD) and when it was made (ISO). */
  referenceDate: z.string(),
  createdAt: z.string(),
  operator: z.string(),
  counts: z.object({
    units: count,
    cadres: count,
    events: count,
    quotas: count,
    batches: count,
    members: count,
    villages: count,
    assignments: count,
  }),
  /** The optional parts it carries (what it leaves out changes nothing here). */
  includes: z.array(z.enum(PACKAGE_CHOICES)),
  /** A package from this sender was merged before (its last 报送日期), else null. */
  lastReferenceDate: z.string().nullable(),
  /** Where its units go: the unit of ours (null: top level), remembered from the first merge. */
  placeUnder: z.object({ unitId: id.nullable(), name: z.string() }),
  /** The sender's node is already remembered (a page offers to choose one only the first time). */
  placeRemembered: z.boolean(),
});

export const packageFieldSchema = z.object({ field: z.string(), label: z.string(), ours: z.string(), theirs: z.string() });

export const packageRowSchema = z.object({
  /** Stable across preview and merge: sender id and the sender's cadre id. */
  key: z.string(),
  sender: z.string(),
  name: z.string(),
  idNumber: z.string(),
  unit: z.string(),
  action: z.enum(['new', 'changed', 'unchanged', 'conflict', 'error']),
  fields: z.array(packageFieldSchema),
  message: z.string(),
});

export const packageConflictSchema = z.object({
  key: z.string(),
  kind: z.enum(CONFLICT_KINDS),
  kindLabel: z.string(),
  sender: z.string(),
  name: z.string(),
  idNumber: z.string(),
  message: z.string(),
  fields: z.array(packageFieldSchema),
});

export const packagePersonSchema = z.object({ name: z.string(), idNumber: z.string(), sender: z.string(), to: z.string() });

export const packagePreviewSchema = z.object({
  planId: z.string(),
  packages: z.array(packageSummarySchema),
  counts: z.object({
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    conflicts: z.number().int(),
    errors: z.number().int(),
    unitsNew: z.number().int(),
    events: z.number().int(),
  }),
  parts: packagePartCountsSchema,
  /** Per unit of the packages: how many new / changed / unchanged. */
  units: z.array(
    z.object({ sender: z.string(), unit: z.string(), isNew: z.boolean(), new: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
  ),
  /** Rows that write or need a look (new, changed, conflicts, errors), the first 2,000. */
  rows: z.array(packageRowSchema),
  conflicts: z.array(packageConflictSchema),
  /** On the sender's last package, not on this one (离开 / 调走 there), or gone to another sender in this merge (moved). */
  removedFromSender: z.array(packagePersonSchema),
  moved: z.array(packagePersonSchema),
});
export type PackagePreview = z.infer<typeof packagePreviewSchema>;

export const conflictChoiceSchema = z.union([
  z.strictObject({ key: z.string().max(200), take: z.enum(['ours', 'theirs']) }),
  z.strictObject({ key: z.string().max(200), take: z.literal('fields'), fields: z.array(z.string().max(40)).max(100) }),
]);

export const packageRoutes = {
  /** 上报: the package of a unit subtree (or everything), written to outPath or returned as bytes. */
  exportPackage: { input: packageExportInput, output: packageExportOutput },
  /**
   * 接收: verifies each package (a damaged, tampered or newer one is refused, nothing kept) and
   * previews them together. `placeUnder` maps a sender seen for the first time to a unit of ours.
   */
  previewPackages: {
    input: z.strictObject({
      files: z.array(importSourceSchema).min(1).max(50),
      placeUnder: z
        .array(z.strictObject({ senderId: z.string().max(64), unitId: id.nullable() }))
        .max(50)
        .optional(),
    }),
    output: packagePreviewSchema,
  },
  /** 汇总: the previewed merge, one transaction and one 撤销 step; conflicts without a choice follow onConflict (default ours). */
  mergePackages: {
    input: z.strictObject({
      planId: z.string().max(100),
      choices: z.array(conflictChoiceSchema).max(200_000).optional(),
      onConflict: z.enum(['ours', 'theirs']).optional(),
    }),
    output: z.object({
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      conflicts: z.number().int(),
      unitsNew: z.number().int(),
      events: z.number().int(),
      quotas: z.number().int(),
      moved: z.number().int(),
      removedFromSender: z.number().int(),
      parts: packagePartCountsSchema,
      operation: z.object({ id, label: z.string(), changed: z.number().int() }).nullable(),
    }),
  },
} as const;
