/** The row id schema, shared by the domain's schemas and every route (shared/contract/routes/common.ts). */
import { z } from 'zod';

/** A row id: a positive safe integer (never 0, negative, fractional or huge). */
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
