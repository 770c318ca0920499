/**
 * Wrong inputs generated from a route's zod input schema (zod 4), so routes
 * added later are covered without anyone writing cases for them.
 *
 * sampleOf() builds a valid value for a schema (every optional field filled,
 * so nested fields are reachable); wrongInputs() walks that value alongside
 * the schema and, at every field, swaps in wrong types, deletes it, and tries
 * huge strings, negative / zero / fractional / NaN / infinite / huge numbers,
 * arrays for objects, extra keys and prototype-pollution keys (as JSON text,
 * so `__proto__` is an own key, as it is when it arrives over IPC or HTTP).
 */
import type { z } from 'zod';

type Schema = z.ZodType;
type Path = (string | number)[];

const defOf = (s: Schema): any => (s as any)._zod.def;

const ok = (s: Schema, v: unknown) => s.safeParse(v).success;

/** Strings that satisfy the patterns the contract uses (ids, snapshot names, dates, column ids). */
const STRING_CANDIDATES = ['abc', 'name', 'A1b_', '2024-01-01', 'cadre-desk-2026-01-01T080000-manual.db', '1985.03', '1985-03', 'x.xlsx', '/tmp/x.xlsx'];

/** A valid value for `s`, or undefined when none was found (deep recursion, exotic refinements). */
export function sampleOf(s: Schema, depth = 0): unknown {
  if (depth > 8) return undefined;
  const def = defOf(s);
  const first = (cands: unknown[]) => cands.find(c => c !== undefined && ok(s, c));
  switch (def.type) {
    case 'string': {
      const min = (s as any).minLength ?? 0;
      return first([...STRING_CANDIDATES, 'x'.repeat(Math.max(1, min))]);
    }
    case 'number':
      return first([1, 0, 2024, 0.5]);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'literal':
      return def.values[0];
    case 'enum':
      return Object.values(def.entries)[0];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return sampleOf(def.innerType, depth + 1) ?? (def.type === 'nullable' ? null : undefined);
    case 'pipe':
      return sampleOf(def.in, depth + 1);
    case 'lazy':
      return sampleOf(def.getter(), depth + 1);
    case 'union':
      return first(def.options.map((o: Schema) => sampleOf(o, depth + 1)));
    case 'array': {
      const el = sampleOf(def.element, depth + 1);
      return first([el === undefined ? undefined : [el], []]);
    }
    case 'tuple':
      return def.items.map((i: Schema) => sampleOf(i, depth + 1));
    case 'record': {
      const key = sampleOf(def.keyType, depth + 1);
      const value = sampleOf(def.valueType, depth + 1);
      return first([typeof key === 'string' && value !== undefined ? { [key]: value } : undefined, {}]);
    }
    case 'object': {
      const full: Record<string, unknown> = {};
      const required: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, Schema>)) {
        const x = sampleOf(v, depth + 1);
        if (x === undefined) continue;
        full[k] = x;
        if (!isOptional(v)) required[k] = x;
      }
      return first([full, required]);
    }
    default:
      return undefined;
  }
}

function isOptional(s: Schema): boolean {
  const t = defOf(s).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

/** The schema under wrappers (optional, nullable, default, lazy, pipe). */
function unwrap(s: Schema): Schema {
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) s = def.innerType;
    else if (def.type === 'lazy') s = def.getter();
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
  return s;
}

/** The schema of the field at `key` inside `s` (object shape, array element, record value, union branch). */
function child(s: Schema, key: string | number, value: unknown): Schema | undefined {
  const inner = unwrap(s);
  const def = defOf(inner);
  if (def.type === 'object') return def.shape[key];
  if (def.type === 'array') return def.element;
  if (def.type === 'tuple') return def.items[key as number];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    for (const o of def.options as Schema[]) if (ok(o, value)) return child(o, key, (value as any)?.[key]);
  }
  return undefined;
}

export interface WrongInput {
  /** What was done where, for the test's message. */
  what: string;
  input: unknown;
  /** A shape the doors must refuse before validating (zod itself would overflow on it). */
  hostile?: true;
}

/** `{a:{a:…}}` nested `levels` deep, built without recursion. */
export function nestedValue(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}
/** Shared by every route: built once. */
const DEEP = nestedValue(5_000);
const WIDE = Object.freeze(new Array(2_000_000).fill(0));

export const HUGE_STRING = 'x'.repeat(1 << 20);
const WRONG_TYPES: [string, unknown][] = [
  ['a number', 12345],
  ['a string', 'text'],
  ['true', true],
  ['null', null],
  ['an empty array', []],
  ['an array of numbers', [1, 2]],
  ['an object', { a: 1 }],
];
const NUMBERS: [string, unknown][] = [
  ['-1', -1],
  ['0', 0],
  ['0.5', 0.5],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['2^53', 2 ** 53],
  ['1e308', 1e308],
  ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
  ['2^31', 2 ** 31],
  ['"NaN"', 'NaN'],
  ['"1"', '1'],
];
const STRINGS: [string, unknown][] = [
  ['a 1 MB string', HUGE_STRING],
  ['an empty string', ''],
  ['NUL and control characters', '\u0000\u0001\u001b'],
  ['a lone surrogate', '\uD800x'],
  ['"__proto__"', '__proto__'],
];
const POLLUTION = ['__proto__', 'constructor', 'prototype'];

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (remove) delete copy[head];
    else copy[head] = value;
  } else copy[head] = setAt(copy[head], rest, value, remove);
  return copy;
}

/** `root` with a key added inside the object at `path`, built through JSON so the key is an own property. */
function withOwnKey(root: unknown, path: Path, key: string, payload: unknown): unknown {
  const marker = '"__fuzz_marker__":0';
  const target = setAt(root, path, { ...(getAt(root, path) as object), __fuzz_marker__: 0 });
  const text = JSON.stringify(target).replace(marker, `${JSON.stringify(key)}:${JSON.stringify(payload)}`);
  return JSON.parse(text);
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<any>((v, k) => v?.[k], root);
}

/** Every wrong input for a route, from its input schema. */
export function wrongInputs(schema: Schema): WrongInput[] {
  const out: WrongInput[] = [];
  const sample = sampleOf(schema);
  // The input as a whole: not an object at all.
  for (const [what, v] of [
    ['a string', 'x'],
    ['a number', 7],
    ['an array', []],
    ['an array holding the input', [sample]],
    ['true', true],
    ['NaN', NaN],
  ] as [string, unknown][]) {
    out.push({ what: `input is ${what}`, input: v });
  }
  if (sample === undefined) return out;
  // Shapes that once stopped a door: deep nesting and huge arrays, in the input and as it.
  const base = typeof sample === 'object' && sample !== null && !Array.isArray(sample) ? sample : {};
  out.push({ what: 'hostile: a key nested 5,000 deep', input: { ...base, deep: DEEP }, hostile: true });
  out.push({ what: 'hostile: the input nested 5,000 deep', input: DEEP, hostile: true });
  out.push({ what: 'hostile: a key holding 2,000,000 values', input: { ...base, wide: WIDE }, hostile: true });

  const visit = (s: Schema, value: unknown, path: Path, depth: number) => {
    if (depth > 10) return;
    const where = path.length ? path.join('.') : 'input';
    const inner = unwrap(s);
    const type = defOf(inner).type;
    if (path.length) {
      for (const [what, v] of WRONG_TYPES) out.push({ what: `${where} = ${what}`, input: setAt(sample, path, v) });
      out.push({ what: `${where} missing`, input: setAt(sample, path, undefined, true) });
    }
    if (type === 'number' || (type === 'union' && typeof value === 'number')) {
      for (const [what, v] of NUMBERS) out.push({ what: `${where} = ${what}`, input: setAt(sample, path, v) });
    }
    if (type === 'string' || typeof value === 'string') {
      for (const [what, v] of STRINGS) out.push({ what: `${where} = ${what}`, input: setAt(sample, path, v) });
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.push({ what: `${where}: an array instead of the object`, input: setAt(sample, path, [value]) });
      out.push({ what: `${where}: an extra key`, input: setAt(sample, path, { ...value, extraKey: 1 }) });
      for (const key of POLLUTION) {
        out.push({ what: `${where}: own key ${key}`, input: withOwnKey(sample, path, key, { polluted: 'yes', prototype: { polluted: 'yes' } }) });
      }
      for (const [k, v] of Object.entries(value)) {
        const c = child(s, k, v);
        if (c) visit(c, v, [...path, k], depth + 1);
      }
    }
    if (Array.isArray(value) && value.length) {
      out.push({
        what: `${where}: 100,001 elements`,
        input: setAt(
          sample,
          path,
          Array.from({ length: 100_001 }, () => value[0]),
        ),
      });
      const c = child(s, 0, value[0]);
      if (c) visit(c, value[0], [...path, 0], depth + 1);
    }
  };
  visit(schema, sample, [], 0);
  return out;
}
