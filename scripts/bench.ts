// `npm run bench`: how fast the suite is, end to end and per case, against what the loopback
// transport could do, and how it scales. Every measurement runs several times (5; --quick: 2;
// --runs N) and is reported as median (min-max). Writes bench/results.json and bench/results.md;
// scratch output (reports, configs, profiles) goes to bench/out/ (git-ignored). Method: docs/bench.md.
//
//   tsx scripts/bench.ts [--quick] [--runs N] [--only startup,suite,raw,scale,shard,profile]
//                        [--max-scale 100000] [--no-write]
//
// Nothing here asserts timings: the targets are printed as pass/miss, never enforced (no timed
// assertions in `npm test`). Traffic goes to 127.0.0.1 only (the embedded emulator).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JS module without types
import { compiled } from '../bin/compiled.js';
import { parseArgs } from 'node:util';
import { fmt, measure, stat, type Sample, type Stat } from './bench/measure.ts';
import { phases, summarise } from './bench/profile.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out');
const NODE = process.execPath;
const CLI = join(ROOT, 'bin/conformance.js');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false }, runs: { type: 'string' }, only: { type: 'string' },
    'max-scale': { type: 'string', default: '100000' }, 'no-write': { type: 'boolean', default: false },
  },
});
const RUNS = args.runs ? Number(args.runs) : args.quick ? 2 : 5;
const MAX_SCALE = Number(args['max-scale']);
const ONLY = args.only ? new Set(args.only.split(',')) : undefined;
const want = (section: string) => !ONLY || ONLY.has(section);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Figure { id: string; section: string; label: string; unit: string; stat: Stat; note?: string }
interface TargetCheck { id: string; goal: string; value: string; pass: boolean | null }
const figures: Figure[] = [];
const targets: TargetCheck[] = [];
const extra: Record<string, unknown> = {};

function add(id: string, section: string, label: string, unit: string, values: number[], note?: string): Stat {
  const s = stat(values);
  figures.push({ id, section, label, unit, stat: s, ...(note ? { note } : {}) });
  log(`  ${label}: ${fmt(s, unit === 'ms' || unit === 'MB' || unit === '/s' ? 0 : 2, ` ${unit}`)}`);
  return s;
}
function check(id: string, goal: string, value: string, pass: boolean | null): void {
  targets.push({ id, goal, value, pass });
  log(`  target ${id}: ${goal}: ${value} -> ${pass === null ? 'n/a' : pass ? 'PASS' : 'MISS'}`);
}

/** Run a command `n` times (sequentially), keeping each sample. */
async function repeat(n: number, cmd: string, argv: string[], opts: Parameters<typeof measure>[2] = { cwd: ROOT }): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const s = await measure(cmd, argv, opts);
    if (s.code !== 0 && s.code !== 1) throw new Error(`${cmd} ${argv.join(' ')} exited ${s.code}:\n${s.stderr.slice(-2000)}`);
    out.push(s);
  }
  return out;
}
const cli = (argv: string[]) => [CLI, ...argv];
const tsx = (script: string, argv: string[]) => [TSX, join(ROOT, script), ...argv];
/**
 * An in-process script as users run our code: built like the CLI (bin/compiled.js: esbuild, no
 * tsx). Under tsx every function keeps its name through a helper call at each closure creation,
 * which costs hot paths about 15%. Only the profile runs from source, for file names.
 */
async function built(script: string, argv: string[]): Promise<string[]> {
  const url = await compiled(script);
  if (!url) throw new Error(`could not build ${script} (see DEBUG=conformance)`);
  return [fileURLToPath(url), ...argv];
}
const json = <T>(s: Sample): T => JSON.parse(s.stdout.trim().split('\n').at(-1)!) as T;
/** The matrix is printed: the terminal reporter's last line, `<target>: N cases in ... (seed ...`. */
const MATRIX_PRINTED = /: [\d,]+ cases? in [^\n]*\(seed/;

function casesIn(outDir: string): { cases: number; durationMs: number } {
  const data = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { cases: unknown[]; durationMs: number } | { cases: unknown[]; durationMs: number }[];
  const runs = Array.isArray(data) ? data : [data];
  return { cases: runs.reduce((n, r) => n + r.cases.length, 0), durationMs: runs.reduce((n, r) => n + r.durationMs, 0) };
}

/** Variations per size: the deep generator adds a fixed number of cases per variation. */
async function deepSizes(): Promise<{ base: number; perVariation: number }> {
  const s = await measure(NODE, await built('scripts/bench/inproc.ts', ['--count-only']), { cwd: ROOT });
  return json<{ base: number; perVariation: number }>(s);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const started = new Date();
  const machine = {
    cpus: cpus().length, cpu: cpus()[0]?.model, memGB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version,
    loadAvgAtStart: loadavg().map((x) => +x.toFixed(2)),
  };
  log(`bench: ${RUNS} runs per measurement, ${machine.cpus} cpus, load ${machine.loadAvgAtStart.join(' ')}`);
  // One throw-away run first: tsx's transform cache and vitest's module cache are warm for every measured run.
  await measure(NODE, cli(['run', '--reporter', 'json', '--out', join(OUT, 'warm')]), { cwd: ROOT });

  if (want('startup')) {
    log('startup');
    add('startup.help', 'startup', '`conformance --help` (node + the prebuilt CLI)', 'ms', (await repeat(RUNS, NODE, cli(['--help']))).map((s) => s.wallMs));
    const one = 'aliyun.ecs.DeleteSnapshot/positive/doc-example';
    for (const runner of ['direct', 'vitest']) {
      const samples = await repeat(RUNS, NODE, cli(['run', '--runner', runner, '--case', one, '--reporter', 'json', '--out', join(OUT, `one-${runner}`)]));
      add(`startup.one-case.${runner}`, 'startup', `one-case run, --runner ${runner} (start-up + 1 case + exit)`, 'ms', samples.map((s) => s.wallMs));
    }
    const split = (await repeat(RUNS, NODE, await built('scripts/bench/inproc.ts', ['--target', 'emulator', '--repeat', '1']))).map((s) => json<Record<string, number>>(s));
    add('startup.import', 'startup', 'in-process: import loader, generators, runner, adapters, emulator (built)', 'ms', split.map((x) => x.importMs!));
    add('startup.load', 'startup', 'in-process: loadContracts (YAML, ajv validation)', 'ms', split.map((x) => x.loadMs!));
    add('startup.generate', 'startup', 'in-process: generateCases (standard)', 'ms', split.map((x) => x.generateMs!));
    add('startup.open-target', 'startup', 'in-process: createEmulator + listen + http target', 'ms', split.map((x) => x.openTargetMs!));
    add('startup.cold-run', 'startup', 'in-process: first (cold JIT) standard run over loopback', 'ms', split.map((x) => x.coldMs!));
  }

  let http: Stat | undefined;
  let inproc: Stat | undefined;
  if (want('suite') || want('raw')) {
    log('suite (standard depth, end to end through the CLI: spawn to matrix printed)');
    for (const runner of ['vitest', 'direct']) {
      for (const target of ['emulator', 'inprocess']) {
        const out = join(OUT, `suite-${runner}-${target}`);
        const samples = await repeat(RUNS, NODE, cli(['run', '--runner', runner, '--target', target, '--reporter', 'terminal,json', '--out', out]), { cwd: ROOT, marker: MATRIX_PRINTED });
        const { cases } = casesIn(out);
        const key = `suite.${runner}.${target}`;
        const wall = add(`${key}.wall`, 'suite', `standard suite (${cases} cases), --runner ${runner}, ${target === 'emulator' ? 'loopback http' : 'inprocess'}: wall to matrix`, 'ms', samples.map((s) => s.markerMs ?? s.wallMs));
        add(`${key}.exit`, 'suite', `  same, to process exit`, 'ms', samples.map((s) => s.wallMs));
        add(`${key}.cps`, 'suite', `  cases/s end to end`, '/s', samples.map((s) => cases / ((s.markerMs ?? s.wallMs) / 1000)));
        add(`${key}.cpu`, 'suite', `  CPU time (user+sys, all processes)`, 's', samples.map((s) => s.cpuS ?? NaN));
        add(`${key}.rss`, 'suite', `  peak RSS, largest process`, 'MB', samples.map((s) => s.peakRssMB ?? NaN));
        add(`${key}.tree-rss`, 'suite', `  peak RSS, sum over the process tree (sampled)`, 'MB', samples.map((s) => s.peakTreeRssMB));
        if (runner === 'vitest' && target === 'emulator') check('e2e-default', 'standard suite end to end < 3 s (default runner, loopback emulator)', fmt(wall, 0, ' ms'), wall.median < 3000);
        if (runner === 'direct' && target === 'emulator') check('e2e-direct', 'standard suite end to end < 3 s (--runner direct)', fmt(wall, 0, ' ms'), wall.median < 3000);
      }
    }
  }

  if (want('raw')) {
    log('raw limit vs suite, steady state (one process per run: suite and raw loop alternate on one emulator, concurrency 4)');
    type Raw = { suiteCps: number[]; rawRps: number[]; ratio: number[]; sameStatusShare: number; mix: Record<string, number> };
    const raw = (await repeat(RUNS, NODE, await built('scripts/bench/raw.ts', ['--concurrency', '4']))).map((s) => json<Raw>(s));
    const mix = raw[0]?.mix ?? {};
    const rawRps = add('raw.rps', 'raw', 'raw limit: plain undici keep-alive loop, the suite\'s vendor requests pre-signed, on the world they met, 4 connections', '/s', raw.map((r) => stat(r.rawRps).median));
    const suiteCps = add('raw.suite', 'raw', `suite over loopback in the same process and rounds (deep, ${mix.cases} cases): cases/s`, '/s', raw.map((r) => stat(r.suiteCps).median));
    const ratio = add('ratio', 'raw', 'ratio suite cases/s / raw requests/s (per round, same process)', 'x', raw.map((r) => stat(r.ratio).median));
    check('loopback-vs-raw', 'loopback suite >= 50% of the raw request rate', `${(ratio.median * 100).toFixed(0)}% (${fmt(suiteCps, 0)} vs ${fmt(rawRps, 0)} req/s)`, ratio.median >= 0.5);
    extra.rawMix = mix;
    extra.rawSameStatusShare = raw[0]?.sameStatusShare;
    for (const target of ['emulator', 'inprocess']) {
      const r = (await repeat(RUNS, NODE, await built('scripts/bench/inproc.ts', ['--target', target, '--depth', 'deep', '--variations', '20', '--repeat', '4']))).map((s) => json<Record<string, number>>(s));
      const label = target === 'emulator' ? 'loopback http' : 'inprocess';
      const cps = add(`steady.${target}.cps`, 'raw', `suite, ${label}, deep (${r[0]?.cases} cases), warm: cases/s`, '/s', r.map((x) => x.casesPerSec!));
      const ms = add(`steady.${target}.ms`, 'raw', `  ms per case`, 'ms/case', r.map((x) => x.msPerCase!));
      if (target === 'emulator') {
        http = cps;
        check('loopback-per-case', 'single-request cases over loopback <= 0.5 ms each (warm)', fmt(ms, 3, ' ms'), ms.median <= 0.5);
      } else {
        inproc = cps;
        check('inprocess-rate', 'inprocess >= 5,000 cases/s (warm)', fmt(cps, 0, ' cases/s'), cps.median >= 5000);
      }
    }
  }

  if (want('scale')) {
    log('scale (--depth deep, variations sized to ~1k/10k/100k cases, --reporter json)');
    const { base, perVariation } = await deepSizes();
    const sizes = [1_000, 10_000, 100_000].filter((n) => n <= MAX_SCALE);
    const points: { n: number; runner: string; wall: Stat; rss: Stat }[] = [];
    for (const runner of ['direct', 'vitest']) {
      for (const size of sizes) {
        if (runner === 'vitest' && size > 10_000) continue;
        const variations = Math.max(1, Math.round((size - base) / perVariation));
        const config = join(OUT, `deep-${variations}.config.mjs`);
        writeFileSync(config, `export default { runnerOptions: { variations: ${variations} } };\n`);
        const out = join(OUT, `scale-${runner}-${size}`);
        const n = size >= 100_000 ? Math.min(RUNS, args.quick ? 1 : 3) : RUNS;
        const samples = await repeat(n, NODE, cli(['run', '--runner', runner, '--depth', 'deep', '--config', config, '--reporter', 'json', '--out', out]), { cwd: ROOT, timeoutMs: 20 * 60_000 });
        const { cases } = casesIn(out);
        const key = `scale.${runner}.${size}`;
        const wall = add(`${key}.wall`, 'scale', `deep, ${cases} cases, --runner ${runner}: wall`, 'ms', samples.map((s) => s.wallMs));
        add(`${key}.cps`, 'scale', `  cases/s end to end`, '/s', samples.map((s) => cases / (s.wallMs / 1000)));
        const rss = add(`${key}.rss`, 'scale', `  peak RSS, largest process`, 'MB', samples.map((s) => s.peakRssMB ?? NaN));
        add(`${key}.tree-rss`, 'scale', `  peak RSS, sum over the process tree (sampled)`, 'MB', samples.map((s) => s.peakTreeRssMB));
        add(`${key}.report`, 'scale', `  results.json size`, 'MB', [readFileSync(join(out, 'results.json')).length / 2 ** 20]);
        points.push({ n: cases, runner, wall, rss });
      }
    }
    const d = points.filter((p) => p.runner === 'direct');
    if (d.length === 3) {
      const [a, b, c] = d as [typeof d[0], typeof d[0], typeof d[0]];
      const slope1 = (b.wall.median - a.wall.median) / (b.n - a.n);
      const slope2 = (c.wall.median - b.wall.median) / (c.n - b.n);
      extra.scaleSlopesMsPerCase = { from1kTo10k: slope1, from10kTo100k: slope2 };
      check('scale-linear', '100k deep: time linear from 10k (marginal ms/case 10k->100k within 1.25x of 1k->10k)', `${slope2.toFixed(3)} vs ${slope1.toFixed(3)} ms/case`, slope2 <= slope1 * 1.25);
      check('scale-memory', '100k deep: peak memory < 500 MB', fmt(c.rss, 0, ' MB'), c.rss.median < 500);
      check('scale-flat', '100k deep: peak RSS at most 1.25x the 10k figure (results streamed to disk)', `${(c.rss.median / b.rss.median).toFixed(2)}x (${c.rss.median.toFixed(0)} vs ${b.rss.median.toFixed(0)} MB)`, c.rss.median <= b.rss.median * 1.25);
      // What the run keeps alive, apart from how far V8 lets its heap grow: the 100k run under a small heap cap.
      const cap = 128;
      const capped = await measure(NODE, cli(['run', '--runner', 'direct', '--depth', 'deep', '--config', join(OUT, `deep-${Math.max(1, Math.round((100_000 - base) / perVariation))}.config.mjs`), '--reporter', 'json', '--out', join(OUT, 'scale-capped')]), { cwd: ROOT, timeoutMs: 20 * 60_000, env: { NODE_OPTIONS: `--max-old-space-size=${cap}` } });
      add('scale.direct.100000.capped.wall', 'scale', `deep ~100k, --runner direct, heap capped at ${cap} MB: wall (exit ${capped.code})`, 'ms', [capped.wallMs]);
      add('scale.direct.100000.capped.rss', 'scale', `  peak RSS, largest process`, 'MB', [capped.peakRssMB ?? NaN]);
      check('scale-capped', `100k deep completes with the heap capped at ${cap} MB`, `exit ${capped.code}`, capped.code === 0 || capped.code === 1);
    }
  }

  if (want('shard')) {
    log('shards: two processes in parallel (--shard 1/2 and 2/2) vs one');
    const { base, perVariation } = await deepSizes();
    const v10k = Math.max(1, Math.round((10_000 - base) / perVariation));
    const config = join(OUT, `deep-${v10k}.config.mjs`);
    writeFileSync(config, `export default { runnerOptions: { variations: ${v10k} } };\n`);
    const suites: [string, string[], number][] = [
      ['standard, vitest', ['--runner', 'vitest'], RUNS],
      ['standard, direct', ['--runner', 'direct'], RUNS],
      ['deep ~10k, direct', ['--runner', 'direct', '--depth', 'deep', '--config', config], RUNS],
    ];
    if (MAX_SCALE >= 100_000) {
      const v100k = Math.max(1, Math.round((100_000 - base) / perVariation));
      const config100k = join(OUT, `deep-${v100k}.config.mjs`);
      writeFileSync(config100k, `export default { runnerOptions: { variations: ${v100k} } };\n`);
      suites.push(['deep ~100k, direct', ['--runner', 'direct', '--depth', 'deep', '--config', config100k], Math.min(RUNS, 3)]);
    }
    for (const [name, extraArgs, runs] of suites) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-');
      const one: Sample[] = [];
      const two: { wallMs: number; cpuS: number }[] = [];
      for (let i = 0; i < runs; i++) {
        one.push(await measure(NODE, cli(['run', ...extraArgs, '--reporter', 'json', '--out', join(OUT, `shard-${slug}-all`)]), { cwd: ROOT }));
        const t0 = performance.now();
        const pair = await Promise.all([1, 2].map((k) => measure(NODE, cli(['run', ...extraArgs, '--shard', `${k}/2`, '--reporter', 'json', '--out', join(OUT, `shard-${slug}-${k}`)]), { cwd: ROOT })));
        two.push({ wallMs: performance.now() - t0, cpuS: pair.reduce((n, p) => n + (p.cpuS ?? NaN), 0) });
      }
      const a = add(`shard.${slug}.one`, 'shard', `${name}: one process`, 'ms', one.map((x) => x.wallMs));
      add(`shard.${slug}.one.cpu`, 'shard', '  CPU time (user+sys)', 's', one.map((x) => x.cpuS ?? NaN));
      const b = add(`shard.${slug}.two`, 'shard', `${name}: two shards in parallel`, 'ms', two.map((x) => x.wallMs));
      add(`shard.${slug}.two.cpu`, 'shard', '  CPU time (user+sys, both shards)', 's', two.map((x) => x.cpuS));
      const cut = 1 - b.median / a.median;
      check(`shard-${slug}`, `${name}: two shards cut wall time by >= 1/3`, `${(cut * 100).toFixed(0)}% cut`, cut >= 1 / 3);
    }
  }

  if (want('profile')) {
    log('profile: where a case\'s time goes (deep 20 variations, warm, inspector profile of the last run)');
    for (const target of ['emulator', 'inprocess']) {
      const file = join(OUT, `cases-${target}.cpuprofile`);
      await measure(NODE, tsx('scripts/bench/inproc.ts', ['--target', target, '--depth', 'deep', '--variations', '20', '--repeat', '3', '--profile', file]), { cwd: ROOT });
      const profile = JSON.parse(readFileSync(file, 'utf8'));
      const ph = phases(profile);
      const total = Object.values(ph).reduce((x, y) => x + y, 0);
      const split = Object.fromEntries(Object.entries(ph).sort((x, y) => y[1] - x[1]).map(([k, ms]) => [k, +((ms / total) * 100).toFixed(1)]));
      extra[`profileSplit.${target}`] = split;
      extra[`profileTop.${target}`] = summarise(profile, 15).topSelf.map((f) => `${f.ms.toFixed(0)} ms ${f.name}`);
      log(`  ${target}: ${Object.entries(split).map(([k, v]) => `${k} ${v}%`).join(', ')}`);
    }
  }

  const results = { date: started.toISOString(), runs: RUNS, machine, loadAvgAtEnd: loadavg().map((x) => +x.toFixed(2)), figures, targets, extra };
  if (!args['no-write']) {
    writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(ROOT, 'bench/results.md'), markdown(results));
    log('wrote bench/results.json, bench/results.md');
  }
  void http; void inproc;
}

function markdown(r: { date: string; runs: number; machine: Record<string, unknown>; loadAvgAtEnd: number[]; figures: Figure[]; targets: TargetCheck[]; extra: Record<string, unknown> }): string {
  const m = r.machine;
  const lines = [
    '# Benchmark results',
    '',
    `${r.date}: ${m.cpus} x ${m.cpu}, ${m.memGB} GB, Node ${m.node}; load average ${(m.loadAvgAtStart as number[]).join(' ')} at start, ${r.loadAvgAtEnd.join(' ')} at end.`,
    `Each figure: median (min-max) of ${r.runs} runs unless n says otherwise. Method: docs/bench.md. Produced by \`npm run bench\`.`,
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    ...r.targets.map((t) => `| ${t.goal} | ${t.value} | ${t.pass === null ? 'n/a' : t.pass ? 'pass' : '**miss**'} |`),
    '',
  ];
  for (const section of ['startup', 'suite', 'raw', 'scale', 'shard']) {
    const rows = r.figures.filter((f) => f.section === section);
    if (!rows.length) continue;
    lines.push(`## ${section}`, '', '| measurement | median | min-max | n |', '|---|---:|---:|---:|');
    for (const f of rows) {
      const d = f.unit === 'ms/case' || f.unit === 'x' || f.unit === 's' ? (f.unit === 's' ? 2 : 3) : 0;
      const u = f.unit === '/s' ? ' /s' : ` ${f.unit}`;
      lines.push(`| ${f.label} | ${f.stat.median.toFixed(d)}${u} | ${f.stat.min.toFixed(d)}-${f.stat.max.toFixed(d)} | ${f.stat.n} |`);
    }
    lines.push('');
  }
  for (const target of ['emulator', 'inprocess']) {
    const split = r.extra[`profileSplit.${target}`] as Record<string, number> | undefined;
    if (!split) continue;
    lines.push(`## where a case's time goes (${target === 'emulator' ? 'loopback http' : 'inprocess'}, CPU profile, warm)`, '', '| phase | share |', '|---|---:|');
    for (const [k, v] of Object.entries(split)) lines.push(`| ${k} | ${v}% |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

await main();
