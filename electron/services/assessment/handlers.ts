/** The assessment routes (shared/contract/routes/assessment.ts) over the services in this folder. */
import type { assessmentRoutes } from '../../../shared/contract/routes/assessment';
import { ASSESSMENT_TEMPLATES } from '../../../shared/domain/assessment/templates';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { deliver, safeFileName, XLSX_MIME } from '../common/files';
import { addDaily, listDaily, removeDaily } from './daily';
import { finaliseRound, unlockRound } from './finalise';
import { computeGrid } from './grid';
import { stepRoundHistory } from './history';
import { saveCells, saveGrades, saveTallies } from './inputs';
import { listParticipants, saveParticipants } from './participants';
import { listPersonal, savePersonal } from './personal';
import { deleteRound, saveRound } from './rounds';
import { getRound, listRounds } from './rows';
import { copySet, deleteSet, getSet, listSets, saveIndicators, saveSet } from './sets';
import { buildGradingTable, buildScoreSheet } from './xlsx';

export function assessmentHandlers({ db }: ServiceContext): HandlersOf<typeof assessmentRoutes> {
  const download = async (roundId: number, kind: 'score' | 'grading', outPath?: string) => {
    const grid = computeGrid(db, roundId);
    const bytes = kind === 'score' ? await buildScoreSheet(grid) : await buildGradingTable(grid);
    const fileName = `${safeFileName(`${grid.round.setName}-${grid.round.name}`, '考核', 80)}-${kind === 'score' ? '评分表' : '考核等次表'}.xlsx`;
    return deliver(fileName, XLSX_MIME, bytes, outPath, ['.xlsx']);
  };
  const participantsOut = (list: ReturnType<typeof listParticipants>) =>
    list.map(p => ({ cadreId: p.cadreId, name: p.name, unit: p.unit, post: p.post, leadershipLevel: p.leadershipLevel, source: p.source }));

  return {
    listAssessmentTemplates: () => [...ASSESSMENT_TEMPLATES],
    listAssessmentSets: ({ year }) => listSets(db, year),
    getAssessmentSet: ({ id }) => getSet(db, id),
    saveAssessmentSet: input => saveSet(db, input),
    deleteAssessmentSet: ({ id }) => ({ deleted: deleteSet(db, id) }),
    copyAssessmentSet: ({ id, name, year }) => copySet(db, id, name, year),
    saveAssessmentIndicators: ({ setId, indicators }) => saveIndicators(db, setId, indicators),
    listPersonalIndicators: ({ setId, cadreId }) => listPersonal(db, setId, cadreId),
    savePersonalIndicators: input => savePersonal(db, input),
    listAssessmentParticipants: ({ setId }) => participantsOut(listParticipants(db, setId, { includeRemoved: true })),
    saveAssessmentParticipants: ({ setId, add, remove, reset }) => participantsOut(saveParticipants(db, setId, { add, remove, reset })),
    listDailyRecords: ({ setId, cadreId }) => listDaily(db, setId, cadreId),
    addDailyRecord: input => addDaily(db, input),
    removeDailyRecord: ({ id }) => ({ removed: removeDaily(db, id) }),
    listAssessmentRounds: ({ setId }) => listRounds(db, setId),
    getAssessmentRound: ({ id }) => getRound(db, id),
    saveAssessmentRound: input => saveRound(db, input),
    deleteAssessmentRound: ({ id }) => ({ deleted: deleteRound(db, id) }),
    getScoreGrid: ({ roundId }) => computeGrid(db, roundId),
    saveScores: ({ roundId, cells, label, kind }) => {
      saveCells(db, roundId, cells, { label, kind });
      return computeGrid(db, roundId);
    },
    saveVotes: ({ roundId, tallies }) => {
      saveTallies(db, roundId, tallies);
      return computeGrid(db, roundId);
    },
    setGrades: ({ roundId, grades }) => {
      saveGrades(db, roundId, grades);
      return computeGrid(db, roundId);
    },
    stepRoundHistory: ({ roundId, direction }) => {
      const label = stepRoundHistory(db, roundId, direction);
      return { ...computeGrid(db, roundId), label };
    },
    finaliseAssessmentRound: ({ roundId }) => finaliseRound(db, roundId),
    unlockAssessmentRound: ({ roundId, reason }) => unlockRound(db, roundId, reason),
    exportScoreSheet: ({ roundId, outPath }) => download(roundId, 'score', outPath),
    exportGradingTable: ({ roundId, outPath }) => download(roundId, 'grading', outPath),
  };
}
