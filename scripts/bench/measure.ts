// Measuring helpers for scripts/bench.ts: spawn a command, time it from spawn to a marker on
// stdout and to exit, sample the RSS of its whole process tree (/proc), read its CPU time and
// peak RSS from /usr/bin/time when present, and summarise repeated runs (median, min, max).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface Sample {
  /** Spawn to exit. */
  wallMs: number;
  /** Spawn to the first stdout chunk containing `marker` (the matrix printed), when asked. */
  markerMs?: number;
  /** user + sys CPU of the command and its children (/usr/bin/time), seconds. */
  cpuS?: number;
  /** Largest single process's peak RSS (/usr/bin/time %M), MB. */
  peakRssMB?: number;
  /** Peak of the sampled sum of RSS over the process tree (every 20 ms), MB. */
  peakTreeRssMB: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TIME_TAG = '__bench_time__';

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try { tasks = readdirSync(`/proc/${pid}/task`); } catch { return out; }
  for (const t of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch { /* gone */ }
  }
  return out;
}

function rssKB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

/** Sum of VmRSS over a process and its descendants (the /usr/bin/time wrapper itself is tiny). */
export function treeRssKB(root: number): number {
  let sum = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    sum += rssKB(pid);
    stack.push(...children(pid));
  }
  return sum;
}

export interface RunOptions { cwd: string; env?: Record<string, string>; marker?: string | RegExp; timeoutMs?: number }

export function measure(cmd: string, args: string[], opts: RunOptions): Promise<Sample> {
  const argv = TIME ? [TIME, '-f', `${TIME_TAG} %e %U %S %M`, cmd, ...args] : [cmd, ...args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let markerMs: number | undefined;
    let peak = 0;
    const sample = () => { peak = Math.max(peak, treeRssKB(child.pid!)); };
    const timer = setInterval(sample, 20);
    const kill = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (markerMs === undefined && opts.marker !== undefined && (typeof opts.marker === 'string' ? stdout.includes(opts.marker) : opts.marker.test(stdout))) {
        markerMs = performance.now() - t0;
      }
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      clearInterval(timer);
      if (kill) clearTimeout(kill);
      let cpuS: number | undefined;
      let peakRssMB: number | undefined;
      const at = stderr.lastIndexOf(TIME_TAG);
      if (at >= 0) {
        const [, , user, sys, maxKB] = stderr.slice(at).trim().split(/\s+/);
        cpuS = Number(user) + Number(sys);
        peakRssMB = Number(maxKB) / 1024;
        stderr = stderr.slice(0, at);
      }
      resolve({ wallMs, markerMs, cpuS, peakRssMB, peakTreeRssMB: peak / 1024, code, stdout, stderr });
    });
  });
}

export interface Stat { median: number; min: number; max: number; n: number; samples: number[] }

export function stat(values: number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: NaN, min: NaN, max: NaN, n: 0, samples: [] };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v.at(-1)!, n: v.length, samples: values };
}

export function fmt(s: Stat, digits = 0, unit = ''): string {
  if (!s.n) return 'n/a';
  const f = (x: number) => x.toFixed(digits);
  return s.n === 1 ? `${f(s.median)}${unit}` : `${f(s.median)}${unit} (${f(s.min)}-${f(s.max)})`;
}
