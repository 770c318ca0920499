/**
 * How a package's record meets ours: which fields differ, which kind of
 * conflict stops it from simply being taken, and what a choice makes of it.
 * Pure: the services compute the inputs, pages and CLI show the words.
 */

/**
 * - changedHere: we edited this cadre since the sender's last package, and the package changes it too;
 * - twoSenders: the same person arrives from two senders in one merge;
 * - transfer: the person is already on another sender's list here (a transfer between districts).
 */
export const CONFLICT_KINDS = ['changedHere', 'twoSenders', 'transfer'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const CONFLICT_LABELS: Record<ConflictKind, string> = {
  changedHere: '本地已修改',
  twoSenders: '两个单位同时报送',
  transfer: '调动',
};

/** keep ours, take theirs, or theirs for the listed fields only. */
export type ConflictChoice = { take: 'ours' } | { take: 'theirs' } | { take: 'fields'; fields: readonly string[] };

/** A record's comparable parts as text: each field, and 'unit', 'tags', 'family', 'assessments', 'photo'. */
export type Comparable = Readonly<Record<string, string>>;

export interface FieldDiff {
  field: string;
  ours: string;
  theirs: string;
}

/** Fields whose values differ; a field missing on one side counts as ''. */
export function diffFields(ours: Comparable, theirs: Comparable): FieldDiff[] {
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  const out: FieldDiff[] = [];
  for (const field of keys) {
    const o = ours[field] ?? '';
    const t = theirs[field] ?? '';
    if (o !== t) out.push({ field, ours: o, theirs: t });
  }
  return out;
}

/** The fields a choice takes from the package (none for ours). */
export function takenFields(diff: readonly FieldDiff[], choice: ConflictChoice): string[] {
  if (choice.take === 'ours') return [];
  if (choice.take === 'theirs') return diff.map(d => d.field);
  const wanted = new Set(choice.fields);
  return diff.filter(d => wanted.has(d.field)).map(d => d.field);
}

/**
 * Whether a conflict's choice leaves the person with the package's sender: taking
 * theirs (or the unit among the fields) moves a transferred cadre; keeping ours leaves
 * them where they are.
 */
export function choiceMoves(diff: readonly FieldDiff[], choice: ConflictChoice): boolean {
  if (choice.take === 'theirs') return true;
  if (choice.take === 'ours') return false;
  return choice.fields.includes('unit') || !diff.some(d => d.field === 'unit');
}

/** What a conflict says to the user about itself. */
export function conflictMessage(kind: ConflictKind, who: string, sender: string, other: string | null): string {
  switch (kind) {
    case 'changedHere':
      return `「${who}」在上次接收「${sender}」的数据包之后，本地又修改过；数据包中也有改动。`;
    case 'twoSenders':
      return `「${who}」同时出现在「${other ?? ''}」和「${sender}」的数据包中，是同一人，不会重复新增。`;
    case 'transfer':
      return `「${who}」已在「${other ?? ''}」报送的名单中，现由「${sender}」报送：可能已调动，可移到「${sender}」名下（不会重复新增）。`;
  }
}

/** How a merge meets our 挂职批次 and 驻村 records, counted. */
export interface SecondmentCounts {
  batches: { new: number; updated: number };
  members: { new: number; updated: number; unchanged: number };
  villages: { new: number };
  assignments: { new: number; updated: number; unchanged: number };
}

/** The counts in words for the preview and the CLI ('' when the packages bring none). */
export function secondmentCountsText(c: SecondmentCounts): string {
  const out: string[] = [];
  const m = c.members;
  if (c.batches.new + c.batches.updated + m.new + m.updated + m.unchanged > 0) {
    out.push(`挂职批次新增 ${c.batches.new} 个、更新 ${c.batches.updated} 个，成员新增 ${m.new} 名、更新 ${m.updated} 名、无变化 ${m.unchanged} 名`);
  }
  const a = c.assignments;
  if (c.villages.new + a.new + a.updated + a.unchanged > 0) {
    out.push(`驻村新增村 ${c.villages.new} 个，驻村干部新增 ${a.new} 名、更新 ${a.updated} 名、无变化 ${a.unchanged} 名`);
  }
  return out.join('；');
}
