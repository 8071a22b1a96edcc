// What the page fixes inside a success body: documented values of fields (`OperationStatus` is
// exactly `Success` where `ErrorCode` is empty; per-item codes are the documented ones), and the
// per-item results a case expects of a batch answer (which item failed, with which code).
import { pageLabel } from '../core/page.ts';
import type { Contract, TargetResponse } from '../core/types.ts';
import { fieldsAt, isEmptyValue } from '../core/field-path.ts';
import { liftArrays } from './ajv.ts';
import { unwrapXml } from './util.ts';
import type { CheckFn } from './types.ts';

/** The success document, XML lists lifted to arrays where the schema says array. */
function docOf(response: TargetResponse, contract: Contract): unknown {
  if (response.format !== 'xml') return response.body;
  return liftArrays(contract.response.schema ?? undefined, unwrapXml(response.body).doc);
}

const show = (v: unknown) => JSON.stringify(v);

/** In a success expectation's `items`: the item failed, with any code (no source names which). */
export const ANY_CODE = '*';

export const documentedValues: CheckFn = ({ response, expectation, contract, testCase }) => {
  const values = contract.response.values;
  if (!values?.length || expectation.kind !== 'success' || response.error || response.body === undefined) return undefined;
  const doc = docOf(response, contract);
  for (const v of values) {
    const allowed = v.oneOf ?? [v.equals!];
    for (const f of fieldsAt(doc, v.path)) {
      if (f.value === undefined) continue; // an absent field is the schema check's to judge
      if (v.whenEmpty !== undefined && !isEmptyValue(f.parent[v.whenEmpty])) continue;
      if (allowed.some((a) => a === f.value)) continue;
      const when = v.whenEmpty !== undefined ? ` where ${v.whenEmpty} is empty` : '';
      return {
        name: 'documented-values', ok: false, expected: { [v.path]: v.oneOf ?? v.equals }, actual: { [f.at]: f.value },
        ...(v.line !== undefined ? { source: { file: testCase.docSource?.file ?? pageLabel(contract), line: v.line } } : {}),
        message: `${f.at} is ${show(f.value)}; documented: ${v.oneOf ? `one of ${v.oneOf.map(show).join(', ')}` : show(v.equals)}${when}${v.line !== undefined ? ` (page line ${v.line})` : ''}`,
      };
    }
  }
  return { name: 'documented-values', ok: true };
};

/** Per-item results of a batch answer: each expected item is reported, with the expected code or none. */
export const itemResults: CheckFn = ({ response, expectation, contract, refs, testCase }) => {
  const per = contract.response.perItem;
  if (!per || expectation.kind !== 'success' || !expectation.items || response.error || response.body === undefined) return undefined;
  const items = fieldsAt(docOf(response, contract), `${per.list}[].${per.id}`);
  const source = per.line !== undefined ? { source: { file: testCase.docSource?.file ?? pageLabel(contract), line: per.line } } : {};
  for (const [ref, want] of Object.entries(expectation.items)) {
    const m = /^\$(\w+)\.id$/.exec(ref);
    const id = m ? refs?.[m[1]!] : ref;
    const item = items.find((f) => f.value === id);
    if (!item) {
      return { name: 'item-results', ok: false, expected: { [ref]: want }, actual: null, ...source, message: `no ${per.list} entry for ${id ?? ref}` };
    }
    const code = fieldsAt(item.parent, per.code)[0]?.value;
    const got = isEmptyValue(code) ? null : code;
    // `*`: the item failed, with a code no source pins down (documented-values holds it to the documented ones)
    if (want === ANY_CODE ? got === null : got !== want) {
      return {
        name: 'item-results', ok: false, expected: { [`${per.id}=${id}`]: want }, actual: { [`${per.id}=${id}`]: got }, ...source,
        message: `${per.list} entry for ${id}: ${per.code} should be ${want === null ? 'empty (the item succeeded)' : want === ANY_CODE ? 'set (the item failed)' : want}, got ${got === null ? 'none' : show(got)}`,
      };
    }
  }
  return { name: 'item-results', ok: true };
};
