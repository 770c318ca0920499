/** The pure rules of cadre events: 试用期, 现任职务 after 免, the 简历 line, the 职数 check. */
import { describe, expect, it } from 'vitest';
import { eventFieldsOf, isLeaving } from '../../../shared/domain/events/kinds';
import { quotaBalance, quotaRefusal } from '../../../shared/domain/events/quota';
import { proposedResumeLine, resumeAfterEvent } from '../../../shared/domain/events/resume';
import {
  atLeastCountyLevel,
  describeEvent,
  eventProblems,
  looksElected,
  postWithout,
  probationByDefault,
  probationEnd,
} from '../../../shared/domain/events/rules';

describe('试用期', () => {
  it('ends one year on: a month-precise start in the same month, a dated one the day before its anniversary', () => {
    expect(probationEnd('2026-11')).toBe('2027-11');
    expect(probationEnd('2026-11-06')).toBe('2027-11-05');
    expect(probationEnd('2026-03-01')).toBe('2027-02-28');
    expect(probationEnd('2027-03-01')).toBe('2028-02-29'); // the leap day is inside the year
    expect(probationEnd('2024-02-29')).toBe('2025-02-28');
    expect(probationEnd('2026-01-01')).toBe('2026-12-31');
    expect(() => probationEnd('2026.11')).toThrow();
  });

  it('opens by default only for 提任 to a non-elected post at 县处级副职 or above', () => {
    const e = (kind: '提任' | '调任', leadershipLevel: string, post: string) => probationByDefault({ kind, leadershipLevel, post });
    expect(e('提任', '副处', '滨江市发展和改革委员会副主任')).toBe(true);
    expect(e('提任', '正处', '滨江市教育局党组书记、局长')).toBe(true); // a 党组 is appointed
    expect(e('提任', '正科', '滨江市教育局办公室主任')).toBe(false); // below 县处级
    expect(e('提任', '', '滨江市教育局副局长')).toBe(false); // level unknown
    expect(e('调任', '副处', '滨江市教育局副局长')).toBe(false); // not a promotion
    expect(e('提任', '副处', '柳川县副县长')).toBe(false); // elected by the 人大
    expect(e('提任', '正处', '中共柳川县委书记')).toBe(false);
    expect(e('提任', '副处', '柳川县委常委、组织部部长')).toBe(false);
    expect(e('提任', '副厅', '滨江市人大常委会副主任')).toBe(false);
  });

  it('knows elected posts from appointed ones', () => {
    expect(looksElected('石佛满族乡乡长')).toBe(true);
    expect(looksElected('滨江市教育局党组副书记、副局长')).toBe(false);
    expect(looksElected('滨江市委组织部干部一科科长')).toBe(false);
    expect(looksElected('滨江市政协副主席')).toBe(true);
    expect(atLeastCountyLevel('副处')).toBe(true);
    expect(atLeastCountyLevel('正科')).toBe(false);
    expect(atLeastCountyLevel('县处级正职')).toBe(true);
  });
});

describe('what an event changes', () => {
  it('takes the removed post out of 现任职务 (任 A 免 B), or empties it', () => {
    expect(postWithout('柳川县委常委、常务副县长', '常务副县长')).toBe('柳川县委常委');
    expect(postWithout('柳川县委常委、常务副县长', '柳川县委常委')).toBe('常务副县长');
    expect(postWithout('滨江市教育局副局长', '滨江市教育局副局长')).toBe('');
    expect(postWithout('滨江市教育局副局长', '')).toBe('滨江市教育局副局长');
    expect(postWithout('滨江市教育局副局长', '财政局局长')).toBe('滨江市教育局副局长');
  });

  it('names what is missing per kind', () => {
    const base = { date: '2026-11', post: '', removedPost: '', rank: '' };
    expect(eventProblems({ ...base, kind: '提任' })).toEqual(['提任须填写所任职务']);
    expect(eventProblems({ ...base, kind: '免职' })).toEqual(['免职须填写所免职务']);
    expect(eventProblems({ ...base, kind: '职级晋升' })).toEqual(['职级晋升须填写晋升后的职级']);
    expect(eventProblems({ ...base, kind: '退休' })).toEqual([]);
    expect(eventProblems({ ...base, kind: '退休', date: '' })).toHaveLength(1);
    expect(eventFieldsOf('退休')).toEqual({ post: false, removedPost: false, unit: false, level: false, rank: false });
    expect(isLeaving('辞职')).toBe(true);
    expect(isLeaving('调任')).toBe(false);
    expect(describeEvent({ kind: '提任', date: '2026-11', post: '局长', removedPost: '副局长', rank: '' })).toBe('2026.11 提任 局长（免 副局长）');
  });
});

describe('the 简历 line', () => {
  const resume = ['2003.07--2010.12  滨江市教育局科员', '2010.12--         滨江市教育局副局长'].join('\n');
  const e = { kind: '提任' as const, date: '2026-11-06', post: '滨江市教育局局长', removedPost: '滨江市教育局副局长', rank: '' };

  it('proposes the line in the form style, at the event month', () => {
    expect(proposedResumeLine(e, '滨江市教育局副局长')).toBe('2026.11--         滨江市教育局局长');
    expect(proposedResumeLine({ ...e, kind: '职级晋升', rank: '二级调研员' }, '滨江市教育局局长')).toBe('2026.11--         滨江市教育局局长、二级调研员');
    expect(proposedResumeLine({ ...e, kind: '挂职锻炼', post: '北京市朝阳区发改委副主任' }, '')).toBe('2026.11--         挂任北京市朝阳区发改委副主任');
    expect(proposedResumeLine({ ...e, kind: '退休' }, '局长')).toBe('');
  });

  it('closes the open line at the event month and adds the new one', () => {
    const r = resumeAfterEvent(resume, e, proposedResumeLine(e, ''));
    expect(r).toEqual({
      ok: true,
      text: ['2003.07--2010.12  滨江市教育局科员', '2010.12--2026.11  滨江市教育局副局长', '2026.11--         滨江市教育局局长'].join('\n'),
      closed: ['2010.12--2026.11  滨江市教育局副局长'],
      added: '2026.11--         滨江市教育局局长',
    });
  });

  it('writes an edited line, refuses one that does not read, and writes none when emptied', () => {
    const edited = resumeAfterEvent(resume, e, '2026.11--  滨江市教育局党组书记、局长');
    expect(edited.ok && edited.text.split('\n').at(-1)).toBe('2026.11--         滨江市教育局党组书记、局长');
    const bad = resumeAfterEvent(resume, e, '十一月  局长');
    expect(bad.ok).toBe(false);
    const none = resumeAfterEvent(resume, e, '');
    expect(none.ok && none.text.split('\n')).toHaveLength(2);
    expect(none.ok && none.closed).toHaveLength(1);
  });

  it('leaving closes the open line; 免职 closes only the line of the removed post; a 挂职 closes nothing', () => {
    const two = '2010.12--         滨江市教育局副局长\n2020.01--         滨江市政协委员';
    const left = resumeAfterEvent(two, { ...e, kind: '退休', date: '2026-11' }, '');
    expect(left.ok && left.text).toBe('2010.12--2026.11  滨江市教育局副局长\n2020.01--2026.11  滨江市政协委员');
    const removed = resumeAfterEvent(two, { ...e, kind: '免职', removedPost: '滨江市政协委员' }, '');
    expect(removed.ok && removed.closed).toEqual(['2020.01--2026.11  滨江市政协委员']);
    const away = resumeAfterEvent(two, { ...e, kind: '挂职锻炼', post: '挂任北京市某局副局长' }, '2026.11--  挂任北京市某局副局长');
    expect(away.ok && away.closed).toEqual([]);
  });

  it('leaves a 简历 that does not parse as written and appends the line', () => {
    const r = resumeAfterEvent('简历不规范的一段文字', e, '2026.11--  局长');
    expect(r.ok && r.text).toBe('简历不规范的一段文字\n2026.11--         局长');
  });
});

describe('职数', () => {
  it('counts vacancies and excess', () => {
    expect(quotaBalance({ approved: 3, filled: 2 })).toEqual({ vacant: 1, over: 0 });
    expect(quotaBalance({ approved: 1, filled: 2 })).toEqual({ vacant: 0, over: 1 });
  });

  it('refuses only what takes filled past approved, naming unit, level, approved and filled', () => {
    const at = { unit: '滨江市教育局', level: '副处', approved: 3 };
    expect(quotaRefusal({ ...at, filled: 2, entering: 1 })).toBeNull();
    expect(quotaRefusal({ ...at, filled: 3, entering: 0 })).toBeNull();
    expect(quotaRefusal({ ...at, filled: 3, entering: 1 })).toBe('「滨江市教育局」副处职数已满：核定 3 名，实配 3 名。如确需超职数配备，请填写超职数理由');
    expect(quotaRefusal({ ...at, filled: 2, entering: 2 })).toMatch(/实配 2 名，本次拟新增 2 名/);
  });
});
