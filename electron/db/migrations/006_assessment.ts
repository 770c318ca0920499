import type { Migration } from './migration';

/**
 * Schema v6: assessments (考核指标、评分、等次).
 *
 * - assessment_sets: an indicator set (name, year, scope: everyone, a
 *   secondment batch, a unit with its sub-units, a tag or a 领导职务层次;
 *   scope_ref holds the batch/unit id or the tag/level text). The people in
 *   scope are resolved live; assessment_participants holds the manual
 *   additions ('add') and removals ('remove') on top of the scope.
 * - assessment_indicators: the tree (一级 parent_id NULL, 二级 under one 一级).
 *   Weights are percent within their level. cadre_id NULL = the set's own
 *   indicator; otherwise an extra indicator of that cadre only (个性化指标).
 * - assessment_overrides: per cadre, a target and/or weight replacing the
 *   set's default for one indicator (the default stays on the indicator).
 * - assessment_daily: 日常考核 records (date, indicator, points, note); their
 *   points add to a 加减分 indicator in the rounds whose period covers them.
 * - assessment_rounds: 季度/半年/年度/专项 rounds of a set with the grade
 *   thresholds, the 优秀 quota (percent points, rounding rule, grouping) and
 *   the lock (status 'finalised').
 * - assessment_scores / assessment_votes / assessment_grades: the inputs of a
 *   round per cadre (raw indicator values, 民主测评 tallies, manual grade or
 *   不定等次 with its reason).
 * - assessment_results: what finalising fixed (group, total, rank, grade).
 * - assessment_ops / assessment_op_rows: the round's undo log. Like the
 *   roster's operations, an operation keeps the before and after image of
 *   each cadre's inputs in the round, so a paste of 300 cells is one step.
 *
 * Rows point at cadres by id without cascade: a cadre who was assessed is
 * never hard-deleted (the roster deletes into the 回收站).
 */
export const m006Assessment: Migration = {
  version: 6,
  name: 'assessment',
  up(db) {
    db.exec(`
      CREATE TABLE assessment_sets (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
        year         INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
        scope_kind   TEXT NOT NULL DEFAULT 'all' CHECK (scope_kind IN ('all', 'batch', 'unit', 'tag', 'leadershipLevel')),
        scope_ref    TEXT NOT NULL DEFAULT '',
        template     TEXT NOT NULL DEFAULT '',
        description  TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );

      CREATE TABLE assessment_indicators (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id       INTEGER NOT NULL REFERENCES assessment_sets(id) ON DELETE CASCADE,
        parent_id    INTEGER REFERENCES assessment_indicators(id) ON DELETE CASCADE,
        cadre_id     INTEGER REFERENCES cadres(id),
        name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
        weight       REAL NOT NULL CHECK (weight >= 0 AND weight <= 100),
        method       TEXT NOT NULL CHECK (method IN ('score', 'points', 'target', 'passFail', 'veto', 'vote')),
        max_score    REAL NOT NULL DEFAULT 100 CHECK (max_score > 0),
        base_score   REAL,
        add_cap      REAL,
        deduct_cap   REAL,
        target       REAL,
        target_unit  TEXT NOT NULL DEFAULT '',
        max_ratio    REAL,
        description  TEXT NOT NULL DEFAULT '',
        evidence     TEXT NOT NULL DEFAULT '',
        sort_order   INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX assessment_indicators_set ON assessment_indicators(set_id, parent_id, sort_order);

      CREATE TABLE assessment_overrides (
        indicator_id  INTEGER NOT NULL REFERENCES assessment_indicators(id) ON DELETE CASCADE,
        cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
        target        REAL,
        weight        REAL CHECK (weight IS NULL OR (weight >= 0 AND weight <= 100)),
        note          TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (indicator_id, cadre_id)
      ) WITHOUT ROWID;

      CREATE TABLE assessment_participants (
        set_id    INTEGER NOT NULL REFERENCES assessment_sets(id) ON DELETE CASCADE,
        cadre_id  INTEGER NOT NULL REFERENCES cadres(id),
        mode      TEXT NOT NULL CHECK (mode IN ('add', 'remove')),
        PRIMARY KEY (set_id, cadre_id)
      ) WITHOUT ROWID;

      CREATE TABLE assessment_daily (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id        INTEGER NOT NULL REFERENCES assessment_sets(id) ON DELETE CASCADE,
        cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
        indicator_id  INTEGER REFERENCES assessment_indicators(id) ON DELETE SET NULL,
        date          TEXT NOT NULL,
        points        REAL NOT NULL DEFAULT 0,
        note          TEXT NOT NULL DEFAULT '',
        operator      TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX assessment_daily_set ON assessment_daily(set_id, cadre_id, date);

      CREATE TABLE assessment_rounds (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id          INTEGER NOT NULL REFERENCES assessment_sets(id) ON DELETE CASCADE,
        name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind            TEXT NOT NULL CHECK (kind IN ('季度', '半年', '年度', '专项')),
        year            INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
        period          TEXT NOT NULL DEFAULT '',
        start_date      TEXT NOT NULL DEFAULT '',
        end_date        TEXT NOT NULL DEFAULT '',
        excellent_min   REAL NOT NULL DEFAULT 90,
        competent_min   REAL NOT NULL DEFAULT 70,
        basic_min       REAL NOT NULL DEFAULT 60,
        quota_percent   INTEGER NOT NULL DEFAULT 20 CHECK (quota_percent BETWEEN 0 AND 100),
        rounding        TEXT NOT NULL DEFAULT '四舍五入' CHECK (rounding IN ('四舍五入', '进一法')),
        grouping        TEXT NOT NULL DEFAULT 'leadershipLevel' CHECK (grouping IN ('leadershipLevel', 'unit', 'none')),
        status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finalised')),
        finalised_at    TEXT,
        finalised_by    TEXT,
        notes           TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX assessment_rounds_set ON assessment_rounds(set_id);

      CREATE TABLE assessment_scores (
        round_id      INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
        cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
        indicator_id  INTEGER NOT NULL REFERENCES assessment_indicators(id) ON DELETE CASCADE,
        value         REAL NOT NULL,
        note          TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (round_id, cadre_id, indicator_id)
      ) WITHOUT ROWID;

      CREATE TABLE assessment_votes (
        round_id      INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
        cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
        excellent     INTEGER NOT NULL DEFAULT 0 CHECK (excellent >= 0),
        competent     INTEGER NOT NULL DEFAULT 0 CHECK (competent >= 0),
        basic         INTEGER NOT NULL DEFAULT 0 CHECK (basic >= 0),
        incompetent   INTEGER NOT NULL DEFAULT 0 CHECK (incompetent >= 0),
        unknown       INTEGER NOT NULL DEFAULT 0 CHECK (unknown >= 0),
        PRIMARY KEY (round_id, cadre_id)
      ) WITHOUT ROWID;

      CREATE TABLE assessment_grades (
        round_id   INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
        cadre_id   INTEGER NOT NULL REFERENCES cadres(id),
        grade      TEXT NOT NULL CHECK (grade IN ('优秀', '称职', '基本称职', '不称职', '不定等次')),
        reason     TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (round_id, cadre_id)
      ) WITHOUT ROWID;

      CREATE TABLE assessment_results (
        round_id        INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
        cadre_id        INTEGER NOT NULL REFERENCES cadres(id),
        seq             INTEGER NOT NULL,
        group_name      TEXT NOT NULL,
        total           REAL,
        rank            INTEGER,
        proposed_grade  TEXT,
        grade           TEXT NOT NULL,
        note            TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (round_id, cadre_id)
      ) WITHOUT ROWID;

      CREATE TABLE assessment_ops (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        round_id  INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
        at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        operator  TEXT NOT NULL,
        kind      TEXT NOT NULL,
        label     TEXT NOT NULL,
        undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
      );
      CREATE INDEX assessment_ops_round ON assessment_ops(round_id, id);

      CREATE TABLE assessment_op_rows (
        op_id     INTEGER NOT NULL REFERENCES assessment_ops(id) ON DELETE CASCADE,
        cadre_id  INTEGER NOT NULL,
        before    TEXT NOT NULL,
        after     TEXT NOT NULL,
        PRIMARY KEY (op_id, cadre_id)
      ) WITHOUT ROWID;
    `);
  },
};
