// Preflight: before the suite, one probe per vendor, so a target that cannot be tested says so
// once instead of failing every case:
//   - no answer at all (closed port, unknown host, deadline): the whole run stops (exit 3);
//   - an answer with no parseable vendor envelope (an HTML page, plain text): that vendor's cases
//     are skipped with the reason, the other vendors run. A *malformed* envelope (JSON or XML of
//     the wrong shape) is an answer: the envelope cases judge it, preflight does not;
//   - the vendor's own "bad signature" or "unknown key" error (the profile's roles): the
//     credentials were rejected; that vendor's cases are skipped with one message.
// The probe is one of the run's own cases that cannot change anything: not destructive, no
// fixtures, no protocol tweak, preferably one the vendor answers with an error.
import type { Case, CaseResult, PreflightStop, ProtocolProfile, Target, TargetResponse, Vendor } from '../core/types.ts';
import { alternativesOf } from '../core/expectations.ts';
import { sendOnce } from './retry.ts';
import { isAnswered } from '../core/outcome.ts';

/** The bad-signature and unknown-key roles of a vendor profile: what "credentials rejected" looks like. */
const CREDENTIAL_ROLES = ['bad-signature', 'unknown-key'];

/** What the caller adds to the choice: cases it may send at all (a real cloud's safety level), and a penalty per case (lower first). */
export interface ProbeChoice {
  allow?: (c: Case) => boolean;
  penalty?: (c: Case) => number;
}

/** Per vendor, the case the probe sends: safe to send anywhere (a real cloud too), first in run order among the best. */
export function probeCases(cases: Iterable<Case>, choice: ProbeChoice = {}): Map<Vendor, Case> {
  const best = new Map<Vendor, { c: Case; rank: number }>();
  for (const c of cases) {
    if (c.destructive || c.setup?.length || c.tweak || c.then || c.call.rawParams?.length || c.call.format === 'XML' || c.category === 'idempotency') continue;
    if (choice.allow && !choice.allow(c)) continue;
    // An error the vendor gives before acting proves the most: the signature was checked first.
    const rank = (alternativesOf(c.expect).every((e) => e.kind === 'error') ? 0 : 1) + 2 * (choice.penalty?.(c) ?? 0);
    const known = best.get(c.call.vendor);
    if (!known || rank < known.rank) best.set(c.call.vendor, { c, rank });
  }
  return new Map([...best].map(([v, { c }]) => [v, c]));
}

export type ProbeOutcome =
  | { kind: 'ok' }
  | { kind: 'unreachable'; message: string }
  | PreflightStop;

/** What one probe answer means for its vendor. */
export function classifyProbe(c: Case, res: TargetResponse, profile: ProtocolProfile | undefined): ProbeOutcome {
  const vendor = c.call.vendor;
  if (res.outcome === 'transport-error' && (res.kind === 'connection' || res.kind === 'timeout')) {
    return { kind: 'unreachable', message: `${res.kind}: ${res.message}` };
  }
  if (!isAnswered(res)) return { kind: 'ok' };
  if (res.format === 'other') {
    const type = res.contentType ? ` ${res.contentType}` : '';
    const text = (res.raw ?? '').replace(/\s+/g, ' ').trim();
    const preview = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    return {
      vendor, kind: 'no-envelope',
      message: `${vendor}: the target answered with no ${vendor} envelope (HTTP ${res.status ?? '?'}${type}: "${preview}"): not a ${vendor} API endpoint?`,
    };
  }
  const code = res.error?.code;
  const expected = new Set(alternativesOf(c.expect).map((e) => (e.kind === 'error' ? e.code : '')));
  const roles = CREDENTIAL_ROLES.filter((r) => profile?.errors[r]?.code === code);
  if (code && roles.length && !expected.has(code)) {
    return {
      vendor, kind: 'credentials-rejected',
      message: `${vendor}: the target rejected the credentials (${code}${res.status !== undefined ? ` ${res.status}` : ''}, the vendor's ${roles.join(' / ')} error${res.error?.message ? `: ${res.error.message.slice(0, 120)}` : ''}): check the access key and secret`,
    };
  }
  return { kind: 'ok' };
}

/** Send each vendor's probe once (no retry) and classify the answers; stops at the first unreachable one. */
export async function probeVendors(
  target: Target, cases: Iterable<Case>, profiles: Partial<Record<Vendor, ProtocolProfile>>, timeoutMs: number, choice: ProbeChoice = {},
): Promise<ProbeOutcome[]> {
  const out: ProbeOutcome[] = [];
  for (const [vendor, c] of probeCases(cases, choice)) {
    const res = await sendOnce(target, c, c.call.params, timeoutMs);
    const outcome = classifyProbe(c, res, profiles[vendor]);
    out.push(outcome);
    if (outcome.kind === 'unreachable') break;
  }
  return out;
}

/** The result of a case the preflight kept from running. */
export function preflightSkipped(c: Case, stop: PreflightStop): CaseResult {
  return {
    id: c.id, contract: c.contract, vendor: c.call.vendor, operation: c.call.operation, category: c.category, title: c.title,
    verdict: 'skipped', reason: `not run: ${stop.message}`, expected: c.expect, actual: undefined, checks: [], source: c.source,
    ...(c.mutation ? { mutation: c.mutation } : {}),
    ...(c.evidence ? { evidence: c.evidence } : {}),
    durationMs: 0,
  };
}
