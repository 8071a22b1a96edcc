// Small text helpers shared by the reporters: value previews, source refs, the re-run command.
import type { CaseResult, CheckResult, RunResults, SourceRef } from '../core/types.ts';
import { isJsonObject } from '../core/json.ts';

/** Compact one-line JSON preview (strings unquoted), cut at `max` characters. */
export function preview(value: unknown, max = 160): string {
  let s: string;
  if (value === undefined) s = '(none)';
  else if (typeof value === 'string') s = value;
  else {
    try { s = JSON.stringify(value) ?? String(value); } catch { s = String(value); }
  }
  // Case data is untrusted: no terminal escapes or control characters reach the output.
  // eslint-disable-next-line no-control-regex
  s = s.replace(/\s+/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '\uFFFD');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Untrusted text for a terminal: control characters (ESC included) replaced. */
export function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '\uFFFD');
}

/** Pretty multi-line JSON for diffs and detail views. */
export function pretty(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  try { return JSON.stringify(value, null, 2) ?? String(value); } catch { return String(value); }
}

export function sourceText(src: SourceRef | undefined): string {
  if (!src) return '(unknown source)';
  return src.line !== undefined ? `${src.file}:${src.line}` : src.file;
}

/** Quote for a POSIX shell when needed: `'it'\''s'`. */
export function shellQuote(s: string, always = false): string {
  return !always && /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The flags that reproduce a run's cases: recorded by `run` (rerunArgs), else what the header says. */
function shapingArgs(run: Pick<RunResults, 'seed' | 'depth' | 'target' | 'rerunArgs'>): string[] {
  if (run.rerunArgs) return run.rerunArgs;
  const args = ['--seed', String(run.seed)];
  if (run.depth !== 'standard') args.push('--depth', run.depth);
  if (run.target.name !== 'emulator') args.push('--target', run.target.name);
  return args;
}

/** `npx conformance run --case <id> ...`: the case alone, with every option that shapes it. */
export function rerunCommand(caseId: string, run: Pick<RunResults, 'seed' | 'depth' | 'target' | 'rerunArgs'>): string {
  return ['npx conformance run --case', shellQuote(caseId, true), ...shapingArgs(run).map((a) => shellQuote(a))].join(' ');
}

/** `npx conformance replay <id> ...`: the case's request re-signed and sent, its exchange printed. */
export function replayCommand(caseId: string, run: Pick<RunResults, 'seed' | 'depth' | 'target' | 'rerunArgs'>): string {
  return ['npx conformance replay', shellQuote(caseId, true), ...shapingArgs(run).map((a) => shellQuote(a))].join(' ');
}

/** The first failed check, the one that best explains a failure. */
function firstFailedCheck(c: CaseResult): CheckResult | undefined {
  return c.checks.find((k) => !k.ok);
}

/** Expected/actual for a failure: the failing check's when it has them, else the case's. */
export function failurePair(c: CaseResult): { expected: unknown; actual: unknown; check?: string } {
  const k = firstFailedCheck(c);
  if (k && (k.expected !== undefined || k.actual !== undefined)) return { expected: k.expected, actual: k.actual, check: k.name };
  return { expected: c.expected, actual: c.actual, check: k?.name };
}

/** Every failed check of a case, one line each: `name: message` (or expected/actual where it has no message). */
export function failedCheckLines(c: CaseResult, max = 200): string[] {
  return c.checks.filter((k) => !k.ok).map((k) => `${k.name}: ${preview(k.message ?? `expected ${preview(k.expected, 80)}, got ${preview(k.actual, 80)}`, max)}`);
}

/**
 * What a case's passing checks listed without failing it: request findings no evidence lets the suite
 * fail (`Force=1` where the profile is silent, an unknown parameter, `+` for a space), or a client-side
 * refusal accepted. The runner keeps these messages (runner/index.ts LISTING_CHECKS).
 */
export function listedLines(c: CaseResult, max = 200): string[] {
  return c.checks.filter((k) => k.ok && k.message).map((k) => `${k.name}: ${preview(k.message!, max)}`);
}

/** What the target answered, as the vendor put it: `<status> <code>: <message> (request <id>)`; for a replay, both answers. */
export function answeredText(c: CaseResult, max = 240): string | undefined {
  const one = (a: unknown): string | undefined => {
    if (!isJsonObject(a)) return undefined;
    const r = a;
    if (r.clientRejected) return `rejected by the client: ${r.clientRejected}`;
    const head = [r.status !== undefined ? String(r.status) : undefined, r.code].filter(Boolean).join(' ');
    if (!head && !r.message) return undefined;
    return `${head || 'answer'}${r.message ? `: ${r.message}` : ''}${r.requestId ? ` (request ${r.requestId})` : ''}`;
  };
  const a = c.actual;
  const text = isJsonObject(a) && 'first' in a ? [one(a.first), one(a.then)].filter(Boolean).map((x, i) => `${i ? 'replay' : 'first'}: ${x}`).join('; ') : one(c.actual);
  return text ? preview(text, max) : undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** The expectation profile a run was judged under (results of version 1 predate profiles). */
export function profileText(run: Pick<RunResults, 'expect'>): string {
  return run.expect ? `expect ${run.expect}` : 'no expectation profile (results v1)';
}

/** What a case's expectation rests on, one line per source, then the ledger claims it follows. */
export function backingText(c: CaseResult): { sources: string[]; claims: string[] } {
  return { sources: c.evidence?.sources ?? [], claims: c.evidence?.claims ?? [] };
}
