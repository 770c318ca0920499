/**
 * Team analysis (班子结构): who is in a 领导班子, its figures against the 职数, the requirements
 * per kind of unit (set, saved, audited), and the drill-down of a team listing its members.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandsUpTo, NON_CPC_CATEGORIES } from '../../../shared/domain/stats/categories';
import { DEFAULT_TEAM_REQUIREMENTS, ruleFor, teamFigures, teamFloor, type TeamMember, type TeamRequirements } from '../../../shared/domain/stats/teams';
import { DEFAULT_DEMO_TODAY } from '../../../electron/services/demo/generate';
import { openWorld, type World } from '../secondment/support';
import { addCadres, addUnit, drillRows } from './support';

const REF = '2026-11-15';

describe('who is in a unit’s 领导班子', () => {
  it('takes the deputy step of the unit’s grade, from its level or its highest-ranking cadre', () => {
    // ladder orders: 正厅 0, 副厅 1, 正处 2, 副处 3, 正科 4, 副科 5
    expect(teamFloor('正处级', null)).toBe(3); // 正处 and 副处
    expect(teamFloor('副处级单位', 2)).toBe(4); // a 副处级 unit: its deputies are 正科
    expect(teamFloor('', 2)).toBe(3); // headed by a 正处: down to 副处
    expect(teamFloor('', 1)).toBe(3); // 市委常委兼部长 (副厅) heads a 正处级 department: down to 副处
    expect(teamFloor('', 3)).toBe(5); // 区委常委兼部长 (副处) heads a 正科级 department: down to 副科
    expect(teamFloor('', 4)).toBe(5);
    expect(teamFloor('', 5)).toBe(5);
    expect(teamFloor('', null)).toBeNull();
  });
});

const member = (m: Partial<TeamMember> & { id: number }): TeamMember => ({
  name: `成员${m.id}`,
  post: '',
  gender: '男',
  birth: '1975-01',
  politicalStatus: '中共党员',
  ftEducation: '大学',
  postDate: '2022-01',
  leadershipLevel: '副处',
  ...m,
});

describe('a team’s figures and requirements', () => {
  const unit = { id: 1, name: '测试局', kind: '政府部门' };
  const members = [
    member({ id: 1, leadershipLevel: '正处', postDate: '2016-11', birth: '1970-11' }), // head: 10 years in post, 56
    member({ id: 2, birth: '1986-11' }), // 40
    member({ id: 3, birth: '1981-12', ftEducation: '大专' }), // 44
    member({ id: 4, birth: '1979-01', ftEducation: '' }),
  ];

  it('counts ages, women, non-CPC, 全日制本科以上 and the head’s years, and lists what it misses', () => {
    const t = teamFigures(unit, members, [], REF, DEFAULT_TEAM_REQUIREMENTS);
    expect(t).toMatchObject({
      size: 4,
      oldest: 56,
      youngest: 40,
      under35: 0,
      under40: 1,
      under45: 2,
      women: 0,
      nonCpc: 0,
      bachelor: 2,
      bachelorPct: 50,
      quota: null,
    });
    expect(t.averageAge).toBe(46.8); // (56 + 40 + 44 + 47) / 4 = 46.75, half-up
    expect(t.head).toMatchObject({ id: 1, years: 10 });
    expect(t.rule.kind).toBe('政府部门');
    expect(t.unmet).toEqual(['缺女干部（应至少 1 名，现有 0 名）', '缺党外干部（应至少 1 名，现有 0 名）', '正职任现职已满 10 年（满 10 年应交流）']);
  });

  it('applies the rule of the unit’s kind, else the general one, and checks the 职数', () => {
    const reqs: TeamRequirements = {
      general: { ...DEFAULT_TEAM_REQUIREMENTS.general, maxHeadYears: 0 },
      byKind: [{ kind: '乡镇', minWomen: 0, minYoung: 2, youngAge: 35, minNonCpc: 0, minBachelorPct: 80, maxHeadYears: 0, withinQuota: true }],
    };
    expect(ruleFor(reqs, '政府部门').kind).toBe('');
    const township = teamFigures(
      { ...unit, kind: '乡镇' },
      [...members, member({ id: 5, gender: '女', politicalStatus: '民盟盟员' })],
      [
        { level: '正处', approved: 1 },
        { level: '副处级', approved: 2 },
      ],
      REF,
      reqs,
    );
    expect(township.quota).toEqual({
      approved: 3,
      vacant: 0,
      over: 2,
      byLevel: [
        { level: '正处', approved: 1, filled: 1 },
        { level: '副处级', approved: 2, filled: 4 },
      ],
    });
    expect(township.unmet).toEqual(['缺35岁及以下干部（应至少 2 名，现有 0 名）', '全日制本科以上比例 60.0%，低于 80%', '超核定职数 2 名']);
    const general = teamFigures(unit, [member({ id: 9, gender: '女', birth: '1990-01' })], [{ level: '正处', approved: 1 }], REF, reqs);
    expect(general.quota).toMatchObject({ approved: 1, vacant: 1, over: 0 });
    expect(general.unmet).toEqual([]);
  });
});

describe('the team analysis of a roster', () => {
  let w: World;
  beforeAll(() => {
    w = openWorld(600);
    w.load();
  });
  afterAll(() => w.close());

  it('lists every unit’s team; the drill-down of a team and of its figures lists exactly its people', async () => {
    const r = await w.call('statsTeams', { refDate: DEFAULT_DEMO_TODAY });
    expect(r.teams.length).toBeGreaterThan(100);
    expect(r.kinds).toContain('政府部门');
    for (const t of r.teams) {
      const scope = { kind: 'team' as const, unitId: t.unitId };
      const people = drillRows(w.core.db, { scope, refDate: r.refDate });
      expect(people.length, t.unit).toBe(t.size);
      expect(people.every(p => p.unitId === t.unitId)).toBe(true);
      if (t.head) expect(people.map(p => p.id)).toContain(t.head.id);
      expect(drillRows(w.core.db, { scope, refDate: r.refDate, gender: '女' }).length, t.unit).toBe(t.women);
      expect(drillRows(w.core.db, { scope, refDate: r.refDate, group: 'political', categories: [...NON_CPC_CATEGORIES] }).length).toBe(t.nonCpc);
      expect(drillRows(w.core.db, { scope, refDate: r.refDate, group: 'ageBand', categories: bandsUpTo(40) }).length).toBe(t.under40);
      expect(drillRows(w.core.db, { scope, refDate: r.refDate, group: 'ftEducation', categories: ['研究生', '大学'] }).length).toBe(t.bachelor);
    }
    // 市委组织部: the 部长 (副厅, 市委常委), 常务副部长 (正处) and 副部长 (副处); not the 正科 section heads.
    const org = r.teams.find(t => t.unit === '市委组织部')!;
    const orgPeople = drillRows(w.core.db, { scope: { kind: 'team', unitId: org.unitId }, refDate: r.refDate });
    expect(new Set(orgPeople.map(p => p.leadershipLevel))).toEqual(new Set(['副厅', '正处', '副处']));
    expect(org.head?.post).toContain('组织部部长');
  });

  it('reads the approved 职数 of a unit and follows a unit’s own grade', async () => {
    const units = await w.call('listUnits', {});
    const edu = units.find(u => u.name === '市教育局')!;
    // The demo approves 职数 of its own; this test sets the unit's.
    w.core.db.prepare('DELETE FROM unit_quotas WHERE unit_id = ?').run(edu.id);
    w.core.db.prepare('INSERT INTO unit_quotas(unit_id, level, approved) VALUES (?, ?, ?), (?, ?, ?)').run(edu.id, '正处', 1, edu.id, '副处', 2);
    const before = (await w.call('statsTeams', { refDate: DEFAULT_DEMO_TODAY })).teams.find(t => t.unitId === edu.id)!;
    expect(before.quota).toMatchObject({
      approved: 3,
      byLevel: [
        { level: '正处', approved: 1 },
        { level: '副处', approved: 2 },
      ],
    });
    expect(before.quota!.over).toBe(Math.max(0, before.size - 3));
    expect(before.unmet.some(u => u.startsWith('超核定职数'))).toBe(before.size > 3);

    // A 正科级 unit named as such: its 正科 and 副科 form the team even under a 副处 head.
    const unitId = addUnit(w.core.db, '测试中心', edu.id, { kind: '事业单位', level: '正科级' });
    addCadres(w.core.db, unitId, [
      { leadershipLevel: '正科', gender: '女', birth: '1990-01' },
      { leadershipLevel: '副科', birth: '1992-01' },
      { leadershipLevel: '' },
    ]);
    const centre = (await w.call('statsTeams', { refDate: DEFAULT_DEMO_TODAY })).teams.find(t => t.unitId === unitId)!;
    expect(centre).toMatchObject({ size: 2, women: 1, under40: 2, kind: '事业单位', unmet: [] });
  });

  it('saves the requirements per kind of unit (audited), and refuses two rules for one kind', async () => {
    const reqs: TeamRequirements = {
      general: DEFAULT_TEAM_REQUIREMENTS.general,
      byKind: [{ kind: '市委部门', minWomen: 2, minYoung: 0, youngAge: 45, minNonCpc: 0, minBachelorPct: 0, maxHeadYears: 0, withinQuota: false }],
    };
    expect(await w.call('saveTeamRequirements', reqs)).toEqual(reqs);
    expect((await w.call('getStatsSettings', {})).requirements).toEqual(reqs);
    const r = await w.call('statsTeams', { refDate: DEFAULT_DEMO_TODAY });
    const office = r.teams.find(t => t.unit === '市委办公室')!;
    expect(office.rule.kind).toBe('市委部门');
    expect(office.unmet[0]).toMatch(/^缺女干部（应至少 2 名/);
    expect(r.teams.find(t => t.kind === '政府部门')!.rule).toEqual({ kind: '', ...DEFAULT_TEAM_REQUIREMENTS.general });
    const audit = w.core.db.prepare("SELECT action, after FROM audit_log WHERE entity = 'settings' ORDER BY id DESC LIMIT 1").get() as {
      action: string;
      after: string;
    };
    expect(audit.action).toBe('teamRequirements');
    expect(JSON.parse(audit.after)).toEqual({ teamRequirements: '通用：女干部至少 1 名，正职任现职满 10 年应交流，不超核定职数；市委部门：女干部至少 2 名' });
    const log = await w.call('queryAuditLog', { offset: 0, limit: 1, kind: 'settings' });
    expect(log.rows[0]).toMatchObject({ kindText: '设置', target: '设置' });
    expect(log.rows[0].summary).toContain('班子配备要求');

    const twice = await w.fails('saveTeamRequirements', { ...reqs, byKind: [reqs.byKind[0], { ...reqs.byKind[0], kind: ' 市委部门 ' }] });
    expect(twice.message).toBe('输入不符合要求：同一单位类别只能设一组要求');
    const noKind = await w.fails('saveTeamRequirements', { ...reqs, byKind: [{ ...reqs.byKind[0], kind: '  ' }] });
    expect(noKind.message).toBe('输入不符合要求：请填写单位类别');
    const badAge = await w.fails('saveTeamRequirements', { ...reqs, general: { ...reqs.general, youngAge: 38 as never } });
    expect(badAge.code).toBe('VALIDATION');
  });

  it('exports the teams missing a requirement and every team to .xlsx', async () => {
    const file = await w.call('exportStatsTeams', { refDate: DEFAULT_DEMO_TODAY });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64!, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map(s => s.name)).toEqual(['未达要求', '全部班子']);
    const [unmet, all] = wb.worksheets;
    expect(unmet.getCell('A1').value).toBe('未达到配备要求的领导班子');
    expect(String(unmet.getCell('A2').value)).toContain('统计截止日期：2026年11月1日');
    expect(unmet.getRow(3).getCell(17).value).toBe('未达到的配备要求');
    // header, then one row per team, then the 注 line
    expect(unmet.rowCount).toBe(3 + file.unmet + 1);
    expect(all.rowCount).toBe(3 + file.teams + 1);
    const teams = (await w.call('statsTeams', { refDate: DEFAULT_DEMO_TODAY })).teams;
    const firstUnmet = teams.find(t => t.unmet.length)!;
    expect(unmet.getRow(4).getCell(2).value).toBe(firstUnmet.unit);
    expect(unmet.getRow(4).getCell(17).value).toBe(firstUnmet.unmet.join('；'));
    expect(String(all.getRow(all.rowCount).getCell(1).value)).toMatch(/^注：/);
  });
});
