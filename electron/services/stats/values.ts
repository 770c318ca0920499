/**
 * Categories over stored values. A group's category is a function of a few stored fields
 * (shared/domain/stats/categories.ts GROUP_FIELDS), so each distinct value is classified once,
 * by `categorize`, the one definition: the counts classify the values they meet, and a
 * drill-down turns its categories into the stored values that have them (`column IN (…)`).
 * The roster then lists exactly the people the number counted.
 */
import { categorize, GROUP_CATEGORIES, GROUP_FIELDS, NO_FACTS, type CadreFacts, type GroupKey } from '../../../shared/domain/stats/categories';
import type { Database } from '../../db/database';
import { CADRE_SCALAR_COLUMNS } from '../roster/api';

/** Two fields' values are joined by U+001F into one key (SQL: `a || char(31) || b`). */
const SEP = '\u001f';

export const columnOf = (field: keyof CadreFacts) => `c.${CADRE_SCALAR_COLUMNS[field]}`;

/** The SQL expression of a group's stored value over the alias `c`. */
export function valueSql(group: GroupKey): string {
  return GROUP_FIELDS[group].map(columnOf).join(' || char(31) || ');
}

/** The category (its index in GROUP_CATEGORIES) of the stored values of one group's fields. */
export class Classifier {
  private readonly memo = new Map<string, number>();
  private readonly categories: readonly string[];
  private readonly fields: readonly (keyof CadreFacts)[];

  constructor(
    readonly group: GroupKey,
    private readonly refDate: string,
  ) {
    this.categories = GROUP_CATEGORIES[group];
    this.fields = GROUP_FIELDS[group];
  }

  /** The category index of the group's field values (in GROUP_FIELDS order; groups read one or two fields). */
  index(first: string, second?: string): number {
    const key = second === undefined ? first : first + SEP + second;
    let i = this.memo.get(key);
    if (i === undefined) {
      const facts = { ...NO_FACTS };
      [first, second].forEach((v, n) => n < this.fields.length && (facts[this.fields[n]] = v ?? ''));
      i = this.categories.indexOf(categorize(this.group, facts, this.refDate));
      if (i < 0) throw new Error(`${this.group}: a category outside GROUP_CATEGORIES`);
      this.memo.set(key, i);
    }
    return i;
  }

  category(values: readonly string[]): string {
    return this.categories[this.index(values[0], values[1])];
  }
}

/**
 * The stored values (keys as valueSql writes them) whose category is one of `categories`.
 * Every value in the table is looked at, not only the scope's: a value's category does not
 * depend on who holds it, and the scope's own terms narrow the people.
 */
export function valuesOf(db: Database, group: GroupKey, categories: readonly string[], refDate: string): string[] {
  const fields = GROUP_FIELDS[group];
  const classifier = new Classifier(group, refDate);
  const rows = db
    .prepare(`SELECT DISTINCT ${fields.map(columnOf).join(', ')} FROM cadres c`)
    .raw()
    .all() as string[][];
  return rows.filter(r => categories.includes(classifier.category(r))).map(r => r.join(SEP));
}
