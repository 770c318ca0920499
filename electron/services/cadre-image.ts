/**
 * A cadre's whole record as one JSON-able value: the cadres row (every
 * column, the photo as base64) with its tags, family and annual assessments.
 * The undo log stores these images before and after each operation, and
 * writing an image back restores the record exactly.
 */
import type { Database } from '../db/database';
import { cachedStatement } from '../db/statements';

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
    family: cachedStatement(db, 'SELECT seq, relation, name, birth, political_status, work FROM cadre_family WHERE cadre_id = ? ORDER BY seq, id')
      .all(id) as Record<string, unknown>[],
    assessments: cachedStatement(db, 'SELECT year, grade, note FROM cadre_assessments WHERE cadre_id = ? ORDER BY year').all(id) as Record<string, unknown>[],
  };
}

/** Makes the stored record equal the image; null removes the record entirely. */
export function writeCadreImage(db: Database, id: number, image: CadreImage | null): void {
  if (image === null) {
    db.prepare('DELETE FROM cadres WHERE id = ?').run(id);
    return;
  }
  const row: Record<string, unknown> = { ...image.row, id };
  const photo = row.photo as { base64: string } | null;
  row.photo = photo ? Buffer.from(photo.base64, 'base64') : null;
  const cols = Object.keys(row);
  const exists = db.prepare('SELECT 1 FROM cadres WHERE id = ?').get(id);
  if (exists) {
    // UPDATE, not REPLACE: a REPLACE would delete the row and cascade into
    // every table that points at this cadre.
    db.prepare(`UPDATE cadres SET ${cols.filter(c => c !== 'id').map(c => `${c} = :${c}`).join(', ')} WHERE id = :id`).run(row);
  } else {
    db.prepare(`INSERT INTO cadres(${cols.join(', ')}) VALUES (${cols.map(c => ':' + c).join(', ')})`).run(row);
  }
  db.prepare('DELETE FROM cadre_tags WHERE cadre_id = ?').run(id);
  db.prepare('DELETE FROM cadre_family WHERE cadre_id = ?').run(id);
  db.prepare('DELETE FROM cadre_assessments WHERE cadre_id = ?').run(id);
  const tag = db.prepare('INSERT INTO cadre_tags(cadre_id, tag) VALUES (?, ?)');
  for (const t of image.tags) tag.run(id, t);
  const fam = db.prepare(
    'INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (:cadre_id, :seq, :relation, :name, :birth, :political_status, :work)',
  );
  for (const f of image.family) fam.run({ ...f, cadre_id: id });
  const ass = db.prepare('INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (:cadre_id, :year, :grade, :note)');
  for (const a of image.assessments) ass.run({ ...a, cadre_id: id });
}
