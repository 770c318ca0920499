import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../../electron/services/core/dispatcher';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a refusal');
  return r.error.issues;
};

describe('describeIssues', () => {
  it('keeps a message the route wrote in Chinese', () => {
    const schema = z.strictObject({ reason: z.string().trim().min(2, '请填写解锁原因') });
    expect(describeIssues(issuesOf(schema, { reason: ' ' }))).toBe('输入不符合要求：请填写解锁原因');
  });

  it("words zod's English defaults in Chinese with the field's path", () => {
    const schema = z.strictObject({ reason: z.string().min(2) });
    expect(describeIssues(issuesOf(schema, { reason: 'a' }))).toBe('输入不符合要求：「reason」过短（至少 2 个字符）');
    expect(describeIssues(issuesOf(schema, {}))).toBe('输入不符合要求：「reason」缺少必填项');
  });
});
