// results.ndjson: the run's results on disk as they come, read back by every reporter in run order.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../core/errors.ts';
import type { CaseResult, ReportableRun, RunResults } from '../../core/types.ts';
import { writeFile as writeJsonFile } from '../../reporters/json.ts';
import { NdjsonCases, readNdjson, readRuns } from '../../reporters/ndjson.ts';
import { REPORTERS, REPORTER_NAMES } from '../../reporters/index.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'ndjson-'));

/** The fixture's cases streamed as a run would: completion order (here reversed), each with its run index. */
function streamed(run: RunResults, dir = tmp(), opts: { end?: boolean; skip?: number[] } = {}): { file: string; store: NdjsonCases; view: RunResults<NdjsonCases> } {
  const file = join(dir, 'results.ndjson');
  const store = new NdjsonCases(file);
  const { cases, ...header } = run;
  store.start({ target: run.target, seed: run.seed, depth: run.depth, expect: run.expect, startedAt: run.startedAt, toolVersion: run.tool.version });
  cases.map((c, i) => [c, i] as const).reverse().forEach(([c, i]) => { if (!opts.skip?.includes(i)) store.put(c, i); });
  if (opts.end !== false) store.end(header);
  return { file, store, view: { ...header, cases: store } };
}

describe('results.ndjson', () => {
  it('serves the cases back in run order, whatever order they completed in, and counts them', () => {
    const { store } = streamed(emu);
    expect(store.length).toBe(emu.cases.length);
    expect([...store]).toEqual(emu.cases);
    // a second pass reads the same (reporters make several)
    expect([...store].map((c) => c.id)).toEqual(emu.cases.map((c) => c.id));
    store.close();
  });

  it('results.json written from the file is byte for byte the one written from the array', () => {
    const dir = tmp();
    const { store, view } = streamed(emu, dir);
    writeJsonFile(emu, join(dir, 'from-array.json'));
    writeJsonFile(view, join(dir, 'from-disk.json'));
    store.close();
    expect(readFileSync(join(dir, 'from-disk.json'), 'utf8')).toBe(readFileSync(join(dir, 'from-array.json'), 'utf8'));
  });

  it.each(REPORTER_NAMES.filter((n) => n !== 'json'))('the %s reporter prints the same from the file as from the array', (name) => {
    const { store, view } = streamed(emu);
    const fromDisk = REPORTERS[name].render(view);
    store.close();
    expect(fromDisk).toBe(REPORTERS[name].render(emu));
    expect(fromDisk.length).toBeGreaterThan(0);
  });

  it('reads back to the same results (readNdjson, and readRuns by extension)', () => {
    const { file, store } = streamed(emu);
    store.close();
    expect(readNdjson(file)).toEqual(emu);
    expect(readRuns(file)).toEqual([emu]);
  });

  it('a run killed before its end line still reads: the cases that finished, marked interrupted', () => {
    const { file, store } = streamed(emu, tmp(), { end: false, skip: [0, 5] });
    store.close();
    const back = readNdjson(file);
    expect(back.interrupted).toBe(true);
    expect(back.cases.map((c) => c.id)).toEqual(emu.cases.filter((_, i) => i !== 0 && i !== 5).map((c) => c.id));
    expect(back.target).toEqual(emu.target);
  });

  it('a case never run (an interrupted run) is left out, not read as a hole', () => {
    const { store } = streamed(emu, tmp(), { skip: [3] });
    expect(store.length).toBe(emu.cases.length - 1);
    expect([...store].some((c: CaseResult) => c === undefined || c.id === emu.cases[3]!.id)).toBe(false);
    store.close();
  });

  it.each([
    ['a line that is not JSON', (lines: string[]) => { lines[2] = '{"index":1,"case":{'; }, /:3: not valid JSON/],
    ['a line of another kind', (lines: string[]) => { lines[4] = '{"something":1}'; }, /:5: expected \{"run"\} \(first line\)/],
    ['no header line', (lines: string[]) => { lines.shift(); }, /:1: the first line is not the run header/],
    ['a case that breaks the results schema', (lines: string[]) => { lines[1] = lines[1]!.replace(/"verdict":"[a-z-]+"/, '"verdict":"passed"'); }, /verdict: must be one of/],
  ])('%s is an E_RESULTS naming the file and line', (_what, corrupt, message) => {
    const { file, store } = streamed(emu);
    store.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    corrupt(lines);
    writeFileSync(file, lines.join('\n'));
    const err = (() => { try { readNdjson(file, 'out/results.ndjson'); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(ConformanceError);
    expect((err as ConformanceError).code).toBe('E_RESULTS');
    expect((err as Error).message).toMatch(/^out\/results\.ndjson/);
    expect((err as Error).message).toMatch(message);
  });

  it('a store is a ReportableRun: a wrong count or order would show (the check above is not vacuous)', () => {
    const { store, view } = streamed(emu);
    const wrong: ReportableRun = { ...view, cases: [...store].reverse() };
    expect(REPORTERS.junit.render(wrong)).not.toBe(REPORTERS.junit.render(emu));
    store.close();
  });
});
