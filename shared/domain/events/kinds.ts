/**
 * The kinds of cadre event (职务变动) and what each one changes. Both sides use
 * these: the event dialog offers the kinds in this order, the service applies
 * them, the CLI checks --kind against them.
 */

/** In the order the event dialog offers them (migration 009 lists the same words). */
export const EVENT_KINDS = ['任职', '免职', '提任', '调任', '转任', '轮换', '职级晋升', '挂职锻炼', '退休', '调出', '辞职', '去世', '其他'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Leaving the roster: the cadre's status becomes the kind and the record moves to the 历史库. */
export const LEAVING_KINDS = ['退休', '调出', '辞职', '去世'] as const;
export type LeavingKind = (typeof LEAVING_KINDS)[number];

/** Kinds that give the cadre a post (任): unit, 现任职务, 领导职务层次 and 任现职时间 follow the event. */
const TAKES_POST: ReadonlySet<EventKind> = new Set(['任职', '提任', '调任', '转任', '轮换', '其他']);

export function isEventKind(text: string): text is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(text);
}

export function isLeaving(kind: string): kind is LeavingKind {
  return (LEAVING_KINDS as readonly string[]).includes(kind);
}

/** True when the kind sets unit, 现任职务 and 领导职务层次 (when the event names them). */
export function takesPost(kind: EventKind): boolean {
  return TAKES_POST.has(kind);
}

/** Which fields the event dialog asks for, per kind. */
export function eventFieldsOf(kind: EventKind): { post: boolean; removedPost: boolean; unit: boolean; level: boolean; rank: boolean } {
  if (isLeaving(kind)) return { post: false, removedPost: false, unit: false, level: false, rank: false };
  if (kind === '免职') return { post: false, removedPost: true, unit: false, level: false, rank: false };
  if (kind === '职级晋升') return { post: false, removedPost: false, unit: false, level: false, rank: true };
  if (kind === '挂职锻炼') return { post: true, removedPost: false, unit: false, level: false, rank: false };
  return { post: true, removedPost: true, unit: true, level: true, rank: true };
}
