// Structural diff of two versions of one contract, each difference classified by classify.ts.
// Page mode (`page` given): `after` is a draft of a newer page, so only what the importer reads is
// compared, and a stored fact the page never held in a table (a response field or error code taken
// from an example or prose) is not called removed while the page still mentions it.
import type { Contract, ContractErrorRow, ContractParam } from '../core/types.ts';
import { errorRowKey, pathEndsWith, schemaFields } from '../importer/compare.ts';
import { escapeRegExp, type ParsedPage } from '../importer/types.ts';
import { classify, classifyConstraint, type Change, type ChangeKind } from './classify.ts';
import { isJsonObject as isObj, type JsonObject as Json } from '../core/json.ts';

export interface DiffOptions {
  /** The newer page `after` was drafted from: page mode. */
  page?: ParsedPage;
  /** Page mode: params whose required cell is blank (nothing to compare). */
  requiredUnstated?: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/** Constraint keywords of a param schema, flattened (`items.minLength`, `not.pattern`); type and annotations apart. */
export function constraintKeywords(schema: Json, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' || k === 'default' || k === 'description' || k === 'examples' || k === 'title' || k.startsWith('x-')) continue;
    if ((k === 'items' || k === 'not') && isObj(v)) {
      for (const [kk, vv] of constraintKeywords(v, `${prefix}${k}.`)) out.set(kk, vv);
      if (k === 'items' && v.type !== undefined) out.set(`${prefix}items.type`, v.type);
    } else out.set(`${prefix}${k}`, v);
  }
  return out;
}

const typeOf = (p: ContractParam) => p.schema.type;
const KEYWORDS_OF: Record<string, string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format', 'not.pattern'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems', 'uniqueItems'],
};
/** Can a schema of `type` carry keyword `kw`? (`items.*` only arrays; unknown keywords: yes.) */
const appliesTo = (kw: string, type: unknown) => {
  if (kw.startsWith('items.')) return type === 'array';
  const owner = Object.entries(KEYWORDS_OF).filter(([, kws]) => kws.includes(kw)).map(([t]) => t);
  return owner.length === 0 || owner.includes(String(type));
};
const defaultOf = (p: ContractParam) => p.default ?? p.schema.default;

/** A change with the classifier's verdict, before it is flattened into a Change. */
type Push = (c: Omit<Change, 'classification' | 'why'> & { verdict: Pick<Change, 'classification' | 'why'> }) => void;

function diffParams(before: Contract, after: Contract, opts: DiffOptions, push: Push) {
  const old = new Map(before.request.parameters.map((p) => [p.name, p]));
  const now = new Map(after.request.parameters.map((p) => [p.name, p]));
  const unstated = new Set(opts.requiredUnstated ?? []);
  for (const p of after.request.parameters) {
    const o = old.get(p.name);
    const subject = `param ${p.docName}`;
    if (!o) { push({ kind: 'param-added', subject, after: { required: p.required, type: typeOf(p) }, line: p.line, verdict: classify('param-added', { required: p.required }) }); continue; }
    const at = { line: p.line, oldLine: o.line };
    if (o.required !== p.required && !unstated.has(p.name)) push({ kind: 'required-changed', subject, before: o.required, after: p.required, ...at, verdict: classify('required-changed', { after: p.required }) });
    if (o.in !== p.in) push({ kind: 'location-changed', subject, before: o.in, after: p.in, ...at, verdict: classify('location-changed') });
    const [tb, ta] = [typeOf(o), typeOf(p)];
    if (!same(tb, ta)) push({ kind: 'type-changed', subject, before: tb, after: ta, ...at, verdict: classify('type-changed') });
    const [kb, ka] = [constraintKeywords(o.schema), constraintKeywords(p.schema)];
    const requiredFlipped = o.required !== p.required;
    for (const kw of [...new Set([...kb.keys(), ...ka.keys()])].sort()) {
      if (kw === 'items.type' && !same(tb, ta)) continue;
      const [vb, va] = [kb.get(kw), ka.get(kw)];
      if (same(vb, va)) continue;
      // Consequences, not changes of their own: a keyword the new type cannot carry, and (page mode)
      // the draft's minLength 1 that goes with `required` on strings.
      if (!same(tb, ta) && va === undefined && !appliesTo(kw, ta)) continue;
      if (opts.page && requiredFlipped && kw === 'minLength' && (vb ?? 1) === 1 && (va ?? 1) === 1) continue;
      const kind: ChangeKind = kw === 'items.type' ? 'type-changed' : 'constraint-changed';
      push({ kind, subject: `${subject} ${kw}`, before: vb, after: va, ...at, verdict: kind === 'type-changed' ? classify('type-changed') : classifyConstraint(kw, vb, va) });
    }
    const [db, da] = [defaultOf(o), defaultOf(p)];
    if (!same(db, da)) push({ kind: 'default-changed', subject, before: db, after: da, ...at, verdict: classify('default-changed', { before: db, after: da }) });
  }
  for (const o of before.request.parameters) {
    if (now.has(o.name) || (opts.page && o.fromProfile)) continue;
    push({ kind: 'param-removed', subject: `param ${o.docName}`, before: { required: o.required, type: typeOf(o) }, oldLine: o.line, verdict: classify('param-removed') });
  }
}

const mentions = (page: ParsedPage, word: string) => {
  const re = new RegExp(`(^|[^A-Za-z0-9_.])${escapeRegExp(word)}($|[^A-Za-z0-9_])`);
  return page.lines.findIndex((l) => re.test(l)) + 1 || undefined;
};

function diffErrors(before: Contract, after: Contract, opts: DiffOptions, push: Push) {
  const newKeys = new Set(after.errors.map(errorRowKey));
  const oldKeys = new Set(before.errors.map(errorRowKey));
  const gone = before.errors.filter((e) => !newKeys.has(errorRowKey(e)));
  const fresh = after.errors.filter((e) => !oldKeys.has(errorRowKey(e)));
  // Pair what is left by code: the same row with another status or message.
  for (const o of [...gone]) {
    const i = fresh.findIndex((n) => n.code === o.code);
    if (i < 0) continue;
    const n = fresh.splice(i, 1)[0]!;
    gone.splice(gone.indexOf(o), 1);
    const statusChanged = o.status !== n.status;
    const messageChanged = o.message !== n.message;
    // Only what changed: the status, the message, or both.
    const pick = (e: ContractErrorRow) => ({ ...(statusChanged ? { status: e.status } : {}), ...(messageChanged ? { message: e.message } : {}) });
    push({ kind: 'error-changed', subject: `error ${n.code}`, before: pick(o), after: pick(n), line: n.line, oldLine: o.line, verdict: classify('error-changed', { statusChanged }) });
  }
  for (const n of fresh) push({ kind: 'error-added', subject: `error ${n.status} ${n.code}`, after: n.message, line: n.line, verdict: classify('error-added') });
  for (const o of gone) {
    // Page mode: a row the contract took from an example or prose (no such code in any table row) stays while the page mentions it.
    if (opts.page && !after.errors.some((n) => n.code === o.code) && mentions(opts.page, o.code)) continue;
    push({ kind: 'error-removed', subject: `error ${o.status} ${o.code}`, before: o.message, oldLine: o.line, verdict: classify('error-removed') });
  }
}

function diffResponse(before: Contract, after: Contract, opts: DiffOptions, push: Push) {
  if (before.response.status !== after.response.status) push({ kind: 'status-changed', subject: 'response status', before: before.response.status, after: after.response.status, line: opts.page?.successStatus?.line, verdict: classify('status-changed') });
  const fb = schemaFields(before.response.schema);
  const fa = schemaFields(after.response.schema);
  const key = (p: string[]) => p.join('.');
  const match = <T extends { path: string[] }>(f: { path: string[] }, others: T[]): T | undefined => others.find((o) => key(o.path) === key(f.path))
    ?? (opts.page ? others.find((o) => pathEndsWith(o.path, f.path) || pathEndsWith(f.path, o.path)) : undefined);
  const firstExample = opts.page?.examples.find((e) => e.kind !== 'request')?.line;
  for (const f of fa) {
    const o = match(f, fb);
    const line = typeof f.node['x-line'] === 'number' ? f.node['x-line'] : undefined;
    if (!o) { push({ kind: 'response-field-added', subject: `field ${key(f.path)}`, after: f.node.type, line, verdict: classify('response-field-added') }); continue; }
    if (!same(o.node.type, f.node.type)) push({ kind: 'response-field-retyped', subject: `field ${key(f.path)}`, before: o.node.type, after: f.node.type, line, oldLine: typeof o.node['x-line'] === 'number' ? o.node['x-line'] : undefined, verdict: classify('response-field-retyped') });
  }
  for (const o of fb) {
    if (match(o, fa)) continue;
    const oldLine = typeof o.node['x-line'] === 'number' ? o.node['x-line'] : undefined;
    if (opts.page) {
      // Fields the contract took from an example (cited below the first response example) are not table rows.
      const fromTable = oldLine !== undefined && firstExample !== undefined && oldLine < firstExample;
      if (!fromTable && mentions(opts.page, o.path.at(-1)!)) continue;
    }
    push({ kind: 'response-field-removed', subject: `field ${key(o.path)}`, before: o.node.type, oldLine, verdict: classify('response-field-removed') });
  }
}

function diffRules(before: Contract, after: Contract, push: Push) {
  const old = new Set(before.rules.map((r) => r.id));
  const now = new Set(after.rules.map((r) => r.id));
  for (const r of after.rules) if (!old.has(r.id)) push({ kind: 'rule-added', subject: `rule ${r.id}`, line: r.line, verdict: classify('rule-added') });
  for (const r of before.rules) if (!now.has(r.id)) push({ kind: 'rule-removed', subject: `rule ${r.id}`, oldLine: r.line, verdict: classify('rule-removed') });
}

/** Every difference from `before` to `after`, classified, in a stable order. */
export function diffContracts(before: Contract, after: Contract, opts: DiffOptions = {}): Change[] {
  const out: Change[] = [];
  const push: Push = ({ verdict, ...c }) => out.push({ ...c, classification: verdict.classification, why: verdict.why });
  const hb = before.http ? `${before.http.method} ${before.http.path}` : undefined;
  const ha = after.http ? `${after.http.method} ${after.http.path}` : undefined;
  if (hb !== ha && !(opts.page && ha === undefined)) push({ kind: 'http-changed', subject: 'http', before: hb, after: ha, line: opts.page?.http?.line, verdict: classify('http-changed') });
  diffParams(before, after, opts, push);
  diffResponse(before, after, opts, push);
  diffErrors(before, after, opts, push);
  // Rules are a person's work, never drafted from a page: compared only between two contracts.
  if (!opts.page) diffRules(before, after, push);
  return out;
}

export const describeChange = (c: Change) => {
  const delta = c.before !== undefined || c.after !== undefined
    ? c.kind.endsWith('-added') || c.kind === 'sdk-only' ? ` ${show(c.after)}` : c.kind.endsWith('-removed') || c.kind === 'contract-only' ? ` ${show(c.before)}` : `: ${show(c.before)} -> ${show(c.after)}`
    : '';
  return `${c.subject}${delta}`;
};
