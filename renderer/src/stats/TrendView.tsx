/**
 * 挂职与驻村: the figures of a secondment programme batch by batch (shared/domain/secondment/stats.ts:
 * headcount, 女干部, 80后 and 年轻干部 shares) and of the village rotations, as trend charts. A
 * click on a batch opens its members in the roster.
 */
import { useEffect, useMemo, useState } from 'react';
import type { OutputOf, RotationStats, SecondmentProgramme } from '../../../shared/contract/api';
import { api } from '../api';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { Chart } from './Chart';
import { batchTrendOption, rotationOption } from './charts';
import { openDrill } from './drill';

type ProgrammeStats = OutputOf<'secondmentProgrammeStats'>;

export function TrendView({ refDate }: { refDate: string }) {
  const [programmes, setProgrammes] = useState<SecondmentProgramme[]>([]);
  const [programmeId, setProgrammeId] = useState<number | null>(null);
  const [stats, setStats] = useState<ProgrammeStats | null>(null);
  const [rotations, setRotations] = useState<{ name: string; stats: RotationStats }[]>([]);
  const { message, fail, clear } = useMessage();

  useEffect(() => {
    api.listSecondmentProgrammes({}).then(ps => {
      setProgrammes(ps);
      setProgrammeId(id => id ?? ps[0]?.id ?? null);
    }, fail);
    api
      .listVillageRotations({})
      .then(rs => Promise.all(rs.map(async r => ({ name: r.name, stats: await api.villageRotationStats({ id: r.id }) }))).then(setRotations), fail);
  }, [fail]);
  useEffect(() => {
    if (programmeId === null) return;
    api.secondmentProgrammeStats({ id: programmeId }).then(setStats, fail);
  }, [programmeId, fail]);

  const programme = programmes.find(p => p.id === programmeId);
  const trend = useMemo(() => stats && batchTrendOption(stats.batches, `${programme?.name ?? ''}各批次`), [stats, programme]);
  const rotation = useMemo(() => (rotations.length ? rotationOption(rotations) : null), [rotations]);

  return (
    <section className="st-trend" aria-label="挂职与驻村">
      <div className="toolbar no-print" role="toolbar" aria-label="挂职与驻村操作">
        <label>
          挂职项目
          <select aria-label="挂职项目" value={programmeId ?? ''} onChange={e => setProgrammeId(Number(e.target.value))}>
            {programmes.map(p => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">年轻干部、年龄按各批次开始时计算；点击某一批次可在干部名册中查看其成员。</span>
      </div>
      <MessageLine message={message} onClose={clear} />
      {!programmes.length && <p className="muted">还没有挂职项目。</p>}
      {trend && stats && (
        <Chart
          option={trend}
          title={`${programme?.name ?? '挂职'}各批次`}
          onPick={p => {
            const batch = stats.batches[p.dataIndex];
            if (batch) openDrill({ scope: { kind: 'batch', batchId: batch.batchId }, refDate, label: `${programme?.name ?? ''} ${batch.name}` });
          }}
        />
      )}
      {rotation && <Chart option={rotation} title="驻村干部轮次" />}
    </section>
  );
}
