/**
 * Checking the shape of parsed JSON, for parts too large for zod: a 5,000-cadre package's
 * records took zod longer than JSON.parse took to read them. Each check is a plain type guard
 * (no issue objects, no copies), and the type a check admits is inferred from it, so the
 * record types below are written once, as their checks.
 */

/** A check of one value; true when the value has the shape (and then is a T). */
export type Check<T> = (v: unknown) => v is T;
export type Checked<C> = C extends Check<infer T> ? T : never;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of at most `max` UTF-16 units (zod's .max counts the same way). */
export const text =
  (max: number): Check<string> =>
  (v): v is string =>
    typeof v === 'string' && v.length <= max;

export const integer =
  (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  (v): v is number =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

export const boolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const allowed = new Set<string>(values);
  return (v): v is T => typeof v === 'string' && allowed.has(v);
}

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v): v is T | null =>
    v === null || check(v);

export const listOf =
  <T>(check: Check<T>, max: number): Check<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.length <= max && v.every(check);

/** An object of string keys (each passing `key`) to values passing `value`. */
export const recordOf =
  <T>(key: Check<string>, value: Check<T>): Check<Record<string, T>> =>
  (v): v is Record<string, T> => {
    if (!isRecord(v)) return false;
    for (const k in v) if (!key(k) || !value(v[k])) return false;
    return true;
  };

/** Exactly these keys (as zod's strictObject: none missing, none more), each passing its check. */
export function exactObject<S extends Record<string, Check<unknown>>>(shape: S): Check<{ [K in keyof S]: Checked<S[K]> }> {
  const keys = Object.keys(shape);
  const checks = keys.map(k => shape[k]);
  return (v): v is { [K in keyof S]: Checked<S[K]> } => {
    if (!isRecord(v)) return false;
    let count = 0;
    for (const _ in v) count++;
    if (count !== keys.length) return false;
    for (let i = 0; i < keys.length; i++) if (!Object.hasOwn(v, keys[i]) || !checks[i](v[keys[i]])) return false;
    return true;
  };
}

/** The first element of `list` failing `check`, or -1 (`list` is known to be an array). */
export function firstMisfit(list: readonly unknown[], check: Check<unknown>): number {
  for (let i = 0; i < list.length; i++) if (!check(list[i])) return i;
  return -1;
}
