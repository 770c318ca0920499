/**
 * A round's scores and 民主测评 tallies as a target of the one import pipeline
 * (for instance the 评分表 exported and filled in). Indicator columns are
 * matched by indicator name (a bracketed unit such as （亿元） is ignored), a
 * cadre's personalised indicator taking the place of the set's; tally columns
 * by 优秀票 / 称职票 / 基本称职票 / 不称职票 / 不了解票 (or those words under a
 * 民主测评 group). Rows are matched with the one RosterMatcher among the
 * round's participants (by ID, else 姓名 + 出生年月, else a unique name). Each
 * value is checked by the indicator's rule; the preview shows each cell old →
 * new; the commit is one undo step of the round's page.
 */
import { AppError } from '../../../shared/contract/errors';
import { parseCell } from '../../../shared/domain/assessment/scoring';
import type { Indicator } from '../../../shared/contract/routes/assessment';
import type { Database } from '../../db/database';
import { cellText, matchRecords, normalizeHeader, personVocabulary, RosterMatcher, type PlanRow, type Target, type Vocabulary } from '../import/api';
import { withRoundOperation } from './history';
import { checkCells, writeCells, writeTallies, type CellChange, type Tally } from './inputs';
import { listParticipants } from './participants';
import { assertRoundOpen, getRound, loadIndicators } from './rows';

const VOTES = [
  ['excellent', '优秀'],
  ['competent', '称职'],
  ['basic', '基本称职'],
  ['incompetent', '不称职'],
  ['unknown', '不了解'],
] as const;
type VoteKey = (typeof VOTES)[number][0];

/** Columns of the exported 评分表 that are computed, never imported. */
const COMPUTED = new Set(['序号', '单位', '职务', '民主测评得分', '总分', '排名', '等次', '拟定等次', '考核等次'].map(normalizeHeader));

/** '招商引资（亿元）' / '工作状态(加减分)' → the indicator name's key. */
function indicatorKey(header: string): string {
  return normalizeHeader(header).replace(/\([^()]*\)$/, '');
}

interface Round {
  id: number;
  setId: number;
  name: string;
  setName: string;
}

/** The round's input indicators by name key; a column's field is score:<id of the first with that name>. */
function inputIndicators(db: Database, setId: number): Map<string, Indicator[]> {
  const indicators = loadIndicators(db, setId);
  const parents = new Set(indicators.flatMap(i => (i.parentId === null ? [] : [i.parentId])));
  const byKey = new Map<string, Indicator[]>();
  for (const i of indicators) {
    if (parents.has(i.id) || i.method === 'vote') continue;
    const k = normalizeHeader(i.name);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  }
  return byKey;
}

function roundVocabulary(db: Database, round: Round): Vocabulary {
  const byKey = inputIndicators(db, round.setId);
  const fieldOf = (list: Indicator[]) => `score:${(list.find(i => i.cadreId === null) ?? list[0]).id}`;
  const fields = [
    ...[...byKey.values()].map(list => ({ key: fieldOf(list), label: list[0].name })),
    ...VOTES.map(([k, word]) => ({ key: `vote:${k}`, label: `民主测评·${word}票` })),
  ];
  const labels = new Map(fields.map(f => [f.key, f.label]));
  const voteOf = (path: readonly string[]): VoteKey | null => {
    const leaf = normalizeHeader(path[path.length - 1] ?? '');
    const grouped = path.slice(0, -1).some(p => /民主测评|测评/.test(p));
    for (const [k, word] of VOTES) if (leaf === `${word}票` || leaf === `${word}票数` || leaf === `${word}(票)` || (grouped && leaf === word)) return k;
    return null;
  };
  const vocabulary = personVocabulary({
    fields: ['name', 'idNumber', 'birth', 'gender'],
    years: false,
    checkRecord: false,
    duplicates: true,
    own: {
      fields,
      label: f => labels.get(f) ?? null,
      match: path => {
        const leaf = path[path.length - 1] ?? '';
        // 得分明细's '招商引资（权重 30）' holds computed scores, not inputs.
        if (COMPUTED.has(normalizeHeader(leaf)) || /\(权重[\d.]*\)$/.test(normalizeHeader(leaf))) return 'ignore';
        const vote = voteOf(path);
        if (vote) return `vote:${vote}`;
        const list = byKey.get(indicatorKey(leaf)) ?? byKey.get(normalizeHeader(leaf));
        return list ? fieldOf(list) : null;
      },
      isHeaderWord: text => byKey.has(indicatorKey(text)) || voteOf([text]) !== null || voteOf(['民主测评', text]) !== null,
      read(field, raw, rec, note) {
        if (field.startsWith('vote:')) {
          const n = Number(cellText(raw));
          if (!Number.isInteger(n) || n < 0 || n > 100000)
            return note('error', `${labels.get(field)}应为不小于 0 的整数，不能是“${cellText(raw).slice(0, 20)}”`);
          rec.values[field] = String(n);
          return;
        }
        // Kept as written: the cadre's own (personalised) indicator decides how it reads, in the plan.
        rec.values[field] = raw instanceof Date ? raw.toISOString() : cellText(raw);
      },
    },
  });
  return { ...vocabulary, worthy: fields => [...fields].some(f => f.startsWith('score:') || f.startsWith('vote:')) };
}

interface RowData {
  cells: CellChange[];
  tally: Tally | null;
}

export const roundTarget: Target<Round> = {
  kind: 'round',
  load: (db, ref) => {
    const r = getRound(db, ref.kind === 'round' ? ref.roundId : 0);
    return { id: r.id, setId: r.setId, name: r.name, setName: r.setName };
  },
  info: round => ({
    kind: 'round',
    title: `考核成绩「${round.setName} ${round.name}」`,
    actions: { new: '新增', update: '更新成绩', unchanged: '不变', skip: '跳过', history: '历史库中已有', error: '有错误' },
    modes: false,
    units: false,
  }),
  vocabulary: (round, env) => roundVocabulary(env.db, round),
  people: { matcher: (db, round) => participantsMatcher(db, round), nameAlone: true },
  plan: (db, round, input) => {
    const { records, issue } = input;
    try {
      assertRoundOpen(getRound(db, round.id), '导入成绩');
    } catch (err) {
      issue('error', null, null, (err as Error).message);
    }
    const byKey = inputIndicators(db, round.setId);
    const byId = new Map([...byKey.values()].flat().map(i => [i.id, i]));
    const stored = db.prepare('SELECT value FROM assessment_scores WHERE round_id = ? AND cadre_id = ? AND indicator_id = ?').pluck();
    const storedVotes = db.prepare('SELECT excellent, competent, basic, incompetent, unknown FROM assessment_votes WHERE round_id = ? AND cadre_id = ?');
    const outcomes = matchRecords(participantsMatcher(db, round), input, true);
    const rows = records.map((rec, i): PlanRow => {
      const row: PlanRow = { i, action: 'error', cadreId: null, matchedBy: null, changes: [] };
      const found = outcomes[i];
      if (rec.hasError || found === null) return row;
      if (found === 'new') {
        issue('error', rec, 'name', `${[rec.values.name, rec.values.idNumber].filter(Boolean).join('，')}不是这一轮考核的干部`);
        return row;
      }
      const cadreId = found.cadre.id;
      row.cadreId = cadreId;
      row.matchedBy = found.by;
      const data: RowData = { cells: [], tally: null };
      let failed = false;
      for (const [field, value] of Object.entries(rec.values) as [string, string][]) {
        if (!field.startsWith('score:') || value === '') continue;
        const named = byId.get(Number(field.slice(6)));
        const options = named ? (byKey.get(normalizeHeader(named.name)) ?? []) : [];
        const ind = options.find(o => o.cadreId === cadreId) ?? options.find(o => o.cadreId === null);
        if (!ind) {
          issue('error', rec, field, `${found.cadre.name}没有个性化指标「${named?.name ?? field}」`);
          failed = true;
          continue;
        }
        const parsed = parseCell(ind, value);
        if (!parsed.ok) {
          issue('error', rec, field, parsed.message);
          failed = true;
          continue;
        }
        const old = stored.get(round.id, cadreId, ind.id) as number | undefined;
        if (old !== parsed.value) {
          data.cells.push({ cadreId, indicatorId: ind.id, value: parsed.value });
          row.changes.push({ field, label: ind.name, old: old === undefined ? '' : String(old), new: parsed.value === null ? '' : String(parsed.value) });
        }
      }
      if (VOTES.some(([k]) => rec.values[`vote:${k}`] !== undefined)) {
        const before = storedVotes.get(round.id, cadreId) as Record<VoteKey, number> | undefined;
        const tally = { cadreId } as Tally;
        for (const [k] of VOTES) tally[k] = Number(rec.values[`vote:${k}`] ?? before?.[k] ?? 0);
        const show = (t: Record<VoteKey, number> | undefined) => (t ? VOTES.map(([k, w]) => `${w} ${t[k]}`).join('，') : '');
        if (show(before) !== show(tally)) {
          data.tally = tally;
          row.changes.push({ field: 'votes', label: '民主测评票数', old: show(before), new: show(tally) });
        }
      }
      if (failed) return row;
      row.data = data;
      row.action = row.changes.length ? 'update' : 'unchanged';
      return row;
    });
    if (!records.some(r => Object.keys(r.values).some(f => f.startsWith('score:') || f.startsWith('vote:')))) {
      issue('error', null, null, '文件中没有可导入的成绩：需要与指标名称相同的列，或民主测评票数列（优秀票、称职票……）');
    }
    return { rows };
  },
  commit: (db, round, plan, meta) => {
    const rows = plan.rows.filter(r => r.action === 'update');
    const done = withRoundOperation(db, round.id, { kind: 'scores.import', label: meta.label }, touch => {
      const data = rows.map(r => r.data as RowData);
      writeCells(
        db,
        round.id,
        checkCells(
          db,
          round.id,
          data.flatMap(d => d.cells),
        ),
        touch,
      );
      writeTallies(
        db,
        round.id,
        data.flatMap(d => (d.tally ? [d.tally] : [])),
        touch,
      );
    });
    if (rows.length && !done.operation) throw new AppError('INTERNAL', '导入成绩未写入');
    return { inserted: 0, updated: rows.length, unitsCreated: 0, operation: done.operation };
  },
  writes: ['update'],
};

/** The round's participants, as the one matcher indexes people. */
function participantsMatcher(db: Database, round: Round): RosterMatcher {
  return new RosterMatcher(listParticipants(db, round.setId).map(p => ({ id: p.cadreId, name: p.name, birth: p.birth, idNumber: p.idNumber, deleted: false })));
}
