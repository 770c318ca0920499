/**
 * The drill-down on the demo roster: for every number of a structure table (every category
 * row, 总数 and 平均年龄, every breakdown column) the roster's own page query, given the number's
 * drill-down, lists exactly as many people as the number, and exactly the people whose
 * categories (classified in plain code) are the cell's. The same through the page route and
 * the roster export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedAge } from '../../../shared/domain/common/age';
import { roundHalfUp } from '../../../shared/domain/common/percent';
import { categorize, type CadreFacts } from '../../../shared/domain/stats/categories';
import { cellDrill, reportRows, type Series } from '../../../shared/domain/stats/report';
import type { StatsDrill, StatsScope } from '../../../shared/domain/stats/scope';
import { columnFilter, type StructureTable } from '../../../shared/domain/stats/table';
import type { CadreRow } from '../../../shared/contract/api';
import { DEFAULT_DEMO_TODAY } from '../../../electron/services/demo/generate';
import { openWorld, type World } from '../secondment/support';
import { drillRows } from './support';

let w: World;
const REF = DEFAULT_DEMO_TODAY;
beforeAll(() => {
  w = openWorld(600);
  w.load();
});
afterAll(() => w.close());

const facts = (r: CadreRow): CadreFacts => r;

/** The ids the plain-code rules give for a drill-down, from the scope's people. */
function expectedIds(scopeRows: CadreRow[], d: StatsDrill): number[] {
  return scopeRows
    .filter(r => !d.group || d.categories!.includes(categorize(d.group, facts(r), d.refDate)))
    .filter(r => d.level === undefined || categorize('level', facts(r), d.refDate) === d.level)
    .filter(r => d.gender === undefined || r.gender === d.gender)
    .map(r => r.id)
    .sort((a, b) => a - b);
}

/** Every number of the table: drilled, counted and compared. Returns how many were checked. */
function checkEveryCell(table: StructureTable, columns: 'all' | 'every'): number {
  const scopeRows = drillRows(w.core.db, { scope: table.scope, refDate: table.refDate });
  expect(scopeRows.length).toBe(table.total);
  const series: Series[] = table.columns.filter(c => columns === 'every' || c.key === 'all').map(c => ({ label: c.label, table, column: c.key }));
  const rows = reportRows(
    series,
    table.groups.map(g => g.key),
    columns === 'all',
  );
  let checked = 0;
  for (const row of rows) {
    series.forEach((s, i) => {
      const drill = cellDrill(s, row);
      const people = drillRows(w.core.db, drill);
      const ids = people.map(r => r.id).sort((a, b) => a - b);
      const cell = row.cells[i];
      const where = `${table.scopeLabel} ${s.label} ${row.item} ${row.category}`;
      if ('count' in cell) expect(ids.length, where).toBe(cell.count);
      else {
        // 平均年龄: its people are those with a known age, and their mean is the cell.
        const ages = people.map(r => completedAge(r.birth, REF)!);
        expect(cell.average, where).toBe(ages.length ? roundHalfUp(String(ages.reduce((a, b) => a + b, 0) / ages.length), 1) : null);
      }
      expect(ids, where).toEqual(expectedIds(scopeRows, drill));
      checked++;
    });
  }
  return checked;
}

async function table(scope: StatsScope): Promise<StructureTable> {
  return w.call('statsStructure', { scope, refDate: REF });
}

describe('every cell of the demo tables drills down to exactly the people it counted', () => {
  it('everyone: every row × every column', async () => {
    const t = await table({ kind: 'all' });
    expect(t.total).toBeGreaterThan(500);
    expect(checkEveryCell(t, 'every')).toBeGreaterThan(400);
  });

  it('a district with its sub-units, and a unit’s 领导班子: every row × every column', async () => {
    const units = await w.call('listUnits', {});
    const district = units.find(u => u.name === '望江区')!;
    const t = await table({ kind: 'unit', unitId: district.id });
    expect(t.scopeLabel).toBe('望江区（含下属单位）');
    expect(t.total).toBeGreaterThan(10);
    checkEveryCell(t, 'every');
    const org = units.find(u => u.name === '市委组织部')!;
    const team = await table({ kind: 'team', unitId: org.id });
    expect(team.scopeLabel).toBe('市委组织部领导班子');
    checkEveryCell(team, 'every');
  });

  it('a tag, a batch, a 组合查询 and a saved 查询方案: every row of 总体', async () => {
    const query = {
      where: {
        join: 'and' as const,
        items: [
          { field: 'age' as const, op: 'lt' as const, value: 45 },
          { field: 'leadershipLevel' as const, op: 'atLeast' as const, value: '正科' },
        ],
      },
    };
    const view = await w.call('saveView', { name: '四十五岁以下正科以上', query, columns: ['name'], sort: [] });
    const scopes: StatsScope[] = [
      { kind: 'tag', tag: '年轻干部库' },
      { kind: 'batch', batchId: 4 },
      { kind: 'query', query },
      { kind: 'view', viewId: view.id },
    ];
    for (const scope of scopes) {
      const t = await table(scope);
      expect(t.total, t.scopeLabel).toBeGreaterThan(0);
      checkEveryCell(t, 'all');
    }
    // The saved view and the same query inline count the same people.
    expect((await table({ kind: 'view', viewId: view.id })).total).toBe((await table({ kind: 'query', query })).total);
  });

  it('the roster’s 统计 button: its 组合查询 with the tree’s unit counts the roster’s people, and says where it came from', async () => {
    const query = {
      where: {
        join: 'and' as const,
        items: [
          { field: 'gender' as const, op: 'in' as const, value: ['女'] },
          { field: 'leadershipLevel' as const, op: 'atLeast' as const, value: '正科' },
        ],
      },
    };
    const unit = (await w.call('listUnits', {})).find(u => u.parentId === null)!;
    const roster = await w.call('queryCadrePage', { offset: 0, limit: 1, unitId: unit.id, query });
    const t = await table({ kind: 'query', query: { ...query, unitId: unit.id }, from: 'roster' });
    expect(roster.total).toBeGreaterThan(0);
    expect(t.total).toBe(roster.total);
    expect(t.scopeLabel).toMatch(new RegExp(`^干部名册当前的组合查询（「${unit.name}」及下级单位中 性别`));
    checkEveryCell(t, 'all');
    // Built on the page itself, it is a plain 组合查询 with what it finds.
    expect((await table({ kind: 'query', query })).scopeLabel).toMatch(/^组合查询（性别/);
  });

  it('through the roster’s page route and export, with its own filters on top', async () => {
    const t = await table({ kind: 'all' });
    const row = t.groups.find(g => g.key === 'ageBand')!.rows.find(r => r.category === '36-40岁')!;
    const women = t.columns.findIndex(c => c.key === 'gender:女');
    const drill: StatsDrill = { scope: { kind: 'all' }, refDate: REF, group: 'ageBand', categories: ['36-40岁'], ...columnFilter('gender:女') };
    const page = await w.call('queryCadrePage', { offset: 0, limit: 2000, drill });
    expect(page.total).toBe(row.cells[women].count);
    expect(page.rows.every(r => r.gender === '女')).toBe(true);
    // The roster's own filters narrow the drill-down further (a 组合查询 too, without clashing names).
    const narrowed = await w.call('queryCadrePage', {
      offset: 0,
      limit: 2000,
      drill: { ...drill, scope: { kind: 'query', query: { where: { join: 'and', items: [{ field: 'age', op: 'gte', value: 30 }] } } } },
      query: { where: { join: 'and', items: [{ field: 'leadershipLevel', op: 'in', value: ['副科'] }] } },
      filters: { name: { type: 'notBlank' } },
    });
    expect(narrowed.total).toBe(page.rows.filter(r => r.leadershipLevel === '副科').length);
    const csv = await w.call('exportCsv', { columns: [{ key: 'name' }], view: { drill } });
    expect(csv.rows).toBe(page.total);
  });

  it('refuses a category the group does not have, in Chinese', async () => {
    const e = await w.fails('queryCadrePage', {
      offset: 0,
      limit: 10,
      drill: { scope: { kind: 'all' }, refDate: REF, group: 'ageBand', categories: ['36到40岁'] },
    });
    expect(e).toMatchObject({ code: 'VALIDATION', message: '「年龄」没有「36到40岁」这一类' });
    const half = await w.fails('queryCadrePage', { offset: 0, limit: 10, drill: { scope: { kind: 'all' }, refDate: REF, group: 'ageBand' } });
    expect(half.code).toBe('VALIDATION');
    const gone = await w.fails('statsStructure', { scope: { kind: 'unit', unitId: 99999 } });
    expect(gone).toMatchObject({ code: 'NOT_FOUND', message: '找不到编号为 99999 的单位' });
  });
});
