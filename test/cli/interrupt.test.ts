// Interrupts and CI: Ctrl-C (SIGINT to a child process) mid-run writes the partial reports marked
// `interrupted`, prints the summary and exits 130, under both runners; off a TTY a progress line
// comes at intervals; on a TTY the live line is cleared before anything else is printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult, RunResults } from '../../core/types.ts';
import { createEmulator, type Emulator } from '../../emulator/index.ts';
import { createProgress } from '../../reporters/terminal.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

let emu: Emulator;
let url: string;
beforeAll(async () => {
  // Every vendor request waits 40 ms: a 250-case run at concurrency 1 takes about 10 s, long enough to interrupt.
  emu = createEmulator({ world: 'demo' });
  emu.runtime.faults.add({ kinds: ['latency'], rate: 1, latencyMs: 40, match: {} });
  const info = await emu.listen({ port: 0, host: '127.0.0.1' });
  url = typeof info === 'string' ? info : (info as { url: string }).url;
});
afterAll(async () => { await emu?.close(); });

describe('Ctrl-C mid-run', () => {
  it.each(['direct', 'vitest'])('writes partial reports marked interrupted, prints the summary, exits 130 (%s runner)', { timeout: 40_000 }, async (runner) => {
    const cwd = mkdtempSync(join(tmpdir(), 'interrupt-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--target', url, '--runner', runner, '--concurrency', '1',
      '--reporter', 'terminal,json', '--out', 'out'], { cwd, env: { ...process.env, NO_COLOR: '1', CONFORMANCE_PROGRESS_MS: '300' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Off a TTY the progress line comes at intervals: wait for one that counts a few done cases, then interrupt.
    const t0 = Date.now();
    while (!(err.match(/^progress: (\d+)\/\d+/gm) ?? []).some((l) => Number(/(\d+)\//.exec(l)![1]) >= 5)) {
      if (Date.now() - t0 > 25_000) { child.kill('SIGKILL'); throw new Error(`no progress line in time: ${err}`); }
      await new Promise((r) => setTimeout(r, 50));
    }
    const sent = Date.now();
    child.kill('SIGINT');
    expect(await exited, err).toBe(130);
    expect(Date.now() - sent).toBeLessThan(8_000); // the case in flight finishes (40 ms), reports are written
    const results = JSON.parse(readFileSync(join(cwd, 'out', 'results.json'), 'utf8')) as RunResults;
    expect(results.interrupted).toBe(true);
    const total = Number(/^progress: \d+\/(\d+)/m.exec(err)![1]);
    expect(results.cases.length).toBeGreaterThan(0);
    expect(results.cases.length).toBeLessThan(total);
    expect(results.cases.every((c: CaseResult) => typeof c.verdict === 'string')).toBe(true);
    expect(err).toContain('interrupted: no new cases');
    expect(out).toContain(`${url}: ${results.cases.length} cases in`);
    expect(out).toMatch(/\(interrupted: partial results\)\n$/);
    // A clean terminal: no control sequence left behind (not a TTY), every stream ends its last line.
    expect(out + err).not.toContain('\u001b');
    expect(err.endsWith('\n')).toBe(true);
  });
});

describe('progress', () => {
  it('off a TTY: the status line at each interval, then one summary; the timer stops at done()', async () => {
    const writes: string[] = [];
    const p = createProgress({ write: (s: string) => writes.push(s) }, 3, { intervalMs: 20 });
    p.update({ contract: 'aliyun.ecs.DeleteSnapshot', verdict: 'fail' } as CaseResult);
    await new Promise((r) => setTimeout(r, 70));
    p.done();
    const ticks = writes.filter((w) => w.startsWith('progress: 1/3 · aliyun.ecs.DeleteSnapshot 1 · 1 failed ('));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(writes.at(-1)).toMatch(/^1\/3 cases in \d+ms, 1 failed\n$/);
    const n = writes.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(writes.length).toBe(n);
  });

  it('on a TTY: redraws in place, and clears the line before the summary (also when interrupted)', () => {
    const writes: string[] = [];
    const p = createProgress({ write: (s: string) => writes.push(s), isTTY: true, columns: 80 }, 10, {});
    p.update({ contract: 'volcengine.ecs.DeleteInstances', verdict: 'pass' } as CaseResult);
    p.done();
    expect(writes[0]).toBe('\r\u001b[K1/10 · volcengine.ecs.DeleteInstances 1');
    expect(writes.slice(-2)).toEqual(['\r\u001b[K', expect.stringMatching(/^1\/10 cases in \d+ms\n$/)]);
    expect(writes.some((w) => w.startsWith('progress:'))).toBe(false);
  });
});
