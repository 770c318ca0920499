/**
 * 职数 (#/quota, #/quota/<unit>): approved leader posts per unit and 领导职务层次 against
 * those filled from the roster, for a unit and its sub-units or for every unit, with 空缺,
 * 超配 and the reasons recorded for appointments past the number. Figures are set here
 * (with the 三定 document) and the table downloads as a styled .xlsx.
 */
import { useCallback, useEffect, useState } from 'react';
import { QUOTA_LEVELS, type OutputOf, type Unit } from '../../../shared/contract/api';
import { formatDate } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { downloadBase64, XLSX_MIME } from '../io/files';
import { MessageLine, useMessage } from '../ui/MessageLine';
import { EmptyHint } from '../ui/EmptyHint';
import { DateInput } from '../ui/DateInput';
import { UnitSelect } from './UnitSelect';
import './units.css';

type Report = OutputOf<'quotaReport'>;

export function QuotaPage({ unitId }: { unitId: number | null }) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [form, setForm] = useState({ unitId, level: '正处', approved: '', doc: '', docDate: '' });
  const { message, info, fail, clear } = useMessage();

  const load = useCallback(() => {
    api.quotaReport(unitId === null ? {} : { unitId }).then(setReport, fail);
  }, [fail, unitId]);
  useEffect(() => {
    load();
    api.listUnits({}).then(setUnits, fail);
  }, [fail, load]);

  const save = async (approved: number | null) => {
    if (form.unitId === null) return fail(new Error('请先选择单位'));
    if (approved !== null && !(Number.isInteger(approved) && approved >= 0)) return fail(new Error('核定职数应为不小于 0 的整数'));
    try {
      await api.setQuota({ unitId: form.unitId, level: form.level, approved, doc: form.doc, docDate: form.docDate });
      const name = units.find(u => u.id === form.unitId)?.name ?? '';
      info(approved === null ? `已取消「${name}」${form.level}职数` : `已核定「${name}」${form.level}职数 ${approved} 名`);
      load();
    } catch (e) {
      fail(e);
    }
  };

  const exportXlsx = async () => {
    try {
      const f = await api.exportQuotaReport(unitId === null ? {} : { unitId });
      downloadBase64(f.fileName, f.base64 ?? '', XLSX_MIME);
    } catch (e) {
      fail(e);
    }
  };

  const pick = (r: Report['rows'][number]) =>
    setForm({
      unitId: r.unitId,
      level: r.level,
      approved: r.approved === null ? '' : String(r.approved),
      doc: r.doc,
      docDate: r.docDate,
    });

  return (
    <section className="page quota-page">
      <header className="page-head">
        <button type="button" onClick={() => (window.location.hash = '#/roster')}>
          ← 返回名册
        </button>
        <h1>领导职数</h1>
        <label>
          范围{' '}
          <UnitSelect
            units={units}
            value={unitId}
            onChange={id => (window.location.hash = id === null ? '#/quota' : `#/quota/${id}`)}
            none="全部单位"
            label="范围"
          />
        </label>
        <button type="button" onClick={() => void exportXlsx()}>
          导出 Excel
        </button>
      </header>
      <form
        className="quota-set"
        aria-label="核定职数"
        onSubmit={e => {
          e.preventDefault();
          void save(form.approved.trim() === '' ? null : Number(form.approved));
        }}
      >
        <label>
          单位
          <UnitSelect units={units} value={form.unitId} onChange={id => setForm({ ...form, unitId: id })} label="核定单位" />
        </label>
        <label>
          领导职务层次
          <select value={form.level} onChange={e => setForm({ ...form, level: e.target.value })} aria-label="领导职务层次">
            {QUOTA_LEVELS.map(l => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          核定职数
          <input value={form.approved} onChange={e => setForm({ ...form, approved: e.target.value })} inputMode="numeric" size={4} aria-label="核定职数" />
        </label>
        <label>
          三定文件
          <input value={form.doc} onChange={e => setForm({ ...form, doc: e.target.value })} aria-label="三定文件" />
        </label>
        <label>
          文件日期
          <DateInput value={form.docDate} onChange={docDate => setForm({ ...form, docDate })} placeholder="如 2019.03" aria-label="文件日期" />
        </label>
        <button type="submit" className="primary">
          保存职数
        </button>
        <span className="hint">核定职数留空保存即取消；点表中一行可修改该行。</span>
      </form>
      <MessageLine message={message} onClose={clear} />
      <div className="quota-body">
        {report && report.rows.length === 0 ? (
          <EmptyHint message="还没有核定职数" detail="在上方选择单位和领导职务层次，填写核定职数后保存。实配人数按名册中的领导职务层次自动统计。" />
        ) : (
          <table aria-label="职数配备情况">
            <thead>
              <tr>
                <th>单位</th>
                <th>领导职务层次</th>
                <th>核定职数</th>
                <th>实配</th>
                <th>空缺</th>
                <th>超配</th>
                <th>三定文件</th>
                <th>超职数配备理由</th>
              </tr>
            </thead>
            <tbody>
              {report?.rows.map(r => (
                <tr
                  key={`${r.unitId}:${r.level}`}
                  className={[r.vacant ? 'vacant' : '', r.over ? 'over' : ''].join(' ').trim() || undefined}
                  onClick={() => pick(r)}
                >
                  <td className="unit" style={{ paddingLeft: 8 + r.depth * 14 }}>
                    {r.unit}
                  </td>
                  <td>{r.level}</td>
                  <td>{r.approved ?? '未核定'}</td>
                  <td>{r.filled}</td>
                  <td className="vacant">{r.approved === null ? '' : r.vacant}</td>
                  <td className="over">{r.approved === null ? '' : r.over}</td>
                  <td>{[r.doc, r.docDate && formatDate(r.docDate)].filter(Boolean).join(' ')}</td>
                  <td className="reasons">{r.reasons.map(x => `${x.name}：${x.reason}`).join('；')}</td>
                </tr>
              ))}
            </tbody>
            {report && (
              <tfoot>
                <tr>
                  <th>合计</th>
                  <th />
                  <th>{report.total.approved}</th>
                  <th>{report.total.filled}</th>
                  <th>{report.total.vacant}</th>
                  <th>{report.total.over}</th>
                  <th />
                  <th />
                </tr>
              </tfoot>
            )}
          </table>
        )}
      </div>
    </section>
  );
}
