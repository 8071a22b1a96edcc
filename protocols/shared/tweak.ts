// Helpers for the auth tweaks negative cases ask for; shared so every vendor breaks things alike.
import { createHash } from 'node:crypto';
import { randomBytesPooled } from '../../core/random.ts';

/** A key id no emulator or cloud account has. */
export const UNKNOWN_KEY_SUFFIX = 'UnknownKey0000';
export function unknownKeyId(real: string): string {
  return `${real.slice(0, 4)}${UNKNOWN_KEY_SUFFIX}`;
}

/** Fixed nonce for the `reused-nonce` tweak: two calls with it, the second must be refused. */
export const REUSED_NONCE = createHash('sha256').update('cloud-api-conformance/reused-nonce').digest('hex');

export function randomNonce(): string {
  return randomBytesPooled(32).toString('hex');
}

/** Change the first character (valid in hex and base64) so the signature stays well formed but wrong. */
export function corrupt(signature: string): string {
  return (signature.startsWith('a') ? 'b' : 'a') + signature.slice(1);
}
