// `run`'s preflight (runner/preflight.ts): probe each vendor of each target once before any case
// runs, on a target opened for the probe alone (never recorded into a cassette; under vitest the
// suite opens its own). The embedded emulator and offline cassettes are not probed: they answer by
// construction, and a probe would take a cassette's recorded answer from a case.
import type { Case, PreflightStop, Target } from '../core/types.ts';
import { isRealCloudSpec, type RealCloudTarget } from '../adapters/real-cloud.ts';
import { CREATING, mintedIds } from '../adapters/guard.ts';
import { classifyCase, permits, safetyOf } from '../runner/safety.ts';
import { probeVendors } from '../runner/preflight.ts';
import { EMBEDDED_SPECS, openTarget } from '../compose/open-target.ts';
import type { Engine, LoadedContracts } from './engine.ts';
import type { Io } from './io.ts';
import type { RunOptions } from './options.ts';
import { targetOptionsFor } from './realcloud.ts';

/** A probe's deadline: an unreachable target is one quick stop, not a long wait. */
const PROBE_TIMEOUT_MS = 5_000;

export interface TargetPreflight {
  /** Set when the target gave no answer at all: the run stops. */
  unreachable?: string;
  stops: PreflightStop[];
  /** Name and kind of the target (a run whose every vendor was stopped still names it). */
  target?: Pick<Target, 'name' | 'kind' | 'capabilities'>;
}

export function probes(spec: string): boolean {
  return !EMBEDDED_SPECS.includes(spec) && !spec.startsWith('cassette:');
}

export async function preflight(spec: string, cases: Case[], opts: RunOptions, io: Io, loaded: LoadedContracts, eng: Engine): Promise<TargetPreflight> {
  if (!probes(spec) || !cases.length) return { stops: [] };
  const target = await openTarget(spec, { ...targetOptionsFor(spec, { ...opts, record: undefined }, io, loaded), log: undefined }, eng);
  try {
    if (isRealCloudSpec(spec)) (target as Partial<RealCloudTarget>).guard?.allowMinted(mintedIds(cases));
    const configured = opts.runnerOptions.timeoutMs;
    // A real cloud is probed only with what its safety level lets the run send; a creating action
    // (journaled before it is sent) only when nothing else can be.
    const safety = safetyOf(opts);
    const contract = (id: string) => { try { return loaded.byId(id); } catch { return undefined; } };
    const choice = {
      allow: isRealCloudSpec(spec) ? (c: Case) => permits(safety, classifyCase(c, contract(c.contract)).level) : undefined,
      penalty: (c: Case) => (CREATING.test(c.call.operation) ? 1 : 0),
    };
    const outcomes = await probeVendors(target, cases, loaded.profiles, Math.min(configured ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS), choice);
    const info = { name: target.name, kind: target.kind, capabilities: target.capabilities };
    const unreachable = outcomes.find((o) => o.kind === 'unreachable');
    if (unreachable && unreachable.kind === 'unreachable') return { unreachable: unreachable.message, stops: [], target: info };
    return { stops: outcomes.filter((o): o is PreflightStop => o.kind === 'no-envelope' || o.kind === 'credentials-rejected'), target: info };
  } finally {
    await target.close?.();
  }
}
