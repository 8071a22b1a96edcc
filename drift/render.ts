// Text and JSON renderings of classified changes (page drift, SDK drift, contracts diff share them).
import { summarize, type Change } from './classify.ts';
import { describeChange } from './diff-contracts.ts';

const where = (c: Change) => [
  c.line !== undefined ? `page line ${c.line}` : c.oldLine !== undefined ? `was page line ${c.oldLine}` : '',
  c.modelAt !== undefined ? `model ${c.modelAt}` : '',
].filter(Boolean).join('; ');

/** One block per change: classification, kind, what changed, the page line; the reason below. */
function changeLines(changes: Change[], indent = '  '): string[] {
  const w = Math.max(0, ...changes.map((c) => c.classification.length));
  const k = Math.max(0, ...changes.map((c) => c.kind.length));
  return changes.flatMap((c) => {
    const at = where(c);
    return [
      `${indent}${c.classification.padEnd(w)}  ${c.kind.padEnd(k)}  ${describeChange(c)}${at ? `  [${at}]` : ''}`,
      `${indent}${' '.repeat(w + k + 4)}${c.why}`,
    ];
  });
}

export function summaryLine(changes: Change[]): string {
  if (changes.length === 0) return 'no drift';
  const s = summarize(changes);
  return `${changes.length} change${changes.length === 1 ? '' : 's'}: ${s['breaking-for-clients']} breaking-for-clients, ${s['breaking-for-emulators']} breaking-for-emulators, ${s.compatible} compatible`;
}

/** Changes grouped under a heading per contract (in first-seen order). */
export function groupedText(changes: Change[]): string[] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) groups.set(c.contract ?? '', [...(groups.get(c.contract ?? '') ?? []), c]);
  return [...groups].flatMap(([id, list]) => [...(id ? [`${id}:`] : []), ...changeLines(list)]);
}

export const toJson = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;
