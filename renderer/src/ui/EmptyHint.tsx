/**
 * What an empty list says instead of an empty grid: why it is empty and what to do
 * next (新增, 导入, 清除筛选), as buttons. Any grid or list can show it in its place.
 */
import './ui.css';

export interface HintAction {
  label: string;
  onClick: () => void;
  primary?: boolean;
}

export function EmptyHint({ message, detail, actions = [] }: { message: string; detail?: string; actions?: HintAction[] }) {
  return (
    <div className="empty-hint">
      <p className="empty-hint-message">{message}</p>
      {detail && <p className="empty-hint-detail">{detail}</p>}
      {actions.length > 0 && (
        <div className="empty-hint-actions">
          {actions.map(a => (
            <button key={a.label} type="button" className={a.primary ? 'primary' : undefined} onClick={a.onClick}>
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
