// Contract facts (the page's claims, "before") against a vendor SDK model ("after"), per parameter and
// response field: presence, type, required, location, limits, enums, deprecation. A fact the model
// does not state is silence and is never compared: an SDK that never writes limits down has not
// removed the page's limits.
import { classify, classifyConstraint, type Change } from './classify.ts';
import { LIMIT_KEYWORDS, typeName, type ContractFacts, type FieldFacts, type OperationModel } from './model-facts.ts';

type Side = 'param' | 'field';

const sameSet = (a: unknown[] | undefined, b: unknown[]) =>
  a !== undefined && a.length === b.length && a.every((v) => b.some((w) => JSON.stringify(w) === JSON.stringify(v)));

const where = (c: FieldFacts | undefined, m: FieldFacts | undefined) => ({
  ...(c?.line !== undefined ? { line: c.line } : {}),
  ...(m?.at !== undefined ? { modelAt: m.at } : {}),
});

/** Limits and enums of one value (`prefix` is `items.` inside an array), then those of its items. */
function compareValues(c: FieldFacts, m: FieldFacts, subject: string, prefix: string, out: Change[]) {
  const at = where(c, m);
  for (const kw of LIMIT_KEYWORDS) {
    const [before, after] = [c.limits?.[kw], m.limits?.[kw]];
    if (after === undefined || before === after) continue;
    out.push({ kind: 'constraint-changed', subject: `${subject} ${prefix}${kw}`, before, after, ...at, ...classifyConstraint(`${prefix}${kw}`, before, after) });
  }
  if (m.enum && !sameSet(c.enum, m.enum)) {
    out.push({ kind: 'constraint-changed', subject: `${subject} ${prefix}enum`, before: c.enum, after: m.enum, ...at, ...classifyConstraint(`${prefix}enum`, c.enum, m.enum) });
  }
  if (c.type !== 'array' || !c.items || !m.items) return;
  if (c.items.type !== m.items.type && c.items.type !== 'any' && m.items.type !== 'any') {
    out.push({ kind: 'type-changed', subject: `${subject} ${prefix}items.type`, before: c.items.type, after: m.items.type, ...at, ...classify('type-changed') });
    return;
  }
  compareValues(c.items, { ...m.items, at: m.items.at ?? m.at }, subject, `${prefix}items.`, out);
}

function compareField(c: FieldFacts, m: FieldFacts, path: string[], side: Side, out: Change[]) {
  const subject = `${side} ${path.join('.')}`;
  const at = where(c, m);
  if (c.type !== m.type && c.type !== 'any' && m.type !== 'any') {
    const kind = side === 'param' ? 'type-changed' : 'response-field-retyped';
    out.push({ kind, subject, before: typeName(c), after: typeName(m), ...at, ...classify(kind) });
    return;
  }
  if (side === 'param' && m.required !== undefined && c.required !== undefined && m.required !== c.required) {
    out.push({ kind: 'required-changed', subject, before: c.required, after: m.required, ...at, ...classify('required-changed', { after: m.required }) });
  }
  if (side === 'param' && m.in !== undefined && c.in !== undefined && m.in !== c.in) {
    out.push({ kind: 'location-changed', subject, before: c.in, after: m.in, ...at, ...classify('location-changed') });
  }
  compareValues(c, m, subject, '', out);
  if (m.deprecated !== undefined && (c.deprecated ?? false) !== m.deprecated) {
    out.push({ kind: 'deprecation-changed', subject, before: c.deprecated ?? false, after: m.deprecated, ...at, ...classify('deprecation-changed', { after: m.deprecated }) });
  }
  // Arrays are transparent in paths (`OperationProgressSet.OperationProgress.ErrorMsg`).
  const [cf, mf] = [c.fields ?? c.items?.fields, m.fields ?? m.items?.fields];
  if (cf && mf) compareFields(cf, mf, path, side, out);
}

function compareFields(c: Record<string, FieldFacts>, m: Record<string, FieldFacts>, path: string[], side: Side, out: Change[], clientFilled: Record<string, string> = {}) {
  for (const [name, cf] of Object.entries(c).sort(([a], [b]) => a.localeCompare(b))) {
    const at = [...path, name];
    const mf = m[name];
    if (mf) { compareField(cf, mf, at, side, out); continue; }
    const filled = path.length === 0 ? clientFilled[name] : undefined;
    out.push({ kind: 'contract-only', subject: `${side} ${at.join('.')}`, before: typeName(cf), ...where(cf, undefined),
      ...(filled ? { classification: 'compatible', why: filled } : classify('contract-only')) });
  }
  for (const [name, mf] of Object.entries(m).sort(([a], [b]) => a.localeCompare(b))) {
    if (c[name]) continue;
    out.push({ kind: 'sdk-only', subject: `${side} ${[...path, name].join('.')}`, after: typeName(mf), ...where(undefined, mf),
      ...classify('sdk-only', { required: side === 'param' && mf.required === true }) });
  }
}

/** Every difference between the page's claims and the model, classified, in a stable order. */
export function compareFacts(contract: ContractFacts, model: OperationModel): Change[] {
  const out: Change[] = [];
  const [hc, hm] = [contract.http, model.http];
  if (hc && hm && (hc.method !== hm.method || hc.path !== hm.path)) {
    out.push({ kind: 'http-changed', subject: 'http', before: `${hc.method} ${hc.path}`, after: `${hm.method} ${hm.path}`, ...(hm.at ? { modelAt: hm.at } : {}), ...classify('http-changed') });
  }
  compareFields(contract.request, model.request, [], 'param', out, model.clientFilled);
  // No body on the page and none in the model agree; otherwise each side's fields are compared.
  compareFields(contract.response ?? {}, model.response, [], 'field', out);
  return out;
}
