// JUnit XML: one <testsuite> per operation (per target when several), one <testcase> per case.
// fail -> <failure>, inconclusive -> <error> (the target did not answer), skipped -> <skipped>.
import { XMLBuilder } from 'fast-xml-parser';
import type { CaseResult, ReportableRun } from '../core/types.ts';
import { asList } from './matrix.ts';
import { failurePair, pretty, preview, rerunCommand, sourceText, failedCheckLines, answeredText, listedLines } from './format.ts';

/** XML 1.0 cannot carry these characters at all, escaped or not: they are dropped. */
export function xmlSafe(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

// fast-xml-parser's builder escapes text and attributes; it keeps `true` as a value (no bare attributes).
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  tagValueProcessor: (_name, value) => xmlSafe(String(value)),
  attributeValueProcessor: (_name, value) => xmlSafe(String(value)),
});

type Node = Record<string, unknown>;
const attrs = (a: Record<string, string | number>): Node => Object.fromEntries(Object.entries(a).map(([k, v]) => [`@${k}`, String(v)]));
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult, run: ReportableRun, classname: string): Node {
  const node = attrs({ name: c.id, classname, time: seconds(c.durationMs) });
  const where = `source: ${sourceText(c.source)}\nre-run: ${rerunCommand(c.id, run)}`;
  const listed = listedLines(c, 1000).map((l) => `listed: ${l}\n`).join('');
  switch (c.verdict) {
    case 'pass':
      return listed ? { ...node, 'system-out': listed } : node;
    case 'pass-ambiguous':
      return { ...node, 'system-out': `pass-ambiguous: ${c.reason ?? 'the doc allows several answers'}\n${listed}` };
    case 'skipped':
      return { ...node, skipped: attrs({ message: c.reason ?? 'skipped' }) };
    case 'inconclusive':
      return { ...node, error: { ...attrs({ message: `inconclusive: ${c.reason ?? 'the target did not answer'}`, type: 'inconclusive' }), '#text': where } };
    case 'fail': {
      const { expected, actual, check } = failurePair(c);
      const message = `${check ? `${check}: ` : ''}expected ${preview(expected, 200)}, got ${preview(actual, 200)}`;
      const answered = answeredText(c, 1000);
      const failedChecks = failedCheckLines(c, 1000).map((l) => `  ${l}\n`).join('');
      const body = `${c.title}\nexpected:\n${pretty(expected)}\nactual:\n${pretty(actual)}\n${answered ? `answered: ${answered}\n` : ''}${failedChecks ? `failed checks:\n${failedChecks}` : ''}${c.mutation ? `mutation: ${c.mutation.description}\n` : ''}${where}`;
      return { ...node, failure: { ...attrs({ message, type: check ?? 'conformance' }), '#text': body } };
    }
  }
}

export function render(results: ReportableRun | ReportableRun[]): string {
  const runs = asList(results);
  const multi = runs.length > 1;
  const suites: Node[] = [];
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
      suites.push({
        ...attrs({ name, tests: n.tests, failures: n.failures, errors: n.errors, skipped: n.skipped, time: seconds(n.ms), timestamp: run.startedAt.replace(/Z$/, '') }),
        testcase: cases.map((c) => testcase(c, run, name)),
      });
    }
  }
  const head = attrs({ name: 'cloud-api-conformance', tests: total.tests, failures: total.failures, errors: total.errors, skipped: total.skipped, time: seconds(total.ms) });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ testsuites: { ...head, testsuite: suites } }) as string}`;
}
