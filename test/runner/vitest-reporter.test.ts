// The vitest reporter collects CaseResults from task meta into RunResults, in generated order; the spec
// reads its options from CONFORMANCE_OPTIONS.
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../core/types.ts';
import { ConformanceVitestReporter, type ConformanceRunMeta } from '../../runner/vitest-reporter.ts';
import { DEFAULT_OPTIONS, readConformanceOptions } from '../../compose/options.ts';

const result = (id: string): CaseResult => ({
  id, contract: 'aliyun.ecs.DeleteSnapshot', vendor: 'aliyun', operation: 'DeleteSnapshot', category: 'positive', title: id,
  verdict: 'pass', expected: { kind: 'success' }, actual: { status: 200 }, checks: [], source: { file: 'contracts/x.yaml', line: 1 }, durationMs: 1,
});
const run: ConformanceRunMeta = {
  schemaVersion: 2, startedAt: '2026-12-05T00:00:00.000Z', durationMs: 12,
  target: { name: 'emulator', kind: 'emulator' }, seed: 9, depth: 'smoke', tool: { name: 'cloud-api-conformance', version: '0.1.0' },
  contracts: [{ id: 'aliyun.ecs.DeleteSnapshot', file: 'contracts/x.yaml', sha256: 'abc' }], uncovered: [],
};
const test = (meta: Record<string, unknown>) => ({ meta: () => meta });

describe('ConformanceVitestReporter', () => {
  it('streams results and returns them in generated order with the run facts', () => {
    const streamed: string[] = [];
    let final: unknown;
    const r = new ConformanceVitestReporter({ onResult: (x) => streamed.push(x.id), onRunEnd: (x) => { final = x; } });
    r.onTestRunStart();
    r.onTestCaseResult(test({ conformance: result('b'), conformanceIndex: 1 }));
    r.onTestCaseResult(test({ conformance: result('a'), conformanceIndex: 0, conformanceRun: run }));
    r.onTestCaseResult(test({})); // a test that is not a conformance case
    r.onTestRunEnd([test({ conformanceRun: run })]);
    expect(streamed).toEqual(['b', 'a']);
    const res = r.results();
    expect(final).toBe(res);
    expect(res.cases.map((c) => c.id)).toEqual(['a', 'b']);
    // the header as runSuite built it, verbatim (one place builds it)
    expect(res).toEqual({ ...run, cases: res.cases });
  });
});

describe('spec options', () => {
  it('defaults without the variable, JSON merged over defaults with it', () => {
    expect(readConformanceOptions({})).toEqual(DEFAULT_OPTIONS);
    expect(readConformanceOptions({ CONFORMANCE_OPTIONS: '{"seed":5,"depth":"smoke","filter":{"vendor":["aliyun"]}}' }))
      .toEqual({ target: 'emulator', seed: 5, depth: 'smoke', filter: { vendor: ['aliyun'] } });
  });
  it('broken JSON or a bad seed is an E_CONFIG error', () => {
    expect(() => readConformanceOptions({ CONFORMANCE_OPTIONS: '{' })).toThrow(/CONFORMANCE_OPTIONS is not valid JSON/);
    expect(() => readConformanceOptions({ CONFORMANCE_OPTIONS: '{"seed":"x"}' })).toThrow(/seed must be an integer/);
  });
});
