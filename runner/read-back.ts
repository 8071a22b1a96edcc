// State read back through the vendor's own read call, as the real clients do (Terraform polls
// DescribeSnapshotGroups until a group is accomplished, then after a delete until it is gone). The
// stage reads each `after:` entity through the profile's `stateReads` (core/types.ts StateReadSpec),
// polling until the assertion holds or the settle bound is reached; the `state` check judges what
// was read. It works on any target that can send the read call, real clouds included.
//
// Settling, per assertion:
// - holds                               -> done (the check passes);
// - forbidden (a stable field value other than the expected)
//                                       -> done at once (the check fails);
// - on the way (a `transitional` or `deleting` value, or not yet visible / not yet gone)
//                                       -> poll again, until the bound; then a transitional last read
//                                          is `unsettled` (inconclusive) on a real cloud, judged (fails)
//                                          on the emulator, whose clock has moved on by the whole bound;
//                                          a stable one is judged (fails).
// Against the emulator nothing waits on the wall clock: between polls the runner advances the
// emulator's clock through the control API (Fixtures.advanceClock) instead of sleeping.
import type { Fixtures, OperationCall, ProtocolProfile, ProtocolTweak, StateAssertion, StateReadSpec, Target, TargetResponse, Vendor } from '../core/types.ts';
import type { StateAfter, StateRead } from '../checks/types.ts';
import { asList, fieldAt } from '../core/field-path.ts';
import { EMULATOR_REGIONS } from '../core/test-credentials.ts';
import { errorMessage } from '../core/errors.ts';
import { isAnswered } from '../core/outcome.ts';

const stringParam = (v: unknown) => (typeof v === 'string' ? v : undefined);

export { fieldAt } from '../core/field-path.ts';

export interface ReadBackOptions {
  /** Upper bound of one assertion's polling, in ms of the target's clock (default 30 s). */
  settleTimeoutMs?: number;
  /** Between two reads (default 1 s; on the emulator's clock, a tenth of the bound unless given). */
  pollMs?: number;
  /** Waits on the wall clock (real targets); tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** How the reads are signed, where the client signs otherwise than the default (a flow's `signing`). */
  tweak?: ProtocolTweak;
}

const DEFAULTS = { settleTimeoutMs: 30_000, pollMs: 1_000 };
const withDefaults = (opts: ReadBackOptions) => ({ ...DEFAULTS, ...opts, pollExplicit: opts.pollMs !== undefined });

/** One read of one entity: present (with its world fields), gone, or the read failed. */
type Observation = { entity: Record<string, unknown> } | { gone: true } | { error: string; noAnswer?: boolean };

/** Everything the stage needs from the running case. */
export interface ReadBackCase {
  vendor: Vendor;
  call: OperationCall;
  after: StateAssertion[];
  /** Fixture ids by `as`, and their kinds. */
  refs: Record<string, string>;
  kinds: Record<string, string>;
  /** The answer of the case's call (`$response.<Field>` refs); none before a flow's first call. */
  response?: TargetResponse;
  /** Regions the fixtures were made in, by `as` (`$region` reads an entity where it lives, not where a refused call looked). */
  regions?: Record<string, string>;
}

/** The region each fixture names (`regionId` / `region` fields), by `as`. */
export function fixtureRegions(setup: readonly { as: string; fields?: Record<string, unknown> }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of setup ?? []) {
    const r = f.fields?.regionId ?? f.fields?.region;
    if (typeof r === 'string' && !r.startsWith('$')) out[f.as] = r;
  }
  return out;
}

/**
 * Read every `after:` entity back, settling each; the `state` check judges the result. `via`: the
 * vendor's read calls (default), or the emulator's control API (`Fixtures.get`, the emulator's own
 * world: no read call needed, but lifecycles still settle through the profile's transitional values).
 */
export async function readStateThroughReadCalls(
  target: Pick<Target, 'send'> & { fixtures?: Partial<Pick<Fixtures, 'advanceClock' | 'get'>> },
  profile: ProtocolProfile | undefined, c: ReadBackCase, opts: ReadBackOptions & { via?: 'read-call' | 'control' } = {},
): Promise<StateAfter> {
  const out: StateAfter = {};
  for (const a of c.after) {
    const fromResponse = a.ref.startsWith('$response.');
    const kind = a.kind ?? c.kinds[a.ref];
    const id = fromResponse ? fieldAt(c.response?.body, a.ref.slice('$response.'.length)) : c.refs[a.ref];
    if (!kind || typeof id !== 'string' || !id) {
      out[a.ref] = { kind: kind ?? '?', error: fromResponse ? `the answer has no ${a.ref.slice('$response.'.length)}` : `unknown fixture ${a.ref}` };
      continue;
    }
    const advance = target.fixtures?.advanceClock?.bind(target.fixtures);
    if (opts.via === 'control' && target.fixtures?.get) {
      const fixtures = target.fixtures as Pick<Fixtures, 'get'>;
      const spec = profile?.stateReads?.[kind] ?? CONTROL_ONLY;
      out[a.ref] = await settle(a, spec, () => observeControl(fixtures, c.vendor, kind, id), withDefaults(opts), advance, kind, id, 'control');
      continue;
    }
    const spec = profile?.stateReads?.[kind];
    if (!spec) { out[a.ref] = { kind, id, unobservable: `no read call in scope shows a ${c.vendor} ${kind}` }; continue; }
    out[a.ref] = await settle(a, spec, () => observe(target, spec, c, id, c.regions?.[a.ref], opts.tweak), withDefaults(opts), advance, kind, id, 'read-call');
  }
  return out;
}

/** A kind with no read call, read through the control API: no transitional values known. */
const CONTROL_ONLY: StateReadSpec = { operation: 'control', params: {}, item: '', fields: {}, source: 'the emulator control API' };

/**
 * `advance` is there only on the emulator, whose state is consistent: there a stable state is final at
 * once, and only a transitional one is waited for (on its clock). A real cloud's read call may lag
 * behind its last write, so a stable state is waited for too, on the wall clock.
 */
async function settle(
  a: StateAssertion, spec: StateReadSpec, read: () => Promise<Observation>,
  given: Required<Pick<ReadBackOptions, 'settleTimeoutMs' | 'pollMs'>> & ReadBackOptions & { pollExplicit?: boolean },
  advance: ((ms: number) => Promise<void>) | undefined, kind: string, id: string, via: 'control' | 'read-call',
): Promise<StateRead> {
  // On the emulator's clock a wait costs nothing but a read: unless a poll interval was asked for,
  // one jump to a tenth of the bound at a time (a lifecycle of seconds ends in one or two reads)
  const opts = advance && !given.pollExplicit ? { ...given, pollMs: Math.max(given.pollMs, given.settleTimeoutMs / 10) } : given;
  const polls = Math.max(1, Math.ceil(opts.settleTimeoutMs / opts.pollMs) + 1);
  let last: Observation = { error: 'not read' };
  let verdict: Progress = 'wait-stable';
  let done = 0;
  for (let i = 0; i < polls; i++) {
    if (i > 0) {
      if (advance) await advance(opts.pollMs);
      else await (opts.sleep ?? sleep)(opts.pollMs);
    }
    last = await read();
    done = i + 1;
    // no answer is no verdict (inconclusive); an answer that is an error is judged (the check fails)
    if ('error' in last) return last.noAnswer ? { kind, id, unsettled: last.error, via, polls: i + 1 } : { kind, id, error: last.error, via, polls: i + 1 };
    verdict = progress(a, spec, last);
    if (verdict === 'holds' || verdict === 'forbidden' || (verdict === 'wait-stable' && advance)) break;
  }
  const base: StateRead = { kind, id, via, polls: done };
  const entity = 'entity' in last ? last.entity : undefined;
  // On a real cloud a state still on its way at the bound may just be slow: no verdict. On the emulator
  // time is its own clock, moved on by the whole bound: a lifecycle that has not ended is judged.
  if (verdict === 'wait-transitional' && !advance) {
    return { ...base, ...(entity ? { entity } : {}), unsettled: `${kind} ${id} was still ${describe(entity, spec)} after ${opts.settleTimeoutMs} ms` };
  }
  return { ...base, ...(entity ? { entity } : {}) };
}

type Progress = 'holds' | 'forbidden' | 'wait-transitional' | 'wait-stable';

/** Where one read leaves an assertion. */
function progress(a: StateAssertion, spec: StateReadSpec, o: Observation): Progress {
  const entity = 'entity' in o ? o.entity : undefined;
  const deleting = !!entity && matches(entity, spec.deleting);
  const transitional = !!entity && matches(entity, spec.transitional);
  if (a.exists === false) {
    if (!entity) return 'holds';
    return deleting || transitional ? 'wait-transitional' : 'wait-stable';
  }
  // should exist (explicitly, or to have fields): one being deleted is on its way out, not a state that
  // holds: wait (a delete that should not have happened shows once it is gone; a static one is judged at the bound)
  if (!entity) return 'wait-stable'; // not visible yet (eventual consistency); judged at the bound
  if (deleting && a.exists === true && !a.fields) return 'wait-transitional';
  const wrong = Object.entries(a.fields ?? {}).filter(([k, v]) => typeof v === 'string' && !v.startsWith('$') && entity[k] !== v);
  if (wrong.length === 0) return 'holds';
  return transitional ? 'wait-transitional' : 'forbidden';
}

function matches(entity: Record<string, unknown>, values: Record<string, string[]> | undefined): boolean {
  return Object.entries(values ?? {}).some(([field, vs]) => vs.includes(String(entity[field])));
}

function describe(entity: Record<string, unknown> | undefined, spec: StateReadSpec): string {
  if (!entity) return 'not visible';
  const fields = Object.keys({ ...spec.transitional, ...spec.deleting });
  return fields.map((f) => `${f}=${String(entity[f])}`).join(', ') || 'present';
}

/** The emulator's own view of the entity (control API). */
async function observeControl(fixtures: Pick<Fixtures, 'get'>, vendor: Vendor, kind: string, id: string): Promise<Observation> {
  try {
    const entity = await fixtures.get(vendor, kind, id);
    return entity ? { entity } : { gone: true };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/** Send the read call once and find the entity in its answer. */
async function observe(target: Pick<Target, 'send'>, spec: StateReadSpec, c: ReadBackCase, id: string, region: string | undefined, tweak?: ProtocolTweak): Promise<Observation> {
  const call: OperationCall = {
    vendor: c.vendor, service: c.call.service, version: c.call.version, operation: spec.operation,
    ...(c.call.region ? { region: c.call.region } : {}),
    params: fill(spec.params, id, c.call, region ?? c.call.region ?? stringParam(c.call.params.RegionId) ?? stringParam(c.call.params.region) ?? EMULATOR_REGIONS[c.vendor]) as Record<string, unknown>,
  };
  let res: TargetResponse;
  try {
    res = await target.send(call, tweak);
  } catch (e) {
    return { error: `${spec.operation} could not be sent: ${errorMessage(e)}` };
  }
  if (res.outcome === 'transport-error') return { error: `${spec.operation} got no answer (${res.kind}): ${res.message}`, noAnswer: true };
  // a client that cannot express the read call (an SDK binding without it) saw nothing: no answer, not a judgement
  if (res.outcome === 'unsendable') return { error: `${spec.operation} not sent: ${res.message}`, noAnswer: true };
  if (!isAnswered(res)) return { error: `${spec.operation} not sent: ${res.message}` };
  const goneByAnswer = (res.status !== undefined && spec.gone?.status?.includes(res.status)) || (res.error?.code !== undefined && spec.gone?.codes?.includes(res.error.code));
  if (goneByAnswer) return { gone: true };
  // a server error or throttling says nothing of the entity: no answer (inconclusive), not a judgement
  if ((res.status !== undefined && res.status >= 500) || /thrott|flowlimit|ratelimit|too.?many|APIGW\.0308|ServiceUnavailable/i.test(res.error?.code ?? '')) {
    return { error: `${spec.operation} answered ${res.status ?? ''} ${res.error?.code ?? ''} (a server error or throttling: no state in it)`.replace(/\s+/g, ' '), noAnswer: true };
  }
  if (res.error?.code !== undefined || (res.status !== undefined && res.status >= 400)) {
    return { error: `${spec.operation} answered ${res.status ?? ''} ${res.error?.code ?? ''}: ${res.error?.message ?? ''}`.trim() };
  }
  const found = spec.items
    ? asList(fieldAt(res.body, spec.items)).find((x) => isRecord(x) && String(fieldAt(x, spec.id!)) === id)
    : fieldAt(res.body, spec.item!);
  if (!isRecord(found)) return { gone: true };
  const entity: Record<string, unknown> = { id };
  for (const [world, field] of Object.entries(spec.fields)) {
    const v = fieldAt(found, field);
    if (v !== undefined) entity[world] = v;
  }
  return { entity };
}

/**
 * `$id` (anywhere in a string), `$region` (where the entity lives: its fixture's region, else the
 * case's, else the target's default) and `$call.<param>` (the case's own parameter).
 */
function fill(v: unknown, id: string, call: OperationCall, region: string): unknown {
  if (Array.isArray(v)) return v.map((x) => fill(x, id, call, region));
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, id, call, region)]));
  if (typeof v !== 'string') return v;
  if (v === '$region') return region;
  if (v.startsWith('$call.')) return call.params[v.slice('$call.'.length)];
  return v.split('$id').join(id);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
