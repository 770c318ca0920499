/**
 * What the appointment form (干部任免审批表) writes besides the cadre's fields:
 * the photo, the family list and the form's footer (呈报单位, 填表人). Photo and
 * family changes are undoable, audited operations like any other edit.
 */
import type { FamilyMember } from '../../../shared/contract/api';
import { normalizeFamilyMember } from '../../../shared/domain/roster/cadre-rules';
import { AppError } from '../../../shared/contract/errors';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { FAMILY_FIELD_LABELS, MAX_PHOTO_BYTES, type FormSettings, type PhotoMime } from '../../../shared/contract/routes/form';
import { audit } from '../common/audit';
import type { Database } from '../../db/database';
import { withOperation, type OperationSummary } from '../common/operation-log';
import { getSetting, reportingUnitName, setSetting } from '../common/settings';
import { cadrePhoto, cadreSummary } from '../roster/api';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A), read from the bytes, never from a name. */
export function photoMime(bytes: Uint8Array): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

function liveCadre(db: Database, id: number): void {
  const cadre = cadreSummary(db, id);
  if (!cadre) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的干部`);
  if (cadre.deleted) throw new AppError('CONFLICT', `编号为 ${id} 的干部在回收站中，请先恢复再修改`);
}

/** Decodes and checks an uploaded photo: base64 text (a data: URL prefix is accepted) of a JPEG or PNG ≤ 2 MB. */
export function decodePhoto(text: string): Buffer {
  const body = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (body === '' || body.length % 4 !== 0 || !BASE64.test(body)) {
    throw new AppError('VALIDATION', '照片数据无法读取（不是有效的 base64 编码）');
  }
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new AppError('VALIDATION', `照片过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），不能超过 2 MB`);
  }
  if (!photoMime(bytes)) throw new AppError('VALIDATION', '只能使用 JPEG 或 PNG 格式的照片');
  return bytes;
}

export function getCadrePhoto(db: Database, id: number): { base64: string | null; mime: PhotoMime | null } {
  const photo = cadrePhoto(db, id);
  if (photo === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的干部`);
  if (!photo) return { base64: null, mime: null };
  return { base64: photo.toString('base64'), mime: photoMime(photo) };
}

/** Replaces (or with null removes) the photo as one undoable, audited step. */
export function setCadrePhoto(db: Database, id: number, base64: string | null): { hasPhoto: boolean; operation?: OperationSummary } {
  const bytes = base64 === null ? null : decodePhoto(base64);
  liveCadre(db, id);
  return withOperation(db, { kind: 'edit', label: bytes ? '修改 照片' : '删除 照片' }, op => {
    op.touch(id);
    db.prepare("UPDATE cadres SET photo = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(bytes, id);
    return { hasPhoto: bytes !== null };
  });
}

export interface FamilyProblem {
  row: number;
  field: string;
  message: string;
}

const isBlank = (m: FamilyMember) => Object.values(m).every(v => String(v ?? '').trim() === '');

/** Which column a message of checkFamilyMember is about ('称谓不能为空', '出生年月：…'). */
function familyFieldOf(message: string): keyof FamilyMember {
  const hit = (Object.entries(FAMILY_FIELD_LABELS) as [keyof FamilyMember, string][]).find(([, label]) => message.startsWith(label));
  return hit ? hit[0] : 'name';
}

/**
 * Replaces the whole family list. Blank rows are dropped; every other row is
 * checked with the shared rule (称谓 and 姓名 required, 出生年月 a date);
 * any problem refuses the whole list.
 */
export function saveFamily(db: Database, id: number, members: FamilyMember[]): { family: FamilyMember[]; operation?: OperationSummary } {
  liveCadre(db, id);
  const problems: FamilyProblem[] = [];
  const clean: FamilyMember[] = [];
  members.forEach((m, row) => {
    if (isBlank(m)) return;
    const checked = normalizeFamilyMember(m);
    if (checked.ok) clean.push(checked.value);
    else for (const message of checked.problems) problems.push({ row, field: familyFieldOf(message), message });
  });
  if (problems.length) {
    const first = problems
      .slice(0, 3)
      .map(p => `第 ${p.row + 1} 位成员「${familyFieldLabel(p.field)}」：${p.message}`)
      .join('；');
    throw new AppError('VALIDATION', `未保存：${first}${problems.length > 3 ? `，共 ${problems.length} 处问题` : ''}`, { problems });
  }
  const result = withOperation(db, { kind: 'edit', label: `修改 ${fieldLabel('family')}` }, op => {
    op.touch(id);
    db.prepare('DELETE FROM cadre_family WHERE cadre_id = ?').run(id);
    const insert = db.prepare('INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (?, ?, ?, ?, ?, ?, ?)');
    clean.forEach((m, i) => insert.run(id, i + 1, m.relation, m.name, m.birth, m.politicalStatus, m.work));
    return {};
  });
  const family = db
    .prepare('SELECT relation, name, birth, political_status AS politicalStatus, work FROM cadre_family WHERE cadre_id = ? ORDER BY seq, id')
    .all(id) as FamilyMember[];
  return { family, operation: result.operation };
}

function familyFieldLabel(field: string): string {
  return (FAMILY_FIELD_LABELS as Record<string, string>)[field] ?? field;
}

const SETTING_KEYS: Record<keyof FormSettings, string> = { reportingUnit: 'form.reportingUnit', filledBy: 'form.filledBy' };

/** 呈报单位 and 填表人: department-wide; 填表人 defaults to the operator name from settings. */
export function getFormSettings(db: Database): FormSettings {
  return {
    // 本单位名称 until the form's own 呈报单位 is set.
    reportingUnit: getSetting(db, SETTING_KEYS.reportingUnit) ?? reportingUnitName(db),
    filledBy: getSetting(db, SETTING_KEYS.filledBy) ?? getSetting(db, 'operator') ?? '',
  };
}

export function saveFormSettings(db: Database, values: Partial<FormSettings>): FormSettings {
  db.transaction(() => {
    const before = getFormSettings(db);
    for (const key of Object.keys(SETTING_KEYS) as (keyof FormSettings)[]) {
      const v = values[key];
      if (v !== undefined) setSetting(db, SETTING_KEYS[key], v.replace(/\s+/g, ' ').trim());
    }
    const after = getFormSettings(db);
    if (JSON.stringify(before) !== JSON.stringify(after)) audit(db, { entity: 'settings', action: 'form', before, after });
  })();
  return getFormSettings(db);
}
