/**
 * 年度考核结果 as one line of text, the way the appointment form (and its .lrmx
 * file) writes it: '2022年度考核称职；2023年度考核优秀；2024年度考核不定等次（新录用公务员试用期内）'.
 * The one home of that text form: the .lrmx writer and reader, and any view
 * that prints the form, use these two functions.
 */
import { ASSESSMENT_GRADES } from '../roster/codes';

export interface AssessmentEntry {
  year: number;
  grade: string;
  note: string;
}

/** Entries by year, joined with '；'. A note goes in full-width brackets after the grade. */
export function formatAssessments(list: readonly AssessmentEntry[]): string {
  return [...list]
    .sort((a, b) => a.year - b.year)
    .map(a => `${a.year}年度考核${a.grade}${a.note.trim() ? `（${a.note.trim()}）` : ''}`)
    .join('；');
}

// Longest names first so 基本称职 / 不称职 are not read as 称职.
const GRADES = ASSESSMENT_GRADES.map(g => g.name).sort((a, b) => b.length - a.length);
const GRADE_RE = GRADES.join('|');
/**
 * One entry: one or more years ('2021、2022年度'), optional filler words
 * (年度 / 年 / 考核 / 结果 / 为 / ：), a grade, an optional bracketed note.
 */
const ENTRY = new RegExp(
  `((?:\\d{4}\\s*(?:年度?|年年度)?\\s*[、，,和及与]\\s*)*\\d{4})\\s*(?:年年度|年度|年)?\\s*(?:年度)?\\s*(?:考核)?\\s*(?:结果)?\\s*(?:等次)?\\s*(?:为|是)?\\s*[:：]?\\s*(${GRADE_RE})(?:\\s*[（(]([^（）()]*)[）)])?`,
  'g',
);

export interface AssessmentParse {
  entries: AssessmentEntry[];
  /** Text that did not read as an entry (punctuation and blanks removed); '' when all of it did. */
  rest: string;
}

/**
 * Reads the text back into entries. Years repeated keep the last grade. What
 * cannot be read is returned in `rest` so the caller can keep it rather than
 * lose it.
 */
export function parseAssessments(text: string): AssessmentParse {
  const src = String(text ?? '').replace(/[\uFF10-\uFF19]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const byYear = new Map<number, AssessmentEntry>();
  let rest = '';
  let from = 0;
  ENTRY.lastIndex = 0;
  for (let m = ENTRY.exec(src); m; m = ENTRY.exec(src)) {
    rest += src.slice(from, m.index);
    from = m.index + m[0].length;
    const years = (m[1].match(/\d{4}/g) ?? []).map(Number);
    if (years.some(y => y < 1950 || y > 2100)) {
      rest += m[0];
      continue;
    }
    for (const year of years) byYear.set(year, { year, grade: m[2], note: (m[3] ?? '').trim() });
  }
  rest += src.slice(from);
  return {
    entries: [...byYear.values()].sort((a, b) => a.year - b.year),
    rest: rest.replace(/[\s；;，,。.、]+/g, ' ').trim(),
  };
}
