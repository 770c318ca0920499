import type { Command } from '../command';
import { tableText, UsageError, json, printList } from '../command';

export const assessmentCommands: Command[] = [
  {
    words: ['list', 'sets'],
    summary: '列出考核指标体系',
    options: { json },
    async run(ctx, opts) {
      const sets = await ctx.call('listAssessmentSets', {});
      printList(
        ctx,
        opts,
        sets,
        [
          ['id', '编号'],
          ['name', '名称'],
          ['year', '年度'],
          ['scope', '范围'],
          ['participants', '人数'],
          ['rounds', '轮次'],
        ],
        s => ({ ...s, scope: s.scope.label }),
      );
    },
  },
  {
    words: ['list', 'rounds'],
    summary: '列出考核轮次',
    options: { json, set: { kind: 'value', arg: '编号', help: '只列这个指标体系的轮次' } },
    async run(ctx, opts) {
      const setId = opts.set === undefined ? undefined : Number(opts.set);
      if (setId !== undefined && !(Number.isInteger(setId) && setId > 0)) throw new UsageError(`--set 应为指标体系编号：${String(opts.set)}`);
      const rounds = await ctx.call('listAssessmentRounds', setId === undefined ? {} : { setId });
      printList(
        ctx,
        opts,
        rounds,
        [
          ['id', '编号'],
          ['setName', '指标体系'],
          ['name', '名称'],
          ['kind', '类型'],
          ['year', '年度'],
          ['status', '状态'],
        ],
        r => ({ ...r, status: r.status === 'finalised' ? '已定稿' : '未定稿' }),
      );
    },
  },
  {
    words: ['grade'],
    args: 'ROUND_ID',
    positional: { min: 1, max: 1 },
    summary: '计算一轮考核的总分、排名、拟定等次与各组优秀名额；--finalise 定稿（超出名额时失败并说明原因）',
    options: { json, finalise: { kind: 'flag', help: '定稿并锁定（年度考核写入年度考核结果）' } },
    async run(ctx, opts, [arg]) {
      const roundId = Number(arg);
      if (!(Number.isInteger(roundId) && roundId > 0)) throw new UsageError(`ROUND_ID 应为考核轮次编号：${arg}`);
      let finalised = false;
      if (opts.finalise) {
        await ctx.call('finaliseAssessmentRound', { roundId });
        finalised = true;
      }
      const grid = await ctx.call('getScoreGrid', { roundId });
      const out = {
        round: {
          id: grid.round.id,
          name: grid.round.name,
          kind: grid.round.kind,
          year: grid.round.year,
          status: grid.round.status,
          thresholds: grid.round.thresholds,
        },
        finalised,
        cadres: grid.rows.map(r => ({
          cadreId: r.cadreId,
          name: r.name,
          group: r.group,
          total: r.total,
          rank: r.rank,
          groupRank: r.groupRank,
          democraticScore: r.democraticScore,
          vetoed: r.vetoed,
          proposedGrade: r.proposedGrade,
          grade: r.grade,
          missing: r.missing,
        })),
        groups: grid.quota.map(q => ({
          group: q.group,
          assessed: q.assessed,
          ratio: q.quotaPercent / 100,
          quotaPercent: q.quotaPercent,
          rounding: q.rounding,
          exact: q.exact,
          places: q.places,
          excellent: q.excellent,
          over: q.over,
          explanation: q.explanation,
        })),
        blockers: grid.blockers,
      };
      if (opts.json) ctx.printJson(out);
      else {
        ctx.print(
          tableText(out.cadres, [
            ['name', '姓名'],
            ['group', '分组'],
            ['total', '总分'],
            ['rank', '排名'],
            ['proposedGrade', '拟定等次'],
            ['grade', '等次'],
          ]),
        );
        for (const g of out.groups) ctx.print(`${g.group}：${g.explanation}；优秀 ${g.excellent} 人${g.over ? `，超出 ${g.over} 人` : ''}`);
        if (finalised) ctx.print(`已定稿：${grid.round.name}`);
      }
    },
  },
];
