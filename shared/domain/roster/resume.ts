/**
 * 简历: the career lines of the appointment form, the one home of their syntax.
 *
 * Canonical text, as the national form software writes it (one line per entry):
 *   1999.09--2003.07  东北大学工商管理学院工商管理专业学习
 *   2021.09--         沈阳市浑南区委常委、常务副区长（其间：2022.09--2024.07 在省委党校在职研究生学习）
 */
import { formatDate, parseDateInput } from '../common/dates';

export interface ResumeLine {
  /** Canonical 'YYYY-MM'. */
  start: string;
  /** Canonical 'YYYY-MM', or '' meaning 至今. */
  end: string;
  /** Unit and post, without the notes. */
  text: string;
  /** In-service-study notes without the （其间：…） wrapper, e.g. '2010.09--2013.07 在中央党校研究生院在职研究生学习'. */
  notes: string[];
}

export interface ResumeProblem {
  /** 1-based line of the input text. */
  line: number;
  message: string;
}

export interface ResumeParse {
  lines: ResumeLine[];
  problems: ResumeProblem[];
}

/** Full-width ASCII → half-width, U+3000 → space: one UTF-16 unit for one, so indices carry over. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// All patterns run on the half-width copy of a line.
/** One date: 1999年9月(1日), 1999.09(.01), 1999/9, 1999-09(-01), 199909. */
const DATE =
  /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}\s*[./]\s*\d{1,2}(?!\d)(?:\s*[./]\s*\d{1,2}(?!\d))?|\d{4}-\d{1,2}(?!\d)(?:-\d{1,2}(?!\d))?|\d{6}(?!\d)/y;
/** Between the dates: --, -, —, ——, –, ~, ～, 至, 到; 一 (a mistyped dash) only before a date. */
const SEP = /\s*(?:[-\u2014\u2013\u2015\u2500\u2212~\u301C]+|至|到|一(?=\s*\d{4}))\s*/y;
const OPEN_END = /至今|今/y;
/** A line that starts like this means to start with a date, so failing to read one is a problem. */
const DATE_LIKE = /^\d{4}\s*(?:[./]\s*\d|年\s*\d|-\s*\d|[-\u2014\u2013\u2015\u2500\u2212~\u301C至到]|\d{2}(?!\d))/;
/** After the separator: a year that did not read as a date (1999.09--2003 …) is a problem, not text. */
const END_LIKE = /\d{4}(?:\s*[./-]\s*\d|\s*年\s*\d|\s|$)/y;

type Range = { start: string; end: string; rest: string } | { problem: string };

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

function toMonth(token: string, label: string): { value: string } | { problem: string } {
  const parsed = parseDateInput(token);
  return parsed.ok ? { value: parsed.value.slice(0, 7) } : { problem: `${label}：${parsed.message}` };
}

/**
 * Reads the leading 'start--end' of a trimmed line. Null when the line does not start with a
 * date at all (a continuation line); `rest` is sliced from the original, not the half-width copy.
 */
function parseRange(line: string): Range | null {
  const h = halfWidth(line);
  const first = sticky(DATE, h, 0);
  if (!first) {
    if (!DATE_LIKE.test(h)) return null;
    return { problem: `无法识别的起止时间「${line.split(/\s/)[0]}」，应写作“1999.09--2003.07”，至今则写作“2020.01--”` };
  }
  const start = toMonth(first[0], '起始时间');
  if ('problem' in start) return start;
  const sep = sticky(SEP, h, first[0].length);
  if (!sep) {
    return { problem: `「${first[0].trim()}」后缺少“--”和结束时间，应写作“1999.09--2003.07”，至今则写作“2020.01--”` };
  }
  let at = sep.index + sep[0].length;
  let end = '';
  const open = sticky(OPEN_END, h, at);
  const second = open ? null : sticky(DATE, h, at);
  if (open) {
    at += open[0].length;
  } else if (second) {
    const parsed = toMonth(second[0], '结束时间');
    if ('problem' in parsed) return parsed;
    end = parsed.value;
    at += second[0].length;
  } else if (sticky(END_LIKE, h, at)) {
    return { problem: `无法识别的结束时间「${line.slice(at).split(/\s/)[0]}」，应写到月份，如“2003.07”` };
  }
  return {
    start: start.value,
    end,
    rest: line
      .slice(at)
      .trim()
      .replace(/^[，,、:：]\s*/, ''),
  };
}

const NOTE_OPEN = /[（(]\s*其\s*间/g;
const OPENERS = '（(';
const CLOSERS = '）)';

/** Unclosed brackets in s. */
function openBrackets(s: string): number {
  let depth = 0;
  for (const c of s) {
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c) && depth > 0) depth--;
  }
  return depth;
}

/**
 * Does `line` continue a （其间：… note that `raw` left open, even though it starts with a date
 * ('（其间：2010.09--' / '2012.07 在省委党校学习）')? Only when the line closes the note: a
 * forgotten bracket must not swallow the entries after it.
 */
function continuesOpenNote(raw: string, line: string): boolean {
  let last = -1;
  for (const m of raw.matchAll(NOTE_OPEN)) last = m.index;
  if (last === -1) return false;
  const depth = openBrackets(raw.slice(last));
  return depth > 0 && openBrackets(raw.slice(last) + line) < depth;
}

/** Splits s at top-level ；/; (not inside brackets). */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c) && depth > 0) depth--;
    else if ((c === '；' || c === ';') && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

/** '2010年9月至2013年7月在…学习' → '2010.09--2013.07 在…学习'; a note without a readable range is kept as written. */
function normalizeNote(raw: string): string {
  const note = raw.trim().replace(/。+$/, '');
  const range = parseRange(note);
  if (!range || 'problem' in range || range.rest === '' || (range.end !== '' && range.end < range.start)) return note;
  return `${formatDate(range.start)}--${formatDate(range.end)} ${range.rest}`;
}

/** Takes the （其间：…；…） groups out of an entry's text, wherever they stand. */
function splitNotes(raw: string): { text: string; notes: string[] } {
  const textParts: string[] = [];
  const notes: string[] = [];
  let from = 0;
  NOTE_OPEN.lastIndex = 0;
  for (let m = NOTE_OPEN.exec(raw); m; m = NOTE_OPEN.exec(raw)) {
    textParts.push(raw.slice(from, m.index));
    let depth = 0;
    let close = raw.length; // an unclosed note runs to the end
    for (let i = m.index; i < raw.length; i++) {
      if (OPENERS.includes(raw[i])) depth++;
      else if (CLOSERS.includes(raw[i]) && --depth === 0) {
        close = i;
        break;
      }
    }
    const body = raw.slice(m.index + 1, close).replace(/^\s*其\s*间\s*[:：]?\s*/, '');
    for (const part of splitTopLevel(body)) {
      const note = normalizeNote(part);
      if (note !== '') notes.push(note);
    }
    from = close + 1;
    NOTE_OPEN.lastIndex = from;
  }
  textParts.push(raw.slice(from));
  return { text: textParts.join('').trim(), notes };
}

/** Wrapped Chinese text joins directly; two Latin/digit ends keep a space between them. */
function joinWrapped(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * A line as renderResume writes it: 'yyyy.MM--yyyy.MM  text' or 'yyyy.MM--  text', the text
 * not starting like a date, an open end (至今) or a separator that the general reader treats apart.
 */
const PLAIN_LINE = /^((?:19|20)\d{2})\.(0[1-9]|1[0-2])--(?:((?:19|20)\d{2})\.(0[1-9]|1[0-2]))?\s+([^\s\d，,、:：今至].*)$/;

/**
 * The common case, one pattern per line: every line as renderResume writes it, its notes
 * closed on the same line, no end before its start. Null for anything else (wrapped lines,
 * other date forms, problems), which the general reader takes; for these both give the same
 * lines. Reviewing 100,000 stored 简历 at once (数据质量) needs this speed.
 */
const BRACKET = /[（()）]/;

function parsePlain(text: string): ResumeLine[] | null {
  const lines: ResumeLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = PLAIN_LINE.exec(line);
    if (!m || (BRACKET.test(line) && openBrackets(line) > 0)) return null;
    const start = `${m[1]}-${m[2]}`;
    const end = m[3] ? `${m[3]}-${m[4]}` : '';
    if (end !== '' && end < start) return null;
    const { text: body, notes } = m[5].includes('其') ? splitNotes(m[5]) : { text: m[5], notes: [] };
    if (body === '' && notes.length === 0) return null;
    lines.push({ start, end, text: body, notes });
  }
  return lines;
}

const HEADING = /^简\s*历\s*[:：]?$/;

/**
 * Reads 简历 text as users and the national form software write it: one dated line per entry
 * ('1999.09--2003.07  text', separators --, -, —, ——, –, ~, ～, 至; '1999年9月至2003年7月';
 * open end '2020.01--' or '2020.01至今'; full-width digits and dots); a line without a leading
 * date continues the previous entry's text; '（其间：…；…）' / '(其间:…)' notes anywhere in an
 * entry, on its line or their own, may wrap. Lines keep their input order.
 * A dated line that cannot be read is reported and dropped together with its continuations.
 */
export function parseResume(text: string): ResumeParse {
  const plain = parsePlain(String(text ?? ''));
  if (plain) return { lines: plain, problems: [] };
  const problems: ResumeProblem[] = [];
  const entries: { line: number; start: string; end: string; raw: string }[] = [];
  let current: (typeof entries)[number] | null = null;
  let dropping = false;

  String(text ?? '')
    .split(/\r\n|\r|\n/)
    .forEach((rawLine, i) => {
      const line = rawLine.trim();
      if (line === '' || (entries.length === 0 && !dropping && HEADING.test(line))) return;
      const range = current && continuesOpenNote(current.raw, line) ? null : parseRange(line);
      if (range === null) {
        const piece = /^其\s*间\s*[:：]/.test(line) ? `（${line}）` : line;
        if (current) current.raw = joinWrapped(current.raw, piece);
        else if (!dropping) {
          problems.push({ line: i + 1, message: '此行之前没有带起止时间的简历行，应以“1999.09--2003.07  单位及职务”开头' });
        }
        return;
      }
      if ('problem' in range) {
        problems.push({ line: i + 1, message: range.problem });
        current = null;
        dropping = true;
        return;
      }
      if (range.end !== '' && range.end < range.start) {
        problems.push({
          line: i + 1,
          message: `结束时间 ${formatDate(range.end)} 早于起始时间 ${formatDate(range.start)}`,
        });
      }
      current = { line: i + 1, start: range.start, end: range.end, raw: range.rest };
      entries.push(current);
      dropping = false;
    });

  const lines = entries.map(e => {
    const { text: body, notes } = splitNotes(e.raw);
    if (body === '' && notes.length === 0) problems.push({ line: e.line, message: '缺少单位及职务' });
    return { start: e.start, end: e.end, text: body, notes };
  });
  problems.sort((a, b) => a.line - b.line);
  return { lines, problems };
}

const OPEN_END_PAD = ' '.repeat(7); // as wide as '2003.07', so the texts line up

function renderLine(l: ResumeLine): string {
  const notes = l.notes.length > 0 ? `（其间：${l.notes.join('；')}）` : '';
  const end = l.end === '' ? OPEN_END_PAD : formatDate(l.end.slice(0, 7));
  return `${formatDate(l.start.slice(0, 7))}--${end}  ${l.text}${notes}`.trimEnd();
}

/** The canonical text: 'yyyy.MM--yyyy.MM  text（其间：…；…）', one line each, '\n' between. */
export function renderResume(lines: readonly ResumeLine[]): string {
  return lines.map(renderLine).join('\n');
}

const YEAR_MONTH = /^\d{4}-\d{2}$/;

/**
 * Adds a line (e.g. a finished secondment '2023.03--2024.03  挂任北京市××区××局副局长') before
 * the first line that starts later, and returns the canonical text. A line already present
 * (same dates and text) is not added twice. Text that does not parse is left as written
 * and the new line goes at its end.
 */
export function appendResumeLine(text: string, line: ResumeLine): string {
  if (!YEAR_MONTH.test(line.start) || (line.end !== '' && !YEAR_MONTH.test(line.end))) {
    throw new RangeError(`resume line dates must be 'YYYY-MM': ${line.start}--${line.end}`);
  }
  const parsed = parseResume(text);
  if (parsed.problems.length > 0) return `${String(text ?? '').trimEnd()}\n${renderLine(line)}`;
  const lines = parsed.lines;
  const exists = lines.some(l => l.start === line.start && l.end === line.end && l.text === line.text.trim());
  if (!exists) {
    const at = lines.findIndex(l => l.start > line.start);
    lines.splice(at === -1 ? lines.length : at, 0, { ...line, text: line.text.trim(), notes: [...line.notes] });
  }
  return renderResume(lines);
}
