// Cassettes: the committed recording (test/fixtures/cassettes/recorded/: the emulator at standard
// depth, Volcengine DeleteInstances + Alibaba DeleteSnapshot, --concurrency 1) replays offline with
// the same verdicts as a live run; differential mode compares a live target with it per case.
// Re-record: node bin/conformance.js run --target emulator --runner direct --vendor volcengine --vendor aliyun \
//   --operation DeleteInstances --operation DeleteSnapshot --concurrency 1 --record test/fixtures/cassettes/recorded --reporter json --out .tmp/rec
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunResults } from '../../core/types.ts';
import { main } from '../../cli/main.ts';
import { comparable, firstDiff, normalise, parityOf } from '../../runner/parity.ts';
import { captureIo } from './helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDED = join(ROOT, 'test/fixtures/cassettes/recorded');
const SELECT = ['--vendor', 'volcengine', '--vendor', 'aliyun', '--operation', 'DeleteInstances', '--operation', 'DeleteSnapshot', '--concurrency', '1', '--runner', 'direct', '--seed', '1', '--depth', 'standard'];

async function run(...argv: string[]): Promise<{ results: RunResults; io: ReturnType<typeof captureIo>; code: number }> {
  const io = captureIo({});
  const code = await main(['run', ...argv, ...SELECT, '--reporter', 'json,terminal,markdown', '--out', 'out'], io);
  if (code === 2) throw new Error(io.err());
  return { results: JSON.parse(readFileSync(join(io.cwd, 'out', 'results.json'), 'utf8')) as RunResults, io, code };
}

const verdicts = (r: RunResults) => Object.fromEntries(r.cases.map((c) => [c.id, c.verdict]));

describe('recorded cassettes', () => {
  it('are scrubbed: no signature, date, key or token survives', () => {
    for (const f of ['aliyun.json', 'volcengine.json']) {
      const text = readFileSync(join(RECORDED, f), 'utf8');
      expect(text).not.toMatch(/Signature=|"authorization"|"x-acs-date"|"x-date"|"SignatureNonce"|"AccessKeyId"|"x-acs-security-token"|EmulatorTestSecret|LTAI5tEmulator|AKLTEmulator/i);
    }
  });

  it('replay offline with the same verdicts as the live run', { timeout: 20_000 }, async () => {
    const live = await run('--target', 'emulator');
    const replay = await run('--target', `cassette:${RECORDED}`);
    expect(live.results.cases.length).toBeGreaterThan(60);
    expect(verdicts(replay.results)).toEqual(verdicts(live.results));
    expect(replay.results.cases.filter((c) => c.verdict === 'skipped')).toEqual([]); // fixtures replayed too
  });

  it('a fresh recording holds every fixture creation and replays with the live verdicts', { timeout: 30_000 }, async () => {
    const dir = join(captureIo({}).cwd, 'cassettes');
    const live = await run('--target', 'emulator', '--record', dir);
    const cassette = JSON.parse(readFileSync(join(dir, 'volcengine.json'), 'utf8')) as { fixtures: { creates: unknown[] } };
    const fixtureCases = live.results.cases.filter((c) => c.vendor === 'volcengine' && c.verdict !== 'skipped').length;
    expect(cassette.fixtures.creates.length).toBeGreaterThan(fixtureCases / 2); // batched fixtures would bypass the recorder
    const replay = await run('--target', `cassette:${dir}`);
    expect(verdicts(replay.results)).toEqual(verdicts(live.results));
  });

  it('differential mode: per case agrees / differs / no-reference, in results and the matrix', { timeout: 20_000 }, async () => {
    const same = await run('--target', 'emulator', '--reference', `cassette:${RECORDED}`);
    const parity = same.results.cases.map((c) => c.parity?.verdict);
    expect(parity.every((p) => p !== undefined)).toBe(true);
    expect(parity.filter((p) => p === 'differs'), JSON.stringify(same.results.cases.filter((c) => c.parity?.verdict === 'differs').map((c) => [c.id, c.parity?.diff]))).toEqual([]);
    expect(same.io.out()).toMatch(/Parity of emulator with the reference: \d+ agree, 0 differ, \d+ no reference/);
    expect(readFileSync(join(same.io.cwd, 'out', 'report.md'), 'utf8')).toContain('## Parity with the reference');

    // A seeded deviation: the emulator now answers differently from the recording.
    const mutant = await run('--target', 'emulator', '--mutant', 'aliyun.DeleteSnapshot.force-ignored', '--reference', `cassette:${RECORDED}`);
    const differs = mutant.results.cases.filter((c) => c.parity?.verdict === 'differs');
    const id = 'aliyun.ecs.DeleteSnapshot/state-rules/snapshot-used-by-disk--used-by-disk-force';
    expect(differs.map((c) => c.id)).toEqual([id]);
    expect(differs[0]!.parity!.diff).toMatch(/body\.Code: target "SnapshotCreatedDisk" vs reference absent|status: target 4\d\d vs reference 200/);
    expect(mutant.io.out()).toMatch(/Parity of emulator with the reference: \d+ agree, [1-9]\d* differ/);
  });

  it('normalises volatile values before comparing', () => {
    const a = { outcome: 'answered' as const, status: 200, body: { RequestId: 'A-1', SnapshotGroupId: 'ssg-abcdefghij0123456789', CreatedAt: '2026-01-01T10:00:00Z', Id: '5f0b8a52-0001-4000-8000-000000000001' } };
    const b = { outcome: 'answered' as const, status: 200, body: { RequestId: 'B-2', SnapshotGroupId: 'ssg-zyxwvutsrq9876543210', CreatedAt: '2027-02-02T11:11:11Z', Id: '6a1c9b63-0002-4000-8000-000000000002' } };
    expect(firstDiff(comparable(a), comparable(b))).toBeUndefined();
    expect(parityOf([a], [b])).toEqual({ verdict: 'agrees' });
    expect(parityOf([a], [{ ...b, status: 404 }])).toEqual({ verdict: 'differs', diff: 'status: target 200 vs reference 404' });
    expect(parityOf([a], [])).toEqual({ verdict: 'no-reference' });
    expect(normalise({ x: 'i-abcdefghij0123456789 at 2026-01-01T00:00:00.123Z' })).toEqual({ x: '<i-id> at <time>' });
  });
});
