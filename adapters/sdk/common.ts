// Shared by the SDK adapters: the bindings a user's SDK mock may replace, and error mapping
// helpers that turn client-side failures into transport errors / client refusals.
import type { Answered, TransportError } from '../../core/types.ts';
import { flattenParams } from '../../protocols/common/params.ts';
import { prop } from '../unknown.ts';

export type Transportish = Pick<TransportError, 'kind' | 'message'>;

const CONNECTION = /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket hang up/i;
const TIMEOUT = /ETIMEDOUT|ECONNABORTED|timeout|timed out/i;

/** A network-level failure (no HTTP answer), from an error's code/name/message; undefined otherwise. */
export function networkFailure(e: unknown): Transportish | undefined {
  const said = [prop(e, 'code'), prop(prop(e, 'cause'), 'code'), prop(e, 'name'), prop(e, 'message')].filter((x) => typeof x === 'string').join(' ');
  const message = String(prop(e, 'message') ?? said);
  if (TIMEOUT.test(said)) return { kind: 'timeout', message };
  if (CONNECTION.test(said)) return { kind: 'connection', message };
  return undefined;
}

/**
 * An SDK error that reports an HTTP answer but not the vendor's code (`Request failed with status
 * 400`): the request was answered and the SDK lost what the answer said. It is an answer with no
 * decoded code (the error-code check then fails it), never a client-side refusal, and never a
 * transport failure to retry.
 */
export function undecodedAnswer(e: unknown): Answered | undefined {
  const message = String(prop(e, 'message') ?? '');
  const m = /\bstatus(?: code)?:? (\d{3})\b|\bHTTP[ /](?:1\.1 )?(\d{3})\b/i.exec(message);
  const status = Number(m?.[1] ?? m?.[2]);
  if (!m || status < 300 || status > 599) return undefined;
  return { outcome: 'answered', status, error: { message: `the SDK surfaced the answer without the vendor's code: ${message}` }, format: 'other' };
}

export function elapsed(started: number): number {
  return performance.now() - started;
}

/** Flatten lists the way RPC SDKs expect callers to: `Name.1..N`, structs as `Name.N.Key`. */
export function flattenLists(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(flattenParams(params));
}
