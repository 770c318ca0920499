/**
 * The one mapping between the contract's camelCase cadre fields and the
 * cadres table's columns. Every query that reads or writes cadre fields is
 * built from this list, so adding a field is a one-line change here plus a
 * migration.
 */
export const CADRE_SCALAR_COLUMNS = {
  name: 'name',
  gender: 'gender',
  birth: 'birth',
  ethnicity: 'ethnicity',
  nativePlace: 'native_place',
  birthplace: 'birthplace',
  partyDate: 'party_date',
  workDate: 'work_date',
  politicalStatus: 'political_status',
  health: 'health',
  professionalTitle: 'professional_title',
  expertise: 'expertise',
  ftEducation: 'ft_education',
  ftDegree: 'ft_degree',
  ftEduSchool: 'ft_edu_school',
  ftDegreeSchool: 'ft_degree_school',
  ptEducation: 'pt_education',
  ptDegree: 'pt_degree',
  ptEduSchool: 'pt_edu_school',
  ptDegreeSchool: 'pt_degree_school',
  post: 'post',
  leadershipLevel: 'leadership_level',
  rank: 'rank',
  postDate: 'post_date',
  rankDate: 'rank_date',
  idNumber: 'id_number',
  status: 'status',
  remarks: 'remarks',
} as const;

/** Long texts the appointment form shows but the grid does not list. */
export const CADRE_FORM_COLUMNS = {
  proposedPost: 'proposed_post',
  proposedRemoval: 'proposed_removal',
  resume: 'resume',
  rewards: 'rewards',
  appointmentReason: 'appointment_reason',
} as const;

/** `c.name AS "name", c.native_place AS "nativePlace", …` for a SELECT. */
export function selectList(columns: Record<string, string>, alias = 'c'): string {
  return Object.entries(columns)
    .map(([key, col]) => `${alias}.${col} AS "${key}"`)
    .join(', ');
}
