/**
 * The dialogs of a batch's members: adding from the roster or a new person, and
 * the actions one member goes through (结对, 提前召回, 调换, 期满返岗, 返岗后去向).
 * Each write is one undoable step; the server's Chinese message is shown as is.
 */
import { useEffect, useState } from 'react';
import { type CadreRow, type HistoryState, type OutputOf, OUTCOMES, type SecondmentMember } from '../../../shared/contract/api';
import { thisMonthCanonical } from '../../../shared/domain/common/dates';
import { api } from '../api';
import { errorText } from '../ui/errors';
import { CadrePicker } from './CadrePicker';
import { Field, termText } from './common';
import { DateInput } from '../ui/DateInput';
import { Dialog } from '../ui/Dialog';
import { FormDialog } from '../ui/FormDialog';

/** What a finished action reports back to the page. */
export type Done = (text: string, history: HistoryState) => void;

/** This month as users write it (2024.03): the default of the action dates. */

export function AddMembersDialog({ batchId, exclude, onClose, onDone }: { batchId: number; exclude: number[]; onClose: () => void; onDone: Done }) {
  const [chosen, setChosen] = useState<CadreRow[]>([]);
  return (
    <FormDialog
      title="从名册添加成员"
      action={`加入批次（${chosen.length}）`}
      disabled={!chosen.length}
      wide
      onClose={onClose}
      run={async () => {
        const r = await api.addSecondmentMembers({ batchId, cadreIds: chosen.map(c => c.id) });
        onDone(`已加入 ${r.members.length} 名成员：${r.members.map(m => m.name).join('、')}`, r.history);
      }}
    >
      <div className="wide">
        <p className="muted">可连续查找并勾选多名干部；挂职时间默认取批次的开始与计划结束时间。</p>
        <CadrePicker multiple chosen={chosen} onChange={setChosen} exclude={exclude} />
      </div>
    </FormDialog>
  );
}

export function NewPersonDialog({ batchId, onClose, onDone }: { batchId: number; onClose: () => void; onDone: Done }) {
  const [v, setV] = useState({ name: '', gender: '男', birth: '', idNumber: '', unit: '', post: '', hostUnit: '', hostPost: '' });
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  return (
    <FormDialog
      title="新增人员"
      action="加入名册和批次"
      onClose={onClose}
      run={async () => {
        const r = await api.addSecondmentNewPerson({
          batchId,
          cadre: { name: v.name, gender: v.gender, birth: v.birth, idNumber: v.idNumber, post: v.post },
          values: { homeUnit: v.unit, homePost: v.post, hostUnit: v.hostUnit, hostPost: v.hostPost },
        });
        const warn = r.warnings.length ? `；提示：${r.warnings.map(w => w.message).join('；')}` : '';
        onDone(`已将「${r.member.name}」加入名册和本批次${warn}`, r.history);
      }}
    >
      <p className="muted wide">名册中还没有的人员：先按名册的规则检查并加入名册，再加入本批次。</p>
      <Field label="姓名">
        <input value={v.name} onChange={set('name')} autoFocus />
      </Field>
      <Field label="性别">
        <select value={v.gender} onChange={set('gender')}>
          <option>男</option>
          <option>女</option>
        </select>
      </Field>
      <Field label="出生年月">
        <DateInput value={v.birth} onChange={birth => setV({ ...v, birth })} aria-label="出生年月" placeholder="1988.06" />
      </Field>
      <Field label="身份证号">
        <input value={v.idNumber} onChange={set('idNumber')} />
      </Field>
      <Field label="单位">
        <input value={v.unit} onChange={set('unit')} />
      </Field>
      <Field label="职务">
        <input value={v.post} onChange={set('post')} />
      </Field>
      <Field label="挂职单位">
        <input value={v.hostUnit} onChange={set('hostUnit')} />
      </Field>
      <Field label="挂任职务">
        <input value={v.hostPost} onChange={set('hostPost')} />
      </Field>
    </FormDialog>
  );
}

export function PairDialog({ member, members, onClose, onDone }: { member: SecondmentMember; members: SecondmentMember[]; onClose: () => void; onDone: Done }) {
  const candidates = members.filter(m => m.id !== member.id && m.status !== '已调换');
  const [partnerId, setPartnerId] = useState<number | null>(member.pairMemberId);
  return (
    <FormDialog
      title={`结对帮带：${member.name}`}
      action={partnerId === null ? '解除结对' : '结对'}
      disabled={partnerId === member.pairMemberId}
      onClose={onClose}
      run={async () => {
        const r = await api.pairSecondmentMembers({ memberId: member.id, partnerId });
        const partner = candidates.find(m => m.id === partnerId);
        onDone(partner ? `「${member.name}」与「${partner.name}」已结对` : `「${member.name}」已解除结对`, r.history);
      }}
    >
      <p className="muted wide">双向结对帮带：两人互为结对对象。{member.pairName && `现结对：${member.pairName}`}</p>
      <Field label="结对对象" wide>
        <select value={partnerId ?? ''} onChange={e => setPartnerId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">（不结对）</option>
          {candidates.map(m => (
            <option key={m.id} value={m.id}>
              {m.name}　{m.hostUnit}
              {m.hostPost}
              {m.pairName && m.pairMemberId !== member.id ? `（已与${m.pairName}结对）` : ''}
            </option>
          ))}
        </select>
      </Field>
    </FormDialog>
  );
}

export function RecallDialog({ member, onClose, onDone }: { member: SecondmentMember; onClose: () => void; onDone: Done }) {
  const [date, setDate] = useState(thisMonthCanonical);
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      title={`提前召回：${member.name}`}
      action="提前召回"
      onClose={onClose}
      run={async () => {
        const r = await api.recallSecondmentMember({ id: member.id, date, reason });
        onDone(`已提前召回「${member.name}」`, r.history);
      }}
    >
      <Field label="召回时间">
        <DateInput value={date} onChange={setDate} required aria-label="召回时间" />
      </Field>
      <Field label="召回原因" wide>
        <textarea value={reason} onChange={e => setReason(e.target.value)} rows={2} autoFocus />
      </Field>
    </FormDialog>
  );
}

type Chain = OutputOf<'secondmentReplacementHistory'>;

/** The 调换 chain through a member, first placement first. */
export function ReplacementHistory({ memberId }: { memberId: number }) {
  const [chain, setChain] = useState<Chain | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.secondmentReplacementHistory({ id: memberId }).then(setChain, e => setError(errorText(e)));
  }, [memberId]);
  if (error) return <p className="error">{error}</p>;
  if (!chain) return <p className="muted">正在读取调换记录……</p>;
  if (chain.length <= 1) return <p className="muted">没有调换记录。</p>;
  return (
    <table className="io-table" aria-label="调换记录">
      <thead>
        <tr>
          <th>顺序</th>
          <th>姓名</th>
          <th>挂职时间</th>
          <th>状态</th>
          <th>调换原因</th>
        </tr>
      </thead>
      <tbody>
        {chain.map((c, i) => (
          <tr key={c.memberId}>
            <td>{i + 1}</td>
            <td>
              <a href={`#/cadre/${c.cadreId}`}>{c.name}</a>
            </td>
            <td>{termText(c.startDate, c.endDate)}</td>
            <td>{c.status}</td>
            <td>{c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryDialog({ member, onClose }: { member: SecondmentMember; onClose: () => void }) {
  return (
    <Dialog title={`调换记录：${member.name}`} onClose={onClose}>
      <ReplacementHistory memberId={member.id} />
    </Dialog>
  );
}

export function ReplaceDialog({ member, exclude, onClose, onDone }: { member: SecondmentMember; exclude: number[]; onClose: () => void; onDone: Done }) {
  const [chosen, setChosen] = useState<CadreRow[]>([]);
  const [date, setDate] = useState(thisMonthCanonical);
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      title={`调换：${member.name}`}
      action="确认调换"
      disabled={!chosen.length}
      wide
      onClose={onClose}
      run={async () => {
        const r = await api.replaceSecondmentMember({ id: member.id, cadreId: chosen[0].id, date, reason });
        onDone(`已调换：「${r.replacement.name}」接替「${r.old.name}」`, r.history);
      }}
    >
      <div className="wide">
        <p className="muted">
          被调换的成员保留在批次中（状态“已调换”，挂职至调换时间）；接替人员沿用其挂职单位和职务。现挂职：{member.hostUnit}
          {member.hostPost}（{termText(member.startDate, member.endDate)}）
        </p>
        <h4>调换记录</h4>
        <ReplacementHistory memberId={member.id} />
        <h4>接替人员</h4>
        <CadrePicker multiple={false} chosen={chosen} onChange={setChosen} exclude={exclude} label="查找接替人员" />
      </div>
      <Field label="调换时间">
        <DateInput value={date} onChange={setDate} required aria-label="调换时间" />
      </Field>
      <Field label="调换原因" wide>
        <textarea value={reason} onChange={e => setReason(e.target.value)} rows={2} />
      </Field>
    </FormDialog>
  );
}

export function FinishDialog({ member, onClose, onDone }: { member: SecondmentMember; onClose: () => void; onDone: Done }) {
  const [returnDate, setReturnDate] = useState(() => member.endDate || thisMonthCanonical());
  const [status, setStatus] = useState<'期满' | '已返岗'>('已返岗');
  const [append, setAppend] = useState(true);
  const [preview, setPreview] = useState<{ line: string; alreadyPresent: boolean } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const t = setTimeout(() => {
      api.previewSecondmentResumeLine({ id: member.id, returnDate }).then(
        p => {
          if (!alive) return;
          setPreview(p);
          setPreviewError(null);
        },
        e => {
          if (!alive) return;
          setPreview(null);
          setPreviewError(errorText(e));
        },
      );
    }, 200);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [member.id, returnDate]);

  const canAppend = !!preview?.line && !preview.alreadyPresent;
  return (
    <FormDialog
      title={`期满返岗：${member.name}`}
      action="确认返岗"
      onClose={onClose}
      run={async () => {
        const r = await api.finishSecondmentMember({ id: member.id, returnDate, status, appendResume: append && canAppend });
        onDone(`「${member.name}」已办理${status === '期满' ? '期满' : '返岗'}${r.resumeAppended ? `，简历已追加：${r.resumeLine}` : ''}`, r.history);
      }}
    >
      <Field label="返岗时间">
        <DateInput value={returnDate} onChange={setReturnDate} required aria-label="返岗时间" />
      </Field>
      <Field label="状态">
        <select value={status} onChange={e => setStatus(e.target.value as typeof status)}>
          <option value="已返岗">已返岗</option>
          <option value="期满">期满（尚未返岗）</option>
        </select>
      </Field>
      <div className="wide sd-resume">
        <label>
          <input type="checkbox" checked={append && canAppend} disabled={!canAppend} onChange={e => setAppend(e.target.checked)} />
          在干部简历末尾追加挂职经历
        </label>
        {previewError ? (
          <p className="error">{previewError}</p>
        ) : preview?.line ? (
          <>
            <pre className="sd-resume-line" aria-label="将追加的简历行">
              {preview.line}
            </pre>
            {preview.alreadyPresent && <p className="muted">该干部的简历中已有这一行，不再重复追加。</p>}
          </>
        ) : preview ? (
          <p className="muted">缺少挂职开始时间或挂职单位及职务，无法生成简历行。</p>
        ) : null}
        <p className="muted">交流情况（挂职锻炼）会记入该干部的修改记录。</p>
      </div>
    </FormDialog>
  );
}

export function OutcomeDialog({ member, onClose, onDone }: { member: SecondmentMember; onClose: () => void; onDone: Done }) {
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>(member.outcome || '提拔');
  const [date, setDate] = useState(member.outcomeDate);
  const [post, setPost] = useState(member.outcomePost);
  return (
    <FormDialog
      title={`返岗后去向：${member.name}`}
      action="保存"
      onClose={onClose}
      run={async () => {
        const r = await api.setSecondmentOutcome({ id: member.id, outcome, date, post });
        onDone(outcome ? `已登记「${member.name}」返岗后${outcome}` : `已清除「${member.name}」的返岗后去向`, r.history);
      }}
    >
      <Field label="使用情况">
        <select value={outcome} onChange={e => setOutcome(e.target.value as typeof outcome)}>
          {OUTCOMES.map(o => (
            <option key={o} value={o}>
              {o || '（未登记）'}
            </option>
          ))}
        </select>
      </Field>
      <Field label="时间">
        <DateInput value={date} onChange={setDate} aria-label="时间" />
      </Field>
      <Field label="新任职务" wide>
        <input value={post} onChange={e => setPost(e.target.value)} />
      </Field>
    </FormDialog>
  );
}
