/** New indicator set (from a built-in template or empty), or edit a set's name, year, scope and description. */
import { useEffect, useState } from 'react';
import type { AssessmentSet, AssessmentSetDetail, AssessmentTemplateOutput } from '../../../shared/contract/api';
import { api } from '../api';
import { ScopePicker, type Scope } from './ScopePicker';
import { FormDialog } from '../ui/FormDialog';
import { errorText } from '../ui/errors';
import { ErrorLine } from '../ui/useAction';

export function SetInfoDialog({ set, onClose, onSaved }: { set?: AssessmentSet; onClose: () => void; onSaved: (s: AssessmentSetDetail) => void }) {
  const [templates, setTemplates] = useState<AssessmentTemplateOutput[]>([]);
  const [template, setTemplate] = useState<string>('');
  const [name, setName] = useState(set?.name ?? '');
  const [year, setYear] = useState(String(set?.year ?? new Date().getFullYear()));
  const [scope, setScope] = useState<Scope>(set ? { kind: set.scope.kind, ref: set.scope.ref } : { kind: 'all', ref: '' });
  const [description, setDescription] = useState(set?.description ?? '');
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!set) api.listAssessmentTemplates({}).then(setTemplates, e => setLoadError(errorText(e)));
  }, [set]);

  const chooseTemplate = (key: string) => {
    setTemplate(key);
    const t = templates.find(x => x.key === key);
    // Offer the template's name until the user has typed their own.
    if (t && (name === '' || templates.some(x => x.name === name))) setName(t.name);
  };

  const submit = async () => {
    if (!name.trim()) throw new Error('请填写指标体系名称');
    const y = Number(year);
    if (!Number.isInteger(y)) throw new Error(`年度「${year}」应为四位数字年份`);
    const saved = await api.saveAssessmentSet({ id: set?.id, name, year: y, scope, description, template: set || !template ? undefined : template });
    onSaved(saved);
  };

  return (
    <FormDialog title={set ? '修改指标体系' : '新建指标体系'} action={set ? '保存' : '创建'} onClose={onClose} wide className="as-form" run={submit}>
      {!set && (
        <fieldset className="as-templates">
          <legend>从模板开始</legend>
          <label className="as-template">
            <input type="radio" name="template" checked={template === ''} onChange={() => chooseTemplate('')} />
            <span>
              <strong>空白指标体系</strong>
              <small className="muted">不含指标，自行添加一级、二级指标。</small>
            </span>
          </label>
          {templates.map(t => (
            <label key={t.key} className="as-template">
              <input type="radio" name="template" checked={template === t.key} onChange={() => chooseTemplate(t.key)} />
              <span>
                <strong>{t.name}</strong>
                <small className="muted">
                  {t.indicators.map(i => i.name).join('、')}（来源：{t.source}）
                </small>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="as-row">
        <label className="as-field grow">
          <span>名称</span>
          <input value={name} onChange={e => setName(e.target.value)} placeholder="如：2025年度挂职干部考核指标" />
        </label>
        <label className="as-field">
          <span>年度</span>
          <input value={year} onChange={e => setYear(e.target.value)} size={6} inputMode="numeric" />
        </label>
      </div>
      <ScopePicker value={scope} onChange={setScope} />
      <label className="as-field wide">
        <span>说明</span>
        <textarea rows={2} value={description} onChange={e => setDescription(e.target.value)} placeholder={set ? '' : '留空则使用模板的说明'} />
      </label>
      <ErrorLine error={loadError} />
    </FormDialog>
  );
}
