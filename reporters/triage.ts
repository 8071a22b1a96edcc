// Triage: failures grouped by likely root cause (same failing check, same expected/actual pattern
// once volatile ids are normalised), largest group first. One fix usually clears a whole group.
// A failure whose answer carries an error code groups by that code alone: one signing bug answers
// SignatureDoesNotMatch to cases that expected many different things, and is still one group.
import type { ReportableRun } from '../core/types.ts';
import { asList } from './matrix.ts';
import { failurePair, plural, preview, sourceText } from './format.ts';
import { mdCode, mdEscape } from './markdown.ts';
import { isJsonObject } from '../core/json.ts';

export interface TriageGroup {
  /** Stable key: `code <actual error code>`, else `check | expected | actual`, normalised. */
  key: string;
  /** The error code the target answered, when the group is keyed by it. */
  actualCode?: string;
  check: string;
  expected: string;
  actual: string;
  cases: { id: string; target: string; title: string; source: string }[];
  contracts: string[];
  categories: string[];
}

const VOLATILE: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\b/g, '<time>'],
  // Vendor resource ids: s-bp1abc..., i-2ze..., d-..., sg-..., snap-...
  [/\b[a-z]{1,5}-[a-z0-9]{8,}\b/g, '<id>'],
  [/\b[0-9a-f]{16,}\b/gi, '<hex>'],
  [/\b\d{6,}\b/g, '<n>'],
];

/** Replace ids, request ids, timestamps and long numbers by placeholders. */
export function normalizeVolatile(s: string): string {
  return VOLATILE.reduce((acc, [re, to]) => acc.replace(re, to), s);
}

function shape(value: unknown): string {
  return normalizeVolatile(preview(value, 400));
}

/** The error code in a case's actual summary (checks/util.ts actualSummary), if any. */
function actualCodeOf(actual: unknown): string | undefined {
  const code = isJsonObject(actual) ? actual.code : undefined;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

export function triage(results: ReportableRun | ReportableRun[]): TriageGroup[] {
  const groups = new Map<string, TriageGroup>();
  for (const run of asList(results)) {
    for (const c of run.cases) {
      if (c.verdict !== 'fail') continue;
      const pair = failurePair(c);
      const check = pair.check ?? '(no check)';
      const expected = shape(pair.expected);
      const actual = shape(pair.actual);
      const code = actualCodeOf(c.actual);
      const key = code !== undefined ? `code ${code}` : `${check} | ${expected} | ${actual}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { key, check, expected, actual, ...(code !== undefined ? { actualCode: code } : {}), cases: [], contracts: [], categories: [] }));
      else if (g.expected !== expected) g.expected = '(varies by case)';
      g.cases.push({ id: c.id, target: run.target.name, title: c.title, source: sourceText(c.source) });
      if (!g.contracts.includes(c.contract)) g.contracts.push(c.contract);
      if (!g.categories.includes(c.category)) g.categories.push(c.category);
    }
  }
  return [...groups.values()].sort((a, b) => b.cases.length - a.cases.length || a.key.localeCompare(b.key));
}

export function render(results: ReportableRun | ReportableRun[]): string {
  const groups = triage(results);
  const total = groups.reduce((n, g) => n + g.cases.length, 0);
  const out = ['# Failure triage', '', `${total} failures in ${groups.length} likely root causes, largest first.`, ''];
  groups.forEach((g, i) => {
    const head = g.actualCode !== undefined ? `answered ${mdCode(g.actualCode)}` : mdCode(g.check);
    out.push(`## ${i + 1}. ${head}: ${plural(g.cases.length, 'case')}`, '');
    out.push(`- expected: ${mdCode(g.expected)}`, `- actual: ${mdCode(g.actual)}`);
    out.push(`- operations: ${g.contracts.map((c) => `\`${c}\``).join(', ')}`, `- categories: ${g.categories.join(', ')}`, '');
    for (const c of g.cases) out.push(`  - ${mdCode(c.id)} on ${mdEscape(c.target)} (${mdCode(c.source)})`);
    out.push('');
  });
  return out.join('\n');
}
