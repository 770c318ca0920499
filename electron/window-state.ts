/**
 * Remembers the main window's bounds and maximized state in
 * `<userData>/window-state.json`. Pure Node: the caller passes the displays'
 * work areas in (from Electron's `screen`), so this is unit-tested without
 * Electron. A missing, corrupt or nonsensical file never stops the app: it
 * falls back to the defaults, and bounds that would put the window off screen
 * are pulled back into a work area.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './services/common/files';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the window manager place (centre) the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
/** How much of the window must overlap a work area to count as visible. */
const MIN_VISIBLE = 120;

/**
 * Reads the saved state and makes it usable on the current screens.
 * `workAreas`: the displays' work areas, primary first (at least one is
 * expected; with none, the bounds are only sanity-checked).
 */
export function loadWindowState(file: string, defaults: WindowState, workAreas: Rect | readonly Rect[] = []): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  return sanitizeWindowState(raw, defaults, Array.isArray(workAreas) ? workAreas : [workAreas as Rect]);
}

/** Writes the state atomically (common/files' writeFileAtomic). Returns false on failure; never throws. */
export function saveWindowState(file: string, state: WindowState): boolean {
  const clean: WindowState = {
    width: Math.round(state.width),
    height: Math.round(state.height),
    maximized: state.maximized === true,
  };
  if (isNum(state.x) && isNum(state.y)) {
    clean.x = Math.round(state.x);
    clean.y = Math.round(state.y);
  }
  if (!isNum(clean.width) || !isNum(clean.height) || clean.width <= 0 || clean.height <= 0) return false;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(clean, null, 2) + '\n');
    return true;
  } catch {
    return false;
  }
}

/** Turns anything (parsed JSON, possibly garbage) into a state that fits the screens. */
export function sanitizeWindowState(raw: unknown, defaults: WindowState, workAreas: readonly Rect[]): WindowState {
  const areas = workAreas.filter(a => a && isNum(a.x) && isNum(a.y) && isNum(a.width) && isNum(a.height) && a.width > 0 && a.height > 0);
  const r = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;

  let width = isNum(r.width) && r.width > 0 ? Math.round(r.width) : defaults.width;
  let height = isNum(r.height) && r.height > 0 ? Math.round(r.height) : defaults.height;
  const maximized = typeof r.maximized === 'boolean' ? r.maximized : defaults.maximized;
  let x = isNum(r.x) ? Math.round(r.x) : undefined;
  let y = isNum(r.y) ? Math.round(r.y) : undefined;
  if (x === undefined || y === undefined) {
    x = defaults.x;
    y = defaults.y;
  }

  width = Math.max(width, MIN_WIDTH);
  height = Math.max(height, MIN_HEIGHT);
  if (areas.length === 0) {
    return withPosition({ width, height, maximized }, x, y);
  }

  // The work area the window mostly sits on; if it is on none, the primary one.
  const rect = { x: x ?? areas[0].x, y: y ?? areas[0].y, width, height };
  let best = areas[0];
  let bestOverlap = -1;
  for (const a of areas) {
    const o = overlap(rect, a);
    if (o > bestOverlap) {
      best = a;
      bestOverlap = o;
    }
  }

  // Never larger than the work area (the minimum size yields on small screens).
  width = Math.min(width, best.width);
  height = Math.min(height, best.height);
  if (x === undefined || y === undefined) return { width, height, maximized };

  const visible = overlapSize({ x, y, width, height }, best);
  if (visible.w < Math.min(MIN_VISIBLE, width) || visible.h < Math.min(MIN_VISIBLE, height) || bestOverlap <= 0) {
    // Off screen (a display was unplugged, or the file was edited): pull it in.
    x = clamp(x, best.x, best.x + best.width - width);
    y = clamp(y, best.y, best.y + best.height - height);
  }
  // The title bar must always be reachable.
  y = clamp(y, best.y, best.y + best.height - Math.min(height, MIN_VISIBLE));
  x = clamp(x, best.x - width + MIN_VISIBLE, best.x + best.width - MIN_VISIBLE);
  return { x, y, width, height, maximized };
}

function withPosition(s: WindowState, x: number | undefined, y: number | undefined): WindowState {
  return x !== undefined && y !== undefined ? { x, y, ...s } : s;
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;
}

function clamp(v: number, lo: number, hi: number): number {
  return hi < lo ? lo : Math.min(Math.max(v, lo), hi);
}

function overlapSize(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

function overlap(a: Rect, b: Rect): number {
  const { w, h } = overlapSize(a, b);
  return w * h;
}
