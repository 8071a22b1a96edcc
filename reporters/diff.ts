// Line diff of expected vs actual, for the HTML report's per-case view: jsdiff's Myers diff over
// lines, bounded by an edit length (past it, the whole of each side is shown as removed and added).
import { diffArrays } from 'diff';

export type DiffLine = ['=' | '-' | '+', string];

/** Lines of `a` (expected) and `b` (actual): '=' common, '-' only expected, '+' only actual. */
export function lineDiff(a: string, b: string, maxEditLength = 400): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const changes = diffArrays(x, y, { maxEditLength });
  if (!changes) return [...x.map((l): DiffLine => ['-', l]), ...y.map((l): DiffLine => ['+', l])];
  return changes.flatMap((c) => c.value.map((l): DiffLine => [c.removed ? '-' : c.added ? '+' : '=', l]));
}
