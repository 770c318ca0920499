/**
 * The 简历 line an event writes, in the form's style (shared/domain/roster/resume.ts):
 * a taken post opens '2026.11--         区发改局局长', closing the line that was open
 * ('2021.09--2026.11  区发改局副局长'). The line is proposed, shown and may be edited
 * before it is written; the same function writes what was shown.
 */
import { appendResumeLine, parseResume, renderResume, type ResumeLine } from '../roster/resume';
import { isLeaving, type EventKind } from './kinds';

export interface ResumeEvent {
  kind: EventKind;
  /** Canonical 'YYYY-MM' or 'YYYY-MM-DD'. */
  date: string;
  post: string;
  removedPost: string;
  rank: string;
}

/** The cadre's 现任职务 before the event (a rank promotion keeps it and adds the rank). */
export function proposedResumeLine(e: ResumeEvent, currentPost: string): string {
  const start = e.date.slice(0, 7);
  const text = lineText(e, currentPost);
  return text ? renderResume([{ start, end: '', text, notes: [] }]) : '';
}

function lineText(e: ResumeEvent, currentPost: string): string {
  if (isLeaving(e.kind) || e.kind === '免职') return '';
  if (e.kind === '职级晋升') return [currentPost.trim(), e.rank.trim()].filter(Boolean).join('、');
  if (e.kind === '挂职锻炼') return e.post.trim() && (e.post.trim().startsWith('挂') ? e.post.trim() : `挂任${e.post.trim()}`);
  return e.post.trim();
}

/** A 挂职 runs beside the post; every other kind ends what was open (免职: the lines naming what was removed). */
function closes(e: ResumeEvent, line: ResumeLine): boolean {
  if (line.end !== '' || e.kind === '挂职锻炼') return false;
  if (e.kind === '免职') return !!e.removedPost.trim() && (line.text.includes(e.removedPost.trim()) || e.removedPost.trim().endsWith(line.text));
  return true;
}

export type ResumeOutcome = { ok: true; text: string; closed: string[]; added: string } | { ok: false; message: string };

/**
 * The 简历 after the event: the open lines it ends are closed at its month, and
 * `line` (the proposed line, possibly edited; '' for none) goes in date order.
 * A 简历 that does not parse is left as written, the line appended at its end.
 */
export function resumeAfterEvent(resume: string, e: ResumeEvent, line: string): ResumeOutcome {
  let added: ResumeLine | null = null;
  if (line.trim()) {
    const parsed = parseResume(line);
    if (parsed.problems.length || parsed.lines.length !== 1) {
      const why = parsed.problems[0]?.message ?? '只能写一行';
      return { ok: false, message: `简历行「${line.trim()}」无法识别：${why}` };
    }
    added = parsed.lines[0];
  }
  const current = parseResume(resume);
  if (current.problems.length) {
    const text = added ? `${resume.trimEnd()}\n${renderResume([added])}`.trim() : resume;
    return { ok: true, text, closed: [], added: added ? renderResume([added]) : '' };
  }
  const month = e.date.slice(0, 7);
  const closed: string[] = [];
  const lines = current.lines.map(l => {
    if (!closes(e, l) || l.start > month) return l;
    const ended = { ...l, end: month };
    closed.push(renderResume([ended]));
    return ended;
  });
  const text = added ? appendResumeLine(renderResume(lines), added) : renderResume(lines);
  return { ok: true, text, closed, added: added ? renderResume([added]) : '' };
}
