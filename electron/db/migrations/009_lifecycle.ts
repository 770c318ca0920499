import type { Migration } from './migration';

/** The cadre kinds of event (职务变动), in the order the event dialog offers them. */
const EVENT_KINDS = ['任职', '免职', '提任', '调任', '转任', '轮换', '职级晋升', '挂职锻炼', '退休', '调出', '辞职', '去世', '其他'];

/**
 * Schema v9: the cadre's life in the roster (units, 任免 events, 职数).
 *
 * - units gain a short name, a level (正处级单位…) and abolished_at: an abolished
 *   (撤销) or merged unit keeps its row, because events and earlier names still
 *   point at it; the tree leaves it out.
 * - unit_names keeps each earlier name with the date it ended (名称变更).
 * - unit_quotas: approved leader posts (核定领导职数) per unit and 领导职务层次
 *   (正处 1, 副处 3), with the 三定 document; filled (实配) is counted from the
 *   roster, never stored.
 * - cadre_events: one row per person per 任免 event. `post` is what was taken
 *   (任), `removed_post` what was left (免), both for 任 A 免 B. Dates are
 *   canonical ('YYYY-MM' or 'YYYY-MM-DD'). planned = 1 is a plan not yet
 *   decided (the form's 拟任/拟免). probation_end is when a 试用期 ends ('' for
 *   none). quota_reason is the recorded reason for exceeding the 职数.
 * - cadres.status gains 辞职. Leaving (退休/调出/辞职/去世) sets status and moves
 *   the cadre to the 历史库: "in the roster" is status = '在职' AND deleted_at IS NULL.
 *   SQLite cannot alter a CHECK constraint, so the table is rebuilt (foreign keys off).
 */
export const m009Lifecycle: Migration = {
  version: 9,
  name: 'lifecycle',
  rebuildsTables: true,
  up(db) {
    const kinds = EVENT_KINDS.map(k => `'${k}'`).join(', ');
    db.exec(`
      ALTER TABLE units ADD COLUMN short_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE units ADD COLUMN level TEXT NOT NULL DEFAULT '';
      ALTER TABLE units ADD COLUMN abolished_at TEXT;

      CREATE TABLE unit_names (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        until    TEXT NOT NULL
      );
      CREATE INDEX unit_names_unit ON unit_names(unit_id, until);

      CREATE TABLE unit_quotas (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_id   INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        level     TEXT NOT NULL CHECK (length(trim(level)) > 0),
        approved  INTEGER NOT NULL CHECK (approved >= 0),
        doc       TEXT NOT NULL DEFAULT '',
        doc_date  TEXT NOT NULL DEFAULT '',
        UNIQUE (unit_id, level)
      );

      CREATE TABLE cadre_events (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        cadre_id          INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
        kind              TEXT NOT NULL CHECK (kind IN (${kinds})),
        date              TEXT NOT NULL,
        doc_no            TEXT NOT NULL DEFAULT '',
        authority         TEXT NOT NULL DEFAULT '',
        unit_id           INTEGER REFERENCES units(id),
        post              TEXT NOT NULL DEFAULT '',
        removed_post      TEXT NOT NULL DEFAULT '',
        leadership_level  TEXT NOT NULL DEFAULT '',
        rank              TEXT NOT NULL DEFAULT '',
        probation_end     TEXT NOT NULL DEFAULT '',
        resume_line       TEXT NOT NULL DEFAULT '',
        quota_reason      TEXT NOT NULL DEFAULT '',
        note              TEXT NOT NULL DEFAULT '',
        planned           INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1)),
        created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX cadre_events_cadre ON cadre_events(cadre_id, date);
      CREATE INDEX cadre_events_probation ON cadre_events(probation_end) WHERE probation_end <> '';
    `);
    widenStatusCheck(db);
    db.exec("CREATE INDEX cadres_status ON cadres(status) WHERE status <> '在职'");
  },
};

/**
 * Rebuilds cadres with the wider status list (SQLite cannot alter a CHECK): copy into a
 * new table, drop, rename, and recreate the indexes and triggers the old one had.
 */
function widenStatusCheck(db: Parameters<Migration['up']>[0]): void {
  const before = "CHECK (status IN ('在职', '退休', '调出', '去世'))";
  const after = "CHECK (status IN ('在职', '退休', '调出', '辞职', '去世'))";
  const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'cadres'").get() as { sql: string };
  if (!table.sql.includes(before)) throw new Error('cadres.status CHECK not as migration 1 wrote it');
  const dependents = db
    .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'cadres' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    .pluck()
    .all() as string[];
  db.exec(table.sql.replace(before, after).replace(/^CREATE TABLE cadres\b/, 'CREATE TABLE cadres_new'));
  db.exec('INSERT INTO cadres_new SELECT * FROM cadres; DROP TABLE cadres; ALTER TABLE cadres_new RENAME TO cadres;');
  for (const sql of dependents) db.exec(sql);
}
