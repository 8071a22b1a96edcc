// `conformance replay <case-id>`: the one case, generated with the run's options (seed, depth,
// contracts, profile, target, mutants...), its fixtures made, its request re-signed and sent, and
// the whole exchange printed (secrets and account ids redacted) with the verdict. The reports print
// this command for every failing case.
import { ConformanceError } from '../../core/errors.ts';
import type { CaseResult } from '../../core/types.ts';
import { REPLAY_LIMITS } from '../../core/exchange.ts';
import type { RealCloudTarget } from '../../adapters/real-cloud.ts';
import { exchangeLines } from '../../reporters/exchange.ts';
import { clean, failurePair, preview, sourceText } from '../../reporters/format.ts';
import { openTarget } from '../../compose/open-target.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';
import { EXIT } from '../exit.ts';
import type { Io } from '../io.ts';
import type { RunOptions } from '../options.ts';
import { casesForTarget, checkRealCloudFlags, guardRealCloud, targetOptionsFor } from '../realcloud.ts';
import { selectedCases } from './run.ts';

/** Exit codes, least to most severe. */
const SEVERITY: number[] = [EXIT.conformant, EXIT.inconclusive, EXIT.nonconformant];

export async function replayCommand(caseId: string, opts: RunOptions, io: Io, eng: Engine = defaultEngine): Promise<number> {
  checkRealCloudFlags(opts);
  const { cases, loaded } = await selectedCases({ ...opts, lastFailed: false, shard: undefined }, io, eng);
  if (cases.length !== 1) {
    throw new ConformanceError('E_NO_CASES', `replay takes one case: "${caseId}" selects ${cases.length}`, 'give the exact case id a report printed');
  }
  const { runCase } = await eng.runner();
  let code: number = EXIT.conformant;
  for (const spec of opts.targets) {
    const [c] = casesForTarget(spec, cases);
    if (!c) { io.stderr.write(`${spec}: not a target for ${cases[0]!.call.vendor} cases; skipped\n`); continue; }
    const target = await openTarget(spec, targetOptionsFor(spec, opts, io, loaded), eng);
    let r: CaseResult;
    try {
      guardRealCloud(target, [c], io);
      r = await runCase(c, target, {
        ...opts.runnerOptions, loaded, allowDestructive: opts.allowDestructive, safety: opts.safety, exchanges: { all: true, limits: REPLAY_LIMITS },
      });
      r = (target as Partial<RealCloudTarget>).redactor?.value(r) ?? r;
    } finally {
      await target.close?.();
    }
    io.stdout.write(render(r, spec));
    const worst = r.verdict === 'fail' ? EXIT.nonconformant : r.verdict === 'inconclusive' ? EXIT.inconclusive : EXIT.conformant;
    if (SEVERITY.indexOf(worst) > SEVERITY.indexOf(code)) code = worst;
  }
  return code;
}

function render(r: CaseResult, spec: string): string {
  const { expected, actual, check } = failurePair(r);
  const lines = [
    `${clean(r.id)} on ${clean(spec)}: ${r.verdict}${check && r.verdict === 'fail' ? `  [${check}]` : ''}`,
    `  ${preview(r.title, 200)}`,
    ...(r.reason ? [`  reason:   ${preview(r.reason, 300)}`] : []),
    `  expected: ${preview(expected, 300)}`,
    `  actual:   ${preview(actual, 300)}`,
    `  source:   ${clean(sourceText(r.source))}`,
    '',
  ];
  if (!r.exchanges?.length) lines.push('  (nothing was sent)');
  for (const x of r.exchanges ?? []) lines.push(...exchangeLines(x, '  '), '');
  return `${lines.join('\n')}\n`;
}
