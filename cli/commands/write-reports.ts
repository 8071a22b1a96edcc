// Render the chosen reporters into a directory; the terminal one goes to stdout instead.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { RunResults } from '../../core/types.ts';
import { getReporter, type ReporterName } from '../../reporters/index.ts';
import { writeFile as writeJsonFile } from '../../reporters/json.ts';
import { appendToStepSummary } from '../../reporters/markdown.ts';
import { useColor, type Io } from '../io.ts';

export function writeReports(runs: RunResults[], reporters: readonly ReporterName[], outDir: string, io: Io): string[] {
  const dir = resolve(io.cwd, outDir);
  const written: string[] = [];
  for (const name of reporters) {
    if (name === 'terminal') continue;
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
  if (reporters.includes('terminal')) {
    io.stdout.write(getReporter('terminal').render(runs, { color: useColor(io.stdout, io.env) }));
  }
  if (written.length) io.stderr.write(`reports: ${written.map((f) => join(relative(io.cwd, dir) || '.', f)).join(', ')}\n`);
  return written;
}
