/** Schema pieces every route module uses. */
import { z } from 'zod';

export { id } from '../../domain/common/id';
/** A short user-typed text such as a search box. */
export const shortText = z.string().max(200);
/** For methods that take nothing: extra keys are refused. */
export const noInput = z.strictObject({});

/**
 * A name a user must type (项目名称, 村名, 查询方案名称 …): trimmed, 1..max characters and no
 * control characters, which trim() lets through (a NUL would make SQLite's
 * CHECK (length(trim(name)) > 0) fail as an internal error).
 */
export const requiredName = (what: string, max = 100) =>
  z
    .string()
    .trim()
    .min(1, `请填写${what}`)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, `${what}不能包含控制字符`);
