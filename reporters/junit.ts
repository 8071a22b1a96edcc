// JUnit XML: one <testsuite> per operation (per target when several), one <testcase> per case.
// fail -> <failure>, inconclusive -> <error> (the target did not answer), skipped -> <skipped>.
import type { CaseResult, RunResults } from '../core/types.ts';
import { asList } from './matrix.ts';
import { failurePair, pretty, preview, rerunCommand, sourceText } from './format.ts';

/** Escape for XML text and attributes; drops characters XML 1.0 cannot carry at all. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult, run: RunResults, classname: string): string {
  const open = `    <testcase${attrs({ name: c.id, classname, time: seconds(c.durationMs) })}`;
  const where = `source: ${sourceText(c.source)}\nre-run: ${rerunCommand(c.id, run)}`;
  switch (c.verdict) {
    case 'pass':
      return `${open}/>`;
    case 'pass-ambiguous':
      return `${open}>\n      <system-out>${xmlEscape(`pass-ambiguous: ${c.reason ?? 'the doc allows several answers'}`)}</system-out>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attrs({ message: c.reason ?? 'skipped' })}/>\n    </testcase>`;
    case 'inconclusive':
      return `${open}>\n      <error${attrs({ message: `inconclusive: ${c.reason ?? 'the target did not answer'}`, type: 'inconclusive' })}>${xmlEscape(where)}</error>\n    </testcase>`;
    case 'fail': {
      const { expected, actual, check } = failurePair(c);
      const message = `${check ? `${check}: ` : ''}expected ${preview(expected, 200)}, got ${preview(actual, 200)}`;
      const body = `${c.title}\nexpected:\n${pretty(expected)}\nactual:\n${pretty(actual)}\n${c.mutation ? `mutation: ${c.mutation.description}\n` : ''}${where}`;
      return `${open}>\n      <failure${attrs({ message, type: check ?? 'conformance' })}>${xmlEscape(body)}</failure>\n    </testcase>`;
    }
  }
}

export function render(results: RunResults | RunResults[]): string {
  const runs = asList(results);
  const multi = runs.length > 1;
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const run of runs) {
    const byOp = new Map<string, CaseResult[]>();
    for (const c of run.cases) {
      if (!byOp.has(c.contract)) byOp.set(c.contract, []);
      byOp.get(c.contract)!.push(c);
    }
    for (const [contract, cases] of byOp) {
      const name = multi ? `${run.target.name} › ${contract}` : contract;
      const n = {
        tests: cases.length,
        failures: cases.filter((c) => c.verdict === 'fail').length,
        errors: cases.filter((c) => c.verdict === 'inconclusive').length,
        skipped: cases.filter((c) => c.verdict === 'skipped').length,
        ms: cases.reduce((s, c) => s + c.durationMs, 0),
      };
      total.tests += n.tests; total.failures += n.failures; total.errors += n.errors; total.skipped += n.skipped; total.ms += n.ms;
      suites.push(`  <testsuite${attrs({ name, tests: n.tests, failures: n.failures, errors: n.errors, skipped: n.skipped, time: seconds(n.ms), timestamp: run.startedAt.replace(/Z$/, '') })}>\n` +
        `${cases.map((c) => testcase(c, run, name)).join('\n')}\n  </testsuite>`);
    }
  }
  const head = attrs({ name: 'cloud-api-conformance', tests: total.tests, failures: total.failures, errors: total.errors, skipped: total.skipped, time: seconds(total.ms) });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${head}>\n${suites.join('\n')}\n</testsuites>\n`;
}
