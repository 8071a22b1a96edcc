// Every printed re-run command reproduces its verdict: a handful of failing cases under a mutant,
// at deep depth, and on a module target, each command taken from the terminal report as printed
// and run as it stands (only the report's location added). Each also shows that the option it
// carries matters: without it, the case is not the same (another verdict, or no such case).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { createEmulator } from '../../emulator/index.ts';
import type { Io } from '../../cli/io.ts';
import type { RunResults } from '../../core/types.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** An io in the repository root (module paths resolve from it, as for a user in their project). */
function io(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd: ROOT, env: { NO_COLOR: '1' },
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    out: () => out, err: () => err,
  };
}

/** POSIX-shell words of a printed command (single quotes, as the reports quote). */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return out;
}

/** Run the suite, return its results and the re-run commands the terminal report printed. */
async function failingRun(args: string[]): Promise<{ run: RunResults; commands: Map<string, string> }> {
  const out = mkdtempSync(join(tmpdir(), 'rerun-first-'));
  const r = io();
  await main(['run', ...args, '--runner', 'direct', '--reporter', 'terminal,json', '--out', out], r);
  const run = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResults);
  const commands = new Map<string, string>();
  let id: string | undefined;
  for (const line of r.out().split('\n')) {
    const head = /^✖ (\S+)/.exec(line);
    if (head) id = head[1];
    const rerun = /^ {4}re-run: {3}(npx conformance .*)$/.exec(line);
    if (rerun && id) commands.set(id, rerun[1]!);
  }
  return { run, commands };
}

/** Run a printed command as it stands; the one case's verdict and the exit code. */
async function rerun(command: string): Promise<{ code: number; verdict?: string; ids: string[]; err: string }> {
  const [npx, bin, ...args] = words(command);
  expect(`${npx} ${bin}`).toBe('npx conformance');
  const out = mkdtempSync(join(tmpdir(), 'rerun-'));
  const r = io();
  const code = await main([...args, '--reporter', 'json', '--out', out], r);
  let run: RunResults | undefined;
  try { run = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResults; } catch { /* no run: a usage error */ }
  return { code, verdict: run?.cases[0]?.verdict, ids: run?.cases.map((c) => c.id) ?? [], err: r.err() };
}

const drop = (command: string, flag: string, value = true) => {
  const w = words(command);
  const i = w.indexOf(flag);
  w.splice(i, value ? 2 : 1);
  return w.map((x) => (/^[\w@%+=:,./-]+$/.test(x) ? x : `'${x}'`)).join(' ');
};

/** A run on `spec` has failures; the first `n` printed re-run commands name the spec and fail again, run as printed. */
async function failsAgainAsPrinted(spec: string, args: string[], n: number): Promise<void> {
  const { run, commands } = await failingRun(['--target', spec, ...args]);
  const failing = run.cases.filter((c) => c.verdict === 'fail');
  expect(failing.length).toBeGreaterThan(0);
  for (const c of failing.slice(0, n)) {
    const command = commands.get(c.id)!;
    expect(command).toContain(`--target ${spec}`);
    const again = await rerun(command);
    expect(again.err).not.toMatch(/Invalid URL/);
    expect(again.ids).toEqual([c.id]);
    expect(again.verdict).toBe('fail');
  }
}

describe('printed re-run commands reproduce their verdicts', () => {
  it('under a mutant (the command names it; without it the case passes)', { timeout: 60_000 }, async () => {
    const { run, commands } = await failingRun(['--mutant', 'aliyun.DeleteSnapshot.force-ignored', '--operation', 'DeleteSnapshot', '--vendor', 'aliyun']);
    const failing = run.cases.filter((c) => c.verdict === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const c of failing.slice(0, 2)) {
      const command = commands.get(c.id)!;
      expect(command).toContain('--mutant aliyun.DeleteSnapshot.force-ignored');
      const again = await rerun(command);
      expect(again.ids).toEqual([c.id]);
      expect(again.verdict).toBe('fail');
      expect(again.code).toBe(1);
      expect((await rerun(drop(command, '--mutant'))).verdict).toMatch(/^pass/);
    }
  });

  it('at deep depth (seeded variations exist only there)', { timeout: 60_000 }, async () => {
    const { run, commands } = await failingRun(['--depth', 'deep', '--mutant', 'volcengine.DeleteInstances.client-token-65-accepted', '--vendor', 'volcengine']);
    const deepOnly = run.cases.filter((c) => c.verdict === 'fail' && /-v\d+$/.test(c.id));
    expect(deepOnly.length).toBeGreaterThan(0);
    for (const c of deepOnly.slice(0, 2)) {
      const command = commands.get(c.id)!;
      expect(command).toMatch(/--depth deep/);
      const again = await rerun(command);
      expect(again.ids).toEqual([c.id]);
      expect(again.verdict).toBe('fail');
      const shallow = await rerun(drop(command, '--depth'));
      expect(shallow.code).toBe(2);
      expect(shallow.err).toMatch(/E_NO_CASES.*matches no case/);
    }
  });

  it('on a module target (the spec, not the display name)', { timeout: 60_000 }, async () => {
    const spec = 'module:./test/fixtures/modules/static-target.ts';
    const { run, commands } = await failingRun(['--target', spec, '--vendor', 'huaweicloud']);
    expect(run.target.name).toBe('static');
    const failing = run.cases.filter((c) => c.verdict === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const c of failing.slice(0, 2)) {
      const command = commands.get(c.id)!;
      expect(command).toContain(`--target ${spec}`);
      const again = await rerun(command);
      expect(again.ids).toEqual([c.id]);
      expect(again.verdict).toBe('fail');
      // What the reports used to print: the display name, which is no target at all.
      const byName = await rerun(command.replace(`--target ${spec}`, '--target static'));
      expect(byName.code).toBe(2);
    }
  });

  it('on an sdk: target (the official SDKs against an emulator that plays a mutant)', { timeout: 90_000 }, async () => {
    const em = createEmulator({ world: 'demo', mutants: ['aliyun.DeleteSnapshot.force-ignored'] });
    const { url } = await em.listen({ port: 0, host: '127.0.0.1' });
    try {
      await failsAgainAsPrinted(`sdk:${url}`, ['--operation', 'DeleteSnapshot', '--vendor', 'aliyun'], 2);
    } finally { await em.close(); }
  });

  it('on an sdk:binding: target (the reference SDK with a seeded bug, through its binding)', { timeout: 90_000 }, async () => {
    const em = createEmulator({ world: 'demo' });
    const { url } = await em.listen({ port: 0, host: '127.0.0.1' });
    const saved = { bugs: process.env.REFERENCE_SDK_BUGS, endpoint: process.env.REFERENCE_SDK_ENDPOINT };
    process.env.REFERENCE_SDK_BUGS = 'wrong-success-field';
    process.env.REFERENCE_SDK_ENDPOINT = url;
    try {
      await failsAgainAsPrinted('sdk:binding:./test/fixtures/reference-sdk/binding.ts', ['--operation', 'CreateSnapshotGroup', '--vendor', 'aliyun', '--allow-skips'], 1);
    } finally {
      for (const [k, v] of [['REFERENCE_SDK_BUGS', saved.bugs], ['REFERENCE_SDK_ENDPOINT', saved.endpoint]] as const) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      await em.close();
    }
  });

  it('on an sdk:module: target (a mock of the SDK, by its path as given)', { timeout: 60_000 }, async () => {
    await failsAgainAsPrinted('sdk:module:./test/fixtures/modules/aliyun-sdk-mock.ts', ['--operation', 'DeleteSnapshot', '--vendor', 'aliyun', '--allow-skips'], 1);
  });
});
