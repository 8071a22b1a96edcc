// `conformance diff <run-a.json> <run-b.json>`: regressions, fixes and other verdict changes per
// target between two results files. Exit 1 on a regression, else 0.
import { resolve } from 'node:path';
import { notOneOf } from '../../core/errors.ts';
import { diffResults, hasRegression, resultsDiffMarkdown } from '../../drift/results-diff.ts';
import { toJson } from '../../drift/render.ts';
import { readRuns } from '../../reporters/ndjson.ts';
import type { Io } from '../io.ts';

export function diffCommand(a: string, b: string, flags: { format?: string }, io: Io): number {
  const format = flags.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw notOneOf('--format', format, ['markdown', 'json']);
  const d = diffResults(readRuns(resolve(io.cwd, a), a), readRuns(resolve(io.cwd, b), b));
  io.stdout.write(format === 'json' ? toJson({ a, b, ...d, regression: hasRegression(d) }) : resultsDiffMarkdown(d, { a, b }));
  return hasRegression(d) ? 1 : 0;
}
