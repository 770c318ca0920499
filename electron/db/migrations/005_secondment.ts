import type { Migration } from './migration';

/**
 * Schema v5: secondments (挂职) and village-stationed cadres (驻村).
 *
 * - secondment_programmes: a standing exchange such as 京沈对口合作干部交流,
 *   with its partner place.
 * - secondment_batches: 第一批 … 第N批 within a programme (seq unique per
 *   programme), direction, places, dates, status, leader and the temporary
 *   Party branch (临时党支部). Branch membership is members.branch_role.
 * - secondment_members: one cadre's placement in a batch. A replacement (调换)
 *   is a new member row whose replaces_member_id points at the replaced one;
 *   the replaced row keeps its data with status '已调换', so the chain of who
 *   replaced whom and why is never overwritten. pair_member_id is the
 *   mutual-mentoring partner (双向结对帮带), kept symmetric by the service.
 * - villages, village_rotations, village_assignments: 驻村 rotations (轮次)
 *   of 第一书记 / 工作队队长 / 队员; an assignment is kept on (留任), newly
 *   sent (新选派) or a replacement (调换, with reason and the sending unit).
 *
 * - operation_records (added by the secondment services): the undo log's
 *   before/after images of rows of these tables, beside operation_rows (which
 *   holds whole cadre images), so adding members, a replacement or a new person
 *   who joins the roster and the batch is undone as one step.
 *
 * Dates are canonical text like the cadres table ('YYYY-MM' or 'YYYY-MM-DD');
 * '' means not set. Rows point at cadres by id; a cadre is never hard-deleted
 * while they are referenced (foreign keys without cascade).
 */
export const m005Secondment: Migration = {
  version: 5,
  name: 'secondment',
  up(db) {
    db.exec(`
      CREATE TABLE secondment_programmes (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        name           TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        partner_place  TEXT NOT NULL DEFAULT '',
        notes          TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );

      CREATE TABLE secondment_batches (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        programme_id         INTEGER NOT NULL REFERENCES secondment_programmes(id),
        seq                  INTEGER NOT NULL CHECK (seq > 0),
        name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
        direction            TEXT NOT NULL DEFAULT '派出' CHECK (direction IN ('派出', '接收')),
        sending_place        TEXT NOT NULL DEFAULT '',
        receiving_place      TEXT NOT NULL DEFAULT '',
        start_date           TEXT NOT NULL DEFAULT '',
        planned_end_date     TEXT NOT NULL DEFAULT '',
        actual_end_date      TEXT NOT NULL DEFAULT '',
        status               TEXT NOT NULL DEFAULT '筹备' CHECK (status IN ('筹备', '在岗', '期满', '已返岗')),
        leader_cadre_id      INTEGER REFERENCES cadres(id),
        branch_name          TEXT NOT NULL DEFAULT '',
        branch_secretary_id  INTEGER REFERENCES cadres(id),
        notes                TEXT NOT NULL DEFAULT '',
        created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (programme_id, seq)
      );

      CREATE TABLE secondment_members (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        batch_id             INTEGER NOT NULL REFERENCES secondment_batches(id) ON DELETE CASCADE,
        cadre_id             INTEGER NOT NULL REFERENCES cadres(id),
        home_unit            TEXT NOT NULL DEFAULT '',
        home_post            TEXT NOT NULL DEFAULT '',
        host_unit            TEXT NOT NULL DEFAULT '',
        host_post            TEXT NOT NULL DEFAULT '',
        start_date           TEXT NOT NULL DEFAULT '',
        end_date             TEXT NOT NULL DEFAULT '',
        status               TEXT NOT NULL DEFAULT '在岗'
                             CHECK (status IN ('在岗', '期满', '提前召回', '已调换', '已返岗')),
        branch_role          TEXT NOT NULL DEFAULT '' CHECK (branch_role IN ('', '书记', '委员', '党员')),
        pair_member_id       INTEGER REFERENCES secondment_members(id) ON DELETE SET NULL,
        recall_date          TEXT NOT NULL DEFAULT '',
        recall_reason        TEXT NOT NULL DEFAULT '',
        replaces_member_id   INTEGER REFERENCES secondment_members(id) ON DELETE SET NULL,
        replacement_reason   TEXT NOT NULL DEFAULT '',
        return_date          TEXT NOT NULL DEFAULT '',
        outcome              TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', '提拔', '重用', '平职交流', '其他')),
        outcome_date         TEXT NOT NULL DEFAULT '',
        outcome_post         TEXT NOT NULL DEFAULT '',
        resume_line          TEXT NOT NULL DEFAULT '',
        notes                TEXT NOT NULL DEFAULT '',
        sort_order           INTEGER NOT NULL DEFAULT 0,
        created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX secondment_members_batch ON secondment_members(batch_id, sort_order);
      CREATE INDEX secondment_members_cadre ON secondment_members(cadre_id);

      CREATE TABLE villages (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
        township  TEXT NOT NULL DEFAULT '',
        county    TEXT NOT NULL DEFAULT '',
        kind      TEXT NOT NULL DEFAULT '',
        UNIQUE (county, township, name)
      );

      CREATE TABLE village_rotations (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        programme    TEXT NOT NULL DEFAULT '',
        seq          INTEGER NOT NULL CHECK (seq > 0),
        name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
        start_date   TEXT NOT NULL DEFAULT '',
        end_date     TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (programme, seq)
      );

      CREATE TABLE village_assignments (
        id                       INTEGER PRIMARY KEY AUTOINCREMENT,
        rotation_id              INTEGER NOT NULL REFERENCES village_rotations(id) ON DELETE CASCADE,
        village_id               INTEGER NOT NULL REFERENCES villages(id),
        cadre_id                 INTEGER NOT NULL REFERENCES cadres(id),
        role                     TEXT NOT NULL CHECK (role IN ('第一书记', '工作队队长', '队员')),
        sending_unit             TEXT NOT NULL DEFAULT '',
        start_date               TEXT NOT NULL DEFAULT '',
        end_date                 TEXT NOT NULL DEFAULT '',
        kind                     TEXT NOT NULL DEFAULT '新选派' CHECK (kind IN ('留任', '新选派', '调换')),
        status                   TEXT NOT NULL DEFAULT '在岗' CHECK (status IN ('在岗', '期满', '召回', '已调换')),
        replaces_assignment_id   INTEGER REFERENCES village_assignments(id) ON DELETE SET NULL,
        replacement_reason       TEXT NOT NULL DEFAULT '',
        notes                    TEXT NOT NULL DEFAULT '',
        created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX village_assignments_rotation ON village_assignments(rotation_id);
      CREATE INDEX village_assignments_cadre ON village_assignments(cadre_id);

      CREATE TABLE operation_records (
        operation_id  INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
        tbl           TEXT NOT NULL,
        row_id        INTEGER NOT NULL,
        before        TEXT,
        after         TEXT,
        PRIMARY KEY (operation_id, tbl, row_id)
      ) WITHOUT ROWID;
    `);
  },
};
