// An XML success body must carry what the JSON form carries: the documented root element, and the
// same fields and shapes as the JSON schema (leaves coerced, single list items lifted to arrays).
import type { CheckFn } from './types.ts';
import { validate } from './ajv.ts';
import { unwrapXml } from './util.ts';

export const xmlJson: CheckFn = ({ response, expectation, contract }) => {
  if (response.format !== 'xml' || expectation.kind !== 'success' || response.error) return undefined;
  const want = contract.response.xml?.root;
  const { root, doc } = unwrapXml(response.body);
  if (want && root !== want) return { name: 'xml-json', ok: false, expected: `<${want}>`, actual: root ? `<${root}>` : null, message: `XML root should be <${want}>` };
  if (!contract.response.schema) return undefined;
  const r = validate(contract.response.schema, doc ?? {}, 'xml');
  return { name: 'xml-json', ok: r.ok, expected: 'XML agrees with the JSON schema', actual: r.ok ? 'agrees' : r.message, ...(r.ok ? {} : { message: `XML body disagrees with the JSON schema: ${r.message}` }) };
};
