/**
 * A cadre as a package carries it and as the merge compares it: our stored
 * image (roster/api readCadreImage) to a package record, a package record to
 * the comparable text of each part, and back to an image to write.
 */
import crypto from 'node:crypto';
import { formatAssessments } from '../../../shared/domain/assessment/text';
import type { Comparable } from '../../../shared/domain/package/conflicts';
import type { PackageCadre, PackageChoice } from '../../../shared/domain/package/manifest';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { familyText } from '../import/api';
import { CADRE_FORM_COLUMNS, CADRE_SCALAR_COLUMNS, type CadreImage } from '../roster/api';

/** Every field a package carries → its column (the roster's one mapping). */
export const FIELD_COLUMNS: Readonly<Record<string, string>> = { ...CADRE_SCALAR_COLUMNS, ...CADRE_FORM_COLUMNS };
/** The parts compared besides the fields. */
const PARTS = ['tags', 'family', 'assessments', 'photo'] as const;

export const sha256 = (data: Uint8Array | string) => crypto.createHash('sha256').update(data).digest('hex');

/** Our stored record as a package carries it (`unitId` as the package numbers units: ours, at export). */
export function packageCadreOf(image: CadreImage, id: number, unitId: number | null): PackageCadre {
  const fields: Record<string, string> = {};
  for (const [field, col] of Object.entries(FIELD_COLUMNS)) {
    const v = image.row[col];
    if (typeof v === 'string' && v !== '') fields[field] = v;
  }
  const photo = image.row.photo as { base64: string } | null | undefined;
  return {
    id,
    unitId,
    sortOrder: Number(image.row.sort_order ?? 0),
    fields,
    photo: photo?.base64 ?? null,
    tags: [...image.tags],
    family: image.family.map(f => ({
      relation: String(f.relation ?? ''),
      name: String(f.name ?? ''),
      birth: String(f.birth ?? ''),
      politicalStatus: String(f.political_status ?? ''),
      work: String(f.work ?? ''),
    })),
    assessments: image.assessments.map(a => ({ year: Number(a.year), grade: String(a.grade ?? ''), note: String(a.note ?? '') })),
  };
}

/**
 * The record as text per part, for the diff and the digest: fields as stored, tags in order,
 * family and annual results as the form writes them, the photo by its hash.
 */
export function comparableOf(c: PackageCadre): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of Object.keys(FIELD_COLUMNS)) if (c.fields[field]) out[field] = c.fields[field];
  const tags = [...new Set(c.tags)].sort();
  if (tags.length) out.tags = tags.join('、');
  if (c.family.length) out.family = familyText(c.family);
  if (c.assessments.length) out.assessments = formatAssessments(c.assessments);
  if (c.photo) out.photo = sha256(c.photo);
  return out;
}

/** The comparable parts of a cadre record that a package may leave out. */
const OPTIONAL_PARTS: readonly [PackageChoice, string][] = [
  ['photos', 'photo'],
  ['assessments', 'assessments'],
];

/** The package's record as it would stand here: a part the package does not carry stays ours. */
export function asSent(theirs: Comparable, ours: Comparable, includes: ReadonlySet<PackageChoice>): Comparable {
  const left = OPTIONAL_PARTS.filter(([choice]) => !includes.has(choice));
  if (!left.length) return theirs;
  const out: Record<string, string> = { ...theirs };
  for (const [, field] of left) {
    if (ours[field] === undefined) delete out[field];
    else out[field] = ours[field];
  }
  return out;
}

/** Whether a package leaves out a part of the cadre records. */
export const leavesOutCadreParts = (includes: ReadonlySet<PackageChoice>) => OPTIONAL_PARTS.some(([choice]) => !includes.has(choice));

/** What a merge remembers of our record right after it (a later difference: changed here since). */
export function digestOf(comparable: Comparable, unitId: number | null): string {
  return sha256(JSON.stringify([unitId, Object.entries(comparable).sort(([a], [b]) => (a < b ? -1 : 1))]));
}

/** A part's name and value as the preview shows them. */
export function shownField(field: string, ours: string, theirs: string): { field: string; label: string; ours: string; theirs: string } {
  if (field === 'photo') return { field, label: '照片', ours: ours ? '有照片' : '无照片', theirs: theirs ? (ours ? '另一张照片' : '有照片') : '无照片' };
  const label =
    field === 'unit' ? '单位' : field === 'tags' ? '标签' : field === 'family' ? '家庭成员' : field === 'assessments' ? '年度考核' : fieldLabel(field);
  return { field, label, ours, theirs };
}

export function isPart(field: string): field is (typeof PARTS)[number] {
  return (PARTS as readonly string[]).includes(field);
}

/** A new cadre's image from the package record (its columns, child rows and photo). */
export function newImageOf(c: PackageCadre, unitId: number | null, sortOrder: number, now: string): CadreImage {
  const row: Record<string, unknown> = { unit_id: unitId, sort_order: sortOrder };
  for (const [field, col] of Object.entries(FIELD_COLUMNS)) if (c.fields[field]) row[col] = c.fields[field];
  if (c.photo) row.photo = { base64: c.photo };
  row.created_at = now;
  row.updated_at = now;
  return { row, tags: [...new Set(c.tags)].sort(), family: familyRows(c), assessments: assessmentRows(c) };
}

/** Our image with the named parts taken from the package record. */
export function takeParts(ours: CadreImage, c: PackageCadre, fields: readonly string[], unitId: number | null): CadreImage {
  const row = { ...ours.row };
  const out: CadreImage = { row, tags: ours.tags, family: ours.family, assessments: ours.assessments };
  for (const f of fields) {
    if (f === 'unit') row.unit_id = unitId;
    else if (f === 'tags') out.tags = [...new Set(c.tags)].sort();
    else if (f === 'family') out.family = familyRows(c);
    else if (f === 'assessments') out.assessments = assessmentRows(c);
    else if (f === 'photo') row.photo = c.photo ? { base64: c.photo } : null;
    else if (FIELD_COLUMNS[f]) row[FIELD_COLUMNS[f]] = c.fields[f] ?? (f === 'status' ? '在职' : '');
  }
  row.updated_at = new Date().toISOString();
  return out;
}

function familyRows(c: PackageCadre): Record<string, unknown>[] {
  return c.family.map((f, k) => ({ seq: k + 1, relation: f.relation, name: f.name, birth: f.birth, political_status: f.politicalStatus, work: f.work }));
}

function assessmentRows(c: PackageCadre): Record<string, unknown>[] {
  return [...c.assessments].sort((a, b) => a.year - b.year).map(a => ({ year: a.year, grade: a.grade, note: a.note }));
}
