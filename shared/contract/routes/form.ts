/** Routes of the appointment form (干部任免审批表): photo, family members, the form's footer. */
import { z } from 'zod';
import { id, noInput } from './common';
import { familyMemberSchema, historyStateSchema } from './roster';

/** The stored photo may be at most this many bytes (checked by the service, with a Chinese message). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** What the renderer produces: a 4:5 JPEG of this size (the national form software uses about 376×460). */
export const PHOTO_WIDTH = 376;
export const PHOTO_HEIGHT = 470;

export const photoMimeSchema = z.enum(['image/jpeg', 'image/png']);
export type PhotoMime = z.infer<typeof photoMimeSchema>;

/** One row of 家庭主要成员及重要社会关系 as the form sends it; 出生年月 as the user wrote it. */
const familyMemberInput = z.strictObject({
  relation: z.string().max(20),
  name: z.string().max(50),
  birth: z.string().max(30),
  politicalStatus: z.string().max(30),
  work: z.string().max(200),
});

/** Column labels of 家庭主要成员及重要社会关系. */
export const FAMILY_FIELD_LABELS = {
  relation: '称谓',
  name: '姓名',
  birth: '出生年月',
  politicalStatus: '政治面貌',
  work: '工作单位及职务',
} as const satisfies Record<keyof z.infer<typeof familyMemberSchema>, string>;

/** The form's footer fields, the same for every cadre the department reports. */
export const formSettingsSchema = z.object({
  /** 呈报单位, e.g. 中共××市委组织部. */
  reportingUnit: z.string(),
  /** 填表人. */
  filledBy: z.string(),
});
export type FormSettings = z.infer<typeof formSettingsSchema>;

export const formRoutes = {
  /** The photo as base64 (null when none) and its type, read from the bytes. */
  getCadrePhoto: {
    input: z.strictObject({ id }),
    output: z.object({ base64: z.string().nullable(), mime: photoMimeSchema.nullable() }),
  },
  /**
   * Replaces (base64) or removes (null) the photo: JPEG or PNG only, at most 2 MB;
   * one undoable, audited step.
   */
  setCadrePhoto: {
    // A little over 2 MB of base64 passes the schema so the service can refuse it in plain Chinese.
    input: z.strictObject({ id, base64: z.string().max(4_000_000).nullable() }),
    output: z.object({ hasPhoto: z.boolean(), history: historyStateSchema }),
  },
  /**
   * Replaces the whole family list (empty rows are dropped). Every row is checked;
   * any problem refuses the whole list (VALIDATION, details.problems per row and field).
   */
  saveFamily: {
    input: z.strictObject({ id, members: z.array(familyMemberInput).max(50) }),
    output: z.object({ family: z.array(familyMemberSchema), history: historyStateSchema }),
  },
  getFormSettings: { input: noInput, output: formSettingsSchema },
  saveFormSettings: {
    input: z.strictObject({ reportingUnit: z.string().max(100).optional(), filledBy: z.string().max(50).optional() }),
    output: formSettingsSchema,
  },
} as const;
