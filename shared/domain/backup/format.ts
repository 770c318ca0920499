/** How the 数据与备份 page and the CLI show snapshot times and sizes. Pure: no Node, no DOM. */

/** 'YYYY-MM-DDTHH:MM:SS' (local) → '2026.11.22 08:30', as users write a date and time. */
export function formatSnapshotTime(takenAt: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(takenAt);
  return m ? `${m[1]}.${m[2]}.${m[3]} ${m[4]}:${m[5]}` : takenAt;
}

/** 950 KB, 12.3 MB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
