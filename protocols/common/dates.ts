// The two timestamp formats on the wire, and the skew check every verifier applies.

/** `2026-11-22T10:25:06Z` (Alibaba `x-acs-date`, v1 `Timestamp`). */
export function isoSeconds(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond) {
    const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ (a 6-digit year is longer: keep all but the millis)
    lastIso = `${iso.slice(0, -5)}Z`;
    lastSecond = second;
  }
  return lastIso;
}
// Every request of a second carries the same timestamp: formatted once per second.
let lastSecond = NaN;
let lastIso = '';

/** `20261122T102506Z` (Volcengine `X-Date`, Huawei `X-Sdk-Date`). */
export function basicDate(d: Date): string {
  return isoSeconds(d).replace(/[-:]/g, '');
}

/** Parse either format; undefined when it is neither. */
export function parseWireDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(t) ? undefined : new Date(t);
}

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** Beyond every vendor's window (15 minutes), used by the `expired` tweak. */
export const EXPIRED_OFFSET_MS = 60 * 60 * 1000;

/** Undefined when `signed` is within the window, else a detail for the `expired` failure. */
export function skewProblem(signed: Date, now: Date, maxSkewMs = DEFAULT_MAX_SKEW_MS): string | undefined {
  const diff = now.getTime() - signed.getTime();
  if (Math.abs(diff) <= maxSkewMs) return undefined;
  return `request time ${isoSeconds(signed)} is ${Math.round(Math.abs(diff) / 1000)}s ${diff > 0 ? 'in the past' : 'in the future'} (allowed ${maxSkewMs / 1000}s)`;
}
