// In-process measurement of the case phase alone (no CLI, no start-up): load, generate, open the
// target the CLI would (`emulator` over loopback http, or `inprocess`), runSuite, and report the
// time of each step as JSON on stdout. With --profile <file>, the case phase (only) is profiled
// with the inspector and written as a .cpuprofile (summarised by scripts/bench/profile.ts).
// Usage: tsx scripts/bench/inproc.ts [--target emulator|inprocess] [--depth standard|deep]
//        [--variations N] [--concurrency N] [--repeat N] [--profile file]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import type { Target } from '../../core/types.ts';

const importStarted = performance.now();
const { createTarget } = await import('../../adapters/index.ts');
const { createEmulator } = await import('../../emulator/index.ts');
const { generateCases } = await import('../../generators/index.ts');
const { loadContracts } = await import('../../loader/index.ts');
const { runSuite } = await import('../../runner/index.ts');
const importMs = performance.now() - importStarted;

const { values: a } = parseArgs({
  options: {
    target: { type: 'string', default: 'inprocess' }, depth: { type: 'string', default: 'standard' },
    variations: { type: 'string' }, concurrency: { type: 'string', default: '4' }, repeat: { type: 'string', default: '1' },
    profile: { type: 'string' }, 'count-only': { type: 'boolean' },
  },
});
const t = (f: () => void) => { const s = performance.now(); f(); return performance.now() - s; };

if (process.argv.includes('--count-only')) {
  // Sizes for the scaling runs: standard cases, then a fixed number per deep variation.
  const { iterateCases } = await import('../../generators/index.ts');
  const l = loadContracts();
  const count = (depth: 'standard' | 'deep', variations?: number) => { let n = 0; for (const _ of iterateCases(l, { seed: 1, depth, variations })) n++; return n; };
  const base = count('deep', 0);
  console.log(JSON.stringify({ base, perVariation: count('deep', 1) - base }));
  process.exit(0);
}
const out: Record<string, unknown> = { importMs };
let loaded!: ReturnType<typeof loadContracts>;
out.loadMs = t(() => { loaded = loadContracts(); });
let cases!: ReturnType<typeof generateCases>;
out.generateMs = t(() => {
  cases = generateCases(loaded, { seed: 1, depth: a.depth as 'standard', variations: a.variations ? Number(a.variations) : undefined });
});
out.cases = cases.length;
const concurrency = Number(a.concurrency);
let s = performance.now();
const emulator = createEmulator({ contracts: loaded });
let target: Target;
if (a.target === 'inprocess') target = await createTarget('inprocess', { handler: emulator.handler, loaded, concurrency });
else target = await createTarget((await emulator.listen({ port: 0, host: '127.0.0.1' })).url, { loaded, concurrency });
out.openTargetMs = performance.now() - s;

let session: Session | undefined;
const runs: number[] = [];
for (let r = 0; r < Number(a.repeat); r++) {
  if (a.profile && r === Number(a.repeat) - 1) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  emulator.reset();
  s = performance.now();
  const res = await runSuite({ cases, target, loaded, concurrency, seed: 1, depth: a.depth as 'standard' });
  runs.push(performance.now() - s);
  const verdicts: Record<string, number> = {};
  for (const c of res.cases) verdicts[c.verdict] = (verdicts[c.verdict] ?? 0) + 1;
  out.verdicts = verdicts;
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(a.profile!, JSON.stringify(profile));
  session.disconnect();
}
out.runMs = runs;
// Steady state: the median of the runs after the first (JIT warm-up); the first is the cold figure.
const warm = runs.length > 1 ? runs.slice(1).sort((x, y) => x - y) : runs;
const typical = warm[Math.floor((warm.length - 1) / 2)]!;
out.coldMs = runs[0];
out.casesPerSec = cases.length / (typical / 1000);
out.msPerCase = typical / cases.length;
out.maxRssMB = process.resourceUsage().maxRSS / 1024;
await target.close?.();
await emulator.close();
console.log(JSON.stringify(out));
