// Line diff (LCS) of expected vs actual, for the HTML report's per-case view.

export type DiffLine = ['=' | '-' | '+', string];

/** Lines of `a` (expected) and `b` (actual): '=' common, '-' only expected, '+' only actual. */
export function lineDiff(a: string, b: string, limit = 400): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length > limit || y.length > limit) {
    return [...x.map((l): DiffLine => ['-', l]), ...y.map((l): DiffLine => ['+', l])];
  }
  // lcs[i][j] = LCS length of x[i..] and y[j..]
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) { out.push(['=', x[i]]); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(['-', x[i++]]);
    else out.push(['+', y[j++]]);
  }
  while (i < x.length) out.push(['-', x[i++]]);
  while (j < y.length) out.push(['+', y[j++]]);
  return out;
}
