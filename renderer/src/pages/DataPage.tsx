import { useCallback, useEffect, useState } from 'react';
import type { AppStatus, BackupSettings, SnapshotInfo } from '../../../shared/contract/api';
import { SNAPSHOT_KIND_LABELS } from '../../../shared/contract/api';
import { formatSize, formatSnapshotTime } from '../../../shared/domain/backup/format';
import { api } from '../api';
import { OperatorSetting } from '../audit/OperatorSetting';
import { OperationHistory } from '../audit/OperationHistory';
import { UnitNameSetting } from '../audit/UnitNameSetting';
import { ReceivePanel } from '../package/ReceivePanel';
import { ReportPanel } from '../package/ReportPanel';
import { Dialog } from '../ui/Dialog';
import { errorText } from '../ui/errors';
import { MessageLine, useMessage, type Message } from '../ui/MessageLine';
import { useAction } from '../ui/useAction';
import './DataPage.css';

/** A message that survives the reload after a restore. */
const FLASH_KEY = 'cadre-data-flash';

type Job = 'backup' | 'restore' | 'dir';

function takeFlash(): Message {
  const text = sessionStorage.getItem(FLASH_KEY);
  if (!text) return null;
  sessionStorage.removeItem(FLASH_KEY);
  return { kind: 'info', text };
}

function countsText(s: SnapshotInfo): string {
  return s.counts ? `干部 ${s.counts.cadres} 名` : '';
}

/** 数据与备份: the data file, snapshots (立即备份 / 从备份恢复) and the backup folder. */
export function DataPage({ status }: { status: AppStatus }) {
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const { message, set: setMessage, info, fail, clear } = useMessage();
  // One action at a time; `job` says which, for its button's label.
  const action = useAction();
  const [job, setJob] = useState<Job | null>(null);
  const busy = action.busy ? job : null;
  const [confirming, setConfirming] = useState<SnapshotInfo | null>(null);

  const load = useCallback(async () => {
    const [s, list] = await Promise.all([api.getBackupSettings({}), api.listSnapshots({})]);
    setSettings(s);
    setSnapshots(list.snapshots);
    return s;
  }, []);

  const [flash] = useState(takeFlash);
  useEffect(() => {
    setMessage(flash);
    load().then(
      () => {},
      e => setMessage({ kind: 'error', text: `无法读取备份信息：${errorText(e)}` }),
    );
  }, [load, flash, setMessage]);

  /** Runs one of the page's actions; its failure goes to the page's message line. */
  const run = async (which: Job, fn: () => Promise<void>) => {
    setJob(which);
    clear();
    await action.run(() => fn().catch(fail));
  };

  const backupNow = () =>
    run('backup', async () => {
      const snap = await api.backupNow({});
      await load();
      info(`已备份：${formatSnapshotTime(snap.takenAt)}，${formatSize(snap.size)}，${countsText(snap)}。`);
    });

  const restore = (snap: SnapshotInfo) =>
    run('restore', async () => {
      const r = await api.restoreSnapshot({ name: snap.name }).catch((e: Error) => {
        setConfirming(null);
        throw e;
      });
      sessionStorage.setItem(
        FLASH_KEY,
        `已从 ${formatSnapshotTime(r.restored.takenAt)} 的备份恢复（干部 ${r.counts.cadres} 名）。恢复前的数据已另存为备份 ${formatSnapshotTime(r.preRestore.takenAt)}（恢复前）。`,
      );
      // Every page reads the restored data afresh.
      window.location.reload();
    });

  // The main process opens the folder dialog and keeps the path; the page gets the folder's name.
  const changeDir = (toDefault: boolean) =>
    run('dir', async () => {
      const s = toDefault ? { ...(await api.useDefaultBackupDir({})), changed: true } : await api.chooseBackupDir({});
      setSettings(s);
      if (!s.changed) return;
      setSnapshots((await api.listSnapshots({})).snapshots);
      info(`备份文件夹已改为：${s.dirName}`);
    });

  const counts = settings?.counts;
  return (
    <section className="page data-page">
      <header className="page-head">
        <h1>数据与备份</h1>
      </header>

      {settings?.networkWarning && (
        <div className="data-warning" role="alert">
          <strong>数据文件位于网络位置</strong>
          <p>{settings.networkWarning}</p>
        </div>
      )}
      <MessageLine message={message} onClose={clear} />

      <dl className="facts">
        <dt>数据文件</dt>
        <dd>
          <code>{status.dbPath}</code>
        </dd>
        <dt>数据格式版本</dt>
        <dd>{status.schemaVersion}</dd>
        <dt>单位</dt>
        <dd>{status.counts.units} 个</dd>
        <dt>干部</dt>
        <dd>{counts?.cadres ?? status.counts.cadres} 名</dd>
        <dt>挂职批次</dt>
        <dd>{counts ? `${counts.batches} 个` : '…'}</dd>
        <dt>考核轮次</dt>
        <dd>{counts ? `${counts.rounds} 个` : '…'}</dd>
      </dl>

      <OperatorSetting />
      <UnitNameSetting />
      <OperationHistory />
      <ReportPanel />
      <ReceivePanel onMerged={() => void load()} />

      <section className="data-block" aria-labelledby="snapshots-title">
        <div className="data-block-head">
          <h2 id="snapshots-title">备份</h2>
          <button className="primary" onClick={backupNow} disabled={busy !== null}>
            {busy === 'backup' ? '正在备份……' : '立即备份'}
          </button>
        </div>
        <p className="muted">
          每天第一次打开程序时和退出程序时自动备份。自动备份保留最近 {settings?.retention.daily ?? 7} 天、{settings?.retention.weekly ?? 4} 周、
          {settings?.retention.monthly ?? 12} 个月各一份；手动备份和“恢复前”备份不会自动删除。
        </p>
        {snapshots === null ? (
          <p className="muted">正在读取备份……</p>
        ) : snapshots.length === 0 ? (
          <p className="muted">尚无备份。</p>
        ) : (
          <table className="data-table" aria-label="备份列表">
            <thead>
              <tr>
                <th>备份时间</th>
                <th>类型</th>
                <th className="num">大小</th>
                <th className="num">干部</th>
                <th className="num">挂职批次</th>
                <th className="num">考核轮次</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {snapshots.map(s => (
                <tr key={s.name} title={s.name}>
                  <td>{formatSnapshotTime(s.takenAt)}</td>
                  <td>{SNAPSHOT_KIND_LABELS[s.kind]}</td>
                  <td className="num">{formatSize(s.size)}</td>
                  {s.counts ? (
                    <>
                      <td className="num">{s.counts.cadres}</td>
                      <td className="num">{s.counts.batches}</td>
                      <td className="num">{s.counts.rounds}</td>
                    </>
                  ) : (
                    <td colSpan={3} className="error">
                      {s.problem ?? '无法读取'}
                    </td>
                  )}
                  <td>
                    <button onClick={() => setConfirming(s)} disabled={busy !== null || !s.counts}>
                      从备份恢复
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="data-block" aria-labelledby="folder-title">
        <h2 id="folder-title">备份文件夹</h2>
        <p>
          当前：<code>{settings?.dirName ?? '…'}</code>
          {settings?.isDefaultDir && <span className="muted">（默认）</span>}
        </p>
        {settings?.dirProblem && (
          <p className="error" role="alert">
            {settings.dirProblem}
          </p>
        )}
        <div className="data-dir-form">
          {settings?.canChooseDir && (
            <button type="button" onClick={() => void changeDir(false)} disabled={busy !== null}>
              选择文件夹……
            </button>
          )}
          {settings && !settings.isDefaultDir && (
            <button type="button" onClick={() => void changeDir(true)} disabled={busy !== null}>
              恢复默认
            </button>
          )}
        </div>
        {settings && !settings.canChooseDir && (
          <p className="data-dir-hint">
            浏览器模式下，备份文件夹在命令行中设置：<code>npx cadre backup --set-dir 文件夹</code>（恢复默认：
            <code>npx cadre backup --default-dir</code>），然后刷新本页。
          </p>
        )}
        <p className="muted">可以选 U 盘或移动硬盘上的文件夹；文件夹须已存在且可写入。备份是完整的数据库文件，可用任何 SQLite 工具打开。</p>
      </section>

      {confirming && (
        <Dialog title="从备份恢复" onClose={() => busy === null && setConfirming(null)} className="data-dialog">
          <p>
            将用 <strong>{formatSnapshotTime(confirming.takenAt)}</strong> 的{SNAPSHOT_KIND_LABELS[confirming.kind]}备份 （<code>{confirming.name}</code>，
            {countsText(confirming)}）替换当前数据。
          </p>
          <p>恢复前，当前数据会先另存为一份“恢复前”备份，需要时可以再恢复回来。</p>
          <div className="data-dialog-actions">
            <button className="primary" onClick={() => void restore(confirming)} disabled={busy !== null}>
              {busy === 'restore' ? '正在恢复……' : '确定恢复'}
            </button>
            <button onClick={() => setConfirming(null)} disabled={busy !== null}>
              取消
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
