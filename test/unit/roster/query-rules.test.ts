import { describe, expect, it } from 'vitest';
import { EDUCATIONS, LEADERSHIP_LEVELS, RANKS } from '../../../shared/domain/roster/codes';
import { AppError } from '../../../shared/contract/errors';
import { CADRE_FIELD_LABELS } from '../../../shared/domain/roster/fields';
import {
  LADDERS,
  OPERATORS_BY_TYPE,
  QUERY_FIELDS,
  cadreQuerySchema,
  describeQuery,
  ladderOrder,
  parseCadreQuery,
  safeParseCadreQuery,
  type CadreQuery,
  type Condition,
  type Group,
} from '../../../shared/domain/roster/query';

const EXAMPLE: CadreQuery = {
  refDate: '2026-11-22',
  where: {
    join: 'and',
    items: [
      { field: 'leadershipLevel', op: 'atLeast', value: '正处' },
      { field: 'age', op: 'lt', value: 45 },
      { field: 'ftEducation', op: 'in', value: ['大学'] },
      { field: 'resume', op: 'contains', value: '乡镇' },
    ],
  },
};

/** The first Chinese message a query is refused with. */
function refusal(q: unknown): string {
  const r = cadreQuerySchema.safeParse(q);
  expect(r.success).toBe(false);
  return r.error!.issues.map(i => i.message).join('；');
}

const one = (c: Record<string, unknown>) => ({ where: { join: 'and', items: [c] } });

describe('the field catalogue', () => {
  it('covers every scalar cadre field plus age, generation, tags, resume and unit, with Chinese labels', () => {
    const keys = QUERY_FIELDS.map(f => f.key as string);
    for (const k of Object.keys(CADRE_FIELD_LABELS)) expect(keys).toContain(k);
    for (const k of ['age', 'generation', 'tags', 'resume', 'unit']) expect(keys).toContain(k);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of QUERY_FIELDS) expect(f.label).toMatch(/\p{Script=Han}/u);
  });

  it('types each field: ladders, the derived number and tags', () => {
    const type = (k: string) => QUERY_FIELDS.find(f => f.key === k)?.type;
    expect(['rank', 'leadershipLevel', 'ftEducation', 'ptEducation'].map(type)).toEqual(['ladder', 'ladder', 'ladder', 'ladder']);
    expect(type('age')).toBe('number');
    expect(type('birth')).toBe('date');
    expect(type('tags')).toBe('tags');
    expect(type('gender')).toBe('enum');
    expect(type('resume')).toBe('text');
    expect(QUERY_FIELDS.find(f => f.key === 'rank')).toMatchObject({ options: RANKS.map(r => r.name) });
    expect(OPERATORS_BY_TYPE.ladder).toEqual(['atLeast', 'atMost', 'between', 'in', 'notIn']);
  });

  it('orders the ladders high to low; party-school education ranks with its level but keeps its name', () => {
    expect(ladderOrder('leadershipLevel', '正厅')).toBe(0);
    expect(ladderOrder('leadershipLevel', '正处级')).toBe(ladderOrder('leadershipLevel', '县处级正职'));
    expect(ladderOrder('rank', '一级调研员')! < ladderOrder('rank', '四级调研员')!).toBe(true);
    expect(ladderOrder('ftEducation', '研究生')! < ladderOrder('ftEducation', '大学')!).toBe(true);
    expect(ladderOrder('ftEducation', '大学')! < ladderOrder('ftEducation', '大专')!).toBe(true);
    expect(ladderOrder('ftEducation', '大专')! < ladderOrder('ftEducation', '中专')!).toBe(true);
    expect(ladderOrder('ftEducation', '中央党校大学')).toBe(ladderOrder('ftEducation', '大学'));
    expect(ladderOrder('ftEducation', '本科')).toBe(ladderOrder('ftEducation', '大学'));
    expect(ladderOrder('rank', '处长')).toBeNull();
    expect(LADDERS.ftEducation.map(s => s.name)).toEqual(EDUCATIONS.map(e => e.name));
    expect(LADDERS.leadershipLevel.map(s => s.name)).toEqual(LEADERSHIP_LEVELS.map(l => l.name));
  });
});

describe('cadreQuerySchema', () => {
  it('accepts the example and an empty query', () => {
    expect(cadreQuerySchema.parse(EXAMPLE)).toEqual(EXAMPLE);
    expect(cadreQuerySchema.parse({})).toEqual({});
  });

  it('normalises values: ladder spellings, dates as sheets write them, single values into lists', () => {
    const q = cadreQuerySchema.parse({
      where: {
        join: 'or',
        items: [
          { field: 'leadershipLevel', op: 'atLeast', value: '正处级' },
          { field: 'ftEducation', op: 'atLeast', value: '大学本科' },
          { field: 'birth', op: 'between', value: '1980.1', value2: 198912 },
          { field: 'gender', op: 'in', value: '女' },
          { field: 'ptEducation', op: 'notIn', value: ['本科', '省委党校本科', '党校'] },
          { field: 'tags', op: 'hasAll', value: ['选调生', ' 选调生 ', '年轻干部库'] },
          { field: 'rank', op: 'between', value: '一级调研员', value2: '四级调研员' },
          { field: 'age', op: 'between', value: '50', value2: 40 },
          { join: 'and', items: [{ field: 'name', op: 'contains', value: ' 张 ' }] },
        ],
      },
    });
    expect(q.where!.items).toEqual([
      { field: 'leadershipLevel', op: 'atLeast', value: '正处' },
      { field: 'ftEducation', op: 'atLeast', value: '大学' },
      { field: 'birth', op: 'between', value: '1980-01', value2: '1989-12' },
      { field: 'gender', op: 'in', value: ['女'] },
      { field: 'ptEducation', op: 'notIn', value: ['大学', '省委党校大学', '党校'] },
      { field: 'tags', op: 'hasAll', value: ['选调生', '年轻干部库'] },
      { field: 'rank', op: 'between', value: '四级调研员', value2: '一级调研员' },
      { field: 'age', op: 'between', value: 40, value2: 50 },
      { join: 'and', items: [{ field: 'name', op: 'contains', value: '张' }] },
    ]);
  });

  it('refuses an unknown field in Chinese', () => {
    expect(refusal(one({ field: 'salary', op: 'gt', value: 1 }))).toContain('没有名为「salary」的查询字段');
  });

  it('refuses an operator that does not fit the field, naming the ones that do', () => {
    const msg = refusal(one({ field: 'age', op: 'contains', value: '4' }));
    expect(msg).toContain('「年龄」不能用「包含」作条件');
    expect(msg).toContain('小于');
    expect(refusal(one({ field: 'resume', op: 'atLeast', value: '正处' }))).toContain('「简历」不能用「及以上」作条件');
    expect(refusal(one({ field: 'tags', op: 'equals', value: '选调生' }))).toContain('「干部类别」不能用');
    expect(refusal(one({ field: 'rank', op: 'DROP', value: 'x' }))).toContain('「职级」不能用「DROP」作条件');
  });

  it('refuses values that do not fit, in Chinese', () => {
    expect(refusal(one({ field: 'rank', op: 'atLeast', value: '处长' }))).toContain('「处长」不在「职级」的序列中');
    expect(refusal(one({ field: 'age', op: 'lt', value: 45.5 }))).toContain('「年龄」应为 0–150 的整数');
    expect(refusal(one({ field: 'birth', op: 'after', value: '1985.13' }))).toContain('无法识别的日期');
    expect(refusal(one({ field: 'birth', op: 'between', value: '1990-01', value2: '1980-01' }))).toContain('起始日期 1990.01 晚于结束日期 1980.01');
    expect(refusal(one({ field: 'name', op: 'contains', value: '   ' }))).toContain('值不能为空');
    expect(refusal(one({ field: 'tags', op: 'hasAny', value: [] }))).toContain('请至少选择一项');
    expect(refusal(one({ field: 'generation', op: 'in', value: ['85后'] }))).toContain('「85后」不是出生年代');
    expect(refusal(one({ field: 'name', op: 'contains', value: 'x'.repeat(201) }))).toContain('过长');
  });

  it('refuses malformed trees, too deep or too many conditions, and the 回收站', () => {
    expect(refusal({ where: { join: 'xor', items: [] } })).toContain('join 应为 and（且）或 or（或）');
    expect(refusal({ where: { field: 'age', op: 'lt', value: 3 } })).toContain('最外层应为条件组');
    expect(refusal({ where: { join: 'and', items: [{ foo: 1 }] } })).toMatch(/不允许|条件组/);
    expect(refusal({ where: { join: 'and', items: [{}] } })).toContain('每一项应是条件');
    const cond: Condition = { field: 'age', op: 'gt', value: 30 };
    let deep: Group = { join: 'and', items: [cond] };
    for (let i = 0; i < 3; i++) deep = { join: 'or', items: [deep] };
    expect(cadreQuerySchema.safeParse({ where: deep }).success).toBe(true); // 4 levels
    expect(refusal({ where: { join: 'and', items: [deep] } })).toContain('最多嵌套 4 层');
    const many = (n: number) => ({ where: { join: 'and', items: Array.from({ length: n }, () => cond) } });
    expect(cadreQuerySchema.safeParse(many(50)).success).toBe(true);
    expect(refusal(many(51))).toContain('最多 50 个条件');
    expect(refusal({ includeDeleted: true })).toContain('回收站');
    expect(refusal({ refDate: '2026-02-30' })).toContain('计算年龄的日期');
    expect(refusal({ unitId: -1 })).toBeTruthy();
    expect(refusal({ extra: 1 })).toBeTruthy();
  });

  it('speaks Chinese for type errors and unknown keys too (safeParseCadreQuery)', () => {
    const messages = (q: unknown) =>
      safeParseCadreQuery(q)
        .error!.issues.map(i => i.message)
        .join('；');
    expect(messages({ unitId: 'x' })).toMatch(/无效输入/);
    expect(messages({ where: { join: 'and', items: [{ field: 'name', op: 'contains', value: 'x', sql: '1=1' }] } })).toContain('未知的键');
    expect(messages({ where: { join: 'and', items: [{ field: 'name', op: 'contains', value: {} }] } })).toContain('条件的值应为文本、数字或文本列表');
  });

  it('parseCadreQuery throws a VALIDATION AppError with the Chinese message', () => {
    try {
      parseCadreQuery(one({ field: 'age', op: 'contains', value: '4' }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
      expect((err as AppError).message).toMatch(/^查询条件有误：「年龄」不能用「包含」作条件/);
    }
  });
});

describe('describeQuery', () => {
  it('summarises the example in one Chinese line', () => {
    expect(describeQuery(EXAMPLE)).toBe('领导职务层次 ≥ 正处 且 年龄 < 45（按 2026.11.22 计算） 且 全日制学历 为 大学 且 简历 包含「乡镇」');
  });

  it('brackets nested groups, names the unit, falls back to today', () => {
    const q: CadreQuery = {
      unitId: 3,
      where: {
        join: 'and',
        items: [
          { field: 'age', op: 'between', value: 35, value2: 45 },
          {
            join: 'or',
            items: [
              { field: 'tags', op: 'hasAny', value: ['选调生', '第一书记'] },
              { field: 'birth', op: 'after', value: '1985-03' },
              { field: 'rank', op: 'between', value: '四级调研员', value2: '一级调研员' },
            ],
          },
          { field: 'ptEducation', op: 'notIn', value: ['中央党校大学', '省委党校大学'] },
          { field: 'remarks', op: 'isEmpty' },
        ],
      },
    };
    expect(describeQuery(q, { today: '2026-01-05', unitName: '柳川县' })).toBe(
      '「柳川县」及下级单位中 年龄 在 35 至 45 之间（按 2026.01.05 计算） 且 ' +
        '（干部类别 含「选调生」或「第一书记」 或 出生年月 晚于 1985.03 或 职级 在 四级调研员 至 一级调研员 之间） 且 ' +
        '在职学历 不为 中央党校大学、省委党校大学 且 备注 为空',
    );
    expect(describeQuery({ where: { join: 'and', items: [{ field: 'age', op: 'gte', value: 50 }] } })).toBe('年龄 ≥ 50（按当日计算）');
    expect(describeQuery({})).toBe('全部干部');
  });
});
