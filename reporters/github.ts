// GitHub Actions annotations: one `::error file=<contract>,line=<line>,title=<case>::<why>` workflow
// command per failure (GitHub pins it to the contract line in the run's summary and the PR diff),
// warnings for a vendor the preflight stopped and for an interrupted run. Printed on stdout, where
// the runner reads workflow commands. GitHub shows a limited number per step: past MAX, one notice
// counts the rest (every failure is in results.json and report.html).
import type { ReportableRun } from '../core/types.ts';
import { asList } from './matrix.ts';
import { failurePair, preview, rerunCommand } from './format.ts';

export const MAX_ANNOTATIONS = 50;

/** Workflow-command escaping (the Actions toolkit's rules): data, and property values. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

export function render(results: ReportableRun | ReportableRun[]): string {
  const runs = asList(results);
  const lines: string[] = [];
  let failures = 0;
  for (const run of runs) {
    for (const stop of run.preflight ?? []) lines.push(command('warning', { title: `preflight: ${stop.vendor} not run` }, stop.message));
    if (run.interrupted) lines.push(command('warning', { title: 'conformance run interrupted' }, `${run.target.name}: the run was interrupted; the results hold the ${run.cases.length} cases that finished`));
    for (const c of run.cases) {
      if (c.verdict !== 'fail') continue;
      if (failures++ >= MAX_ANNOTATIONS) continue;
      const { expected, actual, check } = failurePair(c);
      const why = c.checks.find((k) => !k.ok && k.message)?.message;
      const message = [
        `${c.title}`,
        `expected: ${preview(expected, 300)}`,
        `actual:   ${preview(actual, 300)}`,
        ...(why ? [`why: ${preview(why, 300)}`] : []),
        `re-run: ${rerunCommand(c.id, run)}`,
      ].join('\n');
      lines.push(command('error', { file: c.source.file, line: c.source.line, title: `${c.id}${check ? ` [${check}]` : ''}${runs.length > 1 ? ` @ ${run.target.name}` : ''}` }, message));
    }
  }
  if (failures > MAX_ANNOTATIONS) lines.push(command('notice', { title: 'more failures' }, `${failures - MAX_ANNOTATIONS} more failures are not annotated: see results.json or report.html`));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
