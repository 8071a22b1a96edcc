// The real-cloud safety guard: wraps Target.send and inspects every resource id a call carries.
// A call is sent only when each id is
//   - listed in the fixtures file (conformance.fixtures.yaml) for that vendor, or
//   - created by this run (journaled before it was created), or
//   - minted by the case generator for this run (random ids from the seed, `...doesnotexist...`
//     sentinels): such ids belong to no account, they exist to be rejected, or
//   - the caller's own identity (the Huawei project of the credentials).
// A call that deletes or changes a resource (Delete*, Release*, Terminate*, Modify*, ...) may only
// name ids created by this run, minted ids, or fixtures marked `deletable: true`.
// Anything else is refused: the call is never sent, the case is `skipped` with the reason.
import type { OperationCall, Target, TargetResponse, Vendor } from '../core/types.ts';

/** Parameter names that carry resource ids (`InstanceId`, `SnapshotIds`, `snapshot_id`, `ExcludeDiskId`). */
const ID_PARAM = /(?:Id|Ids|_id|_ids)$/;
/** Id-shaped names that are not resources of the account. */
const NOT_RESOURCE = /^(?:Region|Zone|Request|Client|Resource_?Group)_?Ids?$/i;
/** Operations that delete or change the resources they name. */
const DESTROYING = /^(?:Delete|Release|Terminate|Remove|Detach|Stop|Reboot|Reset|Modify|Update|Rollback|Replace|Resize|Cancel|Unbind|Disassociate)/;
/** Operations that create resources (journaled before they are sent). */
export const CREATING = /^(?:Create|Run|Allocate|Copy|Import|Purchase|Clone)/;

export function isIdParam(name: string): boolean {
  const bare = name.replace(/\.\d+$/, '');
  return ID_PARAM.test(bare) && !NOT_RESOURCE.test(bare);
}

export function isDestroying(operation: string): boolean {
  return DESTROYING.test(operation);
}

/** Every (param, id) pair of a call: params (lists flattened) and raw wire pairs. */
export function idValues(params: Record<string, unknown>, rawParams: [string, string][] = []): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!isIdParam(k)) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && x !== '') out.push([k, x]);
  }
  for (const [k, v] of rawParams) if (isIdParam(k) && v !== '') out.push([k, v]);
  return out;
}

/** Ids a call would delete or change (empty unless the operation is destroying). */
export function destroyedIds(operation: string, params: Record<string, unknown>): string[] {
  return isDestroying(operation) ? idValues(params).map(([, v]) => v) : [];
}

export interface GuardSources {
  /** Ids the fixtures file lists for a vendor (plus the caller's identity ids). */
  listed(vendor: Vendor): Set<string>;
  deletable(vendor: Vendor, id: string): boolean;
  /** Ids of the caller's identity (never deleted, always allowed). */
  caller(vendor: Vendor): Set<string>;
}

export interface Guard {
  /** Why the call may not be sent, or undefined when it may. */
  check(call: OperationCall): string | undefined;
  /** Ids this run created (the journal adds them before use). */
  readonly created: Set<string>;
  /** Ids the generator minted for this run's cases. */
  readonly minted: Set<string>;
  allowMinted(ids: Iterable<string>): void;
  /** After an interrupt: every further call is refused. */
  stop(reason: string): void;
}

export function createGuard(sources: GuardSources): Guard {
  const created = new Set<string>();
  const minted = new Set<string>();
  let stopped: string | undefined;
  return {
    created, minted,
    allowMinted(ids) { for (const id of ids) minted.add(id); },
    stop(reason) { stopped = reason; },
    check(call) {
      if (stopped) return stopped;
      const listed = sources.listed(call.vendor);
      const caller = sources.caller(call.vendor);
      const pairs = idValues(call.params, call.rawParams);
      for (const [param, id] of pairs) {
        if (caller.has(id) || listed.has(id) || created.has(id) || minted.has(id)) continue;
        return `${call.operation} ${param}=${id}: not in the fixtures file and not created by this run (real-cloud safety: only listed or run-created resources are touched)`;
      }
      if (isDestroying(call.operation)) {
        for (const [param, id] of pairs) {
          if (caller.has(id) || created.has(id) || minted.has(id) || sources.deletable(call.vendor, id)) continue;
          return `${call.operation} ${param}=${id} would delete or change a listed resource not marked deletable: true in the fixtures file`;
        }
      }
      return undefined;
    },
  };
}

/** The literal resource ids of generated cases (never `$fixture.id` references): the guard's minted set. */
export function mintedIds(cases: { call: OperationCall; then?: { params: Record<string, unknown> } }[]): Set<string> {
  const out = new Set<string>();
  for (const c of cases) {
    for (const [, v] of [...idValues(c.call.params, c.call.rawParams), ...(c.then ? idValues(c.then.params) : [])]) {
      if (!v.startsWith('$')) out.add(v);
    }
  }
  return out;
}

/** The target with the guard in front of send(): a refused call returns the `refused` outcome and is never sent. */
export function guarded(target: Target, guard: Guard): Target {
  const send = target.send.bind(target);
  return {
    ...target,
    async send(call, tweak): Promise<TargetResponse> {
      const why = guard.check(call);
      if (why) return { outcome: 'refused', message: why, durationMs: 0, attempts: 0 };
      return send(call, tweak);
    },
  };
}
