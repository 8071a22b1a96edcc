// The package as a user gets it (issue 15, `npm run test:package`, not in `npm test`): `npm pack`
// (prepack builds dist/), then the tarball installed into an empty project on plain Node, with
// every install script skipped (npm may skip them; nothing may need them) and engines enforced.
// There: the bin runs the suite and fails a seeded deviation, serves the emulator, the library
// import runs a suite, and the shipped types check a consumer (and reject a wrong one).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** The environment of a user's shell: nothing of this vitest run (its workers, loaders, colours). */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS$|TSX|FORCE_COLOR$)/.test(k)));
ENV.NO_COLOR = '1';

let project: string;
let packed: string[];

function sh(cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: opts.cwd ?? project, env: ENV, encoding: 'utf8', input: opts.input, timeout: 120_000 });
}
const ok = (r: SpawnSyncReturns<string>) => { expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0); return r; };
const conformance = (...args: string[]) => sh('npx', ['--no', 'conformance', ...args]);
const conformanceIn = (cwd: string, ...args: string[]) => sh('npx', ['--no', 'conformance', ...args], { cwd });

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'conformance-package-'));
  const pack = ok(sh('npm', ['pack', '--json', '--pack-destination', project], { cwd: ROOT }));
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path);
  // A project as `npm init` makes it: CommonJS, so the config file and `require` take that path.
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  ok(sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--engine-strict', join(project, info!.filename)]));
}, 300_000);

afterAll(() => { if (project) rmSync(project, { recursive: true, force: true }); });

describe('the packed package', () => {
  it('ships the build with its data and the bin, not the sources or the tests', () => {
    expect(packed).toEqual(expect.arrayContaining([
      'bin/conformance.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/config.js', 'dist/cli/config.d.ts',
      'dist/specs/conformance.spec.js', 'dist/compose/open-target.js', 'dist/compose/options.js',
      'dist/vitest.config.js', 'dist/contracts/contract.schema.json',
      'dist/contracts/aliyun/_protocol.yaml', 'dist/emulator/worlds/demo.json', 'dist/schemas/results.schema.json',
      'dist/drift/models/huaweicloud-evs-v2.json',
    ]));
    expect(packed.some((f) => /^dist\/contracts\/.+\/pages\//.test(f))).toBe(true);
    expect(packed.filter((f) => /(?<!\.d)\.ts$/.test(f) || /^(test|scripts|bench)\//.test(f) || f === 'bin/compiled.js')).toEqual([]);
  });

  it('`conformance run --depth smoke` prints the matrix and passes the emulator; a seeded deviation fails', () => {
    const run = ok(conformance('run', '--depth', 'smoke'));
    expect(run.stdout).toMatch(/^all\s.*\s32\/32$/m);
    expect(run.stdout).toMatch(/emulator: 32 cases .*\(seed 1, smoke, expect current\): 27 pass, 5 pass-ambiguous/);
    const results = JSON.parse(readFileSync(join(project, 'conformance-report/results.json'), 'utf8')) as { tool: { version: string }; cases: unknown[] };
    expect(results.tool.version).toBe(VERSION); // package.json found from dist/
    expect(results.cases).toHaveLength(32);
    // a success body without its documented id: every expectation profile holds it a deviation
    const mutant = conformance('run', '--depth', 'smoke', '--mutant', 'aliyun.CreateSnapshotGroup.group-id-missing');
    expect(mutant.status, mutant.stderr).toBe(1);
    expect(mutant.stdout).toMatch(/^Failures on emulator \([1-9]\d*\):$/m);
    expect(mutant.stdout).toMatch(/must have required property 'SnapshotGroupId'/);
  });

  it('a conformance.config.ts typed by `cloud-api-conformance/config` sets the defaults', () => {
    const dir = join(project, 'with-config');
    mkdirSync(dir);
    writeFileSync(join(dir, 'conformance.config.ts'), [
      "import { defineConfig } from 'cloud-api-conformance/config';",
      "export default defineConfig({ depth: 'smoke', reporters: ['json'], out: 'from-config' });",
    ].join('\n'));
    const run = ok(conformanceIn(dir, 'run', '--vendor', 'huaweicloud'));
    expect(run.stderr).toMatch(/9\/9 cases/); // DeleteSnapshot, ShowSnapshot, ListSnapshots
    expect(existsSync(join(dir, 'from-config/results.json'))).toBe(true);
    expect(existsSync(join(dir, 'from-config/report.html'))).toBe(false);
  });

  it('`conformance emulator --port 0` serves on 127.0.0.1: the control API answers, a run passes against it, Ctrl-C stops it', async () => {
    const child = spawn('npx', ['--no', 'conformance', 'emulator', '--port', '0', '--world', 'demo'], { cwd: project, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let url = '';
    try {
      let out = '';
      url = await new Promise<string>((found, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL in 30 s: ${out}`)), 30_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) { clearTimeout(timer); found(m[1]!); }
        });
        child.once('exit', () => { clearTimeout(timer); fail(new Error(`exited: ${out}`)); });
      });
      const health = await fetch(`${url}/__emulator/health`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status).toBe(200);
      const run = conformance('run', '--depth', 'smoke', '--target', url, '--runner', 'direct', '--out', 'over-http');
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/32 cases .*: 27 pass, 5 pass-ambiguous/);
    } finally {
      // npx runs the bin in a child of its own: stop the whole group, as Ctrl-C in a terminal does
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    }
    await exited;
    await expect(fetch(`${url}/__emulator/health`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow(); // stopped: the port is closed
  });

  it('`import { runSuite } from "cloud-api-conformance"` runs a suite on plain Node', () => {
    const script = `
      import { loadContracts, generateCases, createEmulator, createTarget, runSuite } from 'cloud-api-conformance';
      import { defineConfig } from 'cloud-api-conformance/config';
      const loaded = loadContracts();
      const cases = generateCases(loaded, { seed: 1, depth: 'smoke', filter: { vendor: ['volcengine'] } });
      const emulator = createEmulator({ contracts: loaded });
      const target = await createTarget('inprocess', { loaded, handler: emulator.handler });
      const results = await runSuite({ cases, target, loaded, seed: 1, depth: 'smoke' });
      const verdicts = results.cases.map((c) => c.verdict);
      console.log(JSON.stringify({ verdicts, config: defineConfig({ depth: 'smoke' }).depth }));`;
    const r = ok(sh(process.execPath, ['--input-type=module', '-e', script]));
    const out = JSON.parse(r.stdout) as { verdicts: string[]; config: string };
    expect(out.verdicts).toHaveLength(8); // DeleteInstances, DescribeInstances, DeleteInstance
    expect(out.verdicts.every((v) => v === 'pass' || v === 'pass-ambiguous'), out.verdicts.join()).toBe(true);
    expect(out.config).toBe('smoke');
    // CommonJS may require it too (require of an ES module, Node >= 20.19)
    expect(ok(sh(process.execPath, ['-e', "process.stdout.write(typeof require('cloud-api-conformance').runSuite)"])).stdout).toBe('function');
  });

  it('ships types: a TypeScript consumer checks, and a wrong use of the API does not', () => {
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], skipLibCheck: true,
      },
      files: ['consumer.mts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = (code: string) => {
      writeFileSync(join(project, 'consumer.mts'), code);
      return sh(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project]);
    };
    const good = `
      import { runSuite, loadContracts, CannotSend, type BindingFactory, type RunResults, type Target } from 'cloud-api-conformance';
      import { defineConfig } from 'cloud-api-conformance/config';
      export const config = defineConfig({ targets: ['emulator'], depth: 'smoke' });
      // a binding as README "Validating an SDK" writes one
      export const aliyun: BindingFactory = (s) => ({
        operations: { DeleteSnapshot: { call: async (p) => { if (!s.endpoint) throw new CannotSend('no endpoint'); return { requestId: String(p.SnapshotId) }; }, fields: { RequestId: 'requestId' } } },
      });
      export async function run(target: Target): Promise<RunResults> {
        const loaded = loadContracts();
        return runSuite({ cases: [], target, loaded, seed: 1, depth: 'smoke' });
      }`;
    ok(tsc(good));
    const wrong = tsc(`${good}\nexport const bad = defineConfig({ depth: 'everything' });\nexport const n: number = loadContracts().contracts;\n`);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/consumer\.mts\(\d+,\d+\): error TS2322: Type '"everything"'/);
    expect(wrong.stdout).toMatch(/consumer\.mts\(\d+,\d+\): error TS2322: Type '.*Contract.*' is not assignable to type 'number'/);
  });
});
