// `conformance matrix` and `conformance merge`: work on results.json files only (no engine).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { RunResults } from '../../core/types.ts';
import { readResults, render as renderJson } from '../../reporters/json.ts';
import { getReporter, type ReporterName } from '../../reporters/index.ts';
import { mergeByTarget } from '../../reporters/merge.ts';
import { exitCodeFor } from '../exit.ts';
import { useColor, type Io } from '../io.ts';
import { writeReports } from './write-reports.ts';

const readAll = (files: string[], io: Io): RunResults[] => files.flatMap((f) => readResults(resolve(io.cwd, f), f));

/** Print the matrix of one or several results files (several targets side by side). */
export function matrixCommand(files: string[], opts: { reporters: ReporterName[]; out?: string }, io: Io): number {
  const runs = readAll(files, io);
  if (opts.out) writeReports(runs, opts.reporters, opts.out, io);
  else for (const name of opts.reporters) io.stdout.write(getReporter(name).render(runs, { color: name === 'terminal' && useColor(io.stdout, io.env) }));
  return exitCodeFor(runs);
}

/** Join shards into one results file (one run per target) and print its matrix. */
export function mergeCommand(files: string[], opts: { out: string; quiet?: boolean }, io: Io): number {
  const merged = mergeByTarget(readAll(files, io));
  const file = resolve(io.cwd, opts.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderJson(merged));
  if (!opts.quiet) io.stdout.write(getReporter('terminal').render(merged, { color: useColor(io.stdout, io.env) }));
  io.stderr.write(`merged ${files.length} file(s), ${merged.reduce((n, r) => n + r.cases.length, 0)} cases -> ${relative(io.cwd, file) || file}\n`);
  return exitCodeFor(merged);
}
