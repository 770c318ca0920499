import type { Migration } from './migration';

/**
 * Schema v1: the unit tree and the cadres with every field of the national
 * appointment form (干部任免审批表). Dates are TEXT in canonical form
 * ('YYYY-MM' or 'YYYY-MM-DD'); code-list values are stored by name as users
 * write them ('男', '汉族', '中共党员'), so the file reads plainly in any
 * SQLite tool. Ids are AUTOINCREMENT so an id is never reused: later tables
 * (secondment members, village assignments, assessment scores, the audit log)
 * point at cadres by id long after a cadre has left.
 */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE units (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        parent_id   INTEGER REFERENCES units(id),
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind        TEXT NOT NULL DEFAULT '',
        sort_order  INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX units_parent ON units(parent_id, sort_order);

      CREATE TABLE cadres (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_id             INTEGER REFERENCES units(id),
        name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
        gender              TEXT NOT NULL DEFAULT '' CHECK (gender IN ('男', '女', '')),
        birth               TEXT NOT NULL DEFAULT '',
        ethnicity           TEXT NOT NULL DEFAULT '',
        native_place        TEXT NOT NULL DEFAULT '',
        birthplace          TEXT NOT NULL DEFAULT '',
        party_date          TEXT NOT NULL DEFAULT '',
        work_date           TEXT NOT NULL DEFAULT '',
        political_status    TEXT NOT NULL DEFAULT '',
        health              TEXT NOT NULL DEFAULT '',
        professional_title  TEXT NOT NULL DEFAULT '',
        expertise           TEXT NOT NULL DEFAULT '',
        ft_education        TEXT NOT NULL DEFAULT '',
        ft_degree           TEXT NOT NULL DEFAULT '',
        ft_edu_school       TEXT NOT NULL DEFAULT '',
        ft_degree_school    TEXT NOT NULL DEFAULT '',
        pt_education        TEXT NOT NULL DEFAULT '',
        pt_degree           TEXT NOT NULL DEFAULT '',
        pt_edu_school       TEXT NOT NULL DEFAULT '',
        pt_degree_school    TEXT NOT NULL DEFAULT '',
        post                TEXT NOT NULL DEFAULT '',
        proposed_post       TEXT NOT NULL DEFAULT '',
        proposed_removal    TEXT NOT NULL DEFAULT '',
        resume              TEXT NOT NULL DEFAULT '',
        rewards             TEXT NOT NULL DEFAULT '',
        appointment_reason  TEXT NOT NULL DEFAULT '',
        id_number           TEXT NOT NULL DEFAULT '',
        leadership_level    TEXT NOT NULL DEFAULT '',
        rank                TEXT NOT NULL DEFAULT '',
        post_date           TEXT NOT NULL DEFAULT '',
        rank_date           TEXT NOT NULL DEFAULT '',
        status              TEXT NOT NULL DEFAULT '在职' CHECK (status IN ('在职', '退休', '调出', '去世')),
        remarks             TEXT NOT NULL DEFAULT '',
        photo               BLOB,
        sort_order          INTEGER NOT NULL DEFAULT 0,
        deleted_at          TEXT,
        created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX cadres_unit ON cadres(unit_id, sort_order);
      CREATE INDEX cadres_name ON cadres(name);
      CREATE UNIQUE INDEX cadres_id_number ON cadres(id_number) WHERE id_number <> '';

      CREATE TABLE cadre_tags (
        cadre_id  INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
        tag       TEXT NOT NULL,
        PRIMARY KEY (cadre_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX cadre_tags_tag ON cadre_tags(tag);

      -- 家庭主要成员及重要社会关系; ages are computed, never stored.
      CREATE TABLE cadre_family (
        id                INTEGER PRIMARY KEY,
        cadre_id          INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
        seq               INTEGER NOT NULL,
        relation          TEXT NOT NULL,
        name              TEXT NOT NULL,
        birth             TEXT NOT NULL DEFAULT '',
        political_status  TEXT NOT NULL DEFAULT '',
        work              TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX cadre_family_cadre ON cadre_family(cadre_id, seq);

      -- 年度考核结果: one row per cadre and year; assessment rounds write here.
      CREATE TABLE cadre_assessments (
        cadre_id  INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
        year      INTEGER NOT NULL,
        grade     TEXT NOT NULL,
        note      TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (cadre_id, year)
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Every change: who, when, what before and after (JSON).
      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        operator   TEXT NOT NULL,
        entity     TEXT NOT NULL,
        entity_id  INTEGER,
        action     TEXT NOT NULL,
        before     TEXT,
        after      TEXT
      );
      CREATE INDEX audit_entity ON audit_log(entity, entity_id);
    `);
  },
};
