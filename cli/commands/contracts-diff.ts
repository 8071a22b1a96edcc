// `conformance contracts diff <old> [new]`: two contract sets (folders or git:<rev>), each change
// classified as in `drift`. Exit 1 when a change counts under --fail-on (breaking by default; any), else 0.
import { relative, resolve } from 'node:path';
import { diffContractSets, materialize } from '../../drift/contracts-diff.ts';
import { groupedText, summaryLine, toJson } from '../../drift/render.ts';
import { DEFAULT_CONTRACTS_DIR } from '../../loader/index.ts';
import type { Io } from '../io.ts';
import { driftExitCode } from '../../drift/classify.ts';
import { driftFailOn, driftFormat } from './drift.ts';

export function contractsDiffCommand(oldSpec: string, newSpec: string | undefined, flags: { format?: string; contracts?: string; failOn?: string }, io: Io): number {
  const format = driftFormat(flags.format);
  const failOn = driftFailOn(flags.failOn);
  const contractsDir = flags.contracts ? resolve(io.cwd, flags.contracts) : DEFAULT_CONTRACTS_DIR;
  const newLabel = newSpec ?? (relative(io.cwd, contractsDir) || '.');
  const a = materialize(oldSpec, io.cwd, contractsDir);
  const b = newSpec ? materialize(newSpec, io.cwd, contractsDir) : { dir: contractsDir, cleanup: () => {} };
  try {
    const changes = diffContractSets(a.dir, b.dir);
    if (format === 'json') io.stdout.write(toJson({ old: oldSpec, new: newLabel, changes, summary: summaryLine(changes) }));
    else io.stdout.write(`${[`contracts diff: ${oldSpec} -> ${newLabel}`, ...groupedText(changes), summaryLine(changes)].join('\n')}\n`);
    return driftExitCode(changes, failOn);
  } finally {
    a.cleanup();
    b.cleanup();
  }
}
