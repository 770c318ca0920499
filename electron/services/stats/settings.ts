/**
 * What users set on the 统计分析 page, kept in settings (common/settings.ts) and audited like
 * the other settings: the structure table's layout (row groups and breakdown columns) and the
 * team requirements per kind of unit. A stored value that no longer parses falls back to the
 * default rather than breaking the page.
 */
import type { z } from 'zod';
import { DEFAULT_LAYOUT, layoutSchema, layoutText, type StatsLayout } from '../../../shared/domain/stats/table';
import { DEFAULT_TEAM_REQUIREMENTS, requirementsText, teamRequirementsSchema, type TeamRequirements } from '../../../shared/domain/stats/teams';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { getSetting, setSetting } from '../common/settings';

const LAYOUT_KEY = 'stats.layout';
const REQUIREMENTS_KEY = 'stats.teamRequirements';

function read<T>(db: Database, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = getSetting(db, key);
  if (raw === undefined) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Stores the value; the audit entry says it in words (`words`), as the 审计日志 page shows settings. */
function write<T>(db: Database, key: string, action: string, before: T, after: T, words: (v: T) => Record<string, string>): T {
  db.transaction(() => {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    setSetting(db, key, JSON.stringify(after));
    audit(db, { entity: 'settings', action, before: words(before), after: words(after) });
  })();
  return after;
}

export const getLayout = (db: Database): StatsLayout => read(db, LAYOUT_KEY, layoutSchema, DEFAULT_LAYOUT);
export const saveLayout = (db: Database, layout: StatsLayout): StatsLayout => write(db, LAYOUT_KEY, 'statsLayout', getLayout(db), layout, layoutText);

export const getRequirements = (db: Database): TeamRequirements => read(db, REQUIREMENTS_KEY, teamRequirementsSchema, DEFAULT_TEAM_REQUIREMENTS);
export const saveRequirements = (db: Database, reqs: TeamRequirements): TeamRequirements =>
  write(db, REQUIREMENTS_KEY, 'teamRequirements', getRequirements(db), reqs, r => ({ teamRequirements: requirementsText(r) }));
