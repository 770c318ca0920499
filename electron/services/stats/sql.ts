/**
 * The categories of shared/domain/stats/categories.ts as SQL CASE expressions over the alias
 * `c` (cadres). The structure table is a GROUP BY over these expressions and a drill-down is a
 * WHERE on the same ones, so a cell and the people behind it cannot disagree.
 *
 * Code-list names and title words are bound parameters (:st1, :st2, …); the only literals are
 * fixed GLOB patterns and month numbers computed here.
 */
import {
  AGE_BANDS,
  DEGREE_WORDS,
  EDUCATION_BUCKETS,
  GENERATION_BANDS,
  HAN,
  LEVEL_STEPS,
  MINORITY,
  MINORITY_NAMES,
  OTHER,
  POLITICAL_BUCKETS,
  TITLE_RULES,
  UNFILLED,
  YEARS_IN_POST_BANDS,
  type Band,
  type GroupKey,
  type TextTest,
} from '../../../shared/domain/stats/categories';

/** Named parameters of one statement, under a prefix no other part of the statement uses. */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private n = 0;

  constructor(private readonly prefix = 'st') {}

  p(value: unknown): string {
    const name = `${this.prefix}${++this.n}`;
    this.values[name] = value;
    return `:${name}`;
  }

  list(values: readonly string[]): string {
    return values.map(v => this.p(v)).join(', ');
  }
}

/** A month index (year × 12 + month − 1) of a canonical date 'YYYY-MM[-DD]'. */
export function monthIndexOf(canonical: string): number {
  return Number(canonical.slice(0, 4)) * 12 + Number(canonical.slice(5, 7)) - 1;
}

/** The column holds a date shared/domain/common/dates.ts yearMonthOf reads ('YYYY-MM' or 'YYYY-MM-DD', month 01–12). */
const isDate = (col: string) =>
  `((${col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR ${col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') AND substr(${col}, 6, 2) BETWEEN '01' AND '12')`;
const monthIndex = (col: string) => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER) - 1)`;

/**
 * Completed years from the date in `col` to the reference month (completedAge): the whole
 * years in (ref − date) months. NULL for no date or a date after the reference month.
 */
export function yearsSql(col: string, refIndex: number): string {
  return `(CASE WHEN ${isDate(col)} AND ${monthIndex(col)} <= ${refIndex} THEN (${refIndex} - ${monthIndex(col)}) / 12 END)`;
}

/**
 * Bands of completed years as one CASE: "at most `max` years" is "the date is later than
 * ref − 12·(max + 1) months", so each band is a test on the month index. Bands run upwards;
 * the last one is open.
 */
function bandSql(col: string, bands: readonly Band[], refIndex: number, P: SqlParams): string {
  const idx = monthIndex(col);
  const tests = bands.slice(0, -1).map(b => `WHEN ${idx} > ${refIndex - 12 * (b.max! + 1)} THEN ${P.p(b.label)}`);
  return `(CASE WHEN NOT ${isDate(col)} OR ${idx} > ${refIndex} THEN ${P.p(UNFILLED)} ${tests.join(' ')} ELSE ${P.p(bands[bands.length - 1].label)} END)`;
}

function textTest(col: string, test: TextTest, text: string, P: SqlParams): string {
  const t = P.p(text);
  switch (test) {
    case 'equals':
      return `${col} = ${t}`;
    case 'startsWith':
      return `substr(${col}, 1, length(${t})) = ${t}`;
    case 'endsWith':
      return `substr(${col}, -length(${t})) = ${t}`;
    case 'contains':
      return `instr(${col}, ${t}) > 0`;
  }
}

/** The SQL expression giving each cadre's category in `group` at the reference month. */
export function categorySql(group: GroupKey, refIndex: number, P: SqlParams): string {
  const whenIn = (col: string, names: readonly string[], label: string) => `WHEN ${col} IN (${P.list(names)}) THEN ${P.p(label)}`;
  switch (group) {
    case 'level':
      return `(CASE ${LEVEL_STEPS.map(s => whenIn('c.leadership_level', s.spellings, s.label)).join(' ')} ELSE ${P.p(OTHER)} END)`;
    case 'ethnicity':
      return `(CASE WHEN c.ethnicity = '' THEN ${P.p(UNFILLED)} ${whenIn('c.ethnicity', [HAN], HAN)} ${whenIn('c.ethnicity', MINORITY_NAMES, MINORITY)} ELSE ${P.p(OTHER)} END)`;
    case 'political':
      return `(CASE WHEN c.political_status = '' THEN ${P.p(UNFILLED)} ${POLITICAL_BUCKETS.map(b => whenIn('c.political_status', b.statuses, b.label)).join(' ')} ELSE ${P.p(OTHER)} END)`;
    case 'ageBand':
      return bandSql('c.birth', AGE_BANDS, refIndex, P);
    case 'generation': {
      const year = 'CAST(substr(c.birth, 1, 4) AS INTEGER)';
      const tests = GENERATION_BANDS.slice(0, -1).map(g => `WHEN ${year} < ${g.to!} THEN ${P.p(g.label)}`);
      return `(CASE WHEN NOT ${isDate('c.birth')} THEN ${P.p(UNFILLED)} ${tests.join(' ')} ELSE ${P.p(GENERATION_BANDS[GENERATION_BANDS.length - 1].label)} END)`;
    }
    case 'ftEducation':
      return `(CASE WHEN c.ft_education = '' THEN ${P.p(UNFILLED)} ${EDUCATION_BUCKETS.map(b => whenIn('c.ft_education', b.names, b.label)).join(' ')} ELSE ${P.p(OTHER)} END)`;
    case 'highestEducation': {
      // The higher of the two: the first bucket (研究生 first) either column is in.
      const tests = EDUCATION_BUCKETS.map(b => {
        const names = P.list(b.names);
        return `WHEN c.ft_education IN (${names}) OR c.pt_education IN (${names}) THEN ${P.p(b.label)}`;
      });
      return `(CASE ${tests.join(' ')} WHEN c.ft_education = '' AND c.pt_education = '' THEN ${P.p(UNFILLED)} ELSE ${P.p(OTHER)} END)`;
    }
    case 'degree': {
      const tests = DEGREE_WORDS.map(w => {
        const word = P.p(w);
        return `WHEN instr(c.ft_degree, ${word}) > 0 OR instr(c.pt_degree, ${word}) > 0 THEN ${word}`;
      });
      return `(CASE ${tests.join(' ')} ELSE ${P.p(OTHER)} END)`;
    }
    case 'title':
      return `(CASE ${TITLE_RULES.map(r => `WHEN ${textTest('c.professional_title', r.test, r.text, P)} THEN ${P.p(r.category)}`).join(' ')} ELSE ${P.p(OTHER)} END)`;
    case 'yearsInPost':
      return bandSql('c.post_date', YEARS_IN_POST_BANDS, refIndex, P);
  }
}
