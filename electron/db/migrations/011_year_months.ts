import type { Migration } from './migration';

/**
 * Schema v11:
 * - the 年月 fields hold year-month: 出生年月, 入党时间, 参加工作时间, 任现职时间,
 *   任现职级时间 and family members' 出生年月 stored with a day ('1986-05-17', from an
 *   import that kept it) become '1986-05'. The form and every roster show year.month,
 *   and the ID number keeps the full birth date. Text that is not a date (入党时间 may
 *   name a democratic party) is left alone.
 * - import_runs records its target: 干部名册, a batch's members, a round's scores,
 *   年度考核结果 or the unit tree (runs before this were all roster imports).
 * - the pinyin keys trigger on insert runs only when the insert gave no keys: a
 *   bulk import computes them itself (once per distinct name) and writes each new
 *   cadre once instead of inserting and then updating it (measured: 100,000 cadres
 *   inserted in 40% of the time). Every other insert leaves name_keys '' and the
 *   trigger fills it in as before.
 */
export const m011YearMonths: Migration = {
  version: 11,
  name: 'year_months',
  up(db) {
    const day = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'";
    for (const col of ['birth', 'party_date', 'work_date', 'post_date', 'rank_date']) {
      db.exec(`UPDATE cadres SET ${col} = substr(${col}, 1, 7) WHERE ${col} ${day}`);
    }
    db.exec(`UPDATE cadre_family SET birth = substr(birth, 1, 7) WHERE birth ${day}`);
    db.exec("ALTER TABLE import_runs ADD COLUMN target TEXT NOT NULL DEFAULT '干部名册'");
    db.exec(`
      DROP TRIGGER cadres_name_keys_insert;
      CREATE TRIGGER cadres_name_keys_insert AFTER INSERT ON cadres WHEN NEW.name_keys = '' BEGIN
        UPDATE cadres SET name_keys = cadre_name_keys(NEW.name) WHERE id = NEW.id;
      END;
    `);
  },
};
