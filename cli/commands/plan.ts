// `conformance plan` / `conformance run --plan`: every call the run would make, destructive ones
// marked, and what safety would skip; opens no target and makes no call.
import { ConformanceError } from '../../core/errors.ts';
import type { Case } from '../../core/types.ts';
import { CREDENTIAL_ENV, defaultEndpoint, DEFAULT_REGIONS } from '../../adapters/credentials-env.ts';
import { CREATING, destroyedIds } from '../../adapters/guard.ts';
import { requestLine } from '../../runner/request-line.ts';
import { callsOf } from '../budget.ts';
import type { Io } from '../io.ts';
import type { RunOptions } from '../options.ts';
import { applyBudget, casesForTarget, isRealCloudSpec } from '../realcloud.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';
import { selectedCases } from './run.ts';

function describeTarget(spec: string, opts: RunOptions, io: Io): string {
  if (!isRealCloudSpec(spec)) return spec;
  const region = opts.region ?? DEFAULT_REGIONS[spec];
  let endpoint: string;
  try { endpoint = opts.endpoint ?? defaultEndpoint(spec, region); } catch (e) { endpoint = `(${(e as Error).message})`; }
  const missing = CREDENTIAL_ENV[spec].filter((v) => !v.optional && !io.env[v.name] && !v.aliases?.some((a) => io.env[a])).map((v) => v.name);
  return `${spec} (real cloud, region ${region}, ${endpoint}; credentials: ${missing.length ? `MISSING ${missing.join(', ')}` : 'set'})`;
}

/** The plan text for selected cases (pure: no target, no call). */
export function renderPlan(opts: RunOptions, cases: Case[], io: Io): string {
  const out: string[] = [];
  for (const spec of opts.targets) {
    const real = isRealCloudSpec(spec);
    const list = casesForTarget(spec, cases);
    const skipped = (c: Case) => real && c.destructive && !opts.allowDestructive;
    const calls = list.reduce((n, c) => n + callsOf(c, { willSkip: skipped }), 0);
    out.push(`plan for ${describeTarget(spec, opts, io)}: ${list.length} cases, ${calls} calls${real ? `, at most ${opts.rate ?? 5}/s` : ''}`);
    out.push('  legend: [ro] cannot change anything  [DESTRUCTIVE] changes or creates resources  (skip) not sent: needs --allow-destructive');
    for (const c of list) {
      const tag = c.destructive ? '[DESTRUCTIVE]' : '[ro]';
      const notes: string[] = [];
      if (skipped(c)) notes.push('(skip)');
      if (CREATING.test(c.call.operation) && c.destructive) notes.push('creates: journaled, deleted at the end');
      const destroys = destroyedIds(c.call.operation, c.call.params).filter((id) => id.startsWith('$'));
      if (destroys.length && c.destructive) notes.push(`deletes fixture ${destroys.join(', ')} (must be deletable: true)`);
      if (c.setup?.length) notes.push(`fixtures: ${c.setup.map((s) => `${s.as}=${s.kind}${s.fields ? JSON.stringify(s.fields) : ''}`).join(' ')}`);
      out.push(`${tag.padEnd(13)} ${c.id}${notes.length ? `  ${notes.join('; ')}` : ''}`);
      out.push(`    ${requestLine(c.call, c.tweak)}`);
      if (c.tweak?.auth === 'reused-nonce') out.push('    (sent twice: the first call primes the nonce)');
      if (c.then) out.push(`    then ${requestLine({ ...c.call, params: c.then.params })}`);
    }
    const destructive = list.filter((c) => c.destructive).length;
    out.push(`summary: ${list.length - destructive} read-only, ${destructive} destructive${real && !opts.allowDestructive ? ` (all skipped without --allow-destructive)` : ''}; no call was made`, '');
  }
  return out.join('\n');
}

export function printPlan(opts: RunOptions, cases: Case[], io: Io): number {
  io.stdout.write(`${renderPlan(opts, cases, io)}\n`);
  return 0;
}

export async function planCommand(opts: RunOptions, io: Io, eng: Engine = defaultEngine): Promise<number> {
  const { cases, loaded } = await selectedCases(opts, io, eng);
  if (!cases.length) throw new ConformanceError('E_NO_CASES', 'no case selected', 'loosen the filters or check --shard');
  return printPlan(opts, applyBudget(cases, opts, loaded, io), io);
}
