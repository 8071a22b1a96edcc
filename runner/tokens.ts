// Idempotency tokens unique per run and per case. A target remembers tokens (a real cloud for hours, a long-lived
// emulator until restart), so a second run reusing the generated tokens would meet its own first
// run, and two cases sharing a literal token would meet each other: IdempotentParameterMismatch where
// a case expects success. The runner rewrites each token per run and per case (a replay in the same
// case still reuses the same token), keeping
// its length and charset so boundary cases stay on their boundary.
import { createHash, randomUUID } from 'node:crypto';
import type { Case, Contract } from '../core/types.ts';

/** Shortest token that is rewritten: shorter ones are left as they are (their length is the point). */
const MIN_SALTED = 9;

export const newRunSalt = (): string => randomUUID();

export function saltTokens(params: Record<string, unknown>, c: Case, contract: Contract, salt: string | undefined): Record<string, unknown> {
  if (!salt) return params;
  let out = params;
  for (const p of contract.request.parameters) {
    if (!p.idempotencyToken || c.mutation?.param === p.name) continue;
    const v = params[p.name];
    if (typeof v !== 'string' || v.length < MIN_SALTED || !/^[\x21-\x7e]*$/.test(v)) continue;
    // Up to 64 bits of the hash: a deep run draws tens of thousands of tokens, and 32 bits would
    // collide (birthday bound) into IdempotentParameterMismatch between unrelated cases.
    const tail = createHash('sha256').update(`${salt}\0${c.id}\0${v}`).digest('hex').slice(0, Math.min(16, v.length));
    if (out === params) out = { ...params };
    out[p.name] = v.slice(0, v.length - tail.length) + tail;
  }
  return out;
}
