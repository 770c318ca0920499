/**
 * saveSecondmentBatch takes the whole batch (absent fields fall back to their
 * defaults), so every edit sends the batch as it is with the changed fields over it.
 */
import type { InputOf, SecondmentBatch } from '../../../shared/contract/api';

export type BatchInput = InputOf<'saveSecondmentBatch'>;

export function batchInputOf(b: SecondmentBatch, patch: Partial<BatchInput> = {}): BatchInput {
  return {
    id: b.id,
    programmeId: b.programmeId,
    seq: b.seq,
    name: b.name,
    direction: b.direction,
    sendingPlace: b.sendingPlace,
    receivingPlace: b.receivingPlace,
    startDate: b.startDate,
    plannedEndDate: b.plannedEndDate,
    actualEndDate: b.actualEndDate,
    status: b.status,
    leaderCadreId: b.leaderCadreId,
    branchName: b.branchName,
    branchSecretaryId: b.branchSecretaryId,
    notes: b.notes,
    ...patch,
  };
}
