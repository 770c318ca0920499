import type { Round } from '../../../shared/contract/api';

export function RoundBadge({ round }: { round: Pick<Round, 'status'> }) {
  return round.status === 'finalised' ? <span className="as-badge locked">已定稿</span> : <span className="as-badge open">进行中</span>;
}
