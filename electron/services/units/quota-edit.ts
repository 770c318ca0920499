/** Setting 职数 (one undoable step) and the 职数 table as a styled .xlsx. */
import { AppError } from '../../../shared/contract/errors';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import { QUOTA_LEVELS } from '../../../shared/domain/events/quota';
import type { Database } from '../../db/database';
import { safeFileName } from '../common/files';
import { withOperation } from '../common/operation-log';
import { reportingUnitName } from '../common/settings';
import { buildTableXlsx } from '../common/xlsx-table';
import { quotaFigures, quotaTotals } from './quota';
import { dateOrToday } from './tree';
import { liveUnit, unitPath } from './units';

export function setQuota(db: Database, q: { unitId: number; level: string; approved: number | null; doc?: string; docDate?: string }): void {
  const unit = liveUnit(db, q.unitId);
  if (!QUOTA_LEVELS.includes(q.level)) throw new AppError('VALIDATION', `领导职务层次应为：${QUOTA_LEVELS.join('、')}`);
  const docDate = q.docDate?.trim() ? dateOrToday(q.docDate, '三定文件日期') : '';
  const existing = db.prepare('SELECT id FROM unit_quotas WHERE unit_id = ? AND level = ?').pluck().get(q.unitId, q.level) as number | undefined;
  const label = q.approved === null ? `取消「${unit.name}」${q.level}职数` : `核定「${unit.name}」${q.level}职数 ${q.approved} 名`;
  withOperation(db, { kind: 'quota', label }, op => {
    if (q.approved === null) {
      if (existing === undefined) return;
      op.touchRow('unit_quotas', existing);
      db.prepare('DELETE FROM unit_quotas WHERE id = ?').run(existing);
    } else if (existing !== undefined) {
      op.touchRow('unit_quotas', existing);
      db.prepare('UPDATE unit_quotas SET approved = ?, doc = ?, doc_date = ? WHERE id = ?').run(q.approved, q.doc?.trim() ?? '', docDate, existing);
    } else {
      const id = db
        .prepare('INSERT INTO unit_quotas(unit_id, level, approved, doc, doc_date) VALUES (?, ?, ?, ?, ?)')
        .run(q.unitId, q.level, q.approved, q.doc?.trim() ?? '', docDate).lastInsertRowid;
      op.createdRow('unit_quotas', Number(id));
    }
  });
}

export const QUOTA_TITLE = '领导职数配备情况表';

/** The 职数 table as a styled .xlsx (the same rows as the page, and a 合计 row). */
export async function quotaXlsx(db: Database, unitId?: number): Promise<{ fileName: string; bytes: Buffer }> {
  const rows = quotaFigures(db, unitId);
  const t = quotaTotals(rows);
  const scope = unitId === undefined ? '全部单位' : unitPath(db, unitId);
  const bytes = await buildTableXlsx({
    title: QUOTA_TITLE,
    info: `填报单位：${reportingUnitName(db)}    范围：${scope}    填报日期：${formatDate(todayCanonical())}`,
    columns: [
      { header: '单位', width: 30, wrap: true },
      { header: '领导职务层次', width: 12 },
      { header: '核定职数', width: 10 },
      { header: '实配', width: 8 },
      { header: '空缺', width: 8 },
      { header: '超配', width: 8 },
      { header: '三定文件', width: 30, wrap: true },
      { header: '超职数配备理由', width: 40, wrap: true },
    ],
    rows: [
      ...rows.map(r => [
        `${'　'.repeat(r.depth)}${r.unit}`,
        r.level,
        r.approved ?? '未核定',
        r.filled,
        r.approved === null ? '' : r.vacant,
        r.approved === null ? '' : r.over,
        [r.doc, r.docDate && formatDate(r.docDate)].filter(Boolean).join(' '),
        r.reasons.map(x => `${x.name}：${x.reason}`).join('；'),
      ]),
      ['合计', '', t.approved, t.filled, t.vacant, t.over, '', ''],
    ],
  });
  return { fileName: `${safeFileName(`${QUOTA_TITLE}_${scope.replace(/ \/ /g, '_')}`, QUOTA_TITLE)}.xlsx`, bytes };
}
