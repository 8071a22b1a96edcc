// `conformance plan` / `conformance run --plan`: every call the run would make, each marked with the
// safety level it needs (runner/safety.ts), and what `--safety` would skip; opens no target and makes no call.
import { ConformanceError, errorMessage } from '../../core/errors.ts';
import type { Case } from '../../core/types.ts';
import { CREDENTIAL_ENV, defaultEndpoint, DEFAULT_REGIONS } from '../../adapters/credentials-env.ts';
import { CREATING, destroyedIds } from '../../adapters/guard.ts';
import { requestLine } from '../../runner/request-line.ts';
import { callsOf } from '../budget.ts';
import type { Io } from '../io.ts';
import type { RunOptions } from '../options.ts';
import { applyBudget, casesForTarget, isRealCloudSpec } from '../realcloud.ts';
import { engine as defaultEngine, type Engine, type LoadedContracts } from '../engine.ts';
import { classifyCase, permits, type SafetyLevel } from '../../runner/safety.ts';
import { ownProject } from '../../adapters/real-cloud.ts';
import { selectedCases } from './run.ts';

function describeTarget(spec: string, opts: RunOptions, io: Io): string {
  if (!isRealCloudSpec(spec)) return spec;
  const region = opts.region ?? DEFAULT_REGIONS[spec];
  let endpoint: string;
  try { endpoint = opts.endpoint ?? defaultEndpoint(spec, region); } catch (e) { endpoint = `(${errorMessage(e)})`; }
  const missing = CREDENTIAL_ENV[spec].filter((v) => !v.optional && !io.env[v.name] && !v.aliases?.some((a) => io.env[a])).map((v) => v.name);
  return `${spec} (real cloud, region ${region}, ${endpoint}; credentials: ${missing.length ? `MISSING ${missing.join(', ')}` : 'set'})`;
}

const TAG: Record<SafetyLevel, string> = { 'read-only': '[read-only]', negative: '[negative]', destructive: '[DESTRUCTIVE]' };

/** The plan text for selected cases (pure: no target, no call). Each call is marked with the safety level it needs. */
export function renderPlan(opts: RunOptions, cases: Case[], io: Io, loaded?: Pick<LoadedContracts, 'byId' | 'contracts'>): string {
  const out: string[] = [];
  const contract = (id: string) => { try { return loaded?.byId(id); } catch { return undefined; } };
  for (const spec of opts.targets) {
    const real = isRealCloudSpec(spec);
    const list = casesForTarget(spec, cases);
    const levelOf = (c: Case) => classifyCase(c, contract(c.contract)).level;
    const skipped = (c: Case) => real && !permits(opts.safety, levelOf(c));
    const calls = list.reduce((n, c) => n + callsOf(c, { willSkip: skipped }), 0);
    out.push(`plan for ${describeTarget(spec, opts, io)}: ${list.length} cases, ${calls} calls${real ? `, at most ${opts.rate ?? 5}/s, --safety ${opts.safety}` : ''}`);
    out.push('  legend: [read-only] sends no state-changing action  [negative] a state-changing action that can only be rejected (only errors accepted, only ids minted for the run)');
    out.push('          [DESTRUCTIVE] may change or create resources  (skip) not sent: above the --safety level');
    const counts: Record<SafetyLevel, number> = { 'read-only': 0, negative: 0, destructive: 0 };
    for (const c of list) {
      const level = levelOf(c);
      counts[level]++;
      const notes: string[] = [];
      if (skipped(c)) notes.push('(skip)');
      if (CREATING.test(c.call.operation) && level === 'destructive') notes.push('creates: journaled, deleted at the end');
      const identity = new Set((c.setup ?? []).filter((f) => f.kind === 'project').map((f) => `$${f.as}.id`)); // the caller's own project
      const destroys = destroyedIds(c.call.operation, c.call.params).filter((id) => id.startsWith('$') && !identity.has(id));
      if (destroys.length && level === 'destructive') notes.push(`deletes fixture ${destroys.join(', ')} (must be deletable: true)`);
      if (c.setup?.length) notes.push(`fixtures: ${c.setup.map((s) => `${s.as}=${s.kind}${s.fields ? JSON.stringify(s.fields) : ''}`).join(' ')}`);
      out.push(`${TAG[level].padEnd(13)} ${c.id}${notes.length ? `  ${notes.join('; ')}` : ''}`);
      // On a real cloud a project the case names is the caller's own (adapters/real-cloud.ts ownProject).
      const shown = real ? ownProject(c.call, loaded, '{own project}') : c.call;
      out.push(`    ${requestLine(shown, c.tweak)}`);
      if (c.tweak?.auth === 'reused-nonce') out.push('    (sent twice: the first call primes the nonce)');
      if (c.then) out.push(`    then ${requestLine(real ? ownProject({ ...c.call, params: c.then.params }, loaded, '{own project}') : { ...c.call, params: c.then.params })}`);
    }
    const sent = real ? list.filter((c) => !skipped(c)).length : list.length;
    out.push(`summary: ${counts['read-only']} read-only, ${counts.negative} negative, ${counts.destructive} destructive; ${real ? `${sent} sent under --safety ${opts.safety}, ${list.length - sent} skipped` : 'all sent (not a real cloud)'}; no call was made`, '');
  }
  return out.join('\n');
}

export function printPlan(opts: RunOptions, cases: Case[], io: Io, loaded?: Pick<LoadedContracts, 'byId' | 'contracts'>): number {
  io.stdout.write(`${renderPlan(opts, cases, io, loaded)}\n`);
  return 0;
}

export async function planCommand(opts: RunOptions, io: Io, eng: Engine = defaultEngine): Promise<number> {
  const { cases, loaded } = await selectedCases(opts, io, eng);
  if (!cases.length) throw new ConformanceError('E_NO_CASES', 'no case selected', 'loosen the filters or check --shard');
  return printPlan(opts, applyBudget(cases, opts, loaded, io), io, loaded);
}
