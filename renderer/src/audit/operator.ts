/**
 * The operator name (操作员姓名) on the page side: read it, save it, and tell
 * every part of the page that shows it (the sidebar, 数据与备份) when it changes.
 */
import type { OperatorInfo } from '../../../shared/contract/api';
import { api } from '../api';

type Listener = (info: OperatorInfo) => void;
const listeners = new Set<Listener>();

export function onOperatorChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function loadOperator(): Promise<OperatorInfo> {
  return api.getOperator({});
}

/** Saves the name (the service checks it and answers in Chinese when it cannot be). */
export async function saveOperator(name: string): Promise<OperatorInfo> {
  const info = await api.setOperator({ name });
  for (const fn of listeners) fn(info);
  return info;
}
