// Render the chosen reporters into a directory; the terminal one goes to stdout instead.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ReportableRun } from '../../core/types.ts';
import { getReporter, type ReporterName } from '../../reporters/index.ts';
import { writeFile as writeJsonFile } from '../../reporters/json.ts';
import { appendToStepSummary } from '../../reporters/markdown.ts';
import { useColor, type Io } from '../io.ts';

/** Reporters written to stdout, not into the report directory. */
const TO_STDOUT: readonly ReporterName[] = ['terminal', 'github'];

export function writeReports(runs: ReportableRun[], reporters: readonly ReporterName[], outDir: string, io: Io, opts: { verbose?: boolean } = {}): string[] {
  const dir = resolve(io.cwd, outDir);
  const written: string[] = [];
  for (const name of reporters) {
    if (TO_STDOUT.includes(name)) continue;
    const reporter = getReporter(name);
    if (name === 'json') {
      // Streamed (same bytes as render): a deep run's report never sits in memory as one string.
      mkdirSync(dir, { recursive: true });
      writeJsonFile(runs, join(dir, reporter.file));
      written.push(reporter.file);
      continue;
    }
    const text = reporter.render(runs);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, reporter.file), text);
    written.push(reporter.file);
    if (name === 'markdown') appendToStepSummary(text, io.env);
  }
  // Annotations first: GitHub reads them from anywhere in the log; the matrix stays last on screen.
  if (reporters.includes('github')) io.stdout.write(getReporter('github').render(runs));
  if (reporters.includes('terminal')) {
    io.stdout.write(getReporter('terminal').render(runs, { color: useColor(io.stdout, io.env), verbose: opts.verbose }));
  }
  if (written.length) io.stderr.write(`reports: ${written.map((f) => join(relative(io.cwd, dir) || '.', f)).join(', ')}\n`);
  return written;
}
