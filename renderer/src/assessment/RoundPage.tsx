/**
 * #/round/<id>: one round — settings, the score grid (cadres × indicators,
 * 民主测评 tallies, totals, ranks and grades, each save returning the whole
 * recomputed grid), paste from Excel, undo / redo, the 优秀 quota per group,
 * 定稿 and 解锁, exports and the score import.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CellEditRequestEvent } from 'ag-grid-community';
import type { GridRow, ScoreGrid } from '../../../shared/contract/api';
import type { VoteTally } from '../../../shared/domain/assessment/democratic';
import { VOTE_LABELS } from '../../../shared/domain/assessment/democratic';
import { formatAuditTime } from '../../../shared/domain/audit/text';
import { api, ApiError } from '../api';
import { downloadBase64 } from '../io/files';
import { EditableGrid, type FillRequest, type PasteRequest } from '../ui/EditableGrid';
import { EmptyHint } from '../ui/EmptyHint';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { QuotaPanel } from './QuotaPanel';
import { RoundBadge } from './RoundBadge';
import { RoundSettings } from './RoundSettings';
import { roundSummary } from './roundText';
import { ScoreImport } from './ScoreImport';
import { buildScoreColumns, parseColId, type ShowMode, type VoteKey } from './scoreColumns';
import { ReasonDialog } from './ui';

type CellsInput = { cadreId: number; indicatorId: number; value: string | number | null }[];
const EMPTY_TALLY: VoteTally = { excellent: 0, competent: 0, basic: 0, incompetent: 0, unknown: 0 };

/** A vote count as typed or pasted: a whole number ≥ 0; blank keeps what was there. */
function voteCount(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

export function RoundPage({ id }: { id: number }) {
  const [grid, setGrid] = useState<ScoreGrid | null>(null);
  const [show, setShow] = useState<ShowMode>('raw');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [asking, setAsking] = useState<null | { kind: 'unlock' } | { kind: 'undetermined'; row: GridRow }>(null);
  const [badCells, setBadCells] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const msg = useMessage();

  const load = useCallback(async () => {
    try {
      setGrid(await api.getScoreGrid({ roundId: id }));
    } catch (e) {
      msg.fail(e);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  useEffect(() => void load(), [load]);

  const locked = grid?.round.status === 'finalised';

  /** Runs a write that returns the recomputed grid; a refusal is shown and the refused cells marked. */
  const write = useCallback(
    async (run: () => Promise<ScoreGrid>, done: string): Promise<boolean> => {
      try {
        const next = await run();
        setGrid(next);
        setBadCells(new Set());
        msg.info(done);
        return true;
      } catch (e) {
        const problems = e instanceof ApiError ? (e.details as { problems?: { cadreId?: number; indicatorId?: number }[] } | undefined)?.problems : undefined;
        setBadCells(new Set((Array.isArray(problems) ? problems : []).filter(p => p && p.cadreId && p.indicatorId).map(p => `${p.cadreId}:${p.indicatorId}`)));
        msg.fail(e);
        return false;
      }
    },
    [msg],
  );

  const saveCells = useCallback(
    (cells: CellsInput, label: string, kind: 'edit' | 'paste') => write(() => api.saveScores({ roundId: id, cells, label, kind }), `已保存：${label}`),
    [id, write],
  );

  const saveTallies = useCallback(
    (tallies: (VoteTally & { cadreId: number })[], label: string) => write(() => api.saveVotes({ roundId: id, tallies }), `已保存：${label}`),
    [id, write],
  );

  const setGrade = useCallback(
    (row: GridRow, grade: GridRow['grade'], reason: string) =>
      write(
        () => api.setGrades({ roundId: id, grades: [{ cadreId: row.cadreId, grade, reason }] }),
        grade ? `已将${row.name}评定为${grade}` : `${row.name}已恢复为拟定等次`,
      ),
    [id, write],
  );

  const onCellEditRequest = useCallback(
    async (e: CellEditRequestEvent<GridRow>) => {
      const row = e.data;
      if (!row) return;
      const colId = e.column.getColId();
      const parsed = parseColId(colId);
      const value = e.newValue === undefined || e.newValue === null ? null : e.newValue;
      if (parsed.kind === 'indicator') {
        const ind = grid?.indicators.find(i => i.id === parsed.id);
        await saveCells(
          [{ cadreId: row.cadreId, indicatorId: parsed.id, value: typeof value === 'number' ? value : value === null ? null : String(value) }],
          `${row.name}的${ind?.name ?? '成绩'}`,
          'edit',
        );
      } else if (parsed.kind === 'vote') {
        const n = voteCount(String(value ?? ''));
        if (n === null) return msg.fail(new Error(`${row.name}的「${VOTE_LABELS[parsed.key]}」票数应为不小于 0 的整数，不能是“${String(value)}”`));
        await saveTallies([{ cadreId: row.cadreId, ...(row.votes ?? EMPTY_TALLY), [parsed.key]: n ?? 0 }], `${row.name}的民主测评票数`);
      } else if (colId === 'grade') {
        const g = String(value ?? '');
        if (g === '不定等次') setAsking({ kind: 'undetermined', row });
        else await setGrade(row, g === '' || g === '按拟定' ? null : (g as GridRow['grade']), '');
      } else if (colId === 'reason' && row.override) {
        await setGrade(row, row.override.grade, String(value ?? ''));
      }
    },
    [grid, msg, saveCells, saveTallies, setGrade],
  );

  /** A block copied from Excel / WPS, pasted at the focused cell: all of it or none (one undo step). */
  const onPasteBlock = useCallback(
    async (p: PasteRequest<GridRow>) => {
      if (!grid) return;
      if (locked) return msg.fail(new Error('本轮考核已定稿锁定，不能粘贴成绩；如确需修改，请先解锁。'));
      const { block, width, colIds } = p;
      if (colIds.length < width) return msg.fail(new Error(`粘贴的内容有 ${width} 列，从「${p.header(colIds[0])}」列起右侧只有 ${colIds.length} 列`));
      if (p.beyond > 0) {
        return msg.fail(new Error(`粘贴的内容有 ${block.length} 行，从第 ${p.rowIndex + 1} 行起只有 ${p.existing} 名干部；未粘贴任何内容`));
      }
      const kinds = colIds.map(parseColId);
      const other = kinds.findIndex(k => k.kind === 'other');
      if (other >= 0) {
        return msg.fail(new Error(`粘贴区域的第 ${other + 1} 列是「${p.header(colIds[other])}」，不能粘贴；请从指标成绩列或民主测评票数列开始粘贴`));
      }
      if (kinds.some(k => k.kind === 'vote') && kinds.some(k => k.kind === 'indicator')) {
        return msg.fail(new Error('指标成绩与民主测评票数请分两次粘贴'));
      }
      const rows = block.map((_, i) => p.rowAt(p.rowIndex + i)!);
      const label = `粘贴 ${block.length} 行 × ${width} 列`;
      if (kinds[0].kind === 'indicator') {
        const cells: CellsInput = [];
        block.forEach((line, i) =>
          kinds.forEach((k, j) => {
            if (k.kind !== 'indicator') return;
            const v = line[j] ?? '';
            // A cadre without this (someone else's) indicator: blanks are skipped, anything else the server refuses by name.
            if (!rows[i].cells[String(k.id)] && v.trim() === '') return;
            cells.push({ cadreId: rows[i].cadreId, indicatorId: k.id, value: v });
          }),
        );
        if (cells.length) await saveCells(cells, label, 'paste');
      } else {
        const tallies: (VoteTally & { cadreId: number })[] = [];
        for (const [i, line] of block.entries()) {
          const t = { cadreId: rows[i].cadreId, ...(rows[i].votes ?? EMPTY_TALLY) };
          for (const [j, k] of kinds.entries()) {
            if (k.kind !== 'vote') continue;
            const n = voteCount(line[j] ?? '');
            if (n === null)
              return msg.fail(
                new Error(
                  `第 ${p.rowIndex + i + 1} 行（${rows[i].name}）「${VOTE_LABELS[k.key as VoteKey]}」票数应为不小于 0 的整数，不能是“${line[j]}”；未粘贴任何内容`,
                ),
              );
            if (n !== undefined) t[k.key as VoteKey] = n;
          }
          tallies.push(t);
        }
        await saveTallies(tallies, `粘贴民主测评 ${block.length} 人`);
      }
    },
    [grid, locked, msg, saveCells, saveTallies],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const r = await api.stepRoundHistory({ roundId: id, direction });
        setGrid(r);
        setBadCells(new Set());
        msg.info(`已${direction === 'undo' ? '撤销' : '重做'}：${r.label}`);
      } catch (e) {
        msg.fail(e);
      }
    },
    [id, msg],
  );

  /** Ctrl+D: the source row's score or vote count into the target rows' cells. */
  const onFill = useCallback(
    async ({ colId, source, targets }: FillRequest<GridRow>) => {
      if (locked) return;
      const parsed = parseColId(colId);
      const who = targets.length === 1 ? targets[0].name : `${targets.length} 人`;
      if (parsed.kind === 'indicator') {
        const ind = grid?.indicators.find(i => i.id === parsed.id);
        const value = source.cells[String(parsed.id)]?.raw ?? null;
        await saveCells(
          targets.map(row => ({ cadreId: row.cadreId, indicatorId: parsed.id, value })),
          `向下填充${who}的${ind?.name ?? '成绩'}`,
          'edit',
        );
      } else if (parsed.kind === 'vote') {
        const n = source.votes?.[parsed.key] ?? 0;
        await saveTallies(
          targets.map(row => ({ cadreId: row.cadreId, ...(row.votes ?? EMPTY_TALLY), [parsed.key]: n })),
          `向下填充${who}的民主测评票数`,
        );
      }
    },
    [grid, locked, saveCells, saveTallies],
  );

  const finalise = async () => {
    setBusy(true);
    try {
      const r = await api.finaliseAssessmentRound({ roundId: id });
      await load();
      msg.info(`已定稿：${r.graded} 人评定等次${r.annualWritten ? `，已写入 ${r.annualWritten} 人的年度考核结果` : ''}；本轮已锁定。`);
    } catch (e) {
      msg.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const download = async (kind: 'score' | 'grading') => {
    try {
      const r = kind === 'score' ? await api.exportScoreSheet({ roundId: id }) : await api.exportGradingTable({ roundId: id });
      if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
      msg.info(`已导出：${r.fileName}`);
    } catch (e) {
      msg.fail(e);
    }
  };

  const indicatorSignature = grid
    ? [grid.indicators.map(i => `${i.id}:${i.name}:${i.weight}:${i.method}`).join('|'), grid.rows.map(r => r.cadreId).join(','), grid.round.grouping].join('/')
    : '';
  const columns = useMemo(
    () => (grid ? buildScoreColumns(grid, { locked: !!locked, show, badCells }) : []),
    // Rebuilt when the indicators, the people, the lock or the display change, not on every save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [indicatorSignature, locked, show, badCells],
  );

  if (!grid) {
    return (
      <section className="page as-page">
        <MessageLine message={msg.message} onClose={msg.clear} />
        {!msg.message && <p className="muted">正在读取……</p>}
      </section>
    );
  }
  const r = grid.round;
  const over = grid.quota.filter(q => q.over > 0);

  return (
    <section className="page as-page as-round">
      <header className="page-head">
        <a href={`#/set/${r.setId}`} className="as-back">
          ‹ {r.setName}
        </a>
        <h1>{r.name}</h1>
        <RoundBadge round={r} />
        <span className="count">
          {r.year} 年 · {r.kind}
          {r.period ? ` · ${r.period}` : ''} · 参评 {grid.rows.length} 人
        </span>
      </header>
      <div className="toolbar" role="toolbar" aria-label="考核操作">
        <button onClick={() => void step('undo')} disabled={!grid.history.undo || locked} title="Ctrl+Z">
          撤销{grid.history.undo ? `：${grid.history.undo.label}` : ''}
        </button>
        <button onClick={() => void step('redo')} disabled={!grid.history.redo || locked} title="Ctrl+Y">
          重做
        </button>
        <label className="as-inline">
          显示
          <select aria-label="单元格显示" value={show} onChange={e => setShow(e.target.value as ShowMode)}>
            <option value="raw">录入值</option>
            <option value="score">折算得分</option>
          </select>
        </label>
        <button onClick={() => setSettingsOpen(o => !o)} aria-expanded={settingsOpen}>
          考核设置
        </button>
        <button onClick={() => void download('score')}>导出评分表</button>
        <button onClick={() => void download('grading')}>导出等次表</button>
        <button onClick={() => setImporting(true)} disabled={locked}>
          导入成绩
        </button>
        <span className="as-spacer" />
        {locked ? (
          <button onClick={() => setAsking({ kind: 'unlock' })}>解锁</button>
        ) : (
          <button className="primary" onClick={() => void finalise()} disabled={busy}>
            定稿
          </button>
        )}
      </div>
      {!settingsOpen && <p className="as-summary muted">{roundSummary(r)}</p>}
      {settingsOpen && (
        <RoundSettings
          key={`${r.id}:${r.status}`}
          grid={grid}
          onClose={() => setSettingsOpen(false)}
          onSaved={() => {
            setSettingsOpen(false);
            void load();
            msg.info('考核设置已保存');
          }}
        />
      )}
      {locked && (
        <p className="as-locked" role="note">
          本轮已于 {r.finalisedAt ? formatAuditTime(r.finalisedAt) : ''} 由 {r.finalisedBy || '—'}{' '}
          定稿，成绩与等次已锁定（只读）。如确需修改，请“解锁”并填写原因（记入操作日志）。
        </p>
      )}
      <MessageLine message={msg.message} onClose={msg.clear} />
      <EditableGrid<GridRow>
        wrapClassName="as-grid"
        gridKey="round"
        empty={
          <EmptyHint
            message="本轮还没有参评人员"
            detail={`参评人员在考核方案「${r.setName}」的“参评人员”中设置，设置后回到本轮录入成绩。`}
            actions={[{ label: '设置参评人员', onClick: () => (window.location.hash = `#/set/${r.setId}`), primary: true }]}
          />
        }
        columnDefs={columns}
        rowData={grid.rows}
        getRowId={p => String(p.data.cadreId)}
        defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true }}
        singleClickEdit={false}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={400}
        onCellEditRequest={e => void onCellEditRequest(e)}
        editable={colId => parseColId(colId).kind !== 'other'}
        onPasteBlock={onPasteBlock}
        onFill={onFill}
        onStep={step}
        onNotice={msg.info}
      />
      <div className="as-bottom">
        <div className="as-card">
          <h2>
            优秀名额（{r.quotaPercent}%，{r.rounding}）
          </h2>
          <QuotaPanel quota={grid.quota} />
        </div>
        <div className="as-card as-blockers">
          <h2>{locked ? '已定稿' : grid.canFinalise ? '可以定稿' : '定稿前需处理'}</h2>
          {locked ? (
            <p className="muted">
              共 {grid.rows.length} 人。{r.kind === '年度' ? '各人等次已写入“年度考核结果”。' : ''}
            </p>
          ) : grid.blockers.length === 0 ? (
            <p className="muted">各组优秀人数均在名额内，所有人均已评定等次。</p>
          ) : (
            <ul>
              {grid.blockers.map(b => (
                <li key={b} className={over.some(q => q.message === b) ? 'as-over-text' : undefined}>
                  {b}
                </li>
              ))}
            </ul>
          )}
          <p className="muted as-legend">
            从 Excel / WPS 复制成绩，点选起始单元格后按 Ctrl+V 粘贴；Ctrl+D 取上一行的值；Ctrl+Z / Ctrl+Y 撤销、重做。
            <br />
            ＊人工评定；
            <span className="as-swatch as-personal-cell" />
            个性化指标；
            <span className="as-swatch as-missing" />
            待填；单元格悬停可看得分与目标。
          </p>
        </div>
      </div>
      {importing && (
        <ScoreImport
          roundId={id}
          onClose={() => setImporting(false)}
          onCommitted={(next, message) => {
            setImporting(false);
            setGrid(next);
            msg.info(message);
          }}
        />
      )}
      {asking?.kind === 'unlock' && (
        <ReasonDialog
          title="解锁考核轮次"
          prompt="解锁原因（记入操作日志）"
          placeholder="如：复核发现成绩录入错误，需更正"
          confirm="解锁"
          required="请填写解锁原因"
          onCancel={() => setAsking(null)}
          onConfirm={async reason => {
            const res = await api.unlockAssessmentRound({ roundId: id, reason });
            setAsking(null);
            await load();
            msg.info(`已解锁「${res.round.name}」${res.gradesKept ? `；已写入的 ${res.gradesKept} 人年度考核结果保留，重新定稿时更新` : ''}`);
          }}
        />
      )}
      {asking?.kind === 'undetermined' && (
        <ReasonDialog
          title={`${asking.row.name}：不定等次`}
          prompt="不定等次的原因"
          placeholder="如：新录用公务员试用期内；参加脱产学习超过半年"
          confirm="确定"
          required="不定等次须填写原因"
          onCancel={() => setAsking(null)}
          onConfirm={async reason => {
            // Called here rather than through write(): a refusal (no reason) stays in the dialog.
            const next = await api.setGrades({ roundId: id, grades: [{ cadreId: asking.row.cadreId, grade: '不定等次', reason }] });
            setGrid(next);
            setAsking(null);
            msg.info(`已将${asking.row.name}定为不定等次`);
          }}
        />
      )}
    </section>
  );
}
