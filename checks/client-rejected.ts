// The client refused to send the request (an SDK's own validation): there is no answer to judge, so
// it runs instead of the answer checks (stage `client`). A valid request refused fails. An invalid
// one refused passes only when the refusal is the one the case provokes: the client declares it
// enforces that constraint (an SDK binding's `enforces`, `Param.keyword`), or its error names the
// violated parameter. Any other refusal fails: it may hide that the SDK lost the vendor's answer.
import type { CaseOrigin } from '../core/types.ts';
import type { CheckFn } from './types.ts';

/** The parameter and keyword a case breaks, from its typed provenance. */
function violated(origin: CaseOrigin | undefined): { param: string; keyword?: string } | undefined {
  if (origin?.kind === 'parameter') return { param: origin.param, ...(origin.keyword ? { keyword: origin.keyword } : {}) };
  if (origin?.kind === 'error-row') return violated(origin.stimulus);
  return undefined;
}

/** `snapshot_id`, `snapshotId` and `SnapshotId` are one name; `Tag.1.Key` is `Tag`. */
const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const names = (text: string, param: string) => bare(text).includes(bare(param.split('.')[0]!));

export const clientRejected: CheckFn = ({ response, expectation, testCase }) => {
  if (response.outcome !== 'client-rejected') return undefined;
  const refusal = response.message;
  if (expectation.kind !== 'error') {
    return { name: 'client-rejected', ok: false, expected: 'sent and accepted', actual: refusal, source: testCase.source, message: `the client refused a valid request: ${refusal}` };
  }
  const v = violated(testCase.origin);
  const declared = v && (response.enforced ?? []).some((c) => c === `${v.param}.${v.keyword ?? ''}` || c === v.param);
  if (v && (declared || names(refusal, v.param))) {
    return { name: 'client-rejected', ok: true, actual: refusal, message: declared ? `refused client-side, as the client declares (${v.param}${v.keyword ? `.${v.keyword}` : ''})` : `refused client-side, naming ${v.param}` };
  }
  const wanted = v ? `a refusal naming ${v.param}, or ${v.param}${v.keyword ? `.${v.keyword}` : ''} in the client's declared constraints` : 'the request sent, and the vendor\'s error decoded (the case breaks no single parameter a client could check)';
  return {
    name: 'client-rejected', ok: false, expected: wanted, actual: refusal, source: testCase.source,
    message: `the client refused the request with an error that does not name what the case breaks: ${refusal}`,
  };
};
