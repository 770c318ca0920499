/**
 * A cadre's whole record as one JSON-able value: the cadres row (every
 * column, the photo as base64) with its tags, family and annual assessments.
 * The undo log stores these images before and after each operation, and
 * writing an image back restores the record exactly.
 *
 * An image may leave out columns that hold their default ('' for text, NULL
 * for the photo and deleted_at) and name_keys (the schema's trigger derives
 * it from the name): bulk inserts (an import of 100,000 rows) build such a
 * compact image from the values they write instead of reading the row back.
 */
import type { Database } from '../../db/database';
import { cachedStatement } from '../../db/statements';

export interface CadreImage {
  row: Record<string, unknown>;
  tags: string[];
  family: Record<string, unknown>[];
  assessments: Record<string, unknown>[];
}

export function readCadreImage(db: Database, id: number): CadreImage | null {
  const row = cachedStatement(db, 'SELECT * FROM cadres WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  if (row.photo instanceof Buffer) row.photo = { base64: row.photo.toString('base64') };
  return {
    row,
    tags: (cachedStatement(db, 'SELECT tag FROM cadre_tags WHERE cadre_id = ? ORDER BY tag').all(id) as { tag: string }[]).map(t => t.tag),
    family: cachedStatement(db, 'SELECT seq, relation, name, birth, political_status, work FROM cadre_family WHERE cadre_id = ? ORDER BY seq, id').all(
      id,
    ) as Record<string, unknown>[],
    assessments: cachedStatement(db, 'SELECT year, grade, note FROM cadre_assessments WHERE cadre_id = ? ORDER BY year').all(id) as Record<string, unknown>[],
  };
}

/** The row's columns as SQLite takes them (the photo back to bytes), without id. */
function sqlRow(image: CadreImage): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const k in image.row) if (k !== 'id') row[k] = sqlValue(k, image.row[k]);
  return row;
}

function sqlValue(column: string, value: unknown): unknown {
  if (column !== 'photo' || value === null || value === undefined) return value;
  return Buffer.from((value as { base64: string }).base64, 'base64');
}

/**
 * Runs a bulk insert of `count` new cadres (inside the caller's transaction) with
 * the cadres table's secondary indexes dropped and rebuilt afterwards, when the
 * insert is at least as large as the table: building an index once from sorted
 * rows is several times faster than growing ten of them row by row in random
 * order. The indexes are recreated from their own stored SQL, so every index
 * any migration defines comes back exactly (a UNIQUE one checks again as it is
 * built); should the insert throw, the transaction rolls the drop back too.
 */
export function withCadreIndexesDeferred<T>(db: Database, count: number, insert: () => T): T {
  const existing = (cachedStatement(db, 'SELECT count(*) AS n FROM cadres').get() as { n: number }).n;
  if (count < BULK_MIN_ROWS || count < existing) return insert();
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cadres' AND sql IS NOT NULL").all() as {
    name: string;
    sql: string;
  }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
  const result = insert();
  for (const ix of indexes) db.exec(ix.sql);
  return result;
}

/** Below this many new cadres the indexes are simply kept up to date row by row. */
const BULK_MIN_ROWS = 5000;

/**
 * Inserts the image as a new cadre (with the given id, or the next one) and
 * returns the id. Statements are cached per column set, so a bulk insert of
 * rows shaped alike compiles one statement.
 */
export function insertCadreImage(db: Database, image: CadreImage, id?: number): number {
  const cols: string[] = [];
  const values: unknown[] = [];
  for (const k in image.row) {
    if (k === 'id') continue;
    cols.push(k);
    values.push(sqlValue(k, image.row[k]));
  }
  if (id !== undefined) {
    cols.push('id');
    values.push(id);
  }
  const insert = cachedStatement(db, `INSERT INTO cadres(${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const newId = Number(insert.run(values).lastInsertRowid);
  writeChildren(db, newId, image);
  return newId;
}

/** The 年月 columns (migration 011): year-month, the day dropped; the ID number keeps the birth day. */
const YEAR_MONTH_COLUMNS = ['birth', 'party_date', 'work_date', 'post_date', 'rank_date'] as const;
const WITH_DAY = /^(\d{4}-\d{2})-\d{2}$/;
const dropDay = (v: unknown) => (typeof v === 'string' ? (WITH_DAY.exec(v)?.[1] ?? v) : v);

/**
 * An image as it is written back today: undo steps logged before migration 011
 * may hold 出生年月 and the other 年月 fields, or a family member's 出生年月,
 * with a day ('1986-05-17'); they are restored as year-month like every other write.
 */
export function yearMonthImage(image: CadreImage): CadreImage {
  const row = { ...image.row };
  for (const col of YEAR_MONTH_COLUMNS) if (col in row) row[col] = dropDay(row[col]);
  return { ...image, row, family: image.family.map(f => ('birth' in f ? { ...f, birth: dropDay(f.birth) } : f)) };
}

/**
 * Inserts new cadres from their images, in order, and returns their ids: rows shaped
 * alike (the same columns) go in multi-row statements, whose rows take consecutive
 * ids in the order given (one statement, one writer). A bulk import's path: per row,
 * the statement's own overhead would cost as much as SQLite's work.
 */
export function insertCadreImages(db: Database, images: readonly CadreImage[]): number[] {
  const ids: number[] = [];
  let at = 0;
  while (at < images.length) {
    const cols = Object.keys(images[at].row).filter(k => k !== 'id');
    let end = at + 1;
    while (end < images.length && end - at < MULTI_ROWS && sameShape(images[end].row, cols)) end++;
    const one = `(${cols.map(() => '?').join(', ')})`;
    const values: unknown[] = [];
    for (let k = at; k < end; k++) for (const c of cols) values.push(sqlValue(c, images[k].row[c]));
    const insert = cachedStatement(
      db,
      `INSERT INTO cadres(${cols.join(', ')}) VALUES ${Array(end - at)
        .fill(one)
        .join(', ')}`,
    );
    const last = Number(insert.run(values).lastInsertRowid);
    for (let k = at; k < end; k++) {
      const id = last - (end - 1 - k);
      writeChildren(db, id, images[k]);
      ids.push(id);
    }
    at = end;
  }
  return ids;
}

/** Rows per multi-row INSERT (SQLite takes up to 32,766 parameters; a cadre has about 40 columns). */
const MULTI_ROWS = 200;

/** Whether the row has exactly these columns, in this order. */
function sameShape(row: Record<string, unknown>, cols: readonly string[]): boolean {
  let n = 0;
  for (const k in row) {
    if (k === 'id') continue;
    if (cols[n++] !== k) return false;
  }
  return n === cols.length;
}

/** Makes the stored record equal the image; null removes the record entirely. */
export function writeCadreImage(db: Database, id: number, stored: CadreImage | null): void {
  if (stored === null) {
    cachedStatement(db, 'DELETE FROM cadres WHERE id = ?').run(id);
    return;
  }
  const image = yearMonthImage(stored);
  if (!cachedStatement(db, 'SELECT 1 FROM cadres WHERE id = ?').get(id)) {
    insertCadreImage(db, image, id);
    return;
  }
  // UPDATE, not REPLACE: a REPLACE would delete the row and cascade into
  // every table that points at this cadre. Columns a compact image leaves
  // out go back to their defaults.
  const row = sqlRow(image);
  const sets = Object.keys(row).map(c => `${c} = :${c}`);
  for (const [col, dflt] of columnDefaults(db)) if (!(col in row)) sets.push(`${col} = ${dflt}`);
  db.prepare(`UPDATE cadres SET ${sets.join(', ')} WHERE id = :id`).run({ ...row, id });
  cachedStatement(db, 'DELETE FROM cadre_tags WHERE cadre_id = ?').run(id);
  cachedStatement(db, 'DELETE FROM cadre_family WHERE cadre_id = ?').run(id);
  cachedStatement(db, 'DELETE FROM cadre_assessments WHERE cadre_id = ?').run(id);
  writeChildren(db, id, image);
}

function writeChildren(db: Database, id: number, image: CadreImage): void {
  if (image.tags.length) {
    const tag = cachedStatement(db, 'INSERT INTO cadre_tags(cadre_id, tag) VALUES (?, ?)');
    for (const t of image.tags) tag.run(id, t);
  }
  if (image.family.length) {
    const fam = cachedStatement(
      db,
      'INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (:cadre_id, :seq, :relation, :name, :birth, :political_status, :work)',
    );
    for (const f of image.family) fam.run({ ...f, cadre_id: id });
  }
  if (image.assessments.length) {
    const ass = cachedStatement(db, 'INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (:cadre_id, :year, :grade, :note)');
    for (const a of image.assessments) ass.run({ ...a, cadre_id: id });
  }
}

const defaults = new WeakMap<Database, [string, string][]>();

/** Each cadres column but id and name_keys (the trigger keeps it) with its default as SQL. */
function columnDefaults(db: Database): [string, string][] {
  let list = defaults.get(db);
  if (!list) {
    const info = db.prepare('PRAGMA table_info(cadres)').all() as { name: string; dflt_value: string | null }[];
    list = info.filter(c => c.name !== 'id' && c.name !== 'name_keys').map(c => [c.name, c.dflt_value ?? 'NULL']);
    defaults.set(db, list);
  }
  return list;
}
