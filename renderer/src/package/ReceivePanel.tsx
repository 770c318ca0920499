/**
 * 接收 / 汇总 on 数据与备份: choose one or more data packages; they are checked
 * (a damaged or tampered one is refused) and previewed together: per unit and
 * per cadre new / changed / unchanged, conflicts with a choice each, who a
 * repeat package no longer lists; then merged as one 撤销 step.
 */
import { useEffect, useRef, useState } from 'react';
import type { PackagePreview } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { secondmentCountsText } from '../../../shared/domain/package/conflicts';
import { PACKAGE_CHOICE_LABELS, PACKAGE_CHOICES } from '../../../shared/domain/package/manifest';
import { api } from '../api';
import { readFileBase64 } from '../io/files';
import { unitOptions } from '../units/tree';
import { ErrorLine, useAction } from '../ui/useAction';

type Take = 'ours' | 'theirs' | 'fields';
interface Choice {
  take: Take;
  fields: string[];
}

const ACTION_LABELS: Record<PackagePreview['rows'][number]['action'], string> = {
  new: '新增',
  changed: '更新',
  unchanged: '无变化',
  conflict: '冲突',
  error: '有误',
};

export function ReceivePanel({ onMerged }: { onMerged?: () => void }) {
  const [files, setFiles] = useState<{ name: string; base64: string }[]>([]);
  const [preview, setPreview] = useState<PackagePreview | null>(null);
  const [placeUnder, setPlaceUnder] = useState<Record<string, number | null>>({});
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [units, setUnits] = useState<ReturnType<typeof unitOptions>>([]);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.listUnits({}).then(
      u => setUnits(unitOptions(u)),
      () => setUnits([]),
    );
  }, [preview]);

  const look = (chosen: { name: string; base64: string }[], place: Record<string, number | null>) =>
    action.run(async () => {
      setPreview(null);
      const p = await api.previewPackages({
        files: chosen,
        placeUnder: Object.entries(place).map(([senderId, unitId]) => ({ senderId, unitId })),
      });
      setPreview(p);
      setChoices(Object.fromEntries(p.conflicts.map(c => [c.key, { take: 'ours' as Take, fields: [] }])));
    });

  const choose = async (list: FileList | null) => {
    if (!list?.length) return;
    setDone(null);
    const chosen = await Promise.all([...list].map(readFileBase64));
    setFiles(chosen);
    setPlaceUnder({});
    await look(chosen, {});
    if (input.current) input.current.value = '';
  };

  const place = (senderId: string, unitId: number | null) => {
    const next = { ...placeUnder, [senderId]: unitId };
    setPlaceUnder(next);
    void look(files, next);
  };

  const merge = () =>
    action.run(async () => {
      if (!preview) return;
      const r = await api.mergePackages({
        planId: preview.planId,
        choices: Object.entries(choices).map(([key, c]) => (c.take === 'fields' ? { key, take: 'fields' as const, fields: c.fields } : { key, take: c.take })),
      });
      setPreview(null);
      setFiles([]);
      const parts = secondmentCountsText(r.parts);
      setDone(
        `已汇总：新增 ${r.new} 名，更新 ${r.changed} 名，无变化 ${r.unchanged} 名，处理冲突 ${r.conflicts} 处；新建单位 ${r.unitsNew} 个，职务变动 ${r.events} 条，职数 ${r.quotas} 项${parts ? `；${parts}` : ''}。如有误，可在名册页“撤销”。`,
      );
      onMerged?.();
    });

  const setChoice = (key: string, c: Choice) => setChoices(prev => ({ ...prev, [key]: c }));
  const c = preview?.counts;
  return (
    <section className="data-block" aria-labelledby="receive-title">
      <h2 id="receive-title">接收</h2>
      <p className="muted">选择下级单位报送的数据包（可多选，一并汇总）。先校验文件，再列出新增、更新和冲突，确认后一次写入，可撤销。</p>
      <div className="package-form">
        <label className="file-button">
          选择数据包……
          <input
            ref={input}
            type="file"
            accept=".cadrepkg"
            multiple
            aria-label="选择数据包"
            onChange={e => void choose(e.target.files)}
            disabled={action.busy}
          />
        </label>
        {action.busy && <span className="muted">正在校验和比对……</span>}
      </div>
      <ErrorLine error={action.error} />
      {done && <p role="status">{done}</p>}

      {preview && c && (
        <div className="package-preview" aria-label="接收预览">
          <table className="data-table" aria-label="数据包">
            <thead>
              <tr>
                <th>报送单位</th>
                <th>报送日期</th>
                <th className="num">干部</th>
                <th>未包含</th>
                <th>放在本库的</th>
              </tr>
            </thead>
            <tbody>
              {preview.packages.map(p => (
                <tr key={p.sha256} title={`${p.file}，校验值 ${p.sha256}`}>
                  <td>{p.sender.name}</td>
                  <td>
                    {formatDate(p.referenceDate)}
                    {p.lastReferenceDate && <span className="muted">（上次 {formatDate(p.lastReferenceDate)}）</span>}
                  </td>
                  <td className="num">{p.counts.cadres}</td>
                  <td>
                    {PACKAGE_CHOICES.filter(c => !p.includes.includes(c))
                      .map(c => PACKAGE_CHOICE_LABELS[c])
                      .join('、') || '—'}
                  </td>
                  <td>
                    {p.placeRemembered ? (
                      `${p.placeUnder.name}之下`
                    ) : (
                      <select
                        aria-label={`${p.sender.name}放在`}
                        value={p.placeUnder.unitId ?? ''}
                        onChange={e => place(p.sender.id, e.target.value ? Number(e.target.value) : null)}
                      >
                        <option value="">顶层</option>
                        {units.map(u => (
                          <option key={u.id} value={u.id}>
                            {u.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status" aria-label="接收预览汇总">
            新增 {c.new} 名，更新 {c.changed} 名，无变化 {c.unchanged} 名，冲突 {c.conflicts} 处{c.errors ? `，有误 ${c.errors} 名（不写入）` : ''}；新建单位{' '}
            {c.unitsNew} 个，职务变动 {c.events} 条。{secondmentCountsText(preview.parts) && `${secondmentCountsText(preview.parts)}。`}
          </p>

          {preview.conflicts.length > 0 && (
            <div className="package-conflicts">
              <h3>冲突（请逐一选择）</h3>
              {preview.conflicts.map(x => {
                const ch = choices[x.key] ?? { take: 'ours', fields: [] };
                return (
                  <fieldset key={x.key} className="package-conflict" aria-label={`冲突：${x.name}`}>
                    <legend>
                      {x.name}（{x.kindLabel}）
                    </legend>
                    <p>{x.message}</p>
                    <div className="package-choice">
                      {(
                        [
                          ['ours', '保留本库'],
                          ['theirs', x.kind === 'transfer' ? '采用数据包（调入）' : '采用数据包'],
                          ['fields', '逐项选择'],
                        ] as [Take, string][]
                      ).map(([take, label]) => (
                        <label key={take}>
                          <input
                            type="radio"
                            name={`choice-${x.key}`}
                            checked={ch.take === take}
                            onChange={() => setChoice(x.key, { take, fields: ch.fields })}
                          />
                          {label}
                        </label>
                      ))}
                    </div>
                    <table className="data-table">
                      <thead>
                        <tr>
                          {ch.take === 'fields' && <th>采用</th>}
                          <th>项目</th>
                          <th>本库</th>
                          <th>数据包</th>
                        </tr>
                      </thead>
                      <tbody>
                        {x.fields.map(f => (
                          <tr key={f.field}>
                            {ch.take === 'fields' && (
                              <td>
                                <input
                                  type="checkbox"
                                  aria-label={`采用数据包的${f.label}`}
                                  checked={ch.fields.includes(f.field)}
                                  onChange={e =>
                                    setChoice(x.key, {
                                      take: 'fields',
                                      fields: e.target.checked ? [...ch.fields, f.field] : ch.fields.filter(k => k !== f.field),
                                    })
                                  }
                                />
                              </td>
                            )}
                            <td>{f.label}</td>
                            <td className="wrap">{f.ours || '（空）'}</td>
                            <td className="wrap">{f.theirs || '（空）'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </fieldset>
                );
              })}
            </div>
          )}

          {(preview.removedFromSender.length > 0 || preview.moved.length > 0) && (
            <div>
              <h3>人员去向</h3>
              <ul>
                {preview.moved.map(p => (
                  <li key={`m-${p.sender}-${p.name}-${p.idNumber}`}>
                    「{p.name}」由「{p.sender}」调至「{p.to}」
                  </li>
                ))}
                {preview.removedFromSender.map(p => (
                  <li key={`r-${p.sender}-${p.name}-${p.idNumber}`}>
                    「{p.sender}」本次未报送「{p.name}」（可能已离开或调走）；本库不会删除，请核实后处理
                  </li>
                ))}
              </ul>
            </div>
          )}

          {preview.units.length > 0 && (
            <table className="data-table" aria-label="按单位">
              <thead>
                <tr>
                  <th>报送单位</th>
                  <th>单位</th>
                  <th className="num">新增</th>
                  <th className="num">更新</th>
                  <th className="num">无变化</th>
                </tr>
              </thead>
              <tbody>
                {preview.units.map((u, i) => (
                  <tr key={i}>
                    <td>{u.sender}</td>
                    <td>{u.unit}</td>
                    <td className="num">{u.new}</td>
                    <td className="num">{u.changed}</td>
                    <td className="num">{u.unchanged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          {preview.rows.length > 0 && (
            <table className="data-table" aria-label="逐人比对">
              <thead>
                <tr>
                  <th>处理</th>
                  <th>姓名</th>
                  <th>单位</th>
                  <th>变化（本库 → 数据包）</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map(r => (
                  <tr key={r.key}>
                    <td>{ACTION_LABELS[r.action]}</td>
                    <td>{r.name}</td>
                    <td>{r.unit}</td>
                    <td className="wrap">
                      {r.action === 'error' || r.action === 'new'
                        ? r.message
                        : r.fields.map(f => `${f.label}：${f.ours || '（空）'} → ${f.theirs || '（空）'}`).join('；')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <div className="package-form">
            <button className="primary" onClick={() => void merge()} disabled={action.busy}>
              {action.busy ? '正在汇总……' : '确认汇总'}
            </button>
            <button onClick={() => setPreview(null)} disabled={action.busy}>
              取消
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
