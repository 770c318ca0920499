/**
 * 干部任免审批表: the two pages of the national appointment form, laid out in
 * millimetres as on paper (A4 portrait; see form.css), editable in place.
 * Page 1: the personal particulars, education, posts and 简历 with the photo
 * box top right. Page 2: 奖惩情况, 年度考核结果, 任免理由, the family table,
 * 呈报单位 and the two approval boxes, 填表人 below.
 * Each edit saves one field through saveCadres ('修改 <字段>'); the service
 * checks it and a refusal is shown beside the cell with nothing saved.
 * A draft (新增干部) is the same form, empty: its fields are kept on the page
 * until 保存为新干部 creates the cadre (see NewCadre.tsx). The 单位, which the
 * paper form does not print, is chosen in the toolbar.
 */
import { useCallback, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { Cadre, FamilyMember, HistoryState, FormSettings, Unit } from '../../../shared/contract/api';
import { formatBirthWithAge } from '../../../shared/domain/common/age';
import { cadreFieldLabel, type EditableCadreField } from '../../../shared/domain/roster/cadre-rules';
import { formatDate, todayCanonical } from '../../../shared/domain/common/dates';
import { fieldLabel } from '../../../shared/domain/roster/fields';
import { parseResume } from '../../../shared/domain/roster/resume';
import { api, ApiError } from '../api';
import { EditableText, type SaveOutcome } from './EditableText';
import { FamilyTable, type FamilySaveOutcome } from './FamilyTable';
import { PhotoBox } from './PhotoBox';
import { DateInput } from '../ui/DateInput';
import { UnitSelect } from '../units/UnitSelect';
import './form.css';

const DATE_FIELDS = new Set<EditableCadreField>(['birth', 'partyDate', 'workDate', 'postDate', 'rankDate']);

interface Problem {
  row: number;
  field: string;
  message: string;
}

function problemsOf(e: unknown): Problem[] {
  const details = e instanceof ApiError ? (e.details as { problems?: Problem[] } | undefined) : undefined;
  return Array.isArray(details?.problems) ? details.problems : [];
}

/** The refusal as one Chinese sentence about this field (or the field the rule named). */
function refusalText(e: unknown, field: string): string {
  const problems = problemsOf(e);
  const mine = problems.filter(p => p.field === field);
  if (mine.length) return mine.map(p => p.message).join('；');
  if (problems.length) return problems.map(p => `${fieldLabel(p.field)}：${p.message}`).join('；');
  return e instanceof Error ? e.message : String(e);
}

/** 年度考核结果 as the form writes it: '2022年度考核称职；2023年度考核优秀。' (the last three years). */
export function assessmentText(assessments: Cadre['assessments']): string {
  const last = [...assessments].sort((a, b) => a.year - b.year).slice(-3);
  if (!last.length) return '';
  return `${last.map(a => `${a.year}年度考核${a.grade}${a.note ? `（${a.note}）` : ''}`).join('；')}。`;
}

/** A grid cell placed by 1-based row and column lines, as on the paper form. */
function at(row: number | string, col: number | string): CSSProperties {
  return { gridRow: String(row), gridColumn: String(col) };
}

function Label({ children, style, vertical }: { children: ReactNode; style: CSSProperties; vertical?: boolean }) {
  return (
    <div className={`fl${vertical ? ' fl-vertical' : ''}`} style={style}>
      <span>{children}</span>
    </div>
  );
}

/** The 简历 lines with a hanging indent, as the national form prints them; unparsed text as written. */
function ResumeView({ text }: { text: string }) {
  const { lines, problems } = parseResume(text);
  if (!text.trim()) return null;
  if (problems.length || !lines.length) return <div className="resume-raw">{text}</div>;
  return (
    <>
      {lines.map((l, i) => (
        <div className="resume-line" key={i}>
          <span className="resume-dates">
            {formatDate(l.start)}--{l.end ? formatDate(l.end) : ''}
          </span>
          <span className="resume-text">
            {l.text}
            {l.notes.length ? `（其间：${l.notes.join('；')}）` : ''}
          </span>
        </div>
      ))}
    </>
  );
}

function Stamp() {
  return (
    <div className="stamp">
      <div>（盖章）</div>
      <div>年　　月　　日</div>
    </div>
  );
}

/** A new cadre not yet saved: the page keeps its fields (and its unit). */
export interface FormDraft {
  saveField: (field: EditableCadreField, text: string) => Promise<SaveOutcome>;
  setUnit: (unitId: number | null) => void;
  /** The draft's own toolbar (保存为新干部). */
  actions: ReactNode;
}

export function AppointmentForm({ cadre, onChanged, draft }: { cadre: Cadre; onChanged: (next?: Cadre) => void; draft?: FormDraft }) {
  const [refDate, setRefDate] = useState(todayCanonical);
  const [settings, setSettings] = useState<FormSettings>({ reportingUnit: '', filledBy: '' });
  const [history, setHistory] = useState<HistoryState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resumeFit, setResumeFit] = useState<{ size: number; overflow: boolean } | null>(null);
  /** Bumped after an undo, which may have changed the photo behind our back. */
  const [photoVersion, setPhotoVersion] = useState(0);
  const [units, setUnits] = useState<Unit[]>([]);
  const id = cadre.id;

  // 另存为 PDF offers the document title as the file name.
  useEffect(() => {
    const before = document.title;
    document.title = `${cadre.name}_干部任免审批表`;
    return () => {
      document.title = before;
    };
  }, [cadre.name]);

  useEffect(() => {
    api.getFormSettings({}).then(setSettings, () => undefined);
    api.getHistory({}).then(setHistory, () => undefined);
    api.listUnits({}).then(setUnits, () => undefined);
  }, []);

  const reload = useCallback(async () => {
    try {
      onChanged(await api.getCadre({ id }));
    } catch {
      onChanged();
    }
  }, [id, onChanged]);

  const saveField = async (field: EditableCadreField, text: string): Promise<SaveOutcome> => {
    if (draft) return draft.saveField(field, text);
    try {
      const r = await api.saveCadres({ updates: [{ id, values: { [field]: text } }], label: `修改 ${cadreFieldLabel(field)}`, kind: 'edit' });
      setHistory(r.history);
      await reload();
      const warning = r.warnings.map(w => (w.field === field ? w.message : `${fieldLabel(w.field)}：${w.message}`)).join('；');
      return warning ? { warning } : {};
    } catch (e) {
      return { error: refusalText(e, field) };
    }
  };

  const saveUnit = async (unitId: number | null) => {
    if (draft) return draft.setUnit(unitId);
    try {
      const r = await api.saveCadres({ updates: [{ id, values: { unitId } }], label: '修改 单位', kind: 'edit' });
      setHistory(r.history);
      setNotice(`单位已改为「${r.rows[0]?.unit || '无'}」`);
      await reload();
    } catch (e) {
      setNotice(refusalText(e, 'unitId'));
    }
  };

  const saveFamily = async (members: FamilyMember[]): Promise<FamilySaveOutcome> => {
    if (draft) return { error: '请先保存新干部，再填写家庭成员' };
    try {
      const r = await api.saveFamily({ id, members });
      setHistory(r.history);
      onChanged({ ...cadre, family: r.family });
      return {};
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), problems: problemsOf(e) };
    }
  };

  const saveSetting = async (key: keyof FormSettings, text: string): Promise<SaveOutcome> => {
    try {
      setSettings(await api.saveFormSettings({ [key]: text }));
      return {};
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  };

  const undo = async () => {
    try {
      const r = await api.stepHistory({ direction: 'undo' });
      setHistory(r.history);
      setNotice(`已撤销：${r.label}`);
      setPhotoVersion(v => v + 1);
      await reload();
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  };

  const onResumeFit = useCallback((size: number, overflow: boolean) => {
    setResumeFit(prev => (prev && prev.size === size && prev.overflow === overflow ? prev : { size, overflow }));
  }, []);

  /** A field of the cadre record in a cell of the form. */
  const field = (f: EditableCadreField, style: CSSProperties, opts: { multiline?: boolean; display?: ReactNode; className?: string } = {}) => {
    const value = cadre[f];
    const shown = DATE_FIELDS.has(f) ? formatDate(value) : value;
    return (
      <div className={`fv ${opts.className ?? ''}`} style={style}>
        <EditableText
          label={cadreFieldLabel(f)}
          field={f}
          editValue={shown}
          multiline={opts.multiline}
          onSave={text => saveField(f, text)}
          onFit={f === 'resume' ? onResumeFit : undefined}
        >
          {opts.display ?? shown}
        </EditableText>
      </div>
    );
  };

  /** 学历 over 学位 in one cell of the form, each editable on its own. */
  const pair = (top: EditableCadreField, bottom: EditableCadreField, style: CSSProperties) => (
    <div className="fv fv-pair" style={style}>
      {[top, bottom].map(f => (
        <EditableText key={f} label={cadreFieldLabel(f)} field={f} editValue={cadre[f]} onSave={text => saveField(f, text)} placeholder={cadreFieldLabel(f)}>
          {cadre[f]}
        </EditableText>
      ))}
    </div>
  );

  return (
    <div className="appointment-form">
      <div className="form-toolbar no-print">
        {draft?.actions}
        <button type="button" className={draft ? undefined : 'primary'} onClick={() => window.print()}>
          打印 / 另存为 PDF
        </button>
        <label>
          单位
          <UnitSelect units={units} value={cadre.unitId} onChange={unitId => void saveUnit(unitId)} none="（无单位）" label="单位" />
        </label>
        <span className="form-id">
          身份证号
          <EditableText
            label="身份证号"
            field="idNumber"
            editValue={cadre.idNumber}
            placeholder="填写后得出出生年月、性别"
            onSave={text => saveField('idNumber', text)}
          />
        </span>
        <label>
          计算年龄时间
          <DateInput aria-label="计算年龄时间" precision="day" required value={refDate} onChange={setRefDate} />
        </label>
        <button
          type="button"
          onClick={() => void undo()}
          hidden={!!draft}
          disabled={!history?.undo}
          title={history?.undo ? `撤销：${history.undo.label}` : '没有可以撤销的操作'}
        >
          撤销{history?.undo ? `：${history.undo.label}` : ''}
        </button>
        <span className="form-hint">点击表格中的内容即可修改；回车保存，Esc 取消。</span>
        {resumeFit && resumeFit.size < 14 && (
          <span className={`form-hint${resumeFit.overflow ? ' form-warn' : ''}`} role="status">
            {resumeFit.overflow ? `简历过长，即使缩小到 ${resumeFit.size}px 仍放不下，打印时超出部分将被截去` : `简历较长，已缩小字号至 ${resumeFit.size}px`}
          </span>
        )}
        {notice && (
          <span className="form-hint" role="status">
            {notice}
          </span>
        )}
      </div>

      <section className="form-sheet" aria-label="任免审批表第一页">
        <div className="form-page form-page-1">
          <h1 className="form-title">干部任免审批表</h1>
          <div className="fgrid fgrid-1">
            <Label style={at(1, 1)}>姓　名</Label>
            {field('name', at(1, 2))}
            <Label style={at(1, 3)}>性　别</Label>
            {field('gender', at(1, 4))}
            <Label style={at(1, 5)}>
              出生年月
              <br />
              （　岁）
            </Label>
            {field('birth', at(1, 6), { display: formatBirthWithAge(cadre.birth, refDate) })}
            <div className="fv fv-photo" style={at('1 / 5', 7)}>
              {draft ? (
                <span className="photo-later">保存后可添加照片</span>
              ) : (
                <PhotoBox cadreId={id} hasPhoto={cadre.hasPhoto} version={photoVersion} onChanged={() => void reload()} />
              )}
            </div>

            <Label style={at(2, 1)}>民　族</Label>
            {field('ethnicity', at(2, 2))}
            <Label style={at(2, 3)}>籍　贯</Label>
            {field('nativePlace', at(2, 4))}
            <Label style={at(2, 5)}>出 生 地</Label>
            {field('birthplace', at(2, 6))}

            <Label style={at(3, 1)}>
              入　党
              <br />
              时　间
            </Label>
            {field('partyDate', at(3, 2))}
            <Label style={at(3, 3)}>
              参加工
              <br />
              作时间
            </Label>
            {field('workDate', at(3, 4))}
            <Label style={at(3, 5)}>健康状况</Label>
            {field('health', at(3, 6))}

            <Label style={at(4, 1)}>
              专业技
              <br />
              术职务
            </Label>
            {field('professionalTitle', at(4, '2 / 4'))}
            <Label style={at(4, 4)}>
              熟悉专业
              <br />
              有何专长
            </Label>
            {field('expertise', at(4, '5 / 7'))}

            <Label style={at('5 / 7', 1)}>
              学　历
              <br />
              学　位
            </Label>
            <Label style={at(5, 2)}>
              全日制
              <br />
              教　育
            </Label>
            {pair('ftEducation', 'ftDegree', at(5, '3 / 5'))}
            <Label style={at(5, 5)}>
              毕业院校
              <br />
              系及专业
            </Label>
            {pair('ftEduSchool', 'ftDegreeSchool', at(5, '6 / 8'))}
            <Label style={at(6, 2)}>
              在　职
              <br />
              教　育
            </Label>
            {pair('ptEducation', 'ptDegree', at(6, '3 / 5'))}
            <Label style={at(6, 5)}>
              毕业院校
              <br />
              系及专业
            </Label>
            {pair('ptEduSchool', 'ptDegreeSchool', at(6, '6 / 8'))}

            <Label style={at(7, '1 / 3')}>现 任 职 务</Label>
            {field('post', at(7, '3 / 8'), { className: 'fv-left' })}
            <Label style={at(8, '1 / 3')}>拟 任 职 务</Label>
            {field('proposedPost', at(8, '3 / 8'), { className: 'fv-left' })}
            <Label style={at(9, '1 / 3')}>拟 免 职 务</Label>
            {field('proposedRemoval', at(9, '3 / 8'), { className: 'fv-left' })}

            <Label style={at(10, 1)} vertical>
              简历
            </Label>
            {field('resume', at(10, '2 / 8'), { multiline: true, className: 'fv-long fv-resume', display: <ResumeView text={cadre.resume} /> })}
          </div>
        </div>
      </section>

      <section className="form-sheet" aria-label="任免审批表第二页">
        <div className="form-page form-page-2">
          <div className="fgrid fgrid-2">
            <Label style={at(1, 1)}>
              奖<br />惩<br />情<br />况
            </Label>
            {field('rewards', at(1, '2 / 3'), { multiline: true, className: 'fv-long' })}

            <Label style={at(2, 1)}>
              年　度
              <br />
              考　核
              <br />
              结　果
            </Label>
            <div className="fv fv-long fv-readonly" style={at(2, '2 / 3')} title="年度考核结果由考核模块记录">
              <EditableText label="年度考核结果" field="assessments" editValue={assessmentText(cadre.assessments)} readOnly onSave={async () => ({})} />
            </div>

            <Label style={at(3, 1)}>
              任<br />免<br />理<br />由
            </Label>
            {field('appointmentReason', at(3, '2 / 3'), { multiline: true, className: 'fv-long' })}

            <Label style={at(4, 1)}>
              家庭
              <br />
              主要
              <br />
              成员
              <br />
              及重
              <br />
              要社
              <br />
              会关
              <br />系
            </Label>
            <div className="fv fv-family" style={at(4, '2 / 3')}>
              <FamilyTable members={cadre.family} refDate={refDate} onSave={saveFamily} />
            </div>

            <Label style={at(5, 1)}>
              呈<br />报<br />单<br />位
            </Label>
            <div className="fv fv-stamped" style={at(5, '2 / 3')}>
              <EditableText
                label="呈报单位"
                field="reportingUnit"
                editValue={settings.reportingUnit}
                placeholder="如：中共××市委组织部（对所有干部生效）"
                onSave={text => saveSetting('reportingUnit', text)}
              />
              <Stamp />
            </div>

            <div className="fgrid-approvals" style={at(6, '1 / 3')}>
              <Label style={at(1, 1)}>
                审<br />批<br />机<br />关<br />意<br />见
              </Label>
              <div className="fv fv-stamped" style={at(1, 2)}>
                <Stamp />
              </div>
              <Label style={at(1, 3)}>
                行政
                <br />
                机关
                <br />
                任免
                <br />
                意见
              </Label>
              <div className="fv fv-stamped" style={at(1, 4)}>
                <Stamp />
              </div>
            </div>
          </div>
          <div className="form-foot">
            <span>填表人：</span>
            <EditableText
              label="填表人"
              field="filledBy"
              editValue={settings.filledBy}
              placeholder="填表人姓名"
              onSave={text => saveSetting('filledBy', text)}
            />
          </div>
        </div>
      </section>
    </div>
  );
}
