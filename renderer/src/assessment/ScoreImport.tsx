/**
 * 导入成绩: the one import wizard (io/ImportWizard.tsx) into this round: indicator
 * columns by indicator name, 民主测评 tallies by 优秀票 … 不了解票, people among the
 * round's participants by the one matching rule; each cell old → new in the preview,
 * one undo step of the round.
 */
import type { ScoreGrid } from '../../../shared/contract/api';
import { api } from '../api';
import { ImportWizard } from '../io/ImportWizard';
import { Dialog } from '../ui/Dialog';

export function ScoreImport({
  roundId,
  onClose,
  onCommitted,
}: {
  roundId: number;
  onClose: () => void;
  onCommitted: (grid: ScoreGrid, message: string) => void;
}) {
  return (
    <Dialog title="导入成绩" onClose={onClose} wide>
      <ImportWizard
        target={{ kind: 'round', roundId }}
        heading="成绩表"
        hint="选择 Excel 成绩表（如导出的评分表，填好后导回）：按身份证号、姓名 + 出生年月或唯一的姓名对应本轮干部，按列标题对应指标，民主测评票数列写作“优秀票、称职票……”。先检查预览，确认后一次性导入；有任何错误则不导入。"
        accept=".xlsx,.xls,.et,.csv"
        onCommitted={async r => onCommitted(await api.getScoreGrid({ roundId }), `已导入 ${r.updated} 人的成绩（可撤销）`)}
        onClose={onClose}
      />
    </Dialog>
  );
}
