// The client refused to send the request (an SDK's own validation): a pass only where an error was
// expected, else the client rejected a valid request. Runs instead of the answer checks (stage
// `client`): there is no answer to judge.
import type { CheckFn } from './types.ts';

export const clientRejected: CheckFn = ({ response, expectation, testCase }) => {
  if (response.clientRejected === undefined) return undefined;
  return expectation.kind === 'error'
    ? { name: 'client-rejected', ok: true, actual: response.clientRejected }
    : { name: 'client-rejected', ok: false, expected: 'sent and accepted', actual: response.clientRejected, source: testCase.source, message: `the client refused a valid request: ${response.clientRejected}` };
};
