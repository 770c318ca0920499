/**
 * Bounds on the shape of a request, checked before anything walks it.
 *
 * zod's validation, JSON.parse's callers and the page door's path-key scan all
 * recurse or iterate over the input: a 5,000-level nesting overflowed the stack
 * and a 26-million-element array held the web host for 100 s. Every door (web
 * host, Electron IPC, CLI) therefore measures the input first, without
 * recursion and stopping at the first excess, and refuses it in Chinese.
 */

/** Deeper than any route's input (the 组合查询 allows a few levels of groups). */
export const MAX_DEPTH = 64;
/** Values in one request: a pasted block of 20,000 rows × 40 columns stays well under it. */
export const MAX_VALUES = 1_000_000;

export const TOO_DEEP = `请求内容嵌套过深（超过 ${MAX_DEPTH} 层），已拒绝`;
export const TOO_MANY = `请求内容过多（超过 ${MAX_VALUES.toLocaleString('en-US')} 个值），已拒绝`;

/** A Chinese reason when a parsed value (IPC, CLI, or JSON already parsed) exceeds the bounds; null when it is fine. */
export function valueBoundsProblem(input: unknown): string | null {
  const stack: [unknown, number][] = [[input, 0]];
  let values = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++values > MAX_VALUES) return TOO_MANY;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) {
      if (values + v.length > MAX_VALUES) return TOO_MANY;
      for (const x of v) stack.push([x, depth + 1]);
    } else {
      let keys = 0;
      for (const k in v) {
        if (values + ++keys > MAX_VALUES) return TOO_MANY;
        if (Object.prototype.hasOwnProperty.call(v, k)) stack.push([(v as Record<string, unknown>)[k], depth + 1]);
      }
    }
  }
  return null;
}

/**
 * The same bounds on JSON text before it is parsed: one linear pass over the
 * bytes, counting nesting and separators outside strings. A large upload is
 * one long string and passes at the cost of the scan.
 */
export function jsonTextBoundsProblem(text: Buffer): string | null {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_DEPTH) return TOO_DEEP;
      if (++values > MAX_VALUES) return TOO_MANY;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
    else if (c === 0x2c /* , */ && ++values > MAX_VALUES) return TOO_MANY;
  }
  return null;
}
