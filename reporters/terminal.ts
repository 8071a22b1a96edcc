// Terminal rendering: coloured matrix, then failures with expected/actual, source and a re-run
// command; plus a live progress line that only redraws on a TTY.
import pc from 'picocolors';
import { VERDICTS, type CaseResult, type ReportableRun, type Verdict } from '../core/types.ts';
import { asList, buildMatrix, CATEGORY_LABELS, parityOf, type Cell, type Matrix } from './matrix.ts';
import { backingText, clean, duration, failurePair, plural, preview, profileText, replayCommand, rerunCommand, sourceText, failedCheckLines, answeredText, listedLines } from './format.ts';
import { exchangeLines } from './exchange.ts';
import { casesWhere } from '../core/case-list.ts';

export interface TerminalOptions {
  /** Colour output; the CLI passes `stream.isTTY && !NO_COLOR`. Default false. */
  color?: boolean;
  /** Failures printed in full before "... and N more". Default 25. */
  maxFailures?: number;
  /** Print each failing and inconclusive case's wire exchange (`run --verbose`). */
  verbose?: boolean;
}

type Paint = (s: string) => string;

function painter(color: boolean) {
  const c = pc.createColors(color);
  const byVerdict: Record<Verdict, Paint> = {
    pass: c.green, 'pass-ambiguous': c.cyan, skipped: c.gray, inconclusive: c.yellow, fail: (s) => c.bold(c.red(s)),
  };
  return { c, verdict: (v: Verdict | undefined, s: string) => (v ? byVerdict[v](s) : c.gray(s)) };
}

const pad = (s: string, w: number, visible = s.length) => s + ' '.repeat(Math.max(0, w - visible));
const padLeft = (s: string, w: number, visible = s.length) => ' '.repeat(Math.max(0, w - visible)) + s;

function cellText(cell: Cell): string {
  return cell.total === 0 ? '·' : `${cell.passed}/${cell.total}`;
}

export function renderMatrix(m: Matrix, color = false): string {
  const p = painter(color);
  const labels = m.categories.map((k) => CATEGORY_LABELS[k]);
  const multi = m.targets.length > 1;
  const rowLabels = m.groups.flatMap((g) => g.rows.flatMap((r) => (multi ? m.targets.map((t) => `  ${r.operation} @ ${t.name}`) : [`  ${r.operation}`])));
  const first = Math.max(12, ...rowLabels.map((l) => l.length), ...m.groups.map((g) => `${g.vendor}/${g.service}`.length)) + 2;
  const widths = labels.map((l) => Math.max(l.length, 5) + 1);
  const out: string[] = [];
  out.push(p.c.bold(pad('operation', first) + labels.map((l, i) => padLeft(l, widths[i])).join('') + padLeft('total', 9)));
  const line = (label: string, cells: Cell[], total: Cell) => {
    const parts = cells.map((cell, i) => {
      const t = cellText(cell);
      return padLeft(p.verdict(cell.worst, t), widths[i], t.length);
    });
    const tt = cellText(total);
    return pad(label, first) + parts.join('') + padLeft(p.verdict(total.worst, tt), 9, tt.length);
  };
  for (const g of m.groups) {
    out.push(p.c.bold(p.c.underline(`${g.vendor}/${g.service}`)));
    for (const r of g.rows) {
      m.targets.forEach((t, ti) => {
        const label = multi ? `  ${r.operation} @ ${t.name}` : `  ${r.operation}`;
        out.push(line(label, m.categories.map((k) => r.cells[k][ti]), r.total[ti]));
      });
    }
  }
  m.targets.forEach((t, ti) => out.push(p.c.bold(line(multi ? `all @ ${t.name}` : 'all', m.categories.map((k) => m.totals[k][ti]), m.overall[ti]))));
  out.push(p.c.dim(`cells: passed/total (pass + pass-ambiguous), coloured by the worst verdict: `) +
    VERDICTS.map((v) => p.verdict(v, v)).join(' '));
  out.push(p.c.dim(`columns: ${m.categories.map((k) => `${CATEGORY_LABELS[k]}=${k}`).join(' ')}`));
  return out.join('\n');
}

export function summaryLine(run: ReportableRun, color = false): string {
  const p = painter(color);
  const counts = new Map<Verdict, number>();
  for (const c of run.cases) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const parts = (['pass', 'pass-ambiguous', 'fail', 'inconclusive', 'skipped'] as Verdict[])
    .filter((v) => counts.get(v)).map((v) => p.verdict(v, `${counts.get(v)} ${v}`));
  const interrupted = run.interrupted ? p.verdict('inconclusive', ' (interrupted: partial results)') : '';
  return `${p.c.bold(clean(run.target.name))}: ${plural(run.cases.length, 'case')} in ${duration(run.durationMs)} (seed ${run.seed}, ${run.depth}, ${profileText(run)}): ${parts.join(', ') || 'nothing ran'}${interrupted}`;
}

/** Differential mode (`--reference`): counts, then the cases whose answers differ. */
function parityLines(run: ReportableRun, color = false, max = 25): string[] {
  const parity = parityOf(run);
  if (!parity) return [];
  const p = painter(color);
  const { differs } = parity;
  const out = [p.c.bold(`Parity of ${clean(run.target.name)} with the reference: ${parity.agrees} agree, ${differs.length} differ, ${parity.noReference} no reference`)];
  for (const c of differs.slice(0, max)) out.push(`  ${clean(c.id)}: ${preview(c.parity!.diff ?? '', 200)}`);
  if (differs.length > max) out.push(p.c.dim(`  ... and ${differs.length - max} more`));
  out.push('');
  return out;
}

function wire(c: CaseResult, p: ReturnType<typeof painter>): string[] {
  return (c.exchanges ?? []).flatMap((x) => exchangeLines(x, '      ').map((l) => p.c.dim(l)));
}

/** Sources listed under one failure before "... and N more". */
const MAX_SOURCES = 4;

function renderFailure(c: CaseResult, run: ReportableRun, color = false, verbose = false): string {
  const p = painter(color);
  const { expected, actual, check } = failurePair(c);
  const lines = [
    `${p.verdict('fail', '✖')} ${p.c.bold(clean(c.id))}${check ? p.c.dim(`  [${check}]`) : ''}`,
    `    ${preview(c.title, 200)}`,
    `    expected: ${p.c.green(preview(expected))}`,
    `    actual:   ${p.c.red(preview(actual))}`,
  ];
  // every failed check (a signature bug can fail several), and the vendor's own code and message
  failedCheckLines(c).forEach((l, i) => lines.push(`    ${i === 0 ? 'failed:' : '       '}   ${clean(l)}`));
  const answered = answeredText(c);
  if (answered) lines.push(`    answered: ${clean(answered)}`);
  if (c.mutation) lines.push(`    mutation: ${preview(c.mutation.description)}`);
  lines.push(`    source:   ${clean(sourceText(c.source))}`);
  const backing = backingText(c);
  // the witnesses of the expectation: a fail is only as good as they are
  backing.sources.slice(0, MAX_SOURCES).forEach((s, i) => lines.push(`    ${i === 0 ? 'backed by:' : '          '} ${preview(s, 200)}`));
  if (backing.sources.length > MAX_SOURCES) lines.push(p.c.dim(`               ... and ${backing.sources.length - MAX_SOURCES} more sources`));
  if (backing.claims.length) lines.push(`    claims:   ${preview(backing.claims.join(', '), 200)}`);
  if (c.request) lines.push(p.c.dim(`    request:  ${preview(c.request, 200)}`));
  lines.push(`    re-run:   ${p.c.cyan(rerunCommand(c.id, run))}`);
  if (verbose && c.exchanges?.length) lines.push('    wire:', ...wire(c, p));
  else if (c.exchanges?.length) lines.push(p.c.dim(`    wire:     --verbose, or ${replayCommand(c.id, run)}`));
  return lines.join('\n');
}

export function render(results: ReportableRun | ReportableRun[], opts: TerminalOptions = {}): string {
  const runs = asList(results);
  const color = opts.color ?? false;
  const max = opts.maxFailures ?? 25;
  const p = painter(color);
  const m = buildMatrix(runs);
  const out = [renderMatrix(m, color), ''];
  if (m.disagreements.length) {
    out.push(p.c.bold(`Targets disagree on ${plural(m.disagreements.length, 'case')}:`));
    for (const d of m.disagreements.slice(0, max)) {
      out.push(`  ${clean(d.id)}  ${d.verdicts.map((v, i) => `${clean(m.targets[i].name)}=${p.verdict(v, v ?? 'not run')}`).join('  ')}`);
    }
    if (m.disagreements.length > max) out.push(p.c.dim(`  ... and ${m.disagreements.length - max} more`));
    out.push('');
  }
  let shown = 0;
  let hidden = 0;
  for (const run of runs) {
    const failures = casesWhere(run.cases, (c) => c.verdict === 'fail');
    if (!failures.length) continue;
    out.push(p.c.bold(p.c.red(`Failures on ${clean(run.target.name)} (${failures.length}):`)));
    for (const c of failures) {
      if (shown++ < max) out.push(renderFailure(c, run, color, opts.verbose));
      else hidden++;
    }
    out.push('');
  }
  if (hidden) out.push(p.c.dim(`... and ${hidden} more failures (see report.html or results.json)`), '');
  for (const run of runs) {
    const inconclusive = casesWhere(run.cases, (c) => c.verdict === 'inconclusive');
    if (inconclusive.length) {
      out.push(p.verdict('inconclusive', `Inconclusive on ${clean(run.target.name)} (${inconclusive.length}, not failures: the target did not answer):`));
      for (const c of inconclusive.slice(0, max)) {
        out.push(`  ${clean(c.id)}: ${preview(c.reason ?? 'no reason given', 200)}`);
        if (opts.verbose) out.push(...wire(c, p));
      }
      out.push('');
    }
  }
  for (const run of runs) {
    const listed = casesWhere(run.cases, (c) => c.verdict !== 'fail' && listedLines(c).length > 0);
    if (!listed.length) continue;
    out.push(p.c.bold(`Listed, not failed, on ${clean(run.target.name)} (${plural(listed.length, 'case')}):`));
    for (const c of listed.slice(0, max)) out.push(`  ${clean(c.id)}: ${listedLines(c, 200).map(clean).join('; ')}`);
    if (listed.length > max) out.push(p.c.dim(`  ... and ${listed.length - max} more (see report.html or results.json)`));
    out.push('');
  }
  for (const run of runs) out.push(...parityLines(run, color, max));
  for (const run of runs) {
    for (const stop of run.preflight ?? []) out.push(p.verdict('skipped', `preflight: ${clean(stop.message)}; its cases were skipped`));
  }
  for (const run of runs) out.push(summaryLine(run, color));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- live progress

export interface ProgressStream { write(s: string): unknown; isTTY?: boolean; columns?: number }

export interface Progress {
  update(result: CaseResult): void;
  done(): void;
}

/** Off a terminal, the status line is printed this often (CI logs would otherwise be silent until the end). */
export const PROGRESS_INTERVAL_MS = 10_000;

/**
 * One self-redrawing status line: `37/120 · aliyun.ecs.DeleteSnapshot 5/12 · 2 failed`.
 * Off a TTY (CI logs) it prints the same line, with the elapsed time, every `intervalMs`, and one
 * summary line at `done()`.
 */
export function createProgress(stream: ProgressStream, total: number, opts: { color?: boolean; perOperation?: Record<string, number>; intervalMs?: number } = {}): Progress {
  const p = painter(opts.color ?? false);
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  const perOp = new Map<string, number>();
  let doneCount = 0;
  let failed = 0;
  let inconclusive = 0;
  let lastDraw = 0;
  let current = '';
  let finished = false;

  const text = () => {
    const opTotal = opts.perOperation?.[current];
    const op = current ? ` · ${current} ${perOp.get(current)}${opTotal ? `/${opTotal}` : ''}` : '';
    const bad = failed ? p.verdict('fail', ` · ${failed} failed`) : '';
    const inc = inconclusive ? p.verdict('inconclusive', ` · ${inconclusive} inconclusive`) : '';
    return `${doneCount}/${total}${op}${bad}${inc}`;
  };
  const draw = () => {
    let s = text();
    const width = stream.columns ?? 100;
    if (!opts.color && s.length > width - 1) s = `${s.slice(0, width - 2)}…`;
    stream.write(`\r\x1b[K${s}`);
    lastDraw = Date.now();
  };
  // Not a TTY: a plain line at intervals (never keeps the process alive).
  const ticker = tty ? undefined : setInterval(() => stream.write(`progress: ${text()} (${duration(Date.now() - started)})\n`), opts.intervalMs ?? PROGRESS_INTERVAL_MS);
  ticker?.unref?.();
  return {
    update(result) {
      doneCount++;
      current = result.contract;
      perOp.set(current, (perOp.get(current) ?? 0) + 1);
      if (result.verdict === 'fail') failed++;
      if (result.verdict === 'inconclusive') inconclusive++;
      // Redraw at most every 50ms: a fast emulator would otherwise flood the terminal.
      if (tty && (Date.now() - lastDraw >= 50 || doneCount === total)) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      if (ticker) clearInterval(ticker);
      if (tty) stream.write('\r\x1b[K');
      const bad = failed ? `, ${failed} failed` : '';
      const inc = inconclusive ? `, ${inconclusive} inconclusive` : '';
      stream.write(`${doneCount}/${total} cases in ${duration(Date.now() - started)}${bad}${inc}\n`);
    },
  };
}
