import { m001Initial } from './001_initial';
import { m002Roster } from './002_roster';
import { m003QueryIndexes } from './003_query_indexes';
import { m004Imports } from './004_imports';
import { m005Secondment } from './005_secondment';
import { m006Assessment } from './006_assessment';
import { m007AuditIndexes } from './007_audit_indexes';
import { m008OneUndoLog } from './008_one_undo_log';
import { m009Lifecycle } from './009_lifecycle';
import { m010GridIndexes } from './010_grid_indexes';
import { m011YearMonths } from './011_year_months';
import { m012Packages } from './012_packages';
import type { Migration } from './migration';

export type { Migration };

/** In order. Add a file per schema change; never edit one that has shipped. */
export const migrations: Migration[] = [
  m001Initial,
  m002Roster,
  m003QueryIndexes,
  m004Imports,
  m005Secondment,
  m006Assessment,
  m007AuditIndexes,
  m008OneUndoLog,
  m009Lifecycle,
  m010GridIndexes,
  m011YearMonths,
  m012Packages,
];
