/**
 * One 家庭成员 row from a file: checked with the shared rule
 * (checkFamilyMember in shared/domain/roster/cadre-rules.ts) and stored the way the form
 * stores it (出生年月 canonical, 政治面貌 by its standard name when known).
 */
import type { FamilyMember } from '../../../shared/contract/api';
import { checkFamilyMember, normalizeCadreField } from '../../../shared/domain/roster/cadre-rules';
import { parseDateInput } from '../../../shared/domain/common/dates';
import { normalizePersonName } from '../../../shared/domain/common/pinyin';

export type FamilyCheck = { ok: true; value: FamilyMember } | { ok: false; problems: string[] };

export function checkFamily(m: FamilyMember): FamilyCheck {
  // The shared rule returns either its problems (string[]) or, in its newer
  // form, { ok, value | problems }; accept both.
  const r = checkFamilyMember(m) as unknown;
  if (Array.isArray(r)) {
    if (r.length) return { ok: false, problems: r.map(String) };
  } else if (r && typeof r === 'object' && 'ok' in r) {
    const res = r as { ok: boolean; value?: FamilyMember; problems?: ({ message: string } | string)[] };
    if (!res.ok) return { ok: false, problems: (res.problems ?? []).map(p => (typeof p === 'string' ? p : p.message)) };
    if (res.value) return { ok: true, value: res.value };
  }
  const birth = parseDateInput(m.birth);
  const status = m.politicalStatus.trim() ? normalizeCadreField('politicalStatus', m.politicalStatus) : null;
  return {
    ok: true,
    value: {
      relation: m.relation.trim(),
      name: normalizePersonName(m.name),
      birth: birth.ok ? birth.value : m.birth.trim(),
      politicalStatus: status && status.ok ? status.value : m.politicalStatus.trim(),
      work: m.work.trim(),
    },
  };
}
