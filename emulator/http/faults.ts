// Injected faults (POST /__emulator/faults): latency, dropped connections, 5xx, throttling,
// truncated bodies. Each rule may be limited by a rate, a count, a vendor and an operation.
import { VENDORS, type Vendor, isVendor } from '../../core/types.ts';
import type { Store } from '../state/store.ts';
import { isJsonObject, isOneOf } from '../../core/json.ts';

export const FAULT_KINDS = ['latency', 'drop', '5xx', 'throttle', 'truncate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kinds: FaultKind[];
  rate: number;
  latencyMs: number;
  /** Remaining injections; undefined = unlimited. */
  count?: number;
  match: { vendor?: Vendor; operation?: string };
}

export interface FaultDecision { latencyMs: number; outcome?: Exclude<FaultKind, 'latency'> }

export function parseFaultRule(input: unknown): FaultRule | string {
  if (!isJsonObject(input)) return 'expected a JSON object';
  const o = input;
  if (!Array.isArray(o.kinds) || o.kinds.length === 0) return 'kinds: expected a non-empty array';
  const kinds: FaultKind[] = [];
  for (const k of o.kinds) {
    if (!isOneOf(FAULT_KINDS, k)) return `kinds: "${String(k)}" is not one of ${FAULT_KINDS.join(', ')}`;
    kinds.push(k);
  }
  const rate = o.rate === undefined ? 1 : Number(o.rate);
  if (!(rate >= 0 && rate <= 1)) return 'rate: expected a number in 0..1';
  const latencyMs = o.latencyMs === undefined ? 1000 : Number(o.latencyMs);
  if (!(latencyMs >= 0 && latencyMs <= 600_000)) return 'latencyMs: expected 0..600000';
  let count: number | undefined;
  if (o.count !== undefined) {
    count = Number(o.count);
    if (!Number.isInteger(count) || count < 1) return 'count: expected a positive integer';
  }
  const m = o.match ?? {};
  if (!isJsonObject(m)) return 'match: expected an object';
  const match: FaultRule['match'] = {};
  if (m.vendor !== undefined) {
    if (!isVendor(m.vendor)) return 'match.vendor: unknown vendor';
    match.vendor = m.vendor;
  }
  if (m.operation !== undefined) match.operation = String(m.operation);
  return { kinds, rate, latencyMs, count, match };
}

/** What a fault fixture does to a request: refuse it throttled, or let it act and answer an internal error. */
export type FixtureFaultOutcome = 'throttle' | 'internal-after';

/**
 * A `fault` fixture (core/world.ts InjectedFault) matching this request: its outcome, for every such
 * request while it exists (a retry meets it too, so a chaos fault on the first attempt changes
 * nothing), or for the next `remaining` ones (a flow's retries then get through). The case's clean-up
 * removes it like any fixture; the case runs alone (exclusive).
 */
export function takeFixtureFault(store: Store, vendor: Vendor | undefined, operation: string | undefined): FixtureFaultOutcome | undefined {
  if (!vendor) return undefined;
  const f = store.list(vendor, 'fault').find((e) => !e.operation || e.operation === operation);
  if (!f || (f.outcome !== 'throttle' && f.outcome !== 'internal-after')) return undefined;
  if (typeof f.remaining === 'number') {
    if (f.remaining <= 1) store.remove(vendor, 'fault', f.id, { silent: true }); else f.remaining -= 1;
  }
  return f.outcome;
}

export class Faults {
  rules: FaultRule[] = [];
  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void { this.rules.push(rule); }
  clear(): void { this.rules = []; }

  /** What to do to this request (consumes counts). */
  decide(vendor: Vendor | undefined, operation: string | undefined): FaultDecision {
    const out: FaultDecision = { latencyMs: 0 };
    for (const r of this.rules) {
      if (r.match.vendor && r.match.vendor !== vendor) continue;
      if (r.match.operation && r.match.operation !== operation) continue;
      if (r.count !== undefined && r.count <= 0) continue;
      if (this.random() >= r.rate) continue;
      if (r.count !== undefined) r.count--;
      for (const k of r.kinds) {
        if (k === 'latency') out.latencyMs += r.latencyMs;
        else out.outcome ??= k;
      }
    }
    this.rules = this.rules.filter((r) => r.count === undefined || r.count > 0);
    return out;
  }
}
