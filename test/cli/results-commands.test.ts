import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { readResults } from '../../reporters/json.ts';
import { fixturePath, loadFixture } from '../fixtures/results/index.ts';
import { captureIo } from './helpers.ts';

describe('conformance matrix', () => {
  it('prints the matrix of one file and exits 1 when a case failed', async () => {
    const io = captureIo();
    const code = await main(['matrix', fixturePath('emulator.json')], io);
    expect(code).toBe(1);
    expect(io.out()).toMatch(/^operation\s+pos/);
    expect(io.out()).toContain('Failures on emulator (8):');
    expect(io.out()).not.toContain('\u001b[');
  });

  it('puts two targets side by side and renders other reporters to stdout', async () => {
    const io = captureIo();
    expect(await main(['matrix', fixturePath('emulator.json'), fixturePath('http.json'), '--reporter', 'markdown'], io)).toBe(1);
    expect(io.out()).toContain('| operation | target | pos |');
    expect(io.out()).toContain('## Targets disagree');
  });

  it('writes reports to --out', async () => {
    const io = captureIo();
    await main(['matrix', fixturePath('emulator.json'), '--reporter', 'html', '--reporter', 'junit', '--out', 'cmp'], io);
    expect(existsSync(join(io.cwd, 'cmp/report.html'))).toBe(true);
    expect(existsSync(join(io.cwd, 'cmp/junit.xml'))).toBe(true);
    expect(io.err()).toContain('reports: cmp/report.html, cmp/junit.xml');
  });

  it('exit 3 when inconclusive without failure, 0 when conformant', async () => {
    const io = captureIo();
    const { writeFileSync } = await import('node:fs');
    const emu = loadFixture('emulator.json');
    writeFileSync(join(io.cwd, 'inc.json'), JSON.stringify({ ...emu, cases: emu.cases.filter((c) => c.verdict !== 'fail') }));
    writeFileSync(join(io.cwd, 'ok.json'), JSON.stringify({ ...emu, cases: emu.cases.filter((c) => c.verdict === 'pass') }));
    expect(await main(['matrix', 'inc.json'], io)).toBe(3);
    expect(await main(['matrix', 'ok.json'], io)).toBe(0);
  });

  it('an invalid results file: exit 2 with one readable line', async () => {
    const io = captureIo();
    expect(await main(['matrix', fixturePath('invalid.json')], io)).toBe(2);
    expect(io.err().trimEnd().split('\n')).toEqual([`error [E_RESULTS] ${fixturePath('invalid.json')}: seed: must be integer (got "one")`]);
  });
});

describe('conformance merge', () => {
  it('joins shards into the whole run', async () => {
    const io = captureIo();
    const code = await main(['merge', fixturePath('shard-2-of-2.json'), fixturePath('shard-1-of-2.json'), '--out', 'merged', '--quiet'], io);
    expect(code).toBe(1);
    expect(readResults(join(io.cwd, 'merged/results.json'))).toEqual([loadFixture('emulator.json')]);
    expect(readFileSync(join(io.cwd, 'merged/results.json'), 'utf8')).toBe(readFileSync(fixturePath('emulator.json'), 'utf8'));
    expect(io.out()).toBe('');
    expect(io.err()).toBe('merged 2 file(s), 28 cases -> merged/results.json\n');
  });

  it('defaults to conformance-report/results.json and prints the matrix', async () => {
    const io = captureIo();
    await main(['merge', fixturePath('shard-1-of-2.json'), fixturePath('shard-2-of-2.json')], io);
    expect(existsSync(join(io.cwd, 'conformance-report/results.json'))).toBe(true);
    expect(io.out()).toContain('emulator: 28 cases');
  });

  it('refuses two files for one shard with one line, exit 2', async () => {
    const io = captureIo();
    expect(await main(['merge', fixturePath('shard-1-of-2.json'), fixturePath('shard-1-of-2.json')], io)).toBe(2);
    expect(io.err()).toBe('error [E_MERGE] cannot merge: two files for shard 1/2\n');
  });

  it('refuses an incomplete shard set unless --allow-partial, and says what is missing', async () => {
    const io = captureIo();
    expect(await main(['merge', fixturePath('shard-2-of-2.json'), '--quiet'], io)).toBe(2);
    expect(io.err()).toBe('error [E_MERGE] incomplete shard set for emulator: shard 1 of 2 missing; give every shard, or --allow-partial to merge what there is\n');
    expect(existsSync(join(io.cwd, 'conformance-report/results.json'))).toBe(false);
    const partial = captureIo(io.cwd);
    expect(await main(['merge', fixturePath('shard-2-of-2.json'), '--allow-partial', '--quiet'], partial)).toBe(1);
    expect(partial.err()).toContain('merge: emulator: partial (shard 1 of 2 missing), merged as --allow-partial asked');
    const merged = readResults(join(io.cwd, 'conformance-report/results.json'))[0]!;
    expect(merged.cases.map((c) => c.id)).toEqual(loadFixture('shard-2-of-2.json').cases.map((c) => c.id));
  });

  it('an interrupted shard makes the set incomplete too', async () => {
    const io = captureIo();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(io.cwd, 's1.json'), JSON.stringify({ ...loadFixture('shard-1-of-2.json'), interrupted: true }));
    expect(await main(['merge', 's1.json', fixturePath('shard-2-of-2.json'), '--quiet'], io)).toBe(2);
    expect(io.err()).toContain('incomplete shard set for emulator: shard 1/2 interrupted');
    expect(await main(['merge', 's1.json', fixturePath('shard-2-of-2.json'), '--quiet', '--allow-partial'], io)).toBe(1);
    expect(readResults(join(io.cwd, 'conformance-report/results.json'))[0]!.interrupted).toBe(true);
  });

  it('--out is the report directory, as for run and matrix: a .json file name is refused with the fix', async () => {
    const io = captureIo();
    expect(await main(['merge', fixturePath('shard-1-of-2.json'), fixturePath('shard-2-of-2.json'), '--out', 'merged/results.json'], io)).toBe(2);
    expect(io.err()).toBe('error [E_OPTION] --out merged/results.json: --out names the report directory (as for run and matrix); merge writes results.json into it; use --out merged\n');
  });
});
