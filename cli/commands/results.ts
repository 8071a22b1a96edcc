// `conformance matrix` and `conformance merge`: work on results.json files only (no engine).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ConformanceError } from '../../core/errors.ts';
import type { RunResults } from '../../core/types.ts';
import { render as renderJson } from '../../reporters/json.ts';
import { readRuns } from '../../reporters/ndjson.ts';
import { getReporter, type ReporterName } from '../../reporters/index.ts';
import { mergeByTarget, shardGaps } from '../../reporters/merge.ts';
import { checkOutputDir } from '../paths.ts';
import { exitCodeFor } from '../exit.ts';
import { useColor, type Io } from '../io.ts';
import { writeReports } from './write-reports.ts';

const readAll = (files: string[], io: Io): RunResults[] => files.flatMap((f) => readRuns(resolve(io.cwd, f), f));

/** Print the matrix of one or several results files (several targets side by side). */
export function matrixCommand(files: string[], opts: { reporters: ReporterName[]; out?: string }, io: Io): number {
  if (opts.out) checkOutputDir(opts.out, '--out', io.cwd);
  const runs = readAll(files, io);
  if (opts.out) writeReports(runs, opts.reporters, opts.out, io);
  else for (const name of opts.reporters) io.stdout.write(getReporter(name).render(runs, { color: name === 'terminal' && useColor(io.stdout, io.env) }));
  return exitCodeFor(runs);
}

/**
 * Join shards into one results file (one run per target), `<out>/results.json` (`--out` is the
 * report directory, as for `run` and `matrix`), and print its matrix. An incomplete shard set
 * (a shard missing or interrupted) is refused unless `allowPartial`.
 */
export function mergeCommand(files: string[], opts: { out: string; quiet?: boolean; allowPartial?: boolean }, io: Io): number {
  if (/\.json$/i.test(opts.out)) {
    throw new ConformanceError('E_OPTION', `--out ${opts.out}: --out names the report directory (as for run and matrix); merge writes results.json into it`, `use --out ${dirname(opts.out) === '.' ? 'conformance-report' : dirname(opts.out)}`);
  }
  checkOutputDir(opts.out, '--out', io.cwd);
  const parts = readAll(files, io);
  const merged = mergeByTarget(parts, { allowPartial: opts.allowPartial });
  if (opts.allowPartial) {
    const byTarget = new Map<string, RunResults[]>();
    for (const p of parts) byTarget.set(p.target.name, [...(byTarget.get(p.target.name) ?? []), p]);
    for (const [name, group] of byTarget) {
      const gaps = shardGaps(group);
      if (gaps.length) io.stderr.write(`merge: ${name}: partial (${gaps.join('; ')}), merged as --allow-partial asked\n`);
    }
  }
  const dir = resolve(io.cwd, opts.out);
  const file = join(dir, 'results.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, renderJson(merged));
  if (!opts.quiet) io.stdout.write(getReporter('terminal').render(merged, { color: useColor(io.stdout, io.env) }));
  io.stderr.write(`merged ${files.length} file(s), ${merged.reduce((n, r) => n + r.cases.length, 0)} cases -> ${relative(io.cwd, file) || file}\n`);
  return exitCodeFor(merged);
}
