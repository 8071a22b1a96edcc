// `conformance list`: the cases a run with the same options would execute, one per line.
import type { Io } from '../io.ts';
import type { RunOptions } from '../options.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';
import { selectedCases } from './run.ts';

export async function listCommand(opts: RunOptions, flags: { json?: boolean }, io: Io, eng: Engine = defaultEngine): Promise<number> {
  const { cases } = await selectedCases({ ...opts, lastFailed: opts.lastFailed }, io, eng);
  if (flags.json) {
    // with what each expectation rests on (the ledger's keys, sources and claims under the profile)
    io.stdout.write(`${JSON.stringify(cases.map((c) => ({ id: c.id, category: c.category, title: c.title, destructive: c.destructive, source: c.source, docSource: c.docSource, evidence: c.evidence })), null, 2)}\n`);
  } else {
    // Each case with the contract clause it comes from (file:line) and the page line behind it.
    const where = (c: (typeof cases)[number]) => `${c.source.file}:${c.source.line ?? '?'}${c.docSource?.line ? ` (page line ${c.docSource.line})` : ''}`;
    const width = Math.max(0, ...cases.map((c) => c.id.length));
    const titleWidth = Math.min(60, Math.max(0, ...cases.map((c) => c.title.length)));
    for (const c of cases) io.stdout.write(`${c.id.padEnd(width)}  ${c.title.padEnd(titleWidth)}  ${where(c)}\n`);
    io.stderr.write(`${cases.length} case${cases.length === 1 ? '' : 's'} (seed ${opts.seed}, ${opts.depth}, expect ${opts.expect})\n`);
  }
  return 0;
}
