/** Handlers of shared/contract/routes/secondment.ts: thin wrappers over the secondment services. */
import type { secondmentRoutes } from '../../../shared/contract/routes/secondment';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { historyState } from '../common/operation-log';
import { exportBatch } from './export';
import {
  addMembers,
  addNewPerson,
  batchScope,
  batchScopeOf,
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
  /** The 撤销/重做 of the page that wrote: a batch's (by the batch or one of its members), or the villages'. */
  const history = (scope: string | undefined) => historyState(db, scope);
  const ofBatch = (batchId: number) => history(batchScope(batchId));
  const ofMembers = (ids: number[]) => history(batchScopeOf(db, ids));
  const ofVillages = () => history('villages');
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
    addSecondmentMembers: ({ batchId, cadreIds, values }) => ({
      members: membersById(db, addMembers(db, batchId, cadreIds, values)),
      history: ofBatch(batchId),
    }),
    addSecondmentNewPerson: ({ batchId, cadre, values }) => {
      const r = addNewPerson(db, batchId, cadre, values);
      return { cadreId: r.cadreId, member: getMember(db, r.memberId), warnings: r.warnings, history: ofBatch(batchId) };
    },
    saveSecondmentMembers: ({ updates, label, firstRow }) => ({
      members: membersById(db, saveMembers(db, updates, label, firstRow)),
      history: ofMembers(updates.map(u => u.id)),
    }),
    removeSecondmentMembers: ({ ids }) => {
      const scope = batchScopeOf(db, ids);
      return { removed: removeMembers(db, ids), history: history(scope) };
    },
    pairSecondmentMembers: ({ memberId, partnerId }) => ({ members: membersById(db, pairMembers(db, memberId, partnerId)), history: ofMembers([memberId]) }),
    recallSecondmentMember: ({ id, date, reason }) => {
      recallMember(db, id, date, reason);
      return { member: getMember(db, id), history: ofMembers([id]) };
    },
    replaceSecondmentMember: ({ id, cadreId, date, reason, values }) => {
      const newId = replaceMember(db, id, cadreId, date, reason, values);
      return { old: getMember(db, id), replacement: getMember(db, newId), history: ofMembers([id]) };
    },
    previewSecondmentResumeLine: ({ id, returnDate }) => previewResumeLine(db, id, returnDate),
    finishSecondmentMember: ({ id, returnDate, status, appendResume }) => {
      const r = finishMember(db, id, returnDate, status, appendResume);
      return { member: getMember(db, id), ...r, history: ofMembers([id]) };
    },
    setSecondmentOutcome: ({ id, outcome, date, post }) => {
      setOutcome(db, id, outcome, date, post);
      return { member: getMember(db, id), history: ofMembers([id]) };
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
    saveVillageAssignments: input => ({ assignments: assignmentsById(db, saveAssignments(db, input)), history: ofVillages() }),
    removeVillageAssignments: ({ ids }) => ({ removed: removeAssignments(db, ids), history: ofVillages() }),
    replaceVillageAssignment: ({ id, cadreId, date, reason, sendingUnit }) => {
      const newId = replaceAssignment(db, id, cadreId, date, reason, sendingUnit);
      const [old, replacement] = assignmentsById(db, [id, newId]);
      return { old, replacement, history: ofVillages() };
    },

    exportSecondmentBatch: input => exportBatch(db, input),
  };
}
