/**
 * Who an incoming record is: the one matching rule of every importer (Excel
 * rows, .lrmx files).
 *
 * 1. A record with a 身份证号 is the cadre holding that number. If that cadre
 *    is in the 回收站 it is an error (restore the cadre first; the number is
 *    taken, and a second record would be a twin).
 * 2. Otherwise by 姓名 + 出生年月 (the month; cadres in the 回收站 are not
 *    considered):
 *    - the record has no 身份证号: any cadre of that name and birth month,
 *      whether or not an ID is on record. A roster without an ID column
 *      updates the cadres it names (a blank never erases: the stored ID
 *      stays) instead of adding each of them a second time;
 *    - the record has a 身份证号 that no cadre holds: only a cadre with no ID
 *      on record (the import fills the number in). A cadre of that name and
 *      birth month with a different ID is another person: the record is new,
 *      with a warning to check the number (a typo would make a twin).
 *    More than one such cadre is an error: the record does not say which.
 * 3. No match: a new cadre. A record with neither ID nor birth whose name is
 *    already in the roster is new too, with a warning.
 *
 * Cadres in the 历史库 (退休/调出/辞职/去世) are matched by the same rule: the
 * record is that person, never a twin. matchRecords (plan.ts) then holds such
 * a record back (its own group in the preview, nothing written) unless the
 * user chose 重新调入.
 *
 * Imports that only ever add to people already there (a round's scores, annual
 * results, a batch's member list) ask `nameAlone`: a record with neither ID
 * nor birth then matches the one cadre of that name; two or more is an error.
 *
 * `RosterMatcher.load` indexes the whole roster; a target that matches within
 * a smaller group (a round's participants) builds one from that group.
 */
import { formatDate } from '../../../shared/domain/common/dates';
import type { Database } from '../../db/database';
import { matchableCadres } from '../roster/api';

export interface StoredCadre {
  id: number;
  name: string;
  birth: string;
  idNumber: string;
  deleted: boolean;
  /** In the 历史库 ('2025.06 退休'): matched like anyone, then held back unless the user brings them back (plan.ts matchRecords). */
  left?: string | null;
}

export interface IncomingKeys {
  name?: string;
  birth?: string;
  idNumber?: string;
}

export interface MatchProblem {
  severity: 'error' | 'warning';
  /** The field to point at: 身份证号 or 姓名. */
  field: 'idNumber' | 'name';
  message: string;
}

export type MatchedBy = 'idNumber' | 'nameBirth' | 'name';

export type MatchOutcome =
  { kind: 'matched'; cadre: StoredCadre; by: MatchedBy } | { kind: 'new'; warning?: MatchProblem } | { kind: 'error'; error: MatchProblem };

export interface MatchOptions {
  /** A record with neither ID nor birth matches the one live cadre of its name. */
  nameAlone?: boolean;
}

const nameBirthKey = (name: string, birth: string) => `${name}\u0000${birth.slice(0, 7)}`;

/** The roster's people indexed once for a whole import. */
export class RosterMatcher {
  private byId = new Map<string, StoredCadre>();
  private byNameBirth = new Map<string, StoredCadre[]>();
  private byName = new Map<string, StoredCadre[]>();

  constructor(stored: Iterable<StoredCadre>) {
    for (const c of stored) {
      if (c.idNumber) this.byId.set(c.idNumber, c);
      if (c.deleted) continue;
      push(this.byName, c.name, c);
      if (c.birth) push(this.byNameBirth, nameBirthKey(c.name, c.birth), c);
    }
  }

  /** Every cadre, the 回收站 and the 历史库 too (its ID numbers are taken). */
  static load(db: Database): RosterMatcher {
    return new RosterMatcher(matchableCadres(db));
  }

  match(rec: IncomingKeys, opts: MatchOptions = {}): MatchOutcome {
    const idNumber = rec.idNumber ?? '';
    const name = rec.name ?? '';
    const birth = rec.birth ?? '';
    if (idNumber) {
      const hit = this.byId.get(idNumber);
      if (hit?.deleted) {
        return error('idNumber', `身份证号 ${idNumber} 属于回收站中的干部「${hit.name}」（编号 ${hit.id}）：请先在回收站中恢复该干部，再导入`);
      }
      if (hit) return { kind: 'matched', cadre: hit, by: 'idNumber' };
    }
    if (name && birth) {
      const same = this.byNameBirth.get(nameBirthKey(name, birth)) ?? [];
      // With an ID of its own, the record can only be someone whose ID is not on record.
      const candidates = idNumber ? same.filter(c => !c.idNumber) : same;
      if (candidates.length > 1) {
        return error(
          'name',
          `库中有 ${candidates.length} 名同名且出生年月相同的干部（「${name}」，${formatDate(birth.slice(0, 7))}，编号 ${candidates.map(c => c.id).join('、')}）${idNumber ? '且都未登记身份证号' : ''}，无法确定对应哪一位；请${idNumber ? '先在库中为其登记身份证号' : '在表中填写身份证号'}`,
        );
      }
      if (candidates.length === 1) return { kind: 'matched', cadre: candidates[0], by: 'nameBirth' };
      const others = same.filter(c => c.idNumber && c.idNumber !== idNumber);
      if (idNumber && others.length) {
        return warning(
          'idNumber',
          `库中已有同名且出生年月相同的干部「${name}」（编号 ${others.map(c => c.id).join('、')}），但身份证号不同，将作为另一人新增；如是同一人，请核对身份证号`,
        );
      }
    }
    const named = !idNumber && !birth && name ? (this.byName.get(name) ?? []) : [];
    if (opts.nameAlone && named.length === 1) return { kind: 'matched', cadre: named[0], by: 'name' };
    if (opts.nameAlone && named.length > 1) {
      return error(
        'name',
        `有 ${named.length} 名干部叫「${name}」（编号 ${named.map(c => c.id).join('、')}），无法确定是哪一位；请在表中填写身份证号或出生年月`,
      );
    }
    if (named.length) {
      return warning('name', `库中已有名为「${name}」的干部，本行没有身份证号和出生年月，无法确认是否同一人，将作为新干部导入`);
    }
    return { kind: 'new' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const error = (field: MatchProblem['field'], message: string): MatchOutcome => ({ kind: 'error', error: { severity: 'error', field, message } });
const warning = (field: MatchProblem['field'], message: string): MatchOutcome => ({ kind: 'new', warning: { severity: 'warning', field, message } });
