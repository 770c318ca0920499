import type { Method, OutputOf } from '../../shared/contract/api';
import { AppError } from '../../shared/contract/errors';
import type { Core } from '../services/core/core';

/** Thrown for bad usage: exit code 2 with the help text. */
export class UsageError extends Error {}

export type OptionKind = 'flag' | 'value' | 'multi';

export interface OptionSpec {
  kind: OptionKind;
  /** Placeholder shown in help, e.g. 文件. */
  arg?: string;
  help: string;
}

export type OptionValues = Record<string, boolean | string | string[] | undefined>;

export interface CommandContext {
  /** Opens the database on first use (and closes it when the command ends). */
  core(): Core;
  dbPath: string;
  /** Calls a route through the same dispatcher the app uses; throws AppError on failure. */
  call<M extends Method>(method: M, input: unknown): Promise<OutputOf<M>>;
  /** Writes JSON to stdout. */
  printJson(value: unknown): void;
  /** Writes a line of text to stdout. */
  print(text: string): void;
}

export interface Command {
  /** The words that name it: ['list', 'cadres']. */
  words: string[];
  /** Positional arguments in help, e.g. 'FILE…'. */
  args?: string;
  positional?: { min: number; max: number };
  summary: string;
  options?: Record<string, OptionSpec>;
  /** Makes a new data file when there is none (demo, import, restore); every other command refuses a missing one. */
  createsData?: true;
  /** Returns the exit code (default 0). */
  run(ctx: CommandContext, options: OptionValues, positional: string[]): Promise<number | void>;
}

export async function callRoute<M extends Method>(core: Core, method: M, input: unknown): Promise<OutputOf<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
  return result.data as OutputOf<M>;
}

/** A record's number as typed on the command line; `what` names the record (干部, 单位). */
export function idArg(raw: string, what: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new UsageError(`${what}编号应为正整数：${raw}`);
  return Number(raw);
}

/** The --json option every command takes. */
export const json = { kind: 'flag', help: '输出 JSON' } as const;

/** A list: the rows as JSON with --json, otherwise a text table of `columns` over each row as `shown`. */
export function printList<T extends object>(
  ctx: CommandContext,
  opts: OptionValues,
  rows: readonly T[],
  columns: [string, string][],
  shown: (row: T) => object = row => row,
): void {
  if (opts.json) ctx.printJson(rows);
  else ctx.print(tableText(rows.map(shown), columns));
}

/** Plain text table for people: tab-separated, one header line. */
export function tableText(rows: readonly object[], columns: [string, string][]): string {
  const lines = [columns.map(([, label]) => label).join('\t')];
  for (const r of rows) lines.push(columns.map(([k]) => String((r as Record<string, unknown>)[k] ?? '')).join('\t'));
  return lines.join('\n');
}
