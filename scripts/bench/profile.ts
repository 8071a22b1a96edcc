// Summarise a V8 .cpuprofile (node --cpu-prof) by where the time went: self time of every sample,
// attributed to the nearest frame of ours (by folder: generators/, protocols/, adapters/, emulator/,
// checks/, runner/, reporters/, loader/...) on its stack, else to the library or runtime it is in.
// Usage: tsx scripts/bench/profile.ts <file.cpuprofile> [--top 25]
import { readFileSync } from 'node:fs';

interface Frame { functionName: string; url: string; lineNumber: number }
interface Node { id: number; callFrame: Frame; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export const BUCKETS = [
  'generators', 'protocols', 'adapters', 'emulator', 'checks', 'runner', 'reporters', 'loader', 'compose', 'specs', 'cli', 'core',
] as const;

/** The folder of ours a script URL belongs to, or a library/runtime label. */
export function bucketOf(url: string): string | undefined {
  if (!url) return undefined;
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return `lib:${m[1]}`;
  if (url.startsWith('node:')) return undefined;
  for (const b of BUCKETS) if (url.includes(`/${b}/`)) return b;
  return undefined;
}

export interface Summary {
  totalMs: number;
  byBucket: Record<string, number>;
  topSelf: { name: string; ms: number }[];
}

export function summarise(profile: Profile, top = 25): Summary {
  const byId = new Map<number, Node>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, string>();
  const attribute = (id: number): string => {
    const hit = memo.get(id);
    if (hit) return hit;
    const n = byId.get(id)!;
    const name = n.callFrame.functionName;
    let label: string;
    if (name === '(garbage collector)') label = 'gc';
    else if (name === '(idle)') label = 'idle';
    else if (name === '(program)') label = 'program';
    else {
      const own = bucketOf(n.callFrame.url);
      // Node internals and libraries count for the nearest of our folders that called them.
      if (own && !own.startsWith('lib:')) label = own;
      else {
        const p = parent.get(id);
        const up = p !== undefined ? attribute(p) : undefined;
        label = up && up !== 'root' && !up.startsWith('lib:') && up !== 'node' ? up : own ?? (up && up !== 'root' ? up : 'node');
        if (p === undefined) label = 'root';
      }
    }
    memo.set(id, label);
    return label;
  };
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byBucket: Record<string, number> = {};
  const byFn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const ms = us / 1000;
    total += ms;
    const b = attribute(id);
    byBucket[b] = (byBucket[b] ?? 0) + ms;
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules\/)?/, '')}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
  }
  const topSelf = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms }));
  return { totalMs: total, byBucket, topSelf };
}

export function formatSummary(s: Summary): string {
  const lines = [`total sampled ${s.totalMs.toFixed(0)} ms`];
  for (const [b, ms] of Object.entries(s.byBucket).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${b.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms  ${((ms / s.totalMs) * 100).toFixed(1).padStart(5)}%`);
  }
  lines.push('top self time:');
  for (const f of s.topSelf) lines.push(`  ${f.ms.toFixed(1).padStart(8)} ms  ${f.name}`);
  return lines.join('\n');
}

/** Where a case's time goes: the innermost frame of ours decides (protocols/ frames count for their caller). */
const PHASE_RULES: [string, (f: Frame) => boolean][] = [
  ['emulator', (f) => f.url.includes('/emulator/')],
  ['checks', (f) => f.url.includes('/checks/')],
  ['generation', (f) => f.url.includes('/generators/')],
  ['reporting', (f) => f.url.includes('/reporters/') || f.url.includes('vitest-reporter')],
  ['signing', (f) => f.functionName === 'buildWire'],
  ['response parsing', (f) => f.functionName === 'normalise'],
  ['transport (client)', (f) => f.url.includes('/adapters/')],
  ['runner', (f) => f.url.includes('/runner/') || f.url.includes('/specs/') || f.url.includes('/compose/')],
];
const FALLBACK_RULES: [string, (f: Frame) => boolean][] = [
  ['transport (client)', (f) => f.url.includes('/undici/')],
  ['transport (server)', (f) => /node:_http_(server|incoming|outgoing|common)/.test(f.url)],
  ['transport (sockets)', (f) => /node:(net|internal\/stream_base_commons|internal\/streams)/.test(f.url)],
  ['test framework (vitest)', (f) => /\/(vitest|@vitest)\//.test(f.url)],
];

export function phases(profile: Profile): Record<string, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map<number, Node>(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map<number, string | null>();
  const walk = (rules: typeof PHASE_RULES, cache: Map<number, string | null>, id: number): string | null => {
    if (cache.has(id)) return cache.get(id)!;
    const f = byId.get(id)!.callFrame;
    const own = rules.find(([, test]) => test(f))?.[0];
    const p = parent.get(id);
    const r = own ?? (p !== undefined ? walk(rules, cache, p) : null);
    cache.set(id, r);
    return r;
  };
  const memo2 = new Map<number, string | null>();
  const out: Record<string, number> = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const fn = byId.get(id)!.callFrame.functionName;
    const phase = fn === '(garbage collector)' ? 'gc' : fn === '(idle)' ? 'idle'
      : walk(PHASE_RULES, memo, id) ?? walk(FALLBACK_RULES, memo2, id) ?? 'other (event loop, runtime)';
    out[phase] = (out[phase] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  }
  return out;
}

/**
 * When the named functions were first and last on the stack (ms since `origin`, a µs timestamp on
 * the same monotonic clock as every process's profile: several processes can share one timeline).
 */
export function marks(profile: Profile, names: string[], origin = profile.startTime): Record<string, { first: number; last: number }> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map<number, Node>(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, Set<string>>();
  const wanted = new Set(names);
  const under = (id: number): Set<string> => {
    let h = hits.get(id);
    if (h) return h;
    const p = parent.get(id);
    h = new Set(p !== undefined ? under(p) : []);
    const fn = byId.get(id)!.callFrame.functionName;
    if (wanted.has(fn)) h.add(fn);
    hits.set(id, h);
    return h;
  };
  const out: Record<string, { first: number; last: number }> = {};
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    for (const fn of under(profile.samples[i]!)) {
      const ms = (t - origin) / 1000;
      const m = (out[fn] ??= { first: ms, last: ms });
      m.last = ms;
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const file = process.argv[2];
  if (!file) { console.error('usage: tsx scripts/bench/profile.ts <file.cpuprofile> [--top N]'); process.exit(2); }
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  console.log(formatSummary(summarise(profile, top)));
  const ph = phases(profile);
  const total = Object.values(ph).reduce((a, b) => a + b, 0);
  console.log('phases:');
  for (const [k, ms] of Object.entries(ph).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%`);
  const marksAt = process.argv.indexOf('--marks');
  if (marksAt > 0) {
    const origin = process.argv.includes('--origin') ? Number(process.argv[process.argv.indexOf('--origin') + 1]) : profile.startTime;
    console.log(`profile ${((profile.startTime - origin) / 1000).toFixed(0)}..${((profile.endTime - origin) / 1000).toFixed(0)} ms`);
    for (const [fn, m] of Object.entries(marks(profile, process.argv[marksAt + 1]!.split(','), origin))) console.log(`  ${fn.padEnd(24)} ${m.first.toFixed(0).padStart(6)} .. ${m.last.toFixed(0).padStart(6)} ms`);
  }
}
