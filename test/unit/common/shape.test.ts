import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boolean, exactObject, firstMisfit, integer, listOf, nullable, oneOf, recordOf, text } from '../../../shared/domain/common/shape';
import { packageCadreCheck, packageEventCheck } from '../../../shared/domain/package/manifest';

const person = exactObject({ id: integer(1), name: text(4), kind: oneOf(['甲', '乙']), note: nullable(text(10)), tags: listOf(text(3), 2), on: boolean });
/** The same shape in zod: the hand-written checks must agree with it on every case below. */
const personZod = z.strictObject({
  id: z.number().int().min(1),
  name: z.string().max(4),
  kind: z.enum(['甲', '乙']),
  note: z.string().max(10).nullable(),
  tags: z.array(z.string().max(3)).max(2),
  on: z.boolean(),
});
const good = { id: 1, name: '张三', kind: '甲', note: null, tags: ['a'], on: true };

describe('shape checks agree with zod', () => {
  it.each<[string, unknown]>([
    ['a good record', good],
    ['a note', { ...good, note: '有' }],
    ['a key missing', { id: 1, name: '张三', kind: '甲', note: null, tags: [], on: true, extra: undefined }],
    ['one key more', { ...good, extra: 1 }],
    ['a key left out', { id: 1, name: '张三', kind: '甲', note: null, tags: [] }],
    ['id 0', { ...good, id: 0 }],
    ['id 1.5', { ...good, id: 1.5 }],
    ['id as text', { ...good, id: '1' }],
    ['id NaN', { ...good, id: Number.NaN }],
    ['name too long', { ...good, name: '欧阳大小明' }],
    ['name a number', { ...good, name: 5 }],
    ['kind outside the list', { ...good, kind: '丙' }],
    ['note undefined', { ...good, note: undefined }],
    ['three tags', { ...good, tags: ['a', 'b', 'c'] }],
    ['a tag too long', { ...good, tags: ['abcd'] }],
    ['tags not a list', { ...good, tags: 'a' }],
    ['on as 1', { ...good, on: 1 }],
    ['an array', [good]],
    ['null', null],
    ['text', '张三'],
    ['__proto__ as a key', JSON.parse('{"id":1,"name":"张三","kind":"甲","note":null,"tags":[],"__proto__":{"on":true}}')],
  ])('%s', (_what, value) => {
    expect(person(value)).toBe(personZod.safeParse(value).success);
  });

  it('records: every key and every value checked', () => {
    const fields = recordOf(text(3), text(2));
    expect(fields({ a: 'xy', bcd: '' })).toBe(true);
    expect(fields({ abcd: 'x' })).toBe(false);
    expect(fields({ a: 'xyz' })).toBe(false);
    expect(fields({ a: 1 })).toBe(false);
    expect(fields(['x'])).toBe(false);
  });

  it('names the first record that does not fit', () => {
    expect(firstMisfit([good, good], person)).toBe(-1);
    expect(firstMisfit([good, { ...good, id: -1 }, { ...good, on: 'x' }], person)).toBe(1);
  });
});

describe('the package records', () => {
  const cadre = {
    id: 3,
    unitId: null,
    sortOrder: 0,
    fields: { name: '张三' },
    photo: null,
    tags: [],
    family: [],
    assessments: [{ year: 2025, grade: '优秀', note: '' }],
  };
  it('a cadre as an export writes it passes; a year out of range or a family member with a key more does not', () => {
    expect(packageCadreCheck(cadre)).toBe(true);
    expect(packageCadreCheck({ ...cadre, assessments: [{ year: 1800, grade: '优秀', note: '' }] })).toBe(false);
    expect(packageCadreCheck({ ...cadre, family: [{ relation: '妻子', name: '李四', birth: '', politicalStatus: '', work: '', id: 1 }] })).toBe(false);
    expect(packageCadreCheck({ ...cadre, fields: { name: 'x'.repeat(100_001) } })).toBe(false);
  });
  it('an event of an unknown kind does not', () => {
    const event = {
      cadreId: 3,
      kind: '任职',
      date: '2026-11',
      docNo: '',
      authority: '',
      unitId: 2,
      post: '科长',
      removedPost: '',
      leadershipLevel: '',
      rank: '',
      probationEnd: '',
      resumeLine: '',
      quotaReason: '',
      note: '',
      planned: false,
    };
    expect(packageEventCheck(event)).toBe(true);
    expect(packageEventCheck({ ...event, kind: '升天' })).toBe(false);
    expect(packageEventCheck({ ...event, planned: 'no' })).toBe(false);
  });
});
