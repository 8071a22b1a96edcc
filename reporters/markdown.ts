// Markdown: the matrix, failures and uncovered error rows, for PR comments and the GitHub step summary.
import { appendFileSync } from 'node:fs';
import { VERDICTS, type ReportableRun, type Verdict } from '../core/types.ts';
import { asList, buildMatrix, CATEGORY_LABELS, parityOf, uncoveredRows, type Cell } from './matrix.ts';
import { answeredText, backingText, failedCheckLines, failurePair, listedLines, plural, preview, profileText, rerunCommand, sourceText } from './format.ts';
import { casesWhere, countWhere } from '../core/case-list.ts';

const ICON: Record<Verdict, string> = { pass: '✅', 'pass-ambiguous': '☑️', skipped: '⏭️', inconclusive: '⚠️', fail: '❌' };

/** Text inside a table cell or inline code: no pipes, newlines or HTML. */
export function mdEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/[|]/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}
/** Inline code safe in a table cell (entities are not decoded inside code spans, so no HTML escaping). */
export function mdCode(s: string): string {
  return `\`${s.replace(/`/g, 'ˋ').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}
const code = mdCode;

function cell(c: Cell): string {
  return c.total === 0 ? '·' : `${ICON[c.worst!]} ${c.passed}/${c.total}`;
}

export function render(results: ReportableRun | ReportableRun[], opts: { maxFailures?: number } = {}): string {
  const runs = asList(results);
  const m = buildMatrix(runs);
  const max = opts.maxFailures ?? 50;
  const multi = runs.length > 1;
  const out: string[] = ['# Conformance report', ''];
  for (const run of runs) {
    const fails = countWhere(run.cases, (c) => c.verdict === 'fail');
    out.push(`- **${mdEscape(run.target.name)}** (${run.target.kind}): ${plural(run.cases.length, 'case')}, ${fails} failed; seed ${run.seed}, depth ${run.depth}, ${profileText(run)}, started ${run.startedAt}${run.shard ? `, shard ${run.shard.index}/${run.shard.count}` : ''}${run.interrupted ? '; **interrupted**: the cases that finished' : ''}`);
    for (const stop of run.preflight ?? []) out.push(`  - preflight: ${mdEscape(stop.message)}; its cases were skipped`);
  }
  out.push('', '## Matrix', '');
  const head = ['operation', ...(multi ? ['target'] : []), ...m.categories.map((k) => CATEGORY_LABELS[k]), 'total'];
  out.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < (multi ? 2 : 1) ? ' --- ' : ' :---: ')).join('|')}|`);
  for (const g of m.groups) {
    for (const r of g.rows) {
      m.targets.forEach((t, ti) => {
        const cols = [code(r.contract), ...(multi ? [mdEscape(t.name)] : []), ...m.categories.map((k) => cell(r.cells[k][ti])), cell(r.total[ti])];
        out.push(`| ${cols.join(' | ')} |`);
      });
    }
  }
  out.push('', `Cells: passed/total, icon = worst verdict (${[...VERDICTS].reverse().map((v) => `${ICON[v]} ${v}`).join(', ')}). ` +
    `Columns: ${m.categories.map((k) => `${CATEGORY_LABELS[k]} = ${k}`).join(', ')}.`, '');

  if (m.disagreements.length) {
    out.push('## Targets disagree', '', `| case | ${m.targets.map((t) => mdEscape(t.name)).join(' | ')} |`, `| --- |${m.targets.map(() => ' --- ').join('|')}|`);
    for (const d of m.disagreements) out.push(`| ${code(d.id)} | ${d.verdicts.map((v) => (v ? `${ICON[v]} ${v}` : 'not run')).join(' | ')} |`);
    out.push('');
  }

  for (const run of runs) {
    const parity = parityOf(run);
    if (!parity) continue;
    const { differs } = parity;
    out.push(`## Parity with the reference${multi ? ` (${mdEscape(run.target.name)})` : ''}`, '', `${parity.agrees} agree, ${differs.length} differ, ${parity.noReference} no reference.`, '');
    if (differs.length) {
      out.push('| case | first difference |', '| --- | --- |');
      for (const c of differs.slice(0, max)) out.push(`| ${code(c.id)} | ${mdEscape(c.parity!.diff ?? '')} |`);
      out.push('');
    }
  }

  const failures = runs.flatMap((run) => casesWhere(run.cases, (c) => c.verdict === 'fail').map((c) => ({ run, c })));
  out.push(`## Failures (${failures.length})`, '');
  if (!failures.length) out.push('None.', '');
  for (const { run, c } of failures.slice(0, max)) {
    const { expected, actual, check } = failurePair(c);
    out.push(`<details><summary>❌ ${code(c.id)}${multi ? ` on ${mdEscape(run.target.name)}` : ''}: ${mdEscape(c.title)}</summary>`, '');
    out.push(`- check: ${check ? code(check) : 'n/a'}`);
    out.push(`- expected: ${code(preview(expected, 300))}`);
    out.push(`- actual: ${code(preview(actual, 300))}`);
    const answered = answeredText(c, 300);
    if (answered) out.push(`- answered: ${mdEscape(answered)}`);
    const failedChecks = failedCheckLines(c, 300);
    if (failedChecks.length) out.push(`- failed checks (${failedChecks.length}):`, ...failedChecks.map((l) => `  - ${mdEscape(l)}`));
    if (c.mutation) out.push(`- mutation: ${mdEscape(c.mutation.description)}`);
    out.push(`- source: ${code(sourceText(c.source))}`);
    const backing = backingText(c);
    if (backing.sources.length) out.push(`- backed by: ${backing.sources.map((s) => mdEscape(s)).join('; ')}`);
    if (backing.claims.length) out.push(`- ledger claims: ${backing.claims.map(code).join(', ')}`);
    out.push(`- re-run: ${code(rerunCommand(c.id, run))}`, '', '</details>', '');
  }
  if (failures.length > max) out.push(`… and ${failures.length - max} more (see report.html or results.json).`, '');

  const listed = runs.flatMap((run) => casesWhere(run.cases, (c) => c.verdict !== 'fail' && listedLines(c).length > 0).map((c) => ({ run, c })));
  if (listed.length) {
    out.push(`## Listed, not failed (${listed.length})`, '', 'What a check listed on a passing case without failing it (no source says the cloud refuses it).', '', '| case | listed |', '| --- | --- |');
    for (const { run, c } of listed.slice(0, max)) out.push(`| ${code(c.id)}${multi ? ` on ${mdEscape(run.target.name)}` : ''} | ${mdEscape(listedLines(c, 300).join('; '))} |`);
    if (listed.length > max) out.push('', `… and ${listed.length - max} more (see report.html or results.json).`);
    out.push('');
  }

  const uncovered = uncoveredRows(runs);
  out.push(`## Uncovered error rows (${uncovered.length})`, '');
  if (!uncovered.length) out.push('Every documented error row has a case.', '');
  else {
    out.push('| contract | status | code | why no case |', '| --- | ---: | --- | --- |');
    for (const u of uncovered) out.push(`| ${code(u.contract)} | ${u.status} | ${code(u.code)} | ${mdEscape(u.reason)} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Append to the GitHub Actions job summary when `$GITHUB_STEP_SUMMARY` is set; true if written. */
export function appendToStepSummary(md: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, md.endsWith('\n') ? md : `${md}\n`);
  return true;
}
