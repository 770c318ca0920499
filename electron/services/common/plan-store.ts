/**
 * Previews (plans) waiting for their commit: an import reads and checks a
 * file, the user looks at the preview, then commits it by id. One store per
 * opened core (core/handlers.ts makes it with the handlers), so a restore's
 * reopen drops every plan made against the old file.
 *
 * Each kind of plan (the Excel import's jobs, .lrmx, member lists, scores)
 * has its own shelf with its own limit, so one importer never pushes out
 * another's preview.
 */
import { randomUUID } from 'node:crypto';

export interface ShelfOptions<T> {
  /** Most plans kept; the least recently used goes first. */
  max: number;
  /** Plans older than this (since last use) are dropped; none by default. */
  ttlMs?: number;
  /** A plan still working (e.g. an import job reading its file) is never pushed out. */
  busy?: (value: T) => boolean;
  /** Frees what a dropped plan holds (a worker thread). */
  dispose?: (value: T) => void;
}

interface Entry<T> {
  value: T;
  /** When last used (for the time limit), and in which order (several uses share a millisecond). */
  used: number;
  turn: number;
}

/** One kind of plan. */
export class PlanShelf<T> {
  private entries = new Map<string, Entry<T>>();
  private turns = 0;

  constructor(private readonly opts: ShelfOptions<T>) {}

  /** Keeps a new plan, making room first; returns its id. */
  put(value: T, id: string = randomUUID()): string {
    this.prune();
    this.entries.set(id, { value, used: Date.now(), turn: ++this.turns });
    return id;
  }

  /** The plan, marked as just used; undefined when unknown, expired or dropped. */
  get(id: string): T | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    e.used = Date.now();
    e.turn = ++this.turns;
    return e.value;
  }

  /** Forgets a plan (committed): nothing is disposed, the caller already used it. */
  delete(id: string): void {
    this.entries.delete(id);
  }

  values(): T[] {
    return [...this.entries.values()].map(e => e.value);
  }

  /** Drops every plan, disposing each. */
  clear(): void {
    const values = this.values();
    this.entries.clear();
    for (const v of values) this.opts.dispose?.(v);
  }

  private drop(id: string): void {
    const e = this.entries.get(id);
    this.entries.delete(id);
    if (e) this.opts.dispose?.(e.value);
  }

  private prune(): void {
    const now = Date.now();
    const { ttlMs, busy, max } = this.opts;
    const idle = [...this.entries].filter(([, e]) => !busy?.(e.value)).sort((a, b) => a[1].turn - b[1].turn);
    if (ttlMs !== undefined) for (const [id, e] of idle) if (now - e.used > ttlMs) this.drop(id);
    for (const [id] of idle) {
      if (this.entries.size < max) break;
      if (this.entries.has(id)) this.drop(id);
    }
  }
}

/** Every shelf of one opened core. */
export class PlanStore {
  private shelves = new Map<string, PlanShelf<unknown>>();

  /** The shelf for one kind of plan, made on first use. */
  shelf<T>(kind: string, opts: ShelfOptions<T>): PlanShelf<T> {
    let s = this.shelves.get(kind);
    if (!s) {
      s = new PlanShelf<T>(opts) as PlanShelf<unknown>;
      this.shelves.set(kind, s);
    }
    return s as PlanShelf<T>;
  }

  /** Drops every plan of every kind (the core closes or reopens). */
  clear(): void {
    for (const s of this.shelves.values()) s.clear();
  }
}

/** Previews of an import kept for the commit: the latest few, for an hour. */
export const PREVIEW_SHELF = { max: 4, ttlMs: 60 * 60 * 1000 } as const;
