// The vendor's success or error envelope (profile `envelopes`), in JSON or XML.
import type { CheckFn } from './types.ts';
import { validate } from './ajv.ts';
import { isSuccessStatus, unwrapXml } from './util.ts';

export const envelope: CheckFn = ({ response, contract, profile }) => {
  if (!profile) return undefined;
  const isError = response.error !== undefined || (response.status !== undefined && !isSuccessStatus(response.status));
  const schema = isError ? profile.envelopes.error : profile.envelopes.success;
  const which = isError ? 'error' : 'success';
  if (response.body === undefined) {
    // an empty answer is a valid success envelope only where the contract says there is no body
    if (!isError && contract.response.schema === null) return { name: 'envelope', ok: true, expected: 'no body', actual: 'no body' };
    return { name: 'envelope', ok: false, expected: `${which} envelope`, actual: response.format ?? 'no body', message: `the ${which} answer has no parseable body` };
  }
  let doc: unknown = response.body;
  if (response.format === 'xml') {
    const { root, doc: inner } = unwrapXml(response.body);
    const xmlRoot = schema['x-xml-root'];
    const wantRoot = isError ? (typeof xmlRoot === 'string' ? xmlRoot : undefined) : contract.response.xml?.root ?? undefined;
    if (wantRoot && root !== wantRoot) {
      return { name: 'envelope', ok: false, expected: `<${wantRoot}>`, actual: root ? `<${root}>` : null, message: `XML root should be <${wantRoot}>` };
    }
    doc = inner;
  }
  const r = validate(schema, doc, response.format === 'xml' ? 'xml' : 'json');
  return { name: 'envelope', ok: r.ok, expected: `${which} envelope of ${profile.name}`, actual: r.ok ? 'matches' : r.message, ...(r.ok ? {} : { message: `${which} envelope: ${r.message}` }) };
};
