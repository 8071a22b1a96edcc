// HTTP status against the expectation (the contract's success status, or the error's status).
// Skipped (undefined) when the client hides the status: codes are still checked elsewhere.
import type { CheckFn } from './types.ts';

export const status: CheckFn = ({ testCase, response, expectation, contract }) => {
  if (response.status === undefined) return undefined;
  const expected = expectation.status ?? (expectation.kind === 'success' ? contract.response.status : undefined);
  if (expected === undefined) {
    const ok = expectation.kind === 'success' ? response.status < 400 : response.status >= 400;
    return { name: 'status', ok, expected: expectation.kind === 'success' ? '2xx' : '4xx/5xx', actual: response.status, source: testCase.source };
  }
  const ok = response.status === expected;
  return {
    name: 'status', ok, expected, actual: response.status, source: testCase.source,
    ...(ok ? {} : { message: `expected HTTP ${expected}, got ${response.status}` }),
  };
};
