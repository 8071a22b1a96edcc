// Ledgers (`*.evidence.yaml`) checked against what they describe, and contracts seen under an
// expectation profile: superseded claims replaced, disputed answers recorded, `adds` merged (current).
import { isDeepStrictEqual } from 'node:util';
import type { Acceptable, Contract, ErrorRef, Expectation, ProtocolProfile } from '../core/types.ts';
import { chosenValue, DISPUTABLE, type Claim, type EvidenceView, type ExpectProfile, type Ledger } from '../core/evidence.ts';
import { claimBase, contractKeys, isNameable, paramKeys, profileKeys } from './evidence-keys.ts';
import type { Problem } from './validate.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';
import { escapePointer, lineOf } from './yaml-lines.ts';

/** Semantic problems of a ledger against its contract or profile (shape is the meta-schema's job). */
export function checkLedger(ledger: Ledger, target: Contract | ProtocolProfile | undefined, lines: Record<string, number>): Problem[] {
  const problems: Problem[] = [];
  const at = (pointer: string, reason: string) => problems.push({ line: lineOf(lines, pointer), reason });
  if (!target) {
    at('/for', `for: no contract or profile '${ledger.for}' beside this ledger`);
    return problems;
  }
  const isContract = 'operation' in target;
  const sources = new Set(Object.keys(ledger.sources));
  if (isContract) sources.add('page');
  const added = addedKeys(ledger);
  // a rule's scenario may be named on its own (`rule:<id>/<scenario>`): a claim about one scenario's answer
  const scenarios = isContract ? [...target.rules.flatMap((r) => r.scenarios.map((s) => `rule:${r.id}/${s.name}`)), ...target.notes.map((n) => `note:${n.id}`)] : [];
  const known = new Set([...(isContract ? contractKeys(target) : profileKeys(target)).map((k) => k.key), ...added, ...scenarios]);
  const checkIds = (ids: string[], pointer: string) => {
    ids.forEach((id, i) => { if (!sources.has(id)) at(`${pointer}/${i}`, `unknown source '${id}' (sources: ${[...sources].join(', ')})`); });
  };
  for (const [key, ids] of Object.entries(ledger.backing ?? {})) {
    const p = `/backing/${escapePointer(key)}`;
    if (!isNameable(key, known)) at(p, `backing: '${key}' names no expectation of ${ledger.for}`);
    checkIds(ids, p);
  }
  for (const key of Object.keys(ledger.single ?? {})) {
    if (!isNameable(key, known)) at(`/single/${escapePointer(key)}`, `single: '${key}' names no expectation of ${ledger.for}`);
  }
  const ids = new Set<string>();
  (ledger.claims ?? []).forEach((c, i) => {
    const p = `/claims/${i}`;
    if (ids.has(c.id)) at(`${p}/id`, `claims: duplicate id '${c.id}'`);
    ids.add(c.id);
    if (!isNameable(claimBase(c.about, known), known)) at(`${p}/about`, `about: '${c.about}' names no expectation of ${ledger.for}`);
    if (c.kind === 'disputed' && !DISPUTABLE.test(c.about)) at(`${p}/kind`, `disputed is only for answers (.status, .code, .answer), not '${c.about}': make it superseded, or record one source as single`);
    if (c.kind === 'superseded' && !c.says.some((s) => isDeepStrictEqual(s.value, c.current))) at(`${p}/current`, `current: ${JSON.stringify(c.current)} is none of the values the sources say`);
    if (c.kind === 'disputed' && c.current !== undefined) at(`${p}/current`, 'current: a disputed claim picks no value (every value is accepted)');
    c.says.forEach((s, j) => checkIds(s.sources, `${p}/says/${j}/sources`));
  });
  for (const [kind, list] of Object.entries(ledger.adds ?? {})) {
    list.forEach((x, i) => checkIds(x.sources, `/adds/${kind}/${i}/sources`));
  }
  return problems;
}

/** Keys of what the ledger adds, so that backing and claims may name them. */
function addedKeys(ledger: Ledger): string[] {
  const a = ledger.adds ?? {};
  return [
    ...(a.parameters ?? []).flatMap((p) => paramKeys(p, false).map((k) => k.key)),
    ...(a.errors ?? []).map((e) => `error:${e.code}`),
    ...(a.rules ?? []).map((r) => `rule:${r.id}`),
    ...(a.fields ?? []).map((f) => `field:${f.path}`),
    ...(a.dependencies ?? []).map((d) => `dependency:${d.id}`),
    ...(a.values ?? []).map((v) => `value:${v.path}`),
  ];
}

// ---------------------------------------------------------------- profiles

const clone = <T>(x: T): T => structuredClone(x);

/** An answer value of a claim as an expectation: `{ code, status }` or `{ kind: success, status }`. */
export function answerOf(v: unknown): Expectation {
  const code = isJsonObject(v) && typeof v.code === 'string' ? v.code : undefined;
  const status = isJsonObject(v) && typeof v.status === 'number' ? v.status : undefined;
  return code ? { kind: 'error', code, ...(status !== undefined ? { status } : {}) } : { kind: 'success', ...(status !== undefined ? { status } : {}) };
}

/** Every ErrorRef-like object in a contract (parameter violations, dependencies, rules, scenarios, notes). */
function* refsIn(c: Contract): Generator<ErrorRef | Expectation> {
  const fromExpect = function* (e: Expectation | Acceptable | ErrorRef | undefined): Generator<ErrorRef | Expectation> {
    if (!e) return;
    if ('alternatives' in e) yield* e.alternatives; else yield e;
  };
  for (const p of c.request.parameters) for (const e of Object.values(p.onViolation ?? {})) yield* fromExpect(e);
  for (const d of c.request.dependencies ?? []) yield* fromExpect(d.error);
  for (const r of c.rules) {
    yield* fromExpect(r.error);
    for (const s of r.scenarios) { yield* fromExpect(s.expect); yield* fromExpect(s.then?.expect); }
  }
  for (const n of c.notes) yield* n.acceptable ?? [];
}

/** Apply one claim's chosen value to a contract copy (and its vendor profile copy, for `common:`). */
function applyValue(c: Contract | undefined, profile: ProtocolProfile | undefined, about: string, value: unknown, replaced: unknown[]): void {
  if (about.startsWith('value:')) {
    // `value:<path>`: a list is the values now documented (oneOf), a single value the one (equals)
    for (const v of c?.response.values?.filter((x) => x.path === about.slice('value:'.length)) ?? []) {
      delete v.equals; delete v.oneOf;
      if (Array.isArray(value)) v.oneOf = value; else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') v.equals = value;
    }
    return;
  }
  const m = /^(param|constraint|error|common|rule|note):(.+?)(?:\.(required|status|code|message|answer))?$/.exec(about);
  if (!m) return;
  const [, kind, rest = '', prop] = m;
  const params = [...(c?.request.parameters ?? []), ...(profile?.commonParameters ?? [])];
  if (kind === 'param' && prop === 'required') {
    for (const p of params.filter((x) => x.name === rest)) p.required = value === true;
  } else if (kind === 'constraint') {
    const [name, ...path] = rest.split('.');
    for (const p of params.filter((x) => x.name === name)) {
      const sub = p.schema[path[0]!];
      const schema = path.length === 1 ? p.schema : isJsonObject(sub) ? sub : undefined;
      const kw = path[path.length - 1]!;
      if (!schema) continue;
      if (value === null) delete schema[kw]; else schema[kw] = value;
    }
  } else if (kind === 'error' || kind === 'common') {
    const code = kind === 'error' ? rest : profile?.errors[rest]?.code;
    if (!code || !prop) return;
    const common = kind === 'common' ? profile?.errors[rest] : undefined;
    for (const row of [...(common ? [common] : []), ...(c?.errors.filter((r) => r.code === code) ?? [])]) setAnswer(row, prop, value);
    if (prop === 'message' || !c) return;
    for (const ref of refsIn(c)) {
      if (!('code' in ref) || ref.code !== code) continue;
      if (prop === 'status' && ref.status !== undefined && typeof value === 'number') ref.status = value;
      if (prop === 'code' && typeof value === 'string') ref.code = value;
    }
  } else if (kind === 'rule' && c) {
    // `rule:<id>.answer`: the rule's error and every scenario answering an older value; `rule:<id>/<scenario>.answer`: that scenario
    const [ruleId, scenario]: (string | undefined)[] = rest.split('/');
    const rule = c.rules.find((r) => r.id === ruleId);
    if (!rule) return;
    const next = answerOf(value);
    if (!scenario && rule.error && next.kind === 'error') rule.error = { code: next.code, ...(next.status !== undefined ? { status: next.status } : {}) };
    // The rule's old answer rows are no longer provoked by it: kept in the table, reported uncovered with the claim as reason.
    for (const old of replaced.map(answerOf)) {
      if (scenario || old.kind !== 'error') continue;
      for (const row of c.errors) {
        if (row.code === old.code && row.trigger?.rule === ruleId && !row.untriggerable) row.untriggerable = `superseded: ${next.kind === 'error' ? `${next.code} (${next.status ?? '?'})` : 'success'} replaces it (${about})`;
      }
    }
    for (const s of rule.scenarios) if (!scenario || s.name === scenario) s.expect = replaceAnswer(s.expect, replaced, next);
  } else if (kind === 'note' && c) {
    const note = c.notes.find((n) => n.id === rest);
    if (!note) return;
    const olds = replaced.map(answerOf);
    const keep = (note.acceptable ?? []).filter((a) => !olds.some((o) => isDeepStrictEqual(o, a)));
    note.acceptable = [...keep, answerOf(value)];
    for (const r of c.rules) for (const s of r.scenarios) {
      if ('alternatives' in s.expect && s.expect.note === rest) s.expect = { note: rest, alternatives: clone(note.acceptable) };
    }
  }
}

/** An error row's (or common role's) status, code or message set to a claim's value of that type. */
function setAnswer(row: { status?: number; code: string; message: string }, prop: string, value: unknown): void {
  if (prop === 'status' && typeof value === 'number') row.status = value;
  else if (prop === 'code' && typeof value === 'string') row.code = value;
  else if (prop === 'message' && typeof value === 'string') row.message = value;
}

/**
 * A disputed rule or note answer (`rule:<id>[/<scenario>].answer`, `note:<id>.answer`): every value is
 * accepted wherever that answer is expected, in addition to what was accepted already. (Status and
 * code disputes of error rows and roles are widened case by case by the generators instead.)
 */
function acceptEvery(c: Contract, about: string, values: unknown[]): void {
  const m = /^(rule|note):(.+)\.answer$/.exec(about);
  if (!m) return;
  const answers = values.map(answerOf);
  const widen = (e: Expectation | Acceptable, note: string): Acceptable => {
    const alts = 'alternatives' in e ? [...e.alternatives] : [e];
    for (const a of answers) if (!alts.some((x) => isDeepStrictEqual(x, a))) alts.push(a);
    return { note: 'note' in e ? e.note : note, alternatives: alts };
  };
  if (m[1] === 'rule') {
    const [ruleId, scenario]: (string | undefined)[] = m[2]!.split('/');
    for (const s of c.rules.find((r) => r.id === ruleId)?.scenarios ?? []) {
      if (!scenario || s.name === scenario) s.expect = widen(s.expect, about);
    }
    return;
  }
  const id = m[2]!;
  const note = c.notes.find((n) => n.id === id);
  if (!note) return;
  note.acceptable = widen({ note: id, alternatives: note.acceptable ?? [] }, id).alternatives;
  const refersToNote = (e: Expectation | Acceptable | ErrorRef | undefined): e is Acceptable => !!e && 'alternatives' in e && e.note === id;
  for (const r of c.rules) for (const s of r.scenarios) if (refersToNote(s.expect)) s.expect = widen(s.expect, id);
  for (const p of c.request.parameters) {
    for (const [kw, e] of Object.entries(p.onViolation ?? {})) if (refersToNote(e)) p.onViolation![kw] = widen(e, id);
  }
  for (const d of c.request.dependencies ?? []) if (refersToNote(d.error)) d.error = widen(d.error, id);
}

function replaceAnswer(e: Expectation | Acceptable, olds: unknown[], next: Expectation): Expectation | Acceptable {
  const isOld = (x: Expectation) => olds.some((o) => isDeepStrictEqual(answerOf(o), x));
  if ('alternatives' in e) {
    const alts = e.alternatives.map((a) => (isOld(a) ? next : a)).filter((a, i, all) => all.findIndex((b) => isDeepStrictEqual(a, b)) === i);
    return alts.length === 1 ? alts[0]! : { ...e, alternatives: alts };
  }
  return isOld(e) ? next : e;
}

/** The view of a claim under a profile: the value(s) expected, and which are replaced. */
function resolveClaim(claim: Claim, expect: ExpectProfile) {
  const chosen = chosenValue(claim, expect);
  const all = claim.says.map((s) => s.value);
  const replaced = all.filter((v) => !chosen.values.some((x) => isDeepStrictEqual(x, v)));
  return { chosen: chosen.values, replaced };
}

/** A profile copy under `expect`, with its own ledger's claims applied. */
export function profileUnder(profile: ProtocolProfile, expect: ExpectProfile): ProtocolProfile {
  const out = clone(profile);
  const view: EvidenceView = { expect, ...(profile.$ledger ? { ledger: profile.$ledger } : {}), disputes: {}, applied: {} };
  for (const claim of profile.$ledger?.claims ?? []) apply(undefined, out, claim, expect, view);
  out.$evidence = view;
  return out;
}

function apply(c: Contract | undefined, profile: ProtocolProfile | undefined, claim: Claim, expect: ExpectProfile, view: EvidenceView) {
  const { chosen, replaced } = resolveClaim(claim, expect);
  // The first chosen value is what an implementation of this profile answers (the emulator's default);
  // several chosen values (a dispute) are all accepted by the suite.
  applyValue(c, profile, claim.about, chosen[0], replaced);
  if (chosen.length > 1 && c) acceptEvery(c, claim.about, chosen);
  if (chosen.length > 1) view.disputes[claim.about] = { claim: claim.id, values: chosen };
  if (replaced.length > 0) view.applied[claim.about] = { claim: claim.id, value: chosen.length > 1 ? chosen : chosen[0], replaced };
}

/**
 * A contract copy under `expect`: its ledger's claims and its vendor profile ledger's claims applied
 * (a `common:` claim reaches every reference to that code), and under `current` the ledger's `adds` merged.
 */
export function contractUnder(contract: Contract, profile: ProtocolProfile | undefined, expect: ExpectProfile): Contract {
  const out = clone(contract);
  const ledger = contract.$ledger;
  const view: EvidenceView = { expect, ...(ledger ? { ledger } : {}), disputes: {}, applied: {} };
  if (expect === 'current' && ledger?.adds) mergeAdds(out, ledger);
  const profileCopy = profile ? clone(profile) : undefined;
  for (const claim of profile?.$ledger?.claims ?? []) apply(out, profileCopy, claim, expect, view);
  for (const claim of ledger?.claims ?? []) apply(out, undefined, claim, expect, view);
  out.$evidence = view;
  return out;
}

const stripSources = <T extends { sources: string[] }>(x: T): Omit<T, 'sources'> => {
  const { sources: _s, ...rest } = x;
  return rest;
};

function mergeAdds(c: Contract, ledger: Ledger): void {
  const a = ledger.adds!;
  for (const p of a.parameters ?? []) c.request.parameters.push(stripSources(p));
  for (const e of a.errors ?? []) c.errors.push(stripSources(e));
  for (const r of a.rules ?? []) c.rules.push({ scenarios: [], ...stripSources(r) });
  for (const d of a.dependencies ?? []) (c.request.dependencies ??= []).push(stripSources(d));
  for (const v of a.values ?? []) (c.response.values ??= []).push(stripSources(v));
  for (const { path, schema } of a.fields ?? []) insertField(c.response.schema, path.split('.'), schema);
}

function insertField(schema: JsonObject | null, path: string[], field: JsonObject): void {
  let node: JsonObject | undefined = schema ?? undefined;
  for (const part of path.slice(0, -1)) {
    const props = node?.properties;
    const child = isJsonObject(props) ? props[part.replace(/\[\]$/, '')] : undefined;
    node = isJsonObject(child) ? child : undefined;
    if (node && part.endsWith('[]')) node = isJsonObject(node.items) ? node.items : undefined;
    if (!node) return;
  }
  if (!node) return;
  const props = isJsonObject(node.properties) ? node.properties : {};
  node.properties = props;
  props[path[path.length - 1]!] = field;
}
