// The README's commands and config work as written. Every fenced block is classified here: its
// `conformance` / `node bin/conformance.js` / `npm start` commands run in a shell in a scratch
// folder (the repository's contracts/, test/ and bin/ linked in, `conformance` and `npx
// conformance` on PATH), against a reference emulator this test starts where a block names
// 127.0.0.1:4566; the config block runs as conformance.config.ts; the CI workflow's steps run in
// order against fixture shards. A block skipped says why (a real cloud, or not a command at all).
// A new block fails the test until it is classified below.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createEmulator, type Emulator } from '../../emulator/index.ts';
import { fixturePath } from '../fixtures/results/index.ts';
import { deleteLine, modifiedPage, PAGES, replaceOnce } from '../drift/helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; exports: Record<string, unknown> };

interface Block { line: number; info: string; text: string }
function fencedBlocks(md: string): Block[] {
  const out: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ line: start + 1, info: open[1]!, text: body.join('\n') });
  }
  return out;
}

// ---------------------------------------------------------------- how each block is treated

type Plan =
  | { kind: 'commands'; lines: string[] }          // sh: each line a command (comments stripped)
  | { kind: 'console' }                            // `$ command` lines, `echo $?` checks the exit code shown
  | { kind: 'config' }
  | { kind: 'workflow' }
  | { kind: 'skip'; why: string };

const REAL_CLOUD = 'needs a real cloud account (credentials and the vendor endpoint)';
/** Lines of a command block that are not run, and why. */
const NOT_RUN: [RegExp, string][] = [
  [/^npm test\b/, 'the project\'s own tests: this test runs inside them'],
  [/^npm install --save-dev cloud-api-conformance/, 'installs from a registry: npm run test:package installs the packed tarball into an empty project instead'],
  [/^export ALIBABA_CLOUD/, REAL_CLOUD],
  [/^conformance run +--target aliyun/, REAL_CLOUD],
];

function classify(b: Block): Plan {
  const t = b.text;
  if (b.info === 'ts' && t.includes('defineConfig(')) return { kind: 'config' };
  if (b.info === 'yaml' && /^name: conformance-real-cloud/m.test(t)) return { kind: 'workflow' };
  if (b.info === 'console') return { kind: 'console' };
  if (b.info === '' && /^\$ npm start$/m.test(t)) return { kind: 'console' };
  if (b.info === 'sh') return { kind: 'commands', lines: t.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#')) };
  if (b.info === 'ts' && t.includes("from 'cloud-api-conformance'") && t.includes('runSuite(')) return { kind: 'skip', why: 'library code, not a command: test/e2e/library.test.ts runs the library API' };
  if (b.info === 'ts' && t.includes('const target: Target')) return { kind: 'skip', why: 'an adapter sketch around the reader\'s own client (myClient): test/adapters/module.test.ts loads module targets' };
  if (b.info === 'js' && t.includes('new Ecs.default(')) return { kind: 'skip', why: 'SDK settings, not a command: test/sdk/ drives the three SDKs against the emulator' };
  if (b.info === 'yaml' && /^id: aliyun\.ecs\.DeleteSnapshot/m.test(t)) return { kind: 'skip', why: 'an annotated excerpt of a contract: the contracts themselves are validated by test/contracts/' };
  if (b.info === 'yaml' && /^given:\n.*\nsteps:/s.test(t) && /until: gone/.test(t)) return { kind: 'skip', why: 'the steps of flows/aliyun/terraform-snapshot-group-lifecycle.yaml, re-flowed: the file itself runs in every suite run (client-flows) and the loader test checks flow files' };
  if (b.info === 'yaml' && /^version: 1\naliyun:/.test(t)) return { kind: 'skip', why: `a fixtures file of real resources: ${REAL_CLOUD}` };
  if (b.info === 'ts' && t.includes('const aliyun: BindingFactory')) return { kind: 'skip', why: 'the worked binding, trimmed from test/fixtures/reference-sdk/binding.ts: npm run mutants:sdk runs that file, and test/adapters/binding.test.ts the harness' };
  if (b.info === '' && /^conformance emulator &/.test(t) && t.includes('sdk:binding:./my-binding.ts')) return { kind: 'skip', why: 'a run against the reader\'s own binding file: npm run mutants:sdk runs the reference binding the same way' };
  if (b.info === '' && t.includes('──▶')) return { kind: 'skip', why: 'a diagram' };
  if (b.info === '' && /^progress: /.test(t)) return { kind: 'skip', why: 'sample output of the progress line: test/cli/interrupt.test.ts checks it' };
  throw new Error(`README.md:${b.line}: classify this block in test/docs/readme.test.ts`);
}

// ---------------------------------------------------------------- a scratch folder and a shell

let emu: Emulator;
let port: number;
let work: string;
let bin: string;

/** `127.0.0.1:4566` (the README's emulator) is the one this test started; a served emulator takes any free port. */
const localise = (cmd: string) => cmd.replace(/127\.0\.0\.1:4566/g, `127.0.0.1:${port}`).replace(/--port 4566\b/g, '--port 0')
  .replace(/^npx conformance /, 'conformance ').replace(/^npm start$/, PKG.scripts.start!).replace(/\/tmp\/contracts-new/g, 'contracts-new');

interface Ran { code: number | null; out: string; err: string; ms: number }
function sh(cmd: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv; serve?: boolean; timeoutMs?: number } = {}): Promise<Ran> {
  const t0 = performance.now();
  const child = spawn('sh', ['-c', opts.serve ? `exec ${cmd}` : cmd], {
    cwd: opts.cwd ?? work, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', ...opts.env },
  });
  let out = '';
  let err = '';
  let stopped = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    // It served: stop it as a user would, once (a second Ctrl-C is "exit now").
    if (opts.serve && !stopped && /emulator listening on/.test(out)) { stopped = true; child.kill('SIGINT'); }
  });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  return new Promise((r) => child.on('exit', (code) => { clearTimeout(timer); r({ code, out, err, ms: performance.now() - t0 }); }));
}

/** A run that did its work: exit 0 (conformant), 1 (nonconformant) or 3 (inconclusive), no error line. */
function worked(cmd: string, r: Ran, expectedCode?: number): void {
  const what = `${cmd}\n--- stderr\n${r.err.slice(-2000)}`;
  if (expectedCode !== undefined) expect(r.code, what).toBe(expectedCode);
  else expect([0, 1, 3], what).toContain(r.code);
  expect(r.err, what).not.toMatch(/^error \[/m);
}

beforeAll(async () => {
  emu = createEmulator({ world: 'demo' });
  const info = await emu.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(typeof info === 'string' ? info : (info as { url: string }).url).port);
  work = mkdtempSync(join(tmpdir(), 'readme-'));
  for (const d of ['contracts', 'test', 'bin']) symlinkSync(join(ROOT, d), join(work, d));
  bin = join(work, '.path');
  mkdirSync(bin);
  writeFileSync(join(bin, 'conformance'), `#!/bin/sh\nexec node ${JSON.stringify(join(ROOT, 'bin/conformance.js'))} "$@"\n`);
  chmodSync(join(bin, 'conformance'), 0o755);
  // The files the drift examples describe: a newer CreateSnapshotGroup page with the five changes the
  // README lists, and a second contract set.
  const newer = modifiedPage(PAGES.csg, (t) => {
    let x = replaceOnce(t, '长度为2~128个', '长度为2~64个');
    const description = x.split('\n').find((l) => l.startsWith('|Description|'))!;
    x = replaceOnce(x, description, `${description}\n|ResourceGroupId|String|否|rg-aek2****|资源组ID。 |`);
    x = replaceOnce(x, 'N的取值范围：1~16', 'N的取值范围：1~32');
    x = replaceOnce(x, '|404|InvalidRegionId.NotFound|', '|400|InvalidRegionId.NotFound|');
    return deleteLine(x, '|400|InvalidParameter.Name|');
  });
  mkdirSync(join(work, 'newer-pages'));
  cpSync(newer, join(work, 'newer-pages', PAGES.csg));
  cpSync(join(ROOT, 'contracts'), join(work, 'contracts-new'), { recursive: true });
});
afterAll(async () => { await emu?.close(); });

const blocks = fencedBlocks(README);

describe('README', () => {
  it('has its blocks, each classified (a new one must say how it is checked)', () => {
    expect(blocks.length).toBeGreaterThan(15);
    for (const b of blocks) expect(() => classify(b), `README.md:${b.line}`).not.toThrow();
  });

  it('npm start is the command the README says it is', () => {
    expect(PKG.scripts.start).toBe('node bin/conformance.js run');
  });

  const ran = new Set<string>();
  for (const b of blocks) {
    const plan = classify(b);
    if (plan.kind === 'skip') {
      it.skip(`README.md:${b.line} (${b.info || 'text'}): ${plan.why}`, () => {});
      continue;
    }
    it(`README.md:${b.line} (${b.info || 'text'}) works as written`, { timeout: 180_000 }, async () => {
      if (plan.kind === 'commands') {
        for (const line of plan.lines) {
          const skip = NOT_RUN.find(([re]) => re.test(line));
          if (skip) continue; // said why in NOT_RUN
          for (const part of line.split(/\s*&&\s*/)) {
            if (NOT_RUN.some(([re]) => re.test(part)) || /^npm install$/.test(part)) continue; // the checkout is installed
            const cmd = localise(part);
            if (ran.has(cmd)) continue;
            ran.add(cmd);
            const serve = /\bconformance(\.js)? emulator\b/.test(cmd);
            // plan sends nothing: it runs with made-up credentials (real ones are never needed for it).
            const env = /\bplan --target aliyun\b/.test(cmd) ? { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIreadmePlanOnly0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'readme-plan-only-secret' } : undefined;
            const r = await sh(cmd, { serve, env });
            if (serve) {
              expect(r.out, `${cmd}\n${r.err}`).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+/m);
              expect(r.code, `${cmd}\n${r.err}`).toBe(0);
            } else worked(cmd, r, /\bconformance replay\b/.test(cmd) ? 1 : undefined);
          }
        }
      } else if (plan.kind === 'console') {
        const lines = b.text.split('\n');
        let last: { cmd: string; r: Ran } | undefined;
        for (let i = 0; i < lines.length; i++) {
          const m = /^\$ (.*)$/.exec(lines[i]!);
          if (!m) continue;
          if (m[1] === 'echo $?') {
            expect(last, 'echo $? follows a command').toBeDefined();
            expect(last!.r.code, `${last!.cmd}\n${last!.r.err}`).toBe(Number(lines[i + 1]));
            continue;
          }
          const cmd = localise(m[1]!);
          if (ran.has(cmd) && lines[i + 1] !== '$ echo $?') continue; // the same command, run for an earlier block
          ran.add(cmd);
          const r = await sh(cmd);
          last = { cmd, r };
          // The code the README shows is checked at `echo $?`; every other command must have worked.
          if (lines[i + 1] !== '$ echo $?') worked(cmd, r);
        }
      } else if (plan.kind === 'config') {
        // The import is one of the package's exports; in a checkout it is the source file that export is built from.
        const spec = /from '([^']+)'/.exec(b.text)![1]!;
        const sub = `.${spec.slice('cloud-api-conformance'.length)}`;
        const target = PKG.exports[sub] as { import: string } | undefined;
        expect(target, `${spec} is exported by package.json`).toBeDefined();
        const source = join(ROOT, target!.import.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));
        expect(existsSync(source), source).toBe(true);
        const dir = mkdtempSync(join(tmpdir(), 'readme-config-'));
        writeFileSync(join(dir, 'conformance.config.ts'), localise(b.text).replace(spec, source));
        const r = await sh(PKG.scripts.start!.replace('bin/conformance.js', join(ROOT, 'bin/conformance.js')), { cwd: dir });
        worked('conformance run (with the README config)', r);
        const reporters = /reporters: \[([^\]]*)\]/.exec(b.text)![1]!;
        expect(reporters, 'the config keeps results.json (the source of truth: merge, --last-failed, diff)').toContain("'json'");
        for (const f of ['results.json', 'report.html', 'junit.xml']) expect(existsSync(join(dir, 'conformance-report', f)), f).toBe(true);
        const results = JSON.parse(readFileSync(join(dir, 'conformance-report', 'results.json'), 'utf8')) as { target: { name: string } }[];
        expect(results.map((x) => x.target.name)).toEqual(['emulator', `http://127.0.0.1:${port}`]);
      } else if (plan.kind === 'workflow') {
        // The merge job, step by step, on two shards' results as the artifacts would hold them; the
        // shard job's run needs a real cloud. A step after one that failed runs only with `if: always()`.
        const wf = YAML.parse(b.text) as { jobs: Record<string, { steps: { run?: string; if?: string }[] }> };
        const dir = mkdtempSync(join(tmpdir(), 'readme-ci-'));
        symlinkSync(join(ROOT, 'bin'), join(dir, 'bin'));
        for (const [i, f] of [[1, 'shard-1-of-2.json'], [2, 'shard-2-of-2.json']] as const) {
          mkdirSync(join(dir, 'shards', `shard-${i}`, `shard-${i}`), { recursive: true });
          cpSync(fixturePath(f), join(dir, 'shards', `shard-${i}`, `shard-${i}`, 'results.json'));
        }
        const summary = join(dir, 'summary.md');
        expect(wf.jobs.shard!.steps.some((s) => s.run?.includes('--target aliyun')), 'the shard job runs against the real cloud (not run here)').toBe(true);
        let failed = false;
        let steps = 0;
        for (const step of wf.jobs.merge!.steps) {
          if (!step.run || step.run === 'npm ci') continue; // the checkout is installed
          if (failed) expect(step.if, `after a failing step, "${step.run}" runs in CI only with if: always()`).toBe('always()');
          const r = await sh(step.run.replace(/\s+#.*$/, ''), { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
          expect(r.err, step.run).not.toMatch(/^error \[/m);
          expect([0, 1], `${step.run}\n${r.err}`).toContain(r.code);
          failed ||= r.code !== 0;
          steps++;
        }
        expect(steps).toBe(4);
        expect(JSON.parse(readFileSync(join(dir, 'conformance-report', 'results.json'), 'utf8')).cases).toHaveLength(28);
        expect(readFileSync(summary, 'utf8')).toContain('| operation |');
      }
    });
  }
});
