// Cryptographically random bytes for nonces and ids, drawn from a pooled buffer: on this kind of
// machine each small `crypto.randomBytes(n)` call costs ~20 us (one trip to the system's source),
// while slicing a pool refilled 8 KiB at a time with `randomFillSync` costs ~2 us. Same source, same
// quality (node's CSPRNG); bytes are copied out, so callers own them and no two callers share any.
import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

export function randomBytesPooled(n: number): Buffer {
  if (n > 256) return randomBytes(n);
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + n));
  // Never hand the same bytes out twice.
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}
