import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../core/errors.ts';
import { parseResults, readResults, render, RESULTS_SCHEMA, validateResults, writeFile as writeJsonFile } from '../../reporters/json.ts';
import { fixturePath, loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');

describe('json reporter', () => {
  it('the schema itself is valid draft-07 and every valid fixture validates', () => {
    const ajv = new (Ajv as unknown as typeof Ajv.default)({ strict: true, strictRequired: false });
    expect(ajv.validateSchema(RESULTS_SCHEMA)).toBe(true);
    for (const f of ['emulator.json', 'http.json', 'shard-1-of-2.json', 'shard-2-of-2.json']) {
      expect(readResults(fixturePath(f))).toHaveLength(1);
    }
  });

  it('round-trips: render then read gives the same results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    writeFileSync(join(dir, 'r.json'), render(emu));
    expect(readResults(join(dir, 'r.json'))).toEqual([emu]);
    // Several targets: an array of runs.
    const both = [emu, loadFixture('http.json')];
    expect(JSON.parse(render(both))).toHaveLength(2);
    expect(parseResults(render(both))).toEqual(both);
  });

  it('drops undefined expected/actual exactly as the file will (still valid)', () => {
    const c = { ...emu.cases[0], expected: undefined, actual: undefined };
    const text = render({ ...emu, cases: [c] });
    const [back] = parseResults(text);
    expect(back.cases).toHaveLength(1);
    expect('expected' in back.cases[0] || 'actual' in back.cases[0]).toBe(false);
    expect(back.cases[0]).toEqual(JSON.parse(JSON.stringify(c)));
  });

  it('rejects an invalid file with a readable reason naming the file and the path', () => {
    expect(() => readResults(fixturePath('invalid.json'), 'invalid.json')).toThrowError('invalid.json: seed: must be integer (got "one")');
    const badVerdict = { ...emu, cases: [{ ...emu.cases[0], verdict: 'passed' }] };
    expect(() => validateResults(badVerdict, 'x.json')).toThrowError(
      'x.json: cases/0/verdict: must be one of fail, inconclusive, skipped, pass-ambiguous, pass (got "passed")');
    const extra = { ...emu, color: 'red' };
    expect(() => validateResults(extra, 'x.json')).toThrowError('x.json: (top level): has unknown property "color"');
    const missing = { ...emu, cases: [{ ...emu.cases[0], id: undefined }] };
    expect(() => validateResults(JSON.parse(JSON.stringify(missing)), 'x.json')).toThrowError('x.json: cases/0: is missing "id"');
  });

  it('reads version 1 files (before profiles) and version 2 files (profile and evidence per case)', () => {
    expect(emu.schemaVersion).toBe(1);
    expect(validateResults(emu, 'v1.json')[0]!.expect).toBeUndefined();
    const v2 = { ...emu, schemaVersion: 2, expect: 'current', cases: [{ ...emu.cases[0], evidence: { profile: 'current', keys: ['param:SnapshotId'], sources: ['page: x'] } }] };
    expect(validateResults(v2, 'v2.json')[0]!.cases[0]!.evidence?.keys).toEqual(['param:SnapshotId']);
    expect(() => validateResults({ ...v2, expect: 'newest' }, 'v2.json')).toThrowError(/v2\.json: expect: must be one of current, page/);
  });

  it('names the schema version and JSON syntax problems', () => {
    expect(() => validateResults({ ...emu, schemaVersion: 3 }, 'v3.json')).toThrowError('v3.json: schemaVersion 3 is not supported (this version reads 1 and 2)');
    expect(() => parseResults('{"schemaVersion":', 'broken.json')).toThrowError(/^broken\.json: not valid JSON/);
    expect(() => readResults('/nonexistent/r.json', 'r.json')).toThrowError('r.json: cannot read (no such file)');
    expect(() => readResults(fixturePath('invalid.json'))).toThrowError(expect.objectContaining({ constructor: ConformanceError, code: 'E_RESULTS' }));
  });

  it.each([
    ['one run', () => emu],
    ['several runs', () => [emu, loadFixture('http.json')]],
    ['a one-run list (written as the run)', () => [emu]],
    ['a run without cases', () => ({ ...emu, cases: [] })],
  ])('writeFile streams the same bytes as render: %s', (_what, results) => {
    const file = join(mkdtempSync(join(tmpdir(), 'results-')), 'r.json');
    writeJsonFile(results(), file);
    expect(readFileSync(file, 'utf8')).toBe(render(results()));
  });

  it('writeFile validates before writing: a bad case names its path and nothing is written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'results-')), 'r.json');
    const bad = [emu, { ...emu, cases: [emu.cases[0], { ...emu.cases[1], verdict: 'passed' as never }] }];
    expect(() => writeJsonFile(bad, file)).toThrowError('results (about to be written): 1/cases/1/verdict: must be one of fail, inconclusive, skipped, pass-ambiguous, pass (got "passed")');
    expect(existsSync(file)).toBe(false);
    // a previous report stays as it was, and no temporary file is left beside it
    writeFileSync(file, 'previous');
    expect(() => writeJsonFile(bad, file)).toThrowError(/1\/cases\/1\/verdict/);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dirname(file))).toEqual(['r.json']);
  });

  it('refuses to write results that do not match the schema', () => {
    expect(() => render({ ...emu, depth: 'huge' as never })).toThrowError(/depth: must be one of smoke, standard, deep/);
    expect(readFileSync(fixturePath('emulator.json'), 'utf8')).toBe(render(emu));
  });
});
