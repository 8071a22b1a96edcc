// Helpers for the auth tweaks negative cases ask for; shared so every vendor breaks things alike.
import { createHash } from 'node:crypto';
import type { ProtocolTweak } from '../../core/types.ts';
import { randomBytesPooled } from '../../core/random.ts';
import type { BuildContext } from '../types.ts';
import { EXPIRED_OFFSET_MS } from './dates.ts';

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

export type AuthTweak = NonNullable<ProtocolTweak['auth']>;

/**
 * What every signer takes from the context before building: the tweak, its auth mode, the time to
 * sign at (an hour back for `expired`) and the key id to send (a foreign one for `unknown-key`).
 */
export function signingInputs(ctx: BuildContext): { tweak: ProtocolTweak; auth: AuthTweak; now: Date; accessKeyId: string } {
  const tweak = ctx.tweak ?? {};
  const auth = tweak.auth ?? 'valid';
  const base = ctx.now ?? new Date();
  return {
    tweak,
    auth,
    now: auth === 'expired' ? new Date(base.getTime() - EXPIRED_OFFSET_MS) : base,
    accessKeyId: auth === 'unknown-key' ? unknownKeyId(ctx.credentials.accessKeyId) : ctx.credentials.accessKeyId,
  };
}

/** The Authorization value to send: as signed, or with its trailing `Signature=` corrupted for `bad-signature`. */
export function authorizationFor(auth: AuthTweak, authorization: string): string {
  return auth === 'bad-signature' ? authorization.replace(/Signature=(\w+)$/, (_, s: string) => `Signature=${corrupt(s)}`) : authorization;
}
