// Test helpers: run a contract scenario (fixtures + params + expectation) against the engine.
import type { Acceptable, Contract, Expectation, FixtureSpec, RuleScenario, Vendor } from '../../core/types.ts';
import { Engine } from '../../emulator/engine.ts';
import type { OpResult } from '../../emulator/ops/types.ts';
import { Store } from '../../emulator/state/store.ts';
import { resolveWorld } from '../../emulator/state/worlds.ts';
import { loadContracts } from '../../loader/index.ts';
import { flattenParams } from '../../protocols/common/params.ts';

export const LOADED = loadContracts();

export function newEngine(opts: { world?: string | object; now?: () => number; snapshotCreationMs?: number; deletionMs?: number; mutants?: string[] } = {}) {
  const store = new Store(opts.now ?? (() => Date.now()));
  store.load(resolveWorld(opts.world ?? 'empty'));
  const engine = new Engine(store, { contracts: LOADED, snapshotCreationMs: opts.snapshotCreationMs, deletionMs: opts.deletionMs, mutants: opts.mutants });
  return { store, engine };
}

export function resolveRefs(v: unknown, refs: Record<string, string>): unknown {
  if (typeof v === 'string') return v.replace(/\$([A-Za-z0-9_]+)\.id/g, (m, n: string) => refs[n] ?? m);
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, refs));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveRefs(x, refs)]));
  return v;
}

export function createFixtures(store: Store, vendor: Vendor, given: FixtureSpec[]): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const f of given) refs[f.as] = store.create(vendor, f.kind, resolveRefs(f.fields ?? {}, refs) as Record<string, unknown>).id;
  return refs;
}

/** Logical params -> wire strings (flat lists), path params split out by the contract. */
export function wireOf(contract: Contract, params: Record<string, unknown>) {
  const pathNames = new Set(contract.request.parameters.filter((p) => p.in === 'path').map((p) => p.name));
  const wire: Record<string, string> = {};
  const pathParams: Record<string, string> = {};
  for (const [k, v] of flattenParams(params)) (pathNames.has(k) ? pathParams : wire)[k] = v;
  return { wire, pathParams };
}

export function call(engine: Engine, contract: Contract, params: Record<string, unknown>, extra: { region?: string; accessKeyId?: string } = {}): OpResult {
  const { wire, pathParams } = wireOf(contract, params);
  if (contract.vendor === 'huaweicloud' && !pathParams.project_id) pathParams.project_id = '0123456789abcdef0123456789abcdef';
  return engine.handle(contract.vendor, contract.operation, wire, { pathParams, accessKeyId: extra.accessKeyId ?? 'AK', region: extra.region });
}

export function matches(result: OpResult, exp: Expectation | Acceptable): boolean {
  if ('alternatives' in exp) return exp.alternatives.some((a) => matches(result, a));
  if (exp.kind === 'success') return !result.error && (exp.status === undefined || result.status === exp.status);
  return !!result.error && result.error.code === exp.code && (exp.status === undefined || result.status === exp.status);
}

export function describe(result: OpResult): string {
  return result.error ? `${result.status} ${result.error.code}` : `${result.status} ok ${JSON.stringify(result.body)}`;
}

/** Run one scenario; returns problems (empty when it behaves as the contract says). */
export function runScenario(contract: Contract, entity: string | undefined, sc: RuleScenario, world: string | object = 'empty'): string[] {
  const { store, engine } = newEngine({ world });
  const refs = createFixtures(store, contract.vendor, sc.given);
  const params = resolveRefs(sc.params, refs) as Record<string, unknown>;
  const first = call(engine, contract, params);
  const problems: string[] = [];
  if (!matches(first, sc.expect)) problems.push(`expected ${JSON.stringify(sc.expect)}, got ${describe(first)}`);
  store.settleDeletions(); // `after:` is the state once it has settled (the runner polls for it)
  for (const a of sc.after ?? []) {
    let id = refs[a.ref];
    let kind = sc.given.find((g) => g.as === a.ref)?.kind;
    if (a.ref.startsWith('$response.')) {
      id = String((first.body as Record<string, unknown> | undefined)?.[a.ref.slice('$response.'.length)] ?? '');
      // The rule's entity names the created kind; an Alibaba id prefix overrides it (ssg- groups).
      kind = id.startsWith('ssg-') ? 'snapshotGroup' : entity;
    }
    const e = kind && id ? store.view(contract.vendor, kind, id) : undefined;
    if (a.exists !== undefined && !!e !== a.exists) problems.push(`after ${a.ref}: exists=${!!e}, expected ${a.exists}`);
    for (const [k, v] of Object.entries(resolveRefs(a.fields ?? {}, refs) as Record<string, unknown>)) {
      if (JSON.stringify(e?.[k]) !== JSON.stringify(v)) problems.push(`after ${a.ref}.${k}=${JSON.stringify(e?.[k])}, expected ${JSON.stringify(v)}`);
    }
  }
  if (sc.then) {
    const second = call(engine, contract, resolveRefs(sc.then.params, refs) as Record<string, unknown>);
    if (!matches(second, sc.then.expect)) problems.push(`then: expected ${JSON.stringify(sc.then.expect)}, got ${describe(second)}`);
    if (sc.then.sameAsFirst && JSON.stringify(second.body) !== JSON.stringify(first.body)) problems.push('then: answer differs from the first');
  }
  return problems;
}
