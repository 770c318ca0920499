/** Schema pieces every route module uses. */
import { z } from 'zod';

/** A row id: a positive safe integer (never 0, negative, fractional or huge). */
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A short user-typed text such as a search box. */
export const shortText = z.string().max(200);
/** For methods that take nothing: extra keys are refused. */
export const noInput = z.strictObject({});
