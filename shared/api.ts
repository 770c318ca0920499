/**
 * The contract: every method the renderer (or any other client) may call.
 *
 * The Electron preload client, the ipcMain registration, the loopback web host
 * and the renderer's typed client are all generated from `routes`; nobody
 * writes a method by hand on either side. Inputs are validated against
 * `input` on the service side for every call; outputs are checked in tests.
 */
import { z } from 'zod';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(200);
const noInput = z.strictObject({});

export const unitSchema = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.string(),
  sortOrder: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;

/** A cadre as the roster grid lists it: every scalar field, no photo, no long texts. */
export const cadreRowSchema = z.object({
  id,
  unitId: id.nullable(),
  unit: z.string(),
  name: z.string(),
  gender: z.string(),
  birth: z.string(),
  ethnicity: z.string(),
  nativePlace: z.string(),
  birthplace: z.string(),
  partyDate: z.string(),
  workDate: z.string(),
  politicalStatus: z.string(),
  health: z.string(),
  professionalTitle: z.string(),
  expertise: z.string(),
  ftEducation: z.string(),
  ftDegree: z.string(),
  ftEduSchool: z.string(),
  ftDegreeSchool: z.string(),
  ptEducation: z.string(),
  ptDegree: z.string(),
  ptEduSchool: z.string(),
  ptDegreeSchool: z.string(),
  post: z.string(),
  leadershipLevel: z.string(),
  rank: z.string(),
  postDate: z.string(),
  rankDate: z.string(),
  idNumber: z.string(),
  status: z.string(),
  tags: z.array(z.string()),
  remarks: z.string(),
});
export type CadreRow = z.infer<typeof cadreRowSchema>;

export const familyMemberSchema = z.object({
  relation: z.string(),
  name: z.string(),
  birth: z.string(),
  politicalStatus: z.string(),
  work: z.string(),
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

export const annualAssessmentSchema = z.object({ year: z.number().int(), grade: z.string(), note: z.string() });

/** The whole record, as the appointment form (干部任免审批表) holds it. */
export const cadreSchema = cadreRowSchema.extend({
  proposedPost: z.string(),
  proposedRemoval: z.string(),
  resume: z.string(),
  rewards: z.string(),
  appointmentReason: z.string(),
  family: z.array(familyMemberSchema),
  assessments: z.array(annualAssessmentSchema),
  hasPhoto: z.boolean(),
});
export type Cadre = z.infer<typeof cadreSchema>;

export const appStatusSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  dbPath: z.string(),
  /** Set once the user has chosen how to begin (demo, import, blank). */
  started: z.boolean(),
  counts: z.object({ units: z.number().int(), cadres: z.number().int() }),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const routes = {
  getStatus: { input: noInput, output: appStatusSchema },
  /** First-start choice: 载入示例数据 / 空白开始 (从 Excel 导入 starts blank, then opens the importer). */
  beginWith: {
    input: z.strictObject({ choice: z.enum(['demo', 'blank', 'import']) }),
    output: appStatusSchema,
  },
  loadDemo: {
    input: z.strictObject({ force: z.boolean().optional() }),
    output: z.object({ units: z.number().int(), cadres: z.number().int() }),
  },
  listUnits: { input: noInput, output: z.array(unitSchema) },
  listCadres: {
    input: z.strictObject({
      /** Only this unit and its sub-units. */
      unitId: id.optional(),
      /** Name, ID number or post text contains this. */
      search: shortText.optional(),
    }),
    output: z.array(cadreRowSchema),
  },
  getCadre: { input: z.strictObject({ id }), output: cadreSchema },
} as const;

export type Routes = typeof routes;
export type Method = keyof Routes;
export type InputOf<M extends Method> = z.input<Routes[M]['input']>;
export type ParsedInputOf<M extends Method> = z.output<Routes[M]['input']>;
export type OutputOf<M extends Method> = z.output<Routes[M]['output']>;

/** Method names in a stable order; transports iterate this, never a hand-written list. */
export const methods = Object.keys(routes) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(routes, name);
}

/** The typed client every transport produces. */
export type Api = { [M in Method]: (input: InputOf<M>) => Promise<OutputOf<M>> };

/** Names used on the wire. */
export const ipcChannel = (m: Method) => `cadre:${m}`;
export const httpPath = (m: Method) => `/api/${m}`;
/** Header carrying the loopback web host's per-run token. */
export const TOKEN_HEADER = 'x-cadre-token';
