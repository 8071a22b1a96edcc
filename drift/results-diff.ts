// `diff <run-a> <run-b>`: two results files case by case, per target. A regression is a case that
// passed (pass or pass-ambiguous) and now fails; a fix is the reverse; every other verdict change is
// listed as such, and so are cases only one side ran.
import type { CaseResult, RunResults, Verdict } from '../core/types.ts';

export interface VerdictChange { id: string; title: string; before: Verdict; after: Verdict; reason?: string }

export interface TargetDiff {
  /** Target name (`a -> b` when two single-target files with different names are paired). */
  target: string;
  regressions: VerdictChange[];
  fixes: VerdictChange[];
  changed: VerdictChange[];
  added: { id: string; verdict: Verdict }[];
  removed: { id: string; verdict: Verdict }[];
  unchanged: number;
}

export interface ResultsDiff { targets: TargetDiff[]; onlyInA: string[]; onlyInB: string[] }

const passed = (v: Verdict) => v === 'pass' || v === 'pass-ambiguous';

function diffRun(target: string, a: RunResults, b: RunResults): TargetDiff {
  const before = new Map(a.cases.map((c) => [c.id, c]));
  const after = new Map(b.cases.map((c) => [c.id, c]));
  const d: TargetDiff = { target, regressions: [], fixes: [], changed: [], added: [], removed: [], unchanged: 0 };
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const id of ids) {
    const x = before.get(id);
    const y = after.get(id);
    if (!x) { d.added.push({ id, verdict: y!.verdict }); continue; }
    if (!y) { d.removed.push({ id, verdict: x.verdict }); continue; }
    if (x.verdict === y.verdict) { d.unchanged++; continue; }
    const change: VerdictChange = { id, title: y.title, before: x.verdict, after: y.verdict, ...(y.reason ? { reason: y.reason } : {}) };
    if (passed(x.verdict) && y.verdict === 'fail') d.regressions.push(change);
    else if (x.verdict === 'fail' && passed(y.verdict)) d.fixes.push(change);
    else d.changed.push(change);
  }
  return d;
}

export function diffResults(a: RunResults[], b: RunResults[]): ResultsDiff {
  // Two single-target files are compared whatever their target names (emulator vs cloud).
  if (a.length === 1 && b.length === 1) {
    const [x, y] = [a[0]!, b[0]!];
    const name = x.target.name === y.target.name ? x.target.name : `${x.target.name} -> ${y.target.name}`;
    return { targets: [diffRun(name, x, y)], onlyInA: [], onlyInB: [] };
  }
  const byName = (runs: RunResults[]) => new Map(runs.map((r) => [r.target.name, r]));
  const [ma, mb] = [byName(a), byName(b)];
  return {
    targets: [...ma.keys()].filter((n) => mb.has(n)).sort().map((n) => diffRun(n, ma.get(n)!, mb.get(n)!)),
    onlyInA: [...ma.keys()].filter((n) => !mb.has(n)).sort(),
    onlyInB: [...mb.keys()].filter((n) => !ma.has(n)).sort(),
  };
}

export const hasRegression = (d: ResultsDiff) => d.targets.some((t) => t.regressions.length > 0);

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function resultsDiffMarkdown(d: ResultsDiff, labels: { a: string; b: string }): string {
  const out: string[] = [`# Results diff`, '', `\`${labels.a}\` -> \`${labels.b}\``, ''];
  for (const t of d.targets) {
    out.push(`## ${t.target}`, '', `${t.regressions.length} regression(s), ${t.fixes.length} fix(es), ${t.changed.length} other change(s), ${t.added.length} added, ${t.removed.length} removed, ${t.unchanged} unchanged`, '');
    const table = (title: string, rows: VerdictChange[]) => {
      if (!rows.length) return;
      out.push(`### ${title}`, '', '| case | before | after | reason |', '|---|---|---|---|');
      for (const r of rows) out.push(`| \`${cell(r.id)}\` | ${r.before} | ${r.after} | ${cell(r.reason ?? '')} |`);
      out.push('');
    };
    table('Regressions', t.regressions);
    table('Fixes', t.fixes);
    table('Other verdict changes', t.changed);
    const list = (title: string, rows: { id: string; verdict: Verdict }[]) => {
      if (!rows.length) return;
      out.push(`### ${title}`, '', ...rows.map((r) => `- \`${r.id}\` (${r.verdict})`), '');
    };
    list('Cases added', t.added);
    list('Cases removed', t.removed);
  }
  for (const n of d.onlyInA) out.push(`Target \`${n}\` is only in \`${labels.a}\`.`, '');
  for (const n of d.onlyInB) out.push(`Target \`${n}\` is only in \`${labels.b}\`.`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
