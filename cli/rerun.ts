// The `run` flags that shape a case, recorded in the results (`rerunArgs`) so every printed re-run
// and replay command reproduces the case: the target spec as given (not its display name), the
// mutants, the depth and seed, the contracts folder, the expectation profile, the emulator's
// behaviour, an explicit config file, and a real cloud's region, endpoint, fixtures and safety level.
// Filters, shards, budgets, reporters and pacing only choose or present cases: left out.
import { DEFAULT_EXPECT } from '../core/evidence.ts';
import { DEFAULTS } from './config.ts';
import type { RunOptions } from './options.ts';

export function shapingArgs(spec: string, opts: RunOptions): string[] {
  const args = ['--seed', String(opts.seed), '--depth', opts.depth, '--target', spec];
  for (const m of opts.targetOptions.mutants ?? []) args.push('--mutant', m);
  if (opts.behaviour) args.push('--behaviour', opts.behaviour);
  if (opts.expect && opts.expect !== DEFAULT_EXPECT) args.push('--expect', opts.expect);
  if (opts.contractsDir) args.push('--contracts', opts.contractsDir);
  if (opts.configFile) args.push('--config', opts.configFile);
  if (opts.region) args.push('--region', opts.region);
  if (opts.endpoint) args.push('--endpoint', opts.endpoint);
  if (opts.fixtures) args.push('--fixtures', opts.fixtures);
  if (opts.safety && opts.safety !== DEFAULTS.safety) args.push('--safety', opts.safety);
  return args;
}
