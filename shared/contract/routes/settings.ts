/**
 * Routes of the department's own settings: 本单位名称 (the 填报单位 of every
 * export and the template, the 呈报单位 of a .lrmx file), asked at first start
 * beside the operator and changed on 数据与备份.
 */
import { z } from 'zod';
import { MAX_UNIT_NAME } from '../../domain/audit/text';
import { noInput } from './common';

export const unitNameSchema = z.object({ name: z.string() });

export const settingsRoutes = {
  getUnitName: { input: noInput, output: unitNameSchema },
  /** Trimmed; '' clears it (the 填报单位 line is then left blank). The change is logged. */
  setUnitName: {
    input: z.strictObject({ name: z.string().max(MAX_UNIT_NAME * 4) }),
    output: unitNameSchema,
  },
} as const;
