import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cadre } from '../../../shared/contract/api';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { getCadre } from '../../../electron/services/roster/cadres';
import { LRMX_ELEMENTS, LRMX_FAMILY_ELEMENTS, LRMX_FIELDS, LRMX_FIELD_ELEMENTS } from '../../../electron/services/lrmx/elements';
import { readLrmx } from '../../../electron/services/lrmx/read';
import { lrmxFileName, writeLrmx } from '../../../electron/services/lrmx/write';
import { childElements, parseXml, textOf } from '../../../electron/services/lrmx/xml';
import { renderResume } from '../../../shared/domain/roster/resume';
import { tempDir } from '../../support/temp';
import { commitJob, planFile } from '../import/support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir();
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

/** Some bytes that read as a JPEG (FF D8 FF … FF D9), all 256 byte values included. */
const PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)),
  Buffer.from([0xff, 0xd9]),
]);

const RESUME = renderResume([
  { start: '2003-09', end: '2007-07', text: '东北大学工商管理学院工商管理专业学习', notes: [] },
  { start: '2007-07', end: '2012-03', text: '沈阳市浑南区白塔街道办事处科员', notes: ['2008.09--2011.07 在辽宁大学经济学院在职研究生学习，获经济学硕士学位'] },
  {
    start: '2012-03',
    end: '2019-12',
    text: '沈阳市浑南区委组织部干部科副科长、科长',
    notes: ['2016.03--2017.03 挂任北京市朝阳区发展改革委副主任', '2018.09--2018.12 在省委党校学习'],
  },
  { start: '2019-12', end: '', text: '沈阳市浑南区委常委、常务副区长（正处级）', notes: [] },
]);

/** A record with every field the form carries filled in, including characters XML must escape. */
function fullRecord(db: Core['db']): number {
  loadDemo(db, { cadreCount: 40 });
  const id = (db.prepare("SELECT id FROM cadres WHERE gender = '男' ORDER BY id LIMIT 1").get() as { id: number }).id;
  db.prepare(
    `UPDATE cadres SET professional_title = '高级经济师', expertise = '熟悉经济管理 & 党建 <重点>',
       pt_education = '研究生', pt_degree = '经济学硕士', pt_edu_school = '辽宁大学经济学院国民经济学专业',
       pt_degree_school = '辽宁大学', post = '沈阳市浑南区委常委、常务副区长',
       proposed_post = '沈阳市浑南区委副书记', proposed_removal = '沈阳市浑南区委常委、常务副区长职务',
       resume = ?, rewards = '2019年被评为“优秀共产党员”；2021年记三等功 "A" & ''B''',
       appointment_reason = '工作需要', health = '健康', photo = ? WHERE id = ?`,
  ).run(RESUME, PHOTO, id);
  db.prepare('DELETE FROM cadre_family WHERE cadre_id = ?').run(id);
  const fam = db.prepare('INSERT INTO cadre_family(cadre_id, seq, relation, name, birth, political_status, work) VALUES (?, ?, ?, ?, ?, ?, ?)');
  fam.run(id, 1, '妻子', '王芳', '1986-05', '中共党员', '沈阳市第一中学教师');
  fam.run(id, 2, '儿子', '张小明', '2012-09', '', '沈阳市浑南区第二小学学生');
  fam.run(id, 3, '父亲', '张建国', '1955-01', '中共党员', '已退休');
  db.prepare('DELETE FROM cadre_assessments WHERE cadre_id = ?').run(id);
  const ass = db.prepare('INSERT INTO cadre_assessments(cadre_id, year, grade, note) VALUES (?, ?, ?, ?)');
  ass.run(id, 2022, '称职', '');
  ass.run(id, 2023, '优秀', '');
  ass.run(id, 2024, '不定等次', '病休超过半年');
  return id;
}

const OPTIONS = { reportingUnit: '中共沈阳市委组织部', filledBy: '李四', ageRefDate: '2026-11-22', filledAt: '2026-11-22' };

describe('.lrmx writing', () => {
  it('writes every element in exactly the order of the national format, dates as yyyyMM', () => {
    const id = fullRecord(core.db);
    const cadre = getCadre(core.db, id);
    const text = writeLrmx(cadre, PHOTO, OPTIONS);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Person>')).toBe(true);
    const root = parseXml(text);
    expect(root.name).toBe('Person');
    expect(childElements(root).map(e => e.name)).toEqual([...LRMX_ELEMENTS]);
    expect(LRMX_ELEMENTS.slice(0, 6)).toEqual(['XingMing', 'XingBie', 'ChuShengNianYue', 'MinZu', 'JiGuan', 'ChuShengDi']);
    const get = (n: string) => textOf(childElements(root).find(e => e.name === n)!);
    expect(get('ChuShengNianYue')).toMatch(/^\d{6}$/);
    expect(get('ChuShengNianYue')).toBe(cadre.birth.replace('-', '').slice(0, 6));
    expect(get('CanJiaGongZuoShiJian')).toMatch(/^\d{6}$/);
    expect(get('JiSuanNianLingShiJian')).toBe('20261122');
    expect(get('TianBiaoShiJian')).toBe('202611');
    expect(get('Version')).toBe('3.2.1.16');
    expect(get('ChengBaoDanWei')).toBe('中共沈阳市委组织部');
    expect(get('TianBiaoRen')).toBe('李四');
    expect(get('DaoLingNianYue')).toMatch(/^\d{6}$/);
    expect(Buffer.from(get('ZhaoPian'), 'base64').equals(PHOTO)).toBe(true);
    expect(get('NianDuKaoHeJieGuo')).toBe('2022年度考核称职；2023年度考核优秀；2024年度考核不定等次（病休超过半年）');
    const items = childElements(childElements(root).find(e => e.name === 'JiaTingChengYuan')!);
    expect(items.map(i => i.name)).toEqual(['Item', 'Item', 'Item']);
    for (const item of items) expect(childElements(item).map(e => e.name)).toEqual([...LRMX_FAMILY_ELEMENTS]);
    expect(textOf(childElements(items[0])[2])).toBe('198605');
    // Escaped, not raw.
    expect(text).toContain('熟悉经济管理 &amp; 党建 &lt;重点&gt;');
    expect(text).not.toContain('<重点>');
  });

  it('names files 姓名_身份证后4位.lrmx, safely', () => {
    expect(lrmxFileName('张三', '11010519491231002X')).toBe('张三_002X.lrmx');
    expect(lrmxFileName('张三', '')).toBe('张三.lrmx');
    expect(lrmxFileName('../a/b:c*?', '1234')).toBe('abc_1234.lrmx');
  });
});

describe('.lrmx round trip', () => {
  it('export → read gives back every field, the family, the assessments, the photo bytes and the form data', () => {
    const id = fullRecord(core.db);
    const cadre = getCadre(core.db, id);
    const text = writeLrmx(cadre, PHOTO, OPTIONS);
    const read = readLrmx(Buffer.from(text, 'utf8'), 'a.lrmx');
    expect(read.problems.filter(p => p.severity === 'error')).toEqual([]);
    const r = read.record!;
    for (const f of LRMX_FIELDS) expect(r.fields[f] ?? '', f).toBe(cadre[f as keyof Cadre]);
    expect(Object.keys(LRMX_FIELD_ELEMENTS)).toHaveLength(26);
    expect(r.fields.resume).toContain('（其间：2016.03--2017.03 挂任北京市朝阳区发展改革委副主任；2018.09--2018.12 在省委党校学习）');
    expect(r.family).toEqual(cadre.family);
    expect(r.assessments).toEqual(cadre.assessments);
    expect(r.photo!.equals(PHOTO)).toBe(true);
    expect(r.meta).toMatchObject({ reportingUnit: '中共沈阳市委组织部', filledBy: '李四', ageRefDate: '2026-11-22', filledAt: '2026-11', version: '3.2.1.16' });
    expect(r.meta.retirementDate).toMatch(/^\d{4}-\d{2}$/);
  });

  it('export from one database → import into an empty one loses nothing', async () => {
    const id = fullRecord(core.db);
    const before = getCadre(core.db, id);
    const text = writeLrmx(before, PHOTO, OPTIONS);

    const other = tempDir();
    const core2 = openCore({ dataDir: other.dir, appVersion: 'test' });
    try {
      const upload = (name: string) => [{ name, base64: Buffer.from(text, 'utf8').toString('base64') }];
      const result = await commitJob(core2, (await planFile(core2, upload(lrmxFileName(before.name, before.idNumber)), { mode: 'add' })).jobId);
      expect(result.inserted).toBe(1);
      const after = getCadre(core2.db, core2.db.prepare('SELECT max(id) FROM cadres').pluck().get() as number);
      for (const f of LRMX_FIELDS) expect(after[f as keyof Cadre], f).toEqual(before[f as keyof Cadre]);
      expect(after.family).toEqual(before.family);
      expect(after.assessments).toEqual(before.assessments);
      const photo = core2.db.prepare('SELECT photo FROM cadres WHERE id = ?').get(after.id) as { photo: Buffer };
      expect(photo.photo.equals(PHOTO)).toBe(true);
      // And writing it again from the new database gives the same file.
      expect(writeLrmx(after, photo.photo, OPTIONS)).toBe(text);
      // Importing the same file again changes nothing.
      const second = await commitJob(core2, (await planFile(core2, upload('again.lrmx'), { mode: 'update' })).jobId);
      expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
      expect(second.operation).toBeNull();
    } finally {
      core2.close();
      other.cleanup();
    }
  });

  it('every demo cadre survives the round trip field by field', () => {
    loadDemo(core.db, { cadreCount: 60 });
    const ids = (core.db.prepare('SELECT id FROM cadres').all() as { id: number }[]).map(r => r.id);
    for (const id of ids) {
      const c = getCadre(core.db, id);
      const read = readLrmx(Buffer.from(writeLrmx(c, null, OPTIONS), 'utf8'), 'x.lrmx');
      expect(
        read.problems.filter(p => p.severity === 'error'),
        c.name,
      ).toEqual([]);
      for (const f of LRMX_FIELDS) {
        if (f === 'resume') continue; // demo resumes are not all in canonical spacing; compared below
        expect(read.record!.fields[f] ?? '', `${c.name} ${f}`).toBe(c[f as keyof Cadre]);
      }
      expect(read.record!.fields.resume?.replace(/--\s+/g, '--')).toBe(c.resume.replace(/--\s+/g, '--'));
      expect(read.record!.family ?? []).toEqual(c.family);
      expect(read.record!.assessments ?? []).toEqual(c.assessments);
    }
  });
});

describe('.lrmx reading, defensively', () => {
  const file = (body: string) => Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<Person>${body}</Person>`, 'utf8');

  it('reads dates in any form, codes and short names, elements in any order, and reports strangers', () => {
    const read = readLrmx(
      file(`
        <ShenFenZheng>11010519850312059x</ShenFenZheng>
        <XingMing> 张　三 </XingMing>
        <XingBie>1</XingBie>
        <ChuShengNianYue>1985.03</ChuShengNianYue>
        <MinZu>汉</MinZu>
        <RuDangShiJian>2005年6月</RuDangShiJian>
        <CanJiaGongZuoShiJian>20070701</CanJiaGongZuoShiJian>
        <QuanRiZhiJiaoYu_XueLi>大学本科</QuanRiZhiJiaoYu_XueLi>
        <Extra>whatever</Extra>
        <NianDuKaoHeJieGuo>2021、2022年度考核称职，2023年年度考核为优秀。</NianDuKaoHeJieGuo>
        <JiaTingChengYuan>
          <Item><ChengWei>妻子</ChengWei><XingMing>王芳</XingMing><ChuShengRiQi>1986.5</ChuShengRiQi><ZhengZhiMianMao>党员</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>教师</GongZuoDanWeiJiZhiWu></Item>
          <Item><ChengWei></ChengWei><XingMing></XingMing><ChuShengRiQi></ChuShengRiQi><ZhengZhiMianMao></ZhengZhiMianMao><GongZuoDanWeiJiZhiWu></GongZuoDanWeiJiZhiWu></Item>
        </JiaTingChengYuan>`),
      'b.lrmx',
    );
    const r = read.record!;
    expect(r.fields).toMatchObject({
      name: '张三',
      gender: '男',
      birth: '1985-03',
      ethnicity: '汉族',
      partyDate: '2005-06',
      workDate: '2007-07', // a day in the file is dropped: 年月 fields are year-month
      ftEducation: '大学',
      idNumber: '11010519850312059X',
    });
    expect(r.fields.post).toBeUndefined(); // missing elements are absent, not blank
    expect(r.assessments).toEqual([
      { year: 2021, grade: '称职', note: '' },
      { year: 2022, grade: '称职', note: '' },
      { year: 2023, grade: '优秀', note: '' },
    ]);
    expect(r.family).toEqual([{ relation: '妻子', name: '王芳', birth: '1986-05', politicalStatus: '中共党员', work: '教师' }]);
    expect(read.problems.some(p => p.severity === 'warning' && p.element === 'Extra')).toBe(true);
    expect(read.problems.filter(p => p.severity === 'error')).toEqual([]);
  });

  it('keeps a democratic party name in 入党时间, and the date of “200506；民盟” with a warning', () => {
    expect(readLrmx(file('<XingMing>甲</XingMing><RuDangShiJian>民盟</RuDangShiJian>'), 'c.lrmx').record!.fields.partyDate).toBe('民盟');
    const both = readLrmx(file('<XingMing>乙</XingMing><RuDangShiJian>200506；民盟</RuDangShiJian>'), 'd.lrmx');
    expect(both.record!.fields.partyDate).toBe('2005-06');
    expect(both.problems.find(p => p.field === 'partyDate')?.severity).toBe('warning');
  });

  it('reports field errors with the Chinese field name, and keeps unreadable assessment text', () => {
    const read = readLrmx(
      file(
        '<XingMing>丙</XingMing><ChuShengNianYue>198513</ChuShengNianYue><ShenFenZheng>110105198503120013</ShenFenZheng><NianDuKaoHeJieGuo>2023年度考核优秀；另有说明</NianDuKaoHeJieGuo><ZhaoPian>not base64!</ZhaoPian>',
      ),
      'e.lrmx',
    );
    const errors = read.problems.filter(p => p.severity === 'error');
    expect(errors.map(e => e.field)).toEqual(expect.arrayContaining(['birth', 'idNumber']));
    expect(errors.find(e => e.field === 'birth')!.message).toMatch(/出生年月/);
    expect(read.record!.assessments).toEqual([{ year: 2023, grade: '优秀', note: '' }]);
    expect(read.record!.assessmentText).toBe('2023年度考核优秀；另有说明');
    expect(read.problems.find(p => p.field === 'photo')?.severity).toBe('warning');
    expect(read.record!.photo).toBeUndefined();
  });

  it('a file without a name, or with another root, is an error', () => {
    expect(readLrmx(file('<XingBie>男</XingBie>'), 'f.lrmx').problems.find(p => p.field === 'name')?.severity).toBe('error');
    const other = readLrmx(Buffer.from('<Root><XingMing>丁</XingMing></Root>'), 'g.lrmx');
    expect(other.record).toBeNull();
    expect(other.problems[0].message).toMatch(/不是 <Person>/);
  });

  it('reads a GB18030 file that says so', () => {
    const gb = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GB2312"?><Person><XingMing>', 'utf8'),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      Buffer.from('</XingMing></Person>', 'utf8'),
    ]);
    expect(readLrmx(gb, 'h.lrmx').record!.fields.name).toBe('张三');
  });
});
