import type { Migration } from './migration';

/**
 * Schema v12: data packages between offices (上报 / 接收 / 汇总).
 * - package_senders: each office that sent us a package, by the id its copy of the app
 *   writes into every package, with the node of our unit tree its units go under
 *   (mapped once, then remembered) and the last package merged (hash, time, 报送日期).
 * - package_units: a sender's unit (its own id) → the unit it became here, so a repeat
 *   package updates the units the last one created instead of adding them again.
 * - package_cadres: what the sender's last package contained: its cadre → ours, with the
 *   name and ID number as received (to name who a repeat package no longer contains) and
 *   the digest of our record right after that merge (a record whose digest differs now
 *   was changed here since: a conflict).
 * Our unit and cadre ids are plain integers, not foreign keys: these tables remember,
 * they must never stop 撤销 from removing a unit or cadre a merge created.
 */
export const m012Packages: Migration = {
  version: 12,
  name: 'packages',
  up(db) {
    db.exec(`
      CREATE TABLE package_senders (
        id                   TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        name                 TEXT NOT NULL,
        unit_id              INTEGER,
        last_sha256          TEXT NOT NULL DEFAULT '',
        last_at              TEXT NOT NULL DEFAULT '',
        last_reference_date  TEXT NOT NULL DEFAULT ''
      ) WITHOUT ROWID;

      CREATE TABLE package_units (
        sender_id  TEXT NOT NULL REFERENCES package_senders(id) ON DELETE CASCADE,
        their_id   INTEGER NOT NULL,
        unit_id    INTEGER NOT NULL,
        PRIMARY KEY (sender_id, their_id)
      ) WITHOUT ROWID;

      CREATE TABLE package_cadres (
        sender_id  TEXT NOT NULL REFERENCES package_senders(id) ON DELETE CASCADE,
        their_id   INTEGER NOT NULL,
        cadre_id   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        id_number  TEXT NOT NULL DEFAULT '',
        digest     TEXT NOT NULL,
        PRIMARY KEY (sender_id, their_id)
      ) WITHOUT ROWID;
      CREATE INDEX package_cadres_cadre ON package_cadres(cadre_id);
    `);
  },
};
