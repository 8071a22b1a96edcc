// A JSON success body against the contract's response schema (compiled once); no body where the
// contract says none. XML bodies are judged by xml-json.
import type { CheckFn } from './types.ts';
import { validate } from './ajv.ts';

export const schema: CheckFn = ({ testCase, response, expectation, contract }) => {
  if (expectation.kind !== 'success' || response.error) return undefined;
  const s = contract.response.schema;
  if (s === null) {
    const ok = response.body === undefined || response.format === 'none';
    return { name: 'schema', ok, expected: 'no body', actual: ok ? 'no body' : response.raw?.slice(0, 120), ...(ok ? {} : { message: 'the contract documents no success body' }) };
  }
  if (response.format === 'xml') return undefined;
  if (response.body === undefined) return { name: 'schema', ok: false, expected: 'a JSON body', actual: null, message: 'success answer has no body', source: testCase.source };
  const r = validate(s, response.body, 'json');
  return { name: 'schema', ok: r.ok, expected: 'response schema', actual: r.ok ? 'matches' : r.message, ...(r.ok ? {} : { message: `body does not match the response schema: ${r.message}` }) };
};
