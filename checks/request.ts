// What the client sent, as the emulator saw it (its `x-emulator-findings` header, loopback only):
// a finding the contract or profile forbids fails the case naming the parameter; one with no
// evidence either way (unknown parameters, gaps, repeats, `+`) is listed on the case, not failed.
import type { CheckFn } from './types.ts';
import { isJsonObject } from '../core/json.ts';

/** Same name as emulator/validate/findings.ts FINDINGS_HEADER (checks may not import the emulator). */
const HEADER = 'x-emulator-findings';

interface WireFinding { kind: string; parameter: string; sent: string; verdict: 'rejected' | 'listed'; why: string }

const isFinding = (f: unknown): f is WireFinding => isJsonObject(f)
  && typeof f.kind === 'string' && typeof f.parameter === 'string' && typeof f.sent === 'string' && typeof f.why === 'string'
  && (f.verdict === 'rejected' || f.verdict === 'listed');

export function readFindings(headers: Record<string, string> | undefined): WireFinding[] | undefined {
  const raw = headers?.[HEADER];
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(raw));
    return Array.isArray(parsed) && parsed.every(isFinding) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The case itself asked for this value (a negative case's deliberate `Force=yes`): not the client's doing. */
function intended(f: WireFinding, params: Record<string, unknown>): boolean {
  const asked = params[f.parameter] ?? params[f.parameter.split('.')[0]!];
  return asked !== undefined && !Array.isArray(asked) && String(asked) === f.sent;
}

export const request: CheckFn = ({ response, testCase }) => {
  const findings = readFindings(response.headers);
  if (!findings?.length) return undefined;
  const params = testCase?.call?.params ?? {};
  const rejected = findings.filter((f) => f.verdict === 'rejected' && !intended(f, params));
  const listed = findings.filter((f) => !rejected.includes(f));
  const ok = rejected.length === 0;
  const message = ok
    ? `listed, not failed: ${listed.map((f) => f.why).join('; ')}`
    : rejected.map((f) => f.why).join('; ') + (listed.length ? ` (also listed: ${listed.map((f) => f.parameter).join(', ')})` : '');
  return { name: 'request', ok, expected: 'parameters as the contract and profile spell them', actual: findings, message };
};
