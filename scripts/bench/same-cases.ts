// The same cases on two commits: how much slower (or faster) a case runs now than at a base commit,
// with the case mix held still. The bench's per-case figures move whenever the generators add cases
// (read calls, throttling, flows); this runs only the deep cases whose ids both commits generate,
// in-process (or over loopback http with --target loopback), each commit built as the bench builds
// it, in alternating processes.
//
//   tsx scripts/bench/same-cases.ts [--base f113ad7] [--pairs 9] [--target inprocess|loopback] [--keep]
//
// The driver checks the base out as a git worktree beside /tmp (node_modules linked to this one's),
// copies this file into it, and runs it there as the harness (`--harness ids|run`), so each side
// measures its own code with the same harness. Each process runs 16 rounds and reports the median of
// the last 12 (the first 4 warm the JIT). Printed: per side, the median wall and CPU ms a case, and
// the ratios. docs/bench.md quotes the figures.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    harness: { type: 'string' }, ids: { type: 'string' }, target: { type: 'string', default: 'inprocess' },
    base: { type: 'string', default: 'f113ad7' }, pairs: { type: 'string', default: '9' }, keep: { type: 'boolean' },
  },
});

const key = (c: { id: string; variant?: number }) => `${c.id}#${c.variant ?? ''}`;

/** Inside one tree: `ids` lists the deep cases it generates; `run` times the kept ones. */
async function harness(mode: string, idsFile: string, over: string): Promise<void> {
  const { createTarget } = await import('../../adapters/index.ts');
  const { createEmulator } = await import('../../emulator/index.ts');
  const { generateCases } = await import('../../generators/index.ts');
  const { loadContracts } = await import('../../loader/index.ts');
  const { runSuite } = await import('../../runner/index.ts');
  const loaded = loadContracts();
  const all = generateCases(loaded, { seed: 1, depth: 'deep', variations: 20 });
  if (mode === 'ids') { writeFileSync(idsFile, all.map(key).join('\n')); return; }
  const keep = new Set(readFileSync(idsFile, 'utf8').split('\n'));
  const cases = all.filter((c) => keep.has(key(c)));
  const emulator = createEmulator({ contracts: loaded });
  let requests = 0;
  const serve = emulator.handler;
  const handler: typeof serve = (req, res) => { requests++; return serve(req, res); };
  const target = over === 'loopback'
    ? await createTarget((await emulator.listen({ port: 0, host: '127.0.0.1' })).url, { loaded, concurrency: 4 })
    : await createTarget('inprocess', { handler, loaded, concurrency: 4 });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 16; r++) {
    emulator.reset();
    const s = performance.now();
    const c0 = process.cpuUsage();
    await runSuite({ cases, target, loaded, concurrency: 4, seed: 1, depth: 'deep' });
    wall.push(performance.now() - s);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  const warmMedian = (xs: number[]) => median(xs.slice(4)) / cases.length;
  // requests are counted in-process only (over loopback the emulator serves them on its own port)
  console.log(JSON.stringify({ cases: cases.length, msPerCase: warmMedian(wall), cpuMsPerCase: warmMedian(cpu), ...(over === 'loopback' ? {} : { requestsPerRound: requests / 16 }) }));
  await target.close?.();
  await emulator.close();
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** This file built inside a tree by that tree's own bin/compiled.js (as the bench runs the CLI). */
function build(tree: string, script: string): string {
  const code = 'const { compiled } = await import(process.cwd() + "/bin/compiled.js"); console.log(await compiled(process.argv[1]));';
  return fileURLToPath(execFileSync(process.execPath, ['--input-type=module', '-e', code, script], { cwd: tree, encoding: 'utf8' }).trim());
}

type Sample = { msPerCase: number; cpuMsPerCase: number; requestsPerRound?: number; cases: number };
const runHarness = (bundle: string, ...args: string[]): string => execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

async function driver(): Promise<void> {
  const here = fileURLToPath(new URL('../..', import.meta.url));
  const script = relative(here, fileURLToPath(import.meta.url));
  const base = execFileSync('git', ['rev-parse', '--short', a.base!], { cwd: here, encoding: 'utf8' }).trim();
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  const tree = `/tmp/cac-same-cases-${base}`;
  if (!existsSync(tree)) execFileSync('git', ['worktree', 'add', '--detach', '-q', tree, base], { cwd: here });
  if (!existsSync(join(tree, 'node_modules'))) symlinkSync(join(here, 'node_modules'), join(tree, 'node_modules'));
  mkdirSync(join(tree, 'scripts/bench'), { recursive: true });
  copyFileSync(join(here, script), join(tree, script));
  try {
    const bundles = { base: build(tree, script), head: build(here, script) };
    // the cases both commits generate, by id and variant
    const idsOf = (bundle: string, file: string) => { runHarness(bundle, '--harness', 'ids', '--ids', file); return readFileSync(file, 'utf8').split('\n'); };
    const headIds = new Set(idsOf(bundles.head, '/tmp/cac-same-cases-head.ids'));
    const common = idsOf(bundles.base, '/tmp/cac-same-cases-base.ids').filter((id) => headIds.has(id));
    const idsFile = '/tmp/cac-same-cases-common.ids';
    writeFileSync(idsFile, common.join('\n'));
    const samples: Record<'base' | 'head', Sample[]> = { base: [], head: [] };
    for (let i = 0; i < Number(a.pairs); i++) {
      for (const side of ['base', 'head'] as const) {
        const s = JSON.parse(runHarness(bundles[side], '--harness', 'run', '--ids', idsFile, '--target', a.target!)) as Sample;
        samples[side].push(s);
        console.error(`${side} ${i + 1}/${a.pairs}: ${s.msPerCase.toFixed(4)} ms a case`);
      }
    }
    const side = (xs: Sample[]) => ({
      msPerCase: +median(xs.map((s) => s.msPerCase)).toFixed(4),
      range: [Math.min(...xs.map((s) => s.msPerCase)), Math.max(...xs.map((s) => s.msPerCase))].map((x) => +x.toFixed(4)),
      cpuMsPerCase: +median(xs.map((s) => s.cpuMsPerCase)).toFixed(4),
      requestsPerRound: xs[0]!.requestsPerRound,
    });
    const b = side(samples.base);
    const h = side(samples.head);
    console.log(JSON.stringify({
      cases: common.length, pairs: Number(a.pairs), target: a.target, base: { commit: base, ...b }, head: { commit: head, ...h },
      ratio: +(h.msPerCase / b.msPerCase).toFixed(3), cpuRatio: +(h.cpuMsPerCase / b.cpuMsPerCase).toFixed(3),
    }, null, 2));
  } finally {
    if (!a.keep) execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: here });
  }
}

if (a.harness) await harness(a.harness, a.ids!, a.target!);
else await driver();
process.exit(0);
