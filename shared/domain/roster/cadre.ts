/**
 * The cadre record's shape: what the grid lists and what the appointment form holds.
 * The domain's rules (cadre-rules.ts, fields.ts) are written against it; the roster's routes
 * (shared/contract/routes/roster.ts) re-export it.
 */
import { z } from 'zod';
import { id } from '../common/id';

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
