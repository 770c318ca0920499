/** What the event dialogs send: a unit named in a pasted row. */
import type { Unit } from '../../../shared/contract/api';
import { unitPathOf } from '../units/tree';

/**
 * A unit as a pasted or typed cell names it: its name, or its path (滨江市 / 教育局 / 办公室)
 * when the name alone is ambiguous. '' leaves the cadre's unit as it is.
 */
export function unitByName(units: readonly Unit[], text: string): { id: number | null } | { problem: string } {
  const t = text.replace(/\s*[/／]\s*/g, ' / ').trim();
  if (!t) return { id: null };
  const byPath = units.filter(u => unitPathOf(units, u.id) === t || unitPathOf(units, u.id).endsWith(` / ${t}`));
  const hits = t.includes(' / ') ? byPath : units.filter(u => u.name === t);
  if (hits.length === 1) return { id: hits[0].id };
  if (!hits.length) return { problem: `单位「${t}」不在单位树中` };
  return { problem: `有 ${hits.length} 个单位名为「${t}」，请写完整路径，如「${unitPathOf(units, hits[0].id)}」` };
}
