/** 上报 on 数据与备份: a unit subtree (default everything) as one data package to send up. */
import { useEffect, useState } from 'react';
import { todayCanonical } from '../../../shared/domain/common/dates';
import { PACKAGE_CHOICE_LABELS, PACKAGE_CHOICES, packageContentsText, type PackageChoice } from '../../../shared/domain/package/manifest';
import { api } from '../api';
import { downloadBase64 } from '../io/files';
import { unitOptions } from '../units/tree';
import { DateInput } from '../ui/DateInput';
import { ErrorLine, useAction } from '../ui/useAction';

export function ReportPanel() {
  const [units, setUnits] = useState<ReturnType<typeof unitOptions>>([]);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [date, setDate] = useState(todayCanonical());
  const [withXlsx, setWithXlsx] = useState(true);
  const [withLrmx, setWithLrmx] = useState(false);
  const [without, setWithout] = useState<PackageChoice[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    api.listUnits({}).then(
      u => setUnits(unitOptions(u)),
      () => setUnits([]),
    );
  }, []);

  const make = () =>
    action.run(async () => {
      setDone(null);
      const r = await api.exportPackage({ unitId: unitId ?? undefined, date, withXlsx, withLrmx, without });
      if (r.base64) downloadBase64(r.fileName, r.base64, r.mime);
      setDone(`已生成数据包「${r.fileName}」：${packageContentsText(r, r.includes)}。请把该文件交给上级单位接收。`);
    });

  return (
    <section className="data-block" aria-labelledby="report-title">
      <h2 id="report-title">上报</h2>
      <p className="muted">把本单位的干部（含家庭成员）和单位写成一个数据包，交上级单位在“接收”中汇总；下列内容可选，不包含的内容上级单位不会改动。</p>
      <div className="package-form">
        <label>
          上报范围
          <select aria-label="上报范围" value={unitId ?? ''} onChange={e => setUnitId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">全部单位</option>
            {units.map(u => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          报送日期
          <DateInput aria-label="报送日期" value={date} onChange={setDate} precision="day" required />
        </label>
        <fieldset className="package-parts">
          <legend>包含</legend>
          {PACKAGE_CHOICES.map(c => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={!without.includes(c)}
                onChange={e => setWithout(prev => (e.target.checked ? prev.filter(x => x !== c) : [...prev, c]))}
              />
              {PACKAGE_CHOICE_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={withXlsx} onChange={e => setWithXlsx(e.target.checked)} />
          附干部名册（Excel）
        </label>
        <label className="check">
          <input type="checkbox" checked={withLrmx} onChange={e => setWithLrmx(e.target.checked)} />
          附任免审批表（每人一份 .lrmx）
        </label>
        <button className="primary" onClick={() => void make()} disabled={action.busy || date.length !== 10}>
          {action.busy ? '正在生成……' : '生成数据包'}
        </button>
      </div>
      <ErrorLine error={action.error} />
      {done && <p role="status">{done}</p>}
    </section>
  );
}
