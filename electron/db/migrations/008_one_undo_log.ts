import type { Migration } from './migration';

/**
 * Schema v8: one undo log. Every operation records its scope ('roster',
 * 'batch:4', 'villages', 'secondment', 'round:7'); a round's page steps
 * through its own scope, every other scope shares the roster's 撤销/重做.
 *
 * - operations.scope: existing operations get the scope of what they touched
 *   (the rule of deriveScope in electron/services/common/operation-log.ts,
 *   as it stood for this migration): cadres → 'roster'; only 驻村 tables →
 *   'villages'; secondment rows of one batch → 'batch:<id>', of several or of
 *   programmes → 'secondment'.
 * - The round log (assessment_ops / assessment_op_rows, migration 6) moves
 *   into operations / operation_records: one operation per round operation
 *   (scope 'round:<id>', same time, operator, label and undone flag, in the
 *   same order), one record per cadre (tbl 'assessment_inputs', row_id the
 *   cadre, the image gaining its round). The round tables are then dropped.
 */
export const m008OneUndoLog: Migration = {
  version: 8,
  name: 'one_undo_log',
  up(db) {
    db.exec(`
      ALTER TABLE operations ADD COLUMN scope TEXT NOT NULL DEFAULT 'roster';

      CREATE TEMP TABLE op_scope AS
        SELECT o.id AS id,
               (SELECT count(*) FROM operation_records r WHERE r.operation_id = o.id) AS n,
               (SELECT count(*) FROM operation_records r WHERE r.operation_id = o.id AND (r.tbl = 'villages' OR r.tbl LIKE 'village\\_%' ESCAPE '\\')) AS villages,
               (SELECT count(*) FROM operation_records r WHERE r.operation_id = o.id AND r.tbl IN ('secondment_members', 'secondment_batches')) AS batch_rows,
               (SELECT count(*) FROM operation_records r WHERE r.operation_id = o.id AND r.tbl LIKE 'secondment\\_%' ESCAPE '\\') AS secondment,
               (SELECT count(DISTINCT CASE r.tbl WHEN 'secondment_batches' THEN r.row_id ELSE json_extract(coalesce(r.after, r.before), '$.batch_id') END)
                  FROM operation_records r WHERE r.operation_id = o.id AND r.tbl IN ('secondment_members', 'secondment_batches')) AS batches,
               (SELECT CASE r.tbl WHEN 'secondment_batches' THEN r.row_id ELSE json_extract(coalesce(r.after, r.before), '$.batch_id') END
                  FROM operation_records r WHERE r.operation_id = o.id AND r.tbl IN ('secondment_members', 'secondment_batches') LIMIT 1) AS batch
        FROM operations o
        WHERE NOT EXISTS (SELECT 1 FROM operation_rows w WHERE w.operation_id = o.id);

      UPDATE operations SET scope = (
        SELECT CASE
                 WHEN s.n = 0 THEN 'roster'
                 WHEN s.villages = s.n THEN 'villages'
                 WHEN s.secondment < s.n THEN 'roster'
                 WHEN s.batch_rows = s.n AND s.batches = 1 THEN 'batch:' || s.batch
                 ELSE 'secondment'
               END
        FROM op_scope s WHERE s.id = operations.id)
      WHERE id IN (SELECT id FROM op_scope);
      DROP TABLE op_scope;

      CREATE INDEX operations_scope ON operations(scope, undone, id);
    `);

    const ops = db.prepare('SELECT id, round_id, at, operator, kind, label, undone FROM assessment_ops ORDER BY id').all() as {
      id: number;
      round_id: number;
      at: string;
      operator: string;
      kind: string;
      label: string;
      undone: number;
    }[];
    const insertOp = db.prepare("INSERT INTO operations(at, operator, kind, label, undone, scope) VALUES (?, ?, ?, ?, ?, 'round:' || CAST(? AS INTEGER))");
    const moveRows = db.prepare(
      `INSERT INTO operation_records(operation_id, tbl, row_id, before, after)
       SELECT ?, 'assessment_inputs', cadre_id, json_set(before, '$.round', CAST(? AS INTEGER)), json_set(after, '$.round', CAST(? AS INTEGER)) FROM assessment_op_rows WHERE op_id = ?`,
    );
    for (const o of ops) {
      const id = insertOp.run(o.at, o.operator, o.kind, o.label, o.undone, o.round_id).lastInsertRowid;
      moveRows.run(id, o.round_id, o.round_id, o.id);
    }
    db.exec(`
      DROP TABLE assessment_op_rows;
      DROP TABLE assessment_ops;
    `);
  },
};
