import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/commands/run.ts';
import { listCommand } from '../../cli/commands/list.ts';
import { resolveRunOptions } from '../../cli/options.ts';
import { readResults } from '../../reporters/json.ts';
import { captureIo, fakeEngine } from './helpers.ts';

describe('run orchestration (fake engine)', () => {
  it('runs every target, writes every selected report and exits 1 on a failure', async () => {
    const io = captureIo();
    const calls = { targets: [] as string[], ran: [] as string[][], closed: 0 };
    const opts = resolveRunOptions({ runner: 'direct', target: ['emulator', 'http://127.0.0.1:4566'] });
    expect(await runCommand(opts, io, fakeEngine(calls))).toBe(1);
    // The preflight probes the http target on a target of its own (the embedded emulator is not probed);
    // `emulator` is composed: the emulator on an ephemeral port, then an http target; named `emulator`.
    expect(calls.targets).toEqual(['http://127.0.0.1:4566', 'http://127.0.0.1:45678', 'http://127.0.0.1:4566']);
    expect(calls.closed).toBe(4);
    for (const f of ['results.json', 'report.md', 'report.html', 'junit.xml', 'triage.md']) {
      expect(existsSync(join(io.cwd, 'conformance-report', f)), f).toBe(true);
    }
    expect(readResults(join(io.cwd, 'conformance-report/results.json')).map((r) => r.target.name)).toEqual(['emulator', 'http://127.0.0.1:4566']);
    expect(io.out()).toContain('DeleteSnapshot @ http://127.0.0.1:4566');
    // Not a TTY: the progress prints one summary line per target.
    expect(io.err()).toMatch(/9\/9 cases in \d+ms, 1 failed\n/);
  });

  it('filters, shards and tags the results with the shard', async () => {
    const io = captureIo();
    const calls = { targets: [] as string[], ran: [] as string[][], closed: 0 };
    const opts = resolveRunOptions({ runner: 'direct', vendor: ['aliyun'], shard: '2/2', reporter: ['json'] });
    expect(await runCommand(opts, io, fakeEngine(calls))).toBe(1);
    expect(calls.ran).toEqual([[
      'aliyun.ecs.DeleteSnapshot/range-length/too-long', 'aliyun.ecs.CreateSnapshotGroup/positive/example', 'aliyun.ecs.CreateSnapshotGroup/enum/bad',
    ]]);
    expect(readResults(join(io.cwd, 'conformance-report/results.json'))[0].shard).toEqual({ index: 2, count: 2 });
    expect(io.out()).toBe('');
  });

  it('--last-failed re-runs only the failed cases of the previous results', async () => {
    const io = captureIo();
    const calls = { targets: [] as string[], ran: [] as string[][], closed: 0 };
    await runCommand(resolveRunOptions({ runner: 'direct', reporter: ['json'] }), io, fakeEngine(calls));
    await runCommand(resolveRunOptions({ runner: 'direct', reporter: ['json'], lastFailed: true }), io, fakeEngine(calls));
    expect(calls.ran[1]).toEqual(['aliyun.ecs.DeleteSnapshot/range-length/too-long']);
  });

  it('--last-failed without previous results runs everything, with a note', async () => {
    const io = captureIo();
    const calls = { targets: [] as string[], ran: [] as string[][], closed: 0 };
    await runCommand(resolveRunOptions({ runner: 'direct', reporter: ['json'], lastFailed: true }), io, fakeEngine(calls));
    expect(calls.ran[0]).toHaveLength(9);
    expect(io.err()).toContain('--last-failed: no previous');
  });

  it('a filter value that matches nothing is an error with a near miss', async () => {
    const io = captureIo();
    await expect(runCommand(resolveRunOptions({ runner: 'direct', operation: ['DeleteSnapshots'] }), io, fakeEngine()))
      .rejects.toThrowError('--operation "DeleteSnapshots" matches no case (did you mean "DeleteSnapshot"?)');
  });

  it('appends the markdown report to $GITHUB_STEP_SUMMARY', async () => {
    const io = captureIo();
    const summary = join(io.cwd, 'summary.md');
    io.env.GITHUB_STEP_SUMMARY = summary;
    await runCommand(resolveRunOptions({ runner: 'direct', reporter: ['markdown'] }), io, fakeEngine());
    expect(readFileSync(summary, 'utf8')).toContain('# Conformance report');
  });

  it('list prints the selected case ids', async () => {
    const io = captureIo();
    expect(await listCommand(resolveRunOptions({ runner: 'direct', category: ['positive'] }), {}, io, fakeEngine())).toBe(0);
    const lines = io.out().trim().split('\n');
    expect(lines).toHaveLength(4);
    // each case with the contract clause it comes from
    for (const line of lines) expect(line).toMatch(/ \S+\.yaml:(\d+|\?)/);
    expect(io.err()).toBe('4 cases (seed 1, standard, expect current)\n');
    const json = captureIo();
    await listCommand(resolveRunOptions({ runner: 'direct', case: ['*/enum/*'] }), { json: true }, json, fakeEngine());
    const listed = JSON.parse(json.out()) as Record<string, unknown>[];
    expect(listed.map(({ id, category, title, destructive }) => ({ id, category, title, destructive })))
      .toEqual([{ id: 'aliyun.ecs.CreateSnapshotGroup/enum/bad', category: 'enum', title: 'bad', destructive: false }]);
    expect(listed[0]!.source).toMatchObject({ file: expect.stringMatching(/\.yaml$/) });
  });

  it('list --json gives each case\'s evidence under the chosen profile (the real contracts)', async () => {
    const listed = async (expectProfile: string) => {
      const io = captureIo();
      await listCommand(resolveRunOptions({ runner: 'direct', operation: ['CreateSnapshotGroup'], category: ['idempotency'], expect: expectProfile }), { json: true }, io);
      return JSON.parse(io.out()) as { id: string; evidence?: { profile: string; keys: string[]; sources: string[] } }[];
    };
    // CreateSnapshotGroup takes a token only under current (the ledger adds ClientToken)
    const current = await listed('current');
    expect(current.length).toBeGreaterThan(0);
    for (const c of current) {
      expect(c.evidence?.profile).toBe('current');
      expect(c.evidence?.keys.length).toBeGreaterThan(0);
      expect(c.evidence?.sources.length).toBeGreaterThan(0);
    }
    // the token itself rests on the model the ledger cites
    expect(current.some((c) => c.evidence?.sources.some((x) => x.startsWith('sdk-req: @alicloud/ecs20140526@')))).toBe(true);
    expect(await listed('page')).toEqual([]);
  });
});
