/** Routes about the app itself: status, first start, demo data. */
import { z } from 'zod';
import { noInput } from './common';

export const appStatusSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  dbPath: z.string(),
  /** Set once the user has chosen how to begin (demo, import, blank). */
  started: z.boolean(),
  counts: z.object({ units: z.number().int(), cadres: z.number().int() }),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appRoutes = {
  getStatus: { input: noInput, output: appStatusSchema },
  /** First-start choice: 载入示例数据 / 空白开始 (从 Excel 导入 starts blank, then opens the importer). */
  beginWith: {
    input: z.strictObject({ choice: z.enum(['demo', 'blank', 'import']) }),
    output: appStatusSchema,
  },
  loadDemo: {
    input: z.strictObject({ force: z.boolean().optional() }),
    output: z.object({ units: z.number().int(), cadres: z.number().int() }),
  },
} as const;
