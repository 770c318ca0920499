/** Handlers of shared/contract/routes/stats.ts: thin wrappers over the stats services. */
import type { statsRoutes } from '../../../shared/contract/routes/stats';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { applyLayout, reportTitle } from '../../../shared/domain/stats/table';
import type { Series } from '../../../shared/domain/stats/report';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { CSV_MIME, deliver, safeFileName, XLSX_MIME } from '../common/files';
import { getLayout, getRequirements, saveLayout, saveRequirements } from './settings';
import { structureTable } from './structure';
import { teamAnalysis } from './teams';
import { reportCsv, reportXlsx, teamsXlsx, type ReportFile } from './xlsx';

export function statsHandlers({ db }: ServiceContext): HandlersOf<typeof statsRoutes> {
  const file = async (report: ReportFile, format: 'xlsx' | 'csv', outPath: string | undefined) => {
    const stem = `${safeFileName(report.title, '结构分析表')}_${report.refDate.replaceAll('-', '')}`;
    return format === 'csv'
      ? deliver(`${stem}.csv`, CSV_MIME, reportCsv(report), outPath, ['.csv'])
      : deliver(`${stem}.xlsx`, XLSX_MIME, await reportXlsx(db, report), outPath, ['.xlsx']);
  };
  return {
    statsStructure: ({ scope, refDate }) => structureTable(db, scope, refDate ?? todayCanonical()),
    statsCompare: ({ scopes, refDate }) => ({ tables: scopes.map(scope => structureTable(db, scope, refDate ?? todayCanonical())) }),
    statsTeams: ({ refDate }) => {
      const date = refDate ?? todayCanonical();
      const requirements = getRequirements(db);
      const kinds = db.prepare("SELECT DISTINCT kind FROM units WHERE kind <> '' AND abolished_at IS NULL ORDER BY kind").pluck().all() as string[];
      return { refDate: date, teams: teamAnalysis(db, date, requirements), requirements, kinds };
    },
    exportStatsStructure: async ({ scope, refDate, layout, format, outPath }) => {
      const table = applyLayout(structureTable(db, scope, refDate ?? todayCanonical()), layout ?? getLayout(db));
      const series: Series[] = table.columns.map(c => ({ label: c.label, table, column: c.key }));
      const report = { title: reportTitle(table), refDate: table.refDate, series, groups: table.groups.map(g => g.key), keyFigures: false };
      return { ...(await file(report, format, outPath)), total: table.total };
    },
    exportStatsCompare: async ({ scopes, refDate, groups, format, outPath }) => {
      const date = refDate ?? todayCanonical();
      const tables = scopes.map(scope => structureTable(db, scope, date));
      const series: Series[] = tables.map(table => ({ label: table.scopeLabel, table, column: 'all' }));
      const report = { title: '干部结构对比分析表', refDate: date, series, groups: groups ?? getLayout(db).groups, keyFigures: true };
      return { ...(await file(report, format, outPath)), tables: tables.length };
    },
    exportStatsTeams: async ({ refDate, outPath }) => {
      const date = refDate ?? todayCanonical();
      const teams = teamAnalysis(db, date, getRequirements(db));
      const bytes = await teamsXlsx(db, teams, date);
      return {
        ...deliver(`领导班子结构分析_${date.replaceAll('-', '')}.xlsx`, XLSX_MIME, bytes, outPath, ['.xlsx']),
        teams: teams.length,
        unmet: teams.filter(t => t.unmet.length).length,
      };
    },
    getStatsSettings: () => ({ layout: getLayout(db), requirements: getRequirements(db) }),
    saveStatsLayout: layout => saveLayout(db, layout),
    saveTeamRequirements: reqs => saveRequirements(db, reqs),
  };
}
