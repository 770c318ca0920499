/** Handlers of shared/contract/routes/secondment.ts: thin wrappers over the secondment services. */
import type { secondmentRoutes } from '../../../shared/contract/routes/secondment';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { historyState } from '../common/operation-log';
import { exportBatch } from './export';
import {
  addMembers,
  addNewPerson,
  finishMember,
  getMember,
  listMembers,
  membersById,
  pairMembers,
  previewResumeLine,
  recallMember,
  removeMembers,
  replaceMember,
  replacementHistory,
  saveMembers,
  setOutcome,
} from './members';
import { deleteBatch, deleteProgramme, getBatch, listBatches, listProgrammes, saveBatch, saveProgramme } from './programmes';
import { batchStats, programmeStats, rotationStatsOf } from './stats';
import {
  assignmentsById,
  deleteRotation,
  deleteVillage,
  listAssignments,
  listRotations,
  listVillages,
  removeAssignments,
  replaceAssignment,
  saveAssignments,
  saveRotation,
  saveVillage,
} from './villages';

export function secondmentHandlers({ db }: ServiceContext): HandlersOf<typeof secondmentRoutes> {
  const history = () => historyState(db);
  return {
    listSecondmentProgrammes: () => listProgrammes(db),
    saveSecondmentProgramme: input => saveProgramme(db, input),
    deleteSecondmentProgramme: ({ id }) => ({ deleted: deleteProgramme(db, id) }),

    listSecondmentBatches: filter => listBatches(db, filter),
    getSecondmentBatch: ({ id, youngThreshold }) => {
      const batch = getBatch(db, id);
      const members = listMembers(db, id, false);
      const byId = new Map(members.map(m => [m.id, m]));
      return {
        ...batch,
        branch: members.filter(m => m.branchRole !== '').map(m => ({ memberId: m.id, cadreId: m.cadreId, name: m.name, role: m.branchRole })),
        pairs: members
          .filter(m => m.pairMemberId !== null && m.id < m.pairMemberId && byId.has(m.pairMemberId))
          .map(m => ({ a: { memberId: m.id, name: m.name }, b: { memberId: m.pairMemberId!, name: byId.get(m.pairMemberId!)!.name } })),
        stats: batchStats(db, id, youngThreshold),
      };
    },
    saveSecondmentBatch: input => saveBatch(db, input),
    deleteSecondmentBatch: ({ id }) => ({ deleted: deleteBatch(db, id) }),

    listSecondmentMembers: ({ batchId, includeReplaced }) => listMembers(db, batchId, includeReplaced),
    addSecondmentMembers: ({ batchId, cadreIds, values }) => ({ members: membersById(db, addMembers(db, batchId, cadreIds, values)), history: history() }),
    addSecondmentNewPerson: ({ batchId, cadre, values }) => {
      const r = addNewPerson(db, batchId, cadre, values);
      return { cadreId: r.cadreId, member: getMember(db, r.memberId), warnings: r.warnings, history: history() };
    },
    saveSecondmentMembers: ({ updates, label }) => ({ members: membersById(db, saveMembers(db, updates, label)), history: history() }),
    removeSecondmentMembers: ({ ids }) => ({ removed: removeMembers(db, ids), history: history() }),
    pairSecondmentMembers: ({ memberId, partnerId }) => ({ members: membersById(db, pairMembers(db, memberId, partnerId)), history: history() }),
    recallSecondmentMember: ({ id, date, reason }) => {
      recallMember(db, id, date, reason);
      return { member: getMember(db, id), history: history() };
    },
    replaceSecondmentMember: ({ id, cadreId, date, reason, values }) => {
      const newId = replaceMember(db, id, cadreId, date, reason, values);
      return { old: getMember(db, id), replacement: getMember(db, newId), history: history() };
    },
    previewSecondmentResumeLine: ({ id, returnDate }) => previewResumeLine(db, id, returnDate),
    finishSecondmentMember: ({ id, returnDate, status, appendResume }) => {
      const r = finishMember(db, id, returnDate, status, appendResume);
      return { member: getMember(db, id), ...r, history: history() };
    },
    setSecondmentOutcome: ({ id, outcome, date, post }) => {
      setOutcome(db, id, outcome, date, post);
      return { member: getMember(db, id), history: history() };
    },
    secondmentReplacementHistory: ({ id }) => replacementHistory(db, id),

    secondmentBatchStats: ({ id, youngThreshold }) => batchStats(db, id, youngThreshold),
    secondmentProgrammeStats: ({ id, youngThreshold }) => programmeStats(db, id, youngThreshold),
    villageRotationStats: ({ id, youngThreshold }) => rotationStatsOf(db, id, youngThreshold),

    listVillages: ({ search }) => listVillages(db, search),
    saveVillage: input => saveVillage(db, input),
    deleteVillage: ({ id }) => ({ deleted: deleteVillage(db, id) }),
    listVillageRotations: () => listRotations(db),
    saveVillageRotation: input => saveRotation(db, input),
    deleteVillageRotation: ({ id }) => ({ deleted: deleteRotation(db, id) }),
    listVillageAssignments: ({ rotationId }) => listAssignments(db, rotationId),
    saveVillageAssignments: input => ({ assignments: assignmentsById(db, saveAssignments(db, input)), history: history() }),
    removeVillageAssignments: ({ ids }) => ({ removed: removeAssignments(db, ids), history: history() }),
    replaceVillageAssignment: ({ id, cadreId, date, reason, sendingUnit }) => {
      const newId = replaceAssignment(db, id, cadreId, date, reason, sendingUnit);
      const [old, replacement] = assignmentsById(db, [id, newId]);
      return { old, replacement, history: history() };
    },

    exportSecondmentBatch: input => exportBatch(db, input),
  };
}
