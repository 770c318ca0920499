/**
 * 导入成员名单: the one import wizard (io/ImportWizard.tsx) into this batch. People are
 * matched to the roster by the one rule (ID, else 姓名 + 出生年月, else a unique name);
 * matched ones join the batch, people not in the roster join the roster too. After the
 * import the page shows its message and the history, and reloads.
 */
import { api } from '../api';
import { ImportWizard } from '../io/ImportWizard';
import { Dialog } from '../ui/Dialog';
import type { Done } from './MemberDialogs';

export function MemberImportDialog({ batchId, onClose, onDone }: { batchId: number; onClose: () => void; onDone: Done }) {
  return (
    <Dialog title="导入成员名单" onClose={onClose} wide>
      <ImportWizard
        target={{ kind: 'batch', batchId }}
        heading="成员名单"
        hint="选择一个或多个名单（.xlsx、.xls、.et、.csv）。按身份证号、其次按姓名和出生年月（或唯一的姓名）与名册匹配；名册中没有的人员将新加入名册。先检查预览，确认后一次性写入，有错误时整批不写入。"
        accept=".xlsx,.xls,.et,.csv,.zip"
        onCommitted={async r => {
          const history = await api.getHistory({});
          onDone(`已导入 ${r.inserted + r.updated} 名成员${r.inserted ? `，其中 ${r.inserted} 人新加入名册` : ''}`, history);
        }}
        onClose={onClose}
      />
    </Dialog>
  );
}
