// Test helpers: a captured Io, minimal cases, and a fake engine for `run` without the real one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Case, CaseResult, Category, RunResults, Vendor } from '../../core/types.ts';
import type { Engine } from '../../cli/engine.ts';
import type { RunSuiteOptions } from '../../runner/index.ts';
import type { Io } from '../../cli/io.ts';

export function captureIo(cwd = mkdtempSync(join(tmpdir(), 'cli-'))): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd, env: {},
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    out: () => out, err: () => err,
  };
}

export function makeCase(contract: string, category: Category, slug: string): Case {
  const [vendor, , operation] = contract.split('.');
  return {
    id: `${contract}/${category}/${slug}`, contract, category, title: slug, source: { file: 'c.yaml', line: 1 },
    call: { vendor: vendor as Vendor, service: contract.split('.')[1], version: 'v', operation, params: {} },
    expect: { kind: 'success' }, destructive: false,
  };
}

export const CASES: Case[] = [
  makeCase('aliyun.ecs.DeleteSnapshot', 'positive', 'example'),
  makeCase('aliyun.ecs.DeleteSnapshot', 'required', 'missing-SnapshotId'),
  makeCase('aliyun.ecs.DeleteSnapshot', 'range-length', 'too-long'),
  makeCase('aliyun.ecs.CreateSnapshotGroup', 'positive', 'example'),
  makeCase('aliyun.ecs.CreateSnapshotGroup', 'enum', 'bad'),
  makeCase('volcengine.ecs.DeleteInstances', 'positive', 'example'),
  makeCase('volcengine.ecs.DeleteInstances', 'list-limits', 'too-many'),
  makeCase('huaweicloud.evs.DeleteSnapshot', 'positive', 'example'),
  makeCase('huaweicloud.evs.DeleteSnapshot', 'envelope', 'shape'),
];

/** An engine whose runner fails every `range-length` case and passes the rest. */
export function fakeEngine(calls: { targets: string[]; ran: string[][]; closed: number } = { targets: [], ran: [], closed: 0 }): Engine {
  const loaded = { dir: 'contracts', contracts: [], profiles: {} as never, byId: () => { throw new Error('no'); } };
  return {
    loader: async () => ({ loadContracts: () => loaded }),
    generators: async () => ({ generateCases: () => CASES, iterateCases: () => CASES }),
    adapters: async () => ({
      createTarget: async (spec: string) => {
        calls.targets.push(spec);
        return { name: spec, kind: spec.split(':')[0], capabilities: {} as never, send: async () => ({}), close: async () => { calls.closed++; } };
      },
    }),
    runner: async () => ({
      runSuite: async ({ cases: given, target, onResult, seed, depth }: RunSuiteOptions) => {
        const cases = [...given];
        calls.ran.push(cases.map((c) => c.id));
        const results: CaseResult[] = cases.map((c) => ({
          id: c.id, contract: c.contract, vendor: c.call.vendor, operation: c.call.operation, category: c.category, title: c.title,
          verdict: c.category === 'range-length' ? 'fail' : 'pass', expected: c.expect, actual: { status: 200 },
          checks: [{ name: 'status', ok: c.category !== 'range-length' }], source: c.source, durationMs: 1,
        }));
        results.forEach((r, i) => onResult?.(r, i));
        const run: RunResults = {
          schemaVersion: 1, tool: { name: 'cloud-api-conformance', version: '0.1.0' }, target: { name: target.name, kind: target.kind },
          seed, depth: depth as RunResults['depth'], startedAt: '2025-01-01T00:00:00.000Z', durationMs: 5, contracts: [], uncovered: [], cases: results,
        };
        return run;
      },
    }),
    emulator: async () => ({
      createEmulator: () => ({
        handler: () => undefined,
        listen: async () => ({ url: 'http://127.0.0.1:45678', port: 45678 }),
        close: async () => { calls.closed++; },
      }),
    }),
    openapi: async () => { throw new Error('not used'); },
  } as unknown as Engine;
}
