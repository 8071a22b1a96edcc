// An idempotent replay (a scenario's `then:` with `sameAsFirst`) answers as the first call did:
// same status, same body but for request ids. Stage `replay`: judged on the second answer.
import type { TargetResponse } from '../core/types.ts';
import { actualSummary } from './util.ts';
import type { CheckFn } from './types.ts';

const stripIds = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null, (k, x) => (k === 'RequestId' || k === 'requestId' || k === 'request_id' ? undefined : x)));

/** `input.response` is the replay's answer; `input.first` the first call's. */
export const sameAsFirst: CheckFn = ({ testCase, response, first }) => {
  if (!testCase.then?.sameAsFirst || !first) return undefined;
  const same = sameAnswer(first, response);
  return { name: 'same-as-first', ok: same, expected: 'the replay answers as the first call', ...(same ? {} : { actual: actualSummary(response), message: 'the replayed request got a different answer' }) };
};

function sameAnswer(a: TargetResponse, b: TargetResponse): boolean {
  return a.status === b.status && JSON.stringify(stripIds(a.body)) === JSON.stringify(stripIds(b.body));
}
