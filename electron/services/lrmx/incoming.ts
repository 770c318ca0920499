/**
 * One person read from an .lrmx file, as the .lrmx preview (plan.ts, which
 * matches with the Excel importer's RosterMatcher) and commit take it. The
 * Excel importer has its own row shape (import/types.ts). Values are already
 * normalised by shared/domain/roster/cadre-rules.ts.
 *
 * "Absent" means "the source does not say": on an update, an absent field,
 * family list, assessment list or photo leaves the stored one unchanged.
 * Empty elements in an .lrmx file count as absent, so a sparse file never
 * wipes what the database knows.
 */
import type { Cadre, FamilyMember } from '../../../shared/contract/api';
import type { EditableCadreField } from '../../../shared/domain/roster/cadre-rules';

export interface IncomingSource {
  /** File name as the user sees it (no folder). */
  file: string;
  /** For spreadsheets: sheet and 1-based row as Excel shows them. */
  sheet?: string;
  row?: number;
}

export interface IncomingCadre {
  source: IncomingSource;
  fields: Partial<Record<EditableCadreField, string>>;
  family?: FamilyMember[];
  assessments?: Cadre['assessments'];
  /** 年度考核结果 text that did not read as year + grade; kept in 备注 on commit rather than lost. */
  assessmentText?: string;
  photo?: Buffer;
  tags?: string[];
}

export type ProblemSeverity = 'error' | 'warning';

export interface IncomingProblem {
  severity: ProblemSeverity;
  /** The cadre field (or 'family', 'assessments', 'photo', 'file'). */
  field?: string;
  /** The source's own name for the place, e.g. the .lrmx element. */
  element?: string;
  message: string;
}
