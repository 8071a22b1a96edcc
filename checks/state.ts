// State after the call, read through the target's fixtures: an entity exists or not, with fields.
import type { CheckResult, StateAssertion } from '../core/types.ts';
import type { StateAfter } from './types.ts';

function resolve(v: unknown, refs: Record<string, string> | undefined): unknown {
  if (typeof v === 'string' && v.startsWith('$') && v.endsWith('.id')) return refs?.[v.slice(1, -3)] ?? v;
  if (Array.isArray(v)) return v.map((x) => resolve(x, refs));
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function stateChecks(after: StateAssertion[], state: StateAfter | undefined, refs?: Record<string, string>): CheckResult[] {
  // an entity no read call can show (an image, read back on a real cloud) is not judged: the case lists it
  // one still on its way when the bound was reached is not judged either: the runner makes the case inconclusive
  return after.filter((a) => !state?.[a.ref]?.unobservable && !state?.[a.ref]?.unsettled).map((a) => {
    const read = state?.[a.ref];
    if (!read || read.error) return { name: 'state', ok: false, expected: a, actual: read?.error ?? 'not read', message: `could not read ${a.ref}: ${read?.error ?? 'no state'}` };
    const exists = read.entity !== undefined;
    if (a.exists !== undefined && a.exists !== exists) {
      return { name: 'state', ok: false, expected: { ref: a.ref, exists: a.exists }, actual: { exists }, message: `${a.ref} should ${a.exists ? 'exist' : 'be gone'} after the call` };
    }
    for (const [k, v] of Object.entries(a.fields ?? {})) {
      const want = resolve(v, refs);
      if (!exists || !same(read.entity![k], want)) {
        return { name: 'state', ok: false, expected: { [k]: want }, actual: { [k]: read.entity?.[k] }, message: `${a.ref}.${k} should be ${JSON.stringify(want)}` };
      }
    }
    return { name: 'state', ok: true, expected: a, actual: { exists } };
  });
}
