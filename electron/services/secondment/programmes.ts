/**
 * Secondment programmes (e.g. 京沈对口合作干部交流) and their batches
 * (第一批 … 第N批). Every write is one undoable, audited operation.
 */
import { AppError } from '../../../shared/contract/errors';
import type { ParsedInputOf } from '../../../shared/contract/api';
import type { SecondmentBatch, SecondmentProgramme } from '../../../shared/contract/routes/secondment';
import { checkDateCell, checkPeriodOrder, defaultBatchName } from '../../../shared/domain/secondment/rules';
import type { Database } from '../../db/database';
import { withOperation } from '../common/operation-log';
import { liveCadreName } from '../roster/api';
import { batchScope } from './members';

/** Members who count in a headcount: not replaced (see shared/domain/secondment/stats.ts). */
const COUNTED = "m.status <> '已调换'";

export function listProgrammes(db: Database): SecondmentProgramme[] {
  return db
    .prepare(
      `SELECT p.id, p.name, p.partner_place AS partnerPlace, p.notes,
              (SELECT count(*) FROM secondment_batches b WHERE b.programme_id = p.id) AS batchCount,
              (SELECT count(*) FROM secondment_members m JOIN secondment_batches b ON b.id = m.batch_id
                WHERE b.programme_id = p.id AND ${COUNTED}) AS headcount
         FROM secondment_programmes p ORDER BY p.id`,
    )
    .all() as SecondmentProgramme[];
}

export function getProgramme(db: Database, id: number): SecondmentProgramme {
  const p = listProgrammes(db).find(x => x.id === id);
  if (!p) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的挂职项目`);
  return p;
}

export function saveProgramme(db: Database, input: ParsedInputOf<'saveSecondmentProgramme'>): SecondmentProgramme {
  const name = input.name.trim();
  const twin = db.prepare('SELECT id FROM secondment_programmes WHERE name = ? AND id IS NOT ?').get(name, input.id ?? null);
  if (twin) throw new AppError('VALIDATION', `已有名为「${name}」的挂职项目`);
  const id = withOperation(db, { kind: 'secondment', label: input.id ? `修改挂职项目「${name}」` : `新建挂职项目「${name}」`, scope: 'secondment' }, op => {
    const values = { name, partner: input.partnerPlace.trim(), notes: input.notes };
    if (input.id === undefined) {
      const newId = Number(
        db.prepare('INSERT INTO secondment_programmes(name, partner_place, notes) VALUES (:name, :partner, :notes)').run(values).lastInsertRowid,
      );
      op.createdRow('secondment_programmes', newId);
      return { id: newId };
    }
    if (!db.prepare('SELECT 1 FROM secondment_programmes WHERE id = ?').get(input.id)) throw new AppError('NOT_FOUND', `找不到编号为 ${input.id} 的挂职项目`);
    op.touchRow('secondment_programmes', input.id);
    db.prepare(
      `UPDATE secondment_programmes SET name = :name, partner_place = :partner, notes = :notes,
              updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`,
    ).run({ ...values, id: input.id });
    return { id: input.id };
  }).id;
  return getProgramme(db, id);
}

export function deleteProgramme(db: Database, id: number): boolean {
  const p = db.prepare('SELECT name FROM secondment_programmes WHERE id = ?').get(id) as { name: string } | undefined;
  if (!p) return false;
  const batches = (db.prepare('SELECT count(*) AS n FROM secondment_batches WHERE programme_id = ?').get(id) as { n: number }).n;
  if (batches > 0) throw new AppError('CONFLICT', `挂职项目「${p.name}」下还有 ${batches} 个批次，请先删除批次`);
  withOperation(db, { kind: 'secondment', label: `删除挂职项目「${p.name}」`, scope: 'secondment' }, op => {
    op.touchRow('secondment_programmes', id);
    db.prepare('DELETE FROM secondment_programmes WHERE id = ?').run(id);
  });
  return true;
}

const BATCH_SELECT = `
  SELECT b.id, b.programme_id AS programmeId, p.name AS programme, b.seq, b.name, b.direction,
         b.sending_place AS sendingPlace, b.receiving_place AS receivingPlace, b.start_date AS startDate,
         b.planned_end_date AS plannedEndDate, b.actual_end_date AS actualEndDate, b.status,
         b.leader_cadre_id AS leaderCadreId, coalesce(l.name, '') AS leaderName, b.branch_name AS branchName,
         b.branch_secretary_id AS branchSecretaryId, coalesce(s.name, '') AS branchSecretaryName, b.notes,
         (SELECT count(*) FROM secondment_members m WHERE m.batch_id = b.id AND ${COUNTED}) AS headcount
    FROM secondment_batches b
    JOIN secondment_programmes p ON p.id = b.programme_id
    LEFT JOIN cadres l ON l.id = b.leader_cadre_id
    LEFT JOIN cadres s ON s.id = b.branch_secretary_id`;

export function listBatches(db: Database, filter: { programmeId?: number; status?: string } = {}): SecondmentBatch[] {
  const where: string[] = [];
  if (filter.programmeId !== undefined) where.push('b.programme_id = :programmeId');
  if (filter.status !== undefined) where.push('b.status = :status');
  return db.prepare(`${BATCH_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.id, b.seq`).all(filter) as SecondmentBatch[];
}

export function getBatch(db: Database, id: number): SecondmentBatch {
  const b = db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as SecondmentBatch | undefined;
  if (!b) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的挂职批次`);
  return b;
}

const BATCH_DATE_FIELDS = { startDate: '开始时间', plannedEndDate: '计划结束时间', actualEndDate: '实际结束时间' } as const;

export function saveBatch(db: Database, input: ParsedInputOf<'saveSecondmentBatch'>): SecondmentBatch {
  const programme = db.prepare('SELECT name FROM secondment_programmes WHERE id = ?').get(input.programmeId) as { name: string } | undefined;
  if (!programme) throw new AppError('NOT_FOUND', `找不到编号为 ${input.programmeId} 的挂职项目`);
  const dates: Record<keyof typeof BATCH_DATE_FIELDS, string> = { startDate: '', plannedEndDate: '', actualEndDate: '' };
  for (const [field, label] of Object.entries(BATCH_DATE_FIELDS) as [keyof typeof BATCH_DATE_FIELDS, string][]) {
    const r = checkDateCell(input[field]);
    if (!r.ok) throw new AppError('VALIDATION', `「${label}」：${r.message}`, { problems: [{ row: 0, field, message: r.message }] });
    dates[field] = r.value;
  }
  for (const end of ['plannedEndDate', 'actualEndDate'] as const) {
    const wrong = checkPeriodOrder(dates.startDate, dates[end]);
    if (wrong) throw new AppError('VALIDATION', `「${BATCH_DATE_FIELDS[end]}」：${wrong}`, { problems: [{ row: 0, field: end, message: wrong }] });
  }
  for (const [field, label] of [
    ['leaderCadreId', '领队'],
    ['branchSecretaryId', '临时党支部书记'],
  ] as const) {
    const cid = input[field];
    if (cid !== null && liveCadreName(db, cid) === undefined) {
      throw new AppError('VALIDATION', `「${label}」：找不到编号为 ${cid} 的干部`, { problems: [{ row: 0, field, message: `找不到编号为 ${cid} 的干部` }] });
    }
  }
  const twin = db
    .prepare('SELECT id FROM secondment_batches WHERE programme_id = ? AND seq = ? AND id IS NOT ?')
    .get(input.programmeId, input.seq, input.id ?? null);
  if (twin) throw new AppError('VALIDATION', `「${programme.name}」已有${defaultBatchName(input.seq)}`);
  const name = input.name?.trim() || defaultBatchName(input.seq);
  const values = {
    programmeId: input.programmeId,
    seq: input.seq,
    name,
    direction: input.direction,
    sendingPlace: input.sendingPlace.trim(),
    receivingPlace: input.receivingPlace.trim(),
    ...dates,
    status: input.status,
    leader: input.leaderCadreId,
    branchName: input.branchName.trim(),
    secretary: input.branchSecretaryId,
    notes: input.notes,
  };
  const cols = `programme_id = :programmeId, seq = :seq, name = :name, direction = :direction, sending_place = :sendingPlace,
    receiving_place = :receivingPlace, start_date = :startDate, planned_end_date = :plannedEndDate, actual_end_date = :actualEndDate,
    status = :status, leader_cadre_id = :leader, branch_name = :branchName, branch_secretary_id = :secretary, notes = :notes`;
  const id = withOperation(
    db,
    // Made and removed on the batch list; edited on its own page (whose 撤销 the list also steps through).
    { kind: 'secondment', label: `${input.id ? '修改' : '新建'}挂职批次「${programme.name} ${name}」`, scope: input.id ? batchScope(input.id) : 'secondment' },
    op => {
      if (input.id === undefined) {
        const newId = Number(
          db
            .prepare(
              `INSERT INTO secondment_batches(programme_id, seq, name, direction, sending_place, receiving_place, start_date,
               planned_end_date, actual_end_date, status, leader_cadre_id, branch_name, branch_secretary_id, notes)
             VALUES (:programmeId, :seq, :name, :direction, :sendingPlace, :receivingPlace, :startDate, :plannedEndDate,
               :actualEndDate, :status, :leader, :branchName, :secretary, :notes)`,
            )
            .run(values).lastInsertRowid,
        );
        op.createdRow('secondment_batches', newId);
        return { id: newId };
      }
      if (!db.prepare('SELECT 1 FROM secondment_batches WHERE id = ?').get(input.id)) throw new AppError('NOT_FOUND', `找不到编号为 ${input.id} 的挂职批次`);
      op.touchRow('secondment_batches', input.id);
      db.prepare(`UPDATE secondment_batches SET ${cols}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = :id`).run({ ...values, id: input.id });
      return { id: input.id };
    },
  ).id;
  return getBatch(db, id);
}

export function deleteBatch(db: Database, id: number): boolean {
  const b = db.prepare('SELECT name FROM secondment_batches WHERE id = ?').get(id) as { name: string } | undefined;
  if (!b) return false;
  const members = (db.prepare('SELECT count(*) AS n FROM secondment_members WHERE batch_id = ?').get(id) as { n: number }).n;
  if (members > 0) throw new AppError('CONFLICT', `批次「${b.name}」还有 ${members} 名成员，不能删除`);
  withOperation(db, { kind: 'secondment', label: `删除挂职批次「${b.name}」`, scope: 'secondment' }, op => {
    op.touchRow('secondment_batches', id);
    db.prepare('DELETE FROM secondment_batches WHERE id = ?').run(id);
  });
  return true;
}
