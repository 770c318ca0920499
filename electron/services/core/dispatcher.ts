/**
 * The in-process dispatcher: the single entry every transport (IPC, loopback
 * HTTP) and the contract tests go through. It validates the input against the
 * route table, calls the handler and turns any failure into ApiErrorShape.
 */
import type { z } from 'zod';
import { isMethod, routes, type Method, type OutputOf, type ParsedInputOf } from '../../../shared/contract/api';
import { AppError, type ApiErrorShape, type ApiResult } from '../../../shared/contract/errors';
import { valueBoundsProblem } from './input-bounds';
import { systemError } from './system-errors';

export type Handler<M extends Method> = (input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
/** One handler per method; the type makes a missing or extra method a compile error. */
export type Handlers = { [M in Method]: Handler<M> };
/** The handlers of one area's route table (shared/contract/routes/<area>.ts). */
export type HandlersOf<R> = { [M in keyof R & Method]: Handler<M> };

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export function createDispatcher(handlers: Handlers, opts: { checkOutput?: boolean } = {}): Dispatch {
  return async (method, rawInput) => {
    if (!isMethod(method)) {
      return fail({ code: 'UNKNOWN_METHOD', message: `未知的接口：${String(method).slice(0, 80)}` });
    }
    // Validation runs inside the try too: no input may throw past this door.
    try {
      const tooBig = valueBoundsProblem(rawInput);
      if (tooBig) return fail({ code: 'VALIDATION', message: tooBig });
      const route = routes[method];
      const parsed = route.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        return fail({
          code: 'VALIDATION',
          message: describeIssues(parsed.error.issues),
          details: parsed.error.issues.map(i => ({ path: i.path.map(String), message: i.message })),
        });
      }
      const handler = handlers[method] as (input: unknown) => unknown;
      const data = await handler(parsed.data);
      if (opts.checkOutput) routes[method].output.parse(data);
      return { ok: true, data };
    } catch (err) {
      if (err instanceof AppError) return fail(err.toShape());
      const known = systemError(err);
      if (known) return fail(known.toShape());
      // Unexpected: keep the details for the log, show the user a plain sentence.
      console.error(`[cadre] ${method} failed:`, err);
      return fail({ code: 'INTERNAL', message: '操作失败：程序内部错误，数据未被修改。请重试或联系管理员。', details: String((err as Error)?.message ?? err) });
    }
  };
}

function fail(error: ApiErrorShape): ApiResult<never> {
  return { ok: false, error };
}

/** A short Chinese sentence naming the offending fields. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map(issue => {
    // Our own refinements and messages already say what and where in Chinese (e.g. the
    // 组合查询 rules, “请填写解锁原因”); zod's defaults are English and get our wording.
    if (issue.code === 'custom' || /[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
    const where = issue.path.length ? `「${issue.path.map(String).join('.')}」` : '输入';
    return `${where}${issueText(issue)}`;
  });
  const more = issues.length > 5 ? `等 ${issues.length} 处` : '';
  return `输入不符合要求：${parts.join('；')}${more}`;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少必填项' : `类型错误，应为${typeName(issue.expected)}`;
    case 'unrecognized_keys':
      return `含有不允许的字段：${issue.keys.slice(0, 5).join('、')}`;
    case 'too_big':
      return issue.origin === 'string' ? `过长（最多 ${issue.maximum} 个字符）` : `过大（最大 ${issue.maximum}）`;
    case 'too_small':
      return issue.origin === 'string' ? `过短（至少 ${issue.minimum} 个字符）` : `过小（最小 ${issue.minimum}）`;
    case 'invalid_value':
      return `取值无效，可选：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式不正确';

    default:
      return '不符合要求';
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: '是/否', object: '对象', array: '列表' };
  return names[t] ?? t;
}

/** Input keys that name a file on disk. */
const PATH_KEYS = new Set(['path', 'outPath', 'outDir']);

/** Routes that answer with a path: only the CLI asks them. */
const ANSWERS_PATH = new Set<string>(['backupDirPath']);

function namesPath(v: unknown, depth = 0): boolean {
  if (depth > 4 || typeof v !== 'object' || v === null) return false;
  return Object.entries(v).some(([k, x]) => (PATH_KEYS.has(k) && typeof x === 'string') || namesPath(x, depth + 1));
}

/**
 * The door for pages (Electron IPC, the loopback web host): a page never names
 * a file-system path nor hears one. Files come up as bytes and go down as bytes; only the
 * CLI and the main process's own dialogs name paths.
 */
export function pageDispatch(dispatch: Dispatch): Dispatch {
  return async (method, input) => {
    // Bounded before the path-key scan walks it.
    const tooBig = valueBoundsProblem(input);
    if (tooBig) return fail({ code: 'VALIDATION', message: tooBig });
    return namesPath(input) || ANSWERS_PATH.has(method)
      ? { ok: false, error: { code: 'FORBIDDEN', message: '界面不能直接指定文件路径，请通过“选择文件”上传或下载文件。' } }
      : dispatch(method, input);
  };
}
