// Checks the meta-schema cannot express: references between parts of a contract (rules, params,
// fixtures, notes, error codes), unique ids, the protocol profile, and embedded schemas that compile.
// Run only on files whose shape already validated. Each problem carries the YAML line of its pointer.
import type { Acceptable, Contract, ContractParam, ErrorRef, Expectation, ProtocolProfile } from '../core/types.ts';
import { ENTITY_KINDS } from '../core/world.ts';
import { compileProblem, keywordsUsed } from './json-schema.ts';
import { fieldPaths } from './evidence-keys.ts';
import { pointerLabel, type Problem } from './validate.ts';
import { escapePointer as esc, lineOf } from './yaml-lines.ts';

const REF = /^\$([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
/** onViolation / trigger.keyword keys that need no matching schema keyword. */
const PARAM_LEVEL_KEYWORDS = new Set(['required', 'type', '*']);

const known = (xs: Iterable<string>) => { const a = [...new Set(xs)]; return a.length ? a.join(', ') : 'none'; };
const isAcceptable = (v: unknown): v is Acceptable => typeof v === 'object' && v !== null && 'alternatives' in v;

class Collector {
  readonly problems: Problem[] = [];
  constructor(private lines: Record<string, number>) {}
  add(pointer: string, msg: string) { this.problems.push({ line: lineOf(this.lines, pointer), reason: `${pointerLabel(pointer)}: ${msg}` }); }
  unique<T>(items: T[], key: (t: T) => string, base: string, what: string, field: string) {
    const first = new Map<string, number>();
    items.forEach((it, i) => {
      const k = key(it);
      if (first.has(k)) this.add(`${base}/${i}/${field}`, `duplicate ${what} '${k}' (first at ${base.slice(1)}/${first.get(k)})`);
      else first.set(k, i);
    });
  }
}

/** Problems in a profile that only code can see (embedded schemas compile; onViolation keywords). */
export function checkProfile(p: ProtocolProfile, lines: Record<string, number>, relPath: string): Problem[] {
  const c = new Collector(lines);
  const dirVendor = relPath.split(/[\\/]/).slice(-2, -1)[0];
  if (dirVendor !== undefined && relPath.split(/[\\/]/).length > 1 && dirVendor !== p.vendor) c.add('/vendor', `vendor '${p.vendor}' does not match the folder '${dirVendor}'`);
  c.unique(p.commonParameters, (x) => x.name, '/commonParameters', 'parameter', 'name');
  p.commonParameters.forEach((param, i) => checkParamSchema(c, param, `/commonParameters/${i}`));
  for (const k of ['success', 'error'] as const) {
    const why = compileProblem(p.envelopes[k]);
    if (why) c.add(`/envelopes/${k}`, `schema does not compile: ${why}`);
  }
  return c.problems;
}

function checkParamSchema(c: Collector, param: ContractParam, base: string) {
  const why = compileProblem(param.schema);
  if (why) c.add(`${base}/schema`, `schema does not compile: ${why}`);
  const used = keywordsUsed(param.schema);
  for (const k of Object.keys(param.onViolation ?? {})) {
    if (!PARAM_LEVEL_KEYWORDS.has(k) && !used.has(k)) c.add(`${base}/onViolation/${esc(k)}`, `keyword '${k}' is not used by the schema of ${param.name} (schema keywords: ${known(used)}; also allowed: required, type, *)`);
  }
}

export interface ContractContext {
  /** Profiles by name (`aliyun-rpc`). */
  profiles: Map<string, ProtocolProfile>;
  /** Path of the file relative to the contracts dir (`aliyun/ecs/2014-05-26/DeleteSnapshot.yaml`). */
  relPath: string;
}

export function checkContract(k: Contract, lines: Record<string, number>, ctx: ContractContext): Problem[] {
  const c = new Collector(lines);
  // identity and place
  const expectedId = `${k.vendor}.${k.service}.${k.operation}`;
  if (k.id !== expectedId) c.add('/id', `id '${k.id}' must be '${expectedId}' (vendor.service.operation)`);
  const expectedPath = `${k.vendor}/${k.service}/${k.version}/${k.operation}.yaml`;
  if (ctx.relPath.replace(/\\/g, '/') !== expectedPath) c.add('/operation', `file must be at ${expectedPath} (is at ${ctx.relPath})`);

  // protocol profile
  const profile = ctx.profiles.get(k.protocol);
  if (!profile) c.add('/protocol', `protocol '${k.protocol}' names no loaded profile (known: ${known(ctx.profiles.keys())})`);
  else if (profile.vendor !== k.vendor) c.add('/protocol', `protocol '${k.protocol}' is a ${profile.vendor} profile, not ${k.vendor}`);

  // parameters
  const params = k.request.parameters;
  c.unique(params, (p) => p.name, '/request/parameters', 'parameter', 'name');
  params.forEach((p, i) => checkParamSchema(c, p, `/request/parameters/${i}`));
  const paramNames = new Set(params.map((p) => p.name));
  const allParamNames = new Set([...paramNames, ...(profile?.commonParameters ?? []).map((p) => p.name)]);
  const schemaOf = (name: string) => params.find((p) => p.name === name)?.schema ?? profile?.commonParameters.find((p) => p.name === name)?.schema;

  // response schema, its documented values and per-item results
  if (k.response.schema) {
    const why = compileProblem(k.response.schema);
    if (why) c.add('/response/schema', `schema does not compile: ${why}`);
  }
  const itemCodes = checkResponseValues(c, k);

  // error codes: the contract's table plus the vendor profile's common errors
  const statuses = new Map<string, Set<number>>();
  const addCode = (code: string, status?: number) => {
    if (!statuses.has(code)) statuses.set(code, new Set());
    if (status !== undefined) statuses.get(code)!.add(status);
  };
  k.errors.forEach((e) => addCode(e.code, e.status));
  Object.values(profile?.errors ?? {}).forEach((e) => addCode(e.code, e.status));
  const notes = new Map(k.notes.map((n) => [n.id, n]));
  /** `justifiedBy`: a note whose text names the code may accept a code no table lists (doc silence). */
  const checkRef = (ref: ErrorRef | Expectation, pointer: string, justifiedBy?: string) => {
    if ('kind' in ref && ref.kind !== 'error') return;
    const code = ref.code;
    const seenStatuses = statuses.get(code);
    if (!seenStatuses && justifiedBy !== undefined && notes.get(justifiedBy)?.doc.includes(code)) return;
    if (!seenStatuses) {
      c.add(`${pointer}/code`, `error code '${code}' is neither in the contract's error table nor in the ${profile?.name ?? k.vendor} profile's errors${justifiedBy ? ` nor named by note '${justifiedBy}'` : ''}`);
    } else if (ref.status !== undefined && seenStatuses.size > 0 && !seenStatuses.has(ref.status)) {
      c.add(`${pointer}/status`, `status ${ref.status} for '${code}' disagrees with the error table / profile (${[...seenStatuses].join(', ')})`);
    }
  };
  const noteIds = new Set(notes.keys());
  const checkExpect = (v: Expectation | ErrorRef | Acceptable | undefined, pointer: string) => {
    if (!v) return;
    if (isAcceptable(v)) {
      if (!noteIds.has(v.note)) c.add(`${pointer}/note`, `note '${v.note}' names no note (known: ${known(noteIds)})`);
      v.alternatives.forEach((a, i) => checkRef(a, `${pointer}/alternatives/${i}`, v.note));
    } else checkRef(v, pointer);
  };
  params.forEach((p, i) => Object.entries(p.onViolation ?? {}).forEach(([kw, v]) => checkExpect(v, `/request/parameters/${i}/onViolation/${esc(kw)}`)));

  // dependencies
  const deps = k.request.dependencies ?? [];
  c.unique(deps, (d) => d.id, '/request/dependencies', 'dependency id', 'id');
  deps.forEach((d, i) => {
    d.params.forEach((p, j) => { if (!allParamNames.has(p)) c.add(`/request/dependencies/${i}/params/${j}`, `'${p}' names no parameter (known: ${known(paramNames)})`); });
    Object.keys(d.when ?? {}).forEach((p) => { if (!allParamNames.has(p)) c.add(`/request/dependencies/${i}/when/${esc(p)}`, `'${p}' names no parameter (known: ${known(paramNames)})`); });
    checkExpect(d.error, `/request/dependencies/${i}/error`);
  });
  const depIds = new Set(deps.map((d) => d.id));

  // error rows
  const ruleIds = new Set(k.rules.map((r) => r.id));
  c.unique(k.errors, (e) => `${e.status} ${e.code} ${e.message}`, '/errors', 'error row', 'code');
  k.errors.forEach((e, i) => {
    const t = e.trigger;
    if (!t) return;
    const base = `/errors/${i}/trigger`;
    if (t.rule !== undefined && !ruleIds.has(t.rule)) c.add(`${base}/rule`, `'${t.rule}' names no rule (known: ${known(ruleIds)})`);
    if (t.dependency !== undefined && !depIds.has(t.dependency)) c.add(`${base}/dependency`, `'${t.dependency}' names no dependency (known: ${known(depIds)})`);
    if (t.param !== undefined && !allParamNames.has(t.param)) c.add(`${base}/param`, `'${t.param}' names no parameter (known: ${known(paramNames)})`);
    if (t.keyword !== undefined) {
      if (t.param === undefined) c.add(`${base}/keyword`, `keyword '${t.keyword}' needs a param`);
      else if (allParamNames.has(t.param) && !PARAM_LEVEL_KEYWORDS.has(t.keyword) && !keywordsUsed(schemaOf(t.param)).has(t.keyword)) {
        c.add(`${base}/keyword`, `keyword '${t.keyword}' is not used by the schema of ${t.param}`);
      }
    }
  });

  // rules and scenarios
  c.unique(k.rules, (r) => r.id, '/rules', 'rule id', 'id');
  const scenarios = k.rules.flatMap((r, i) => r.scenarios.map((s, j) => ({ s, at: `/rules/${i}/scenarios/${j}` })));
  const firstScenario = new Map<string, string>();
  for (const { s, at } of scenarios) {
    if (firstScenario.has(s.name)) c.add(`${at}/name`, `duplicate scenario name '${s.name}' (first at ${firstScenario.get(s.name)!.slice(1)}); case ids must be unique`);
    else firstScenario.set(s.name, at);
  }
  const kinds: readonly string[] = ENTITY_KINDS[k.vendor] ?? [];
  k.rules.forEach((r, i) => {
    if (r.error) checkExpect(r.error, `/rules/${i}/error`);
    r.scenarios.forEach((s, j) => {
      const at = `/rules/${i}/scenarios/${j}`;
      const fixtures: string[] = [];
      s.given.forEach((f, g) => {
        if (!kinds.includes(f.kind)) c.add(`${at}/given/${g}/kind`, `fixture kind '${f.kind}' is not a ${k.vendor} world kind (known: ${known(kinds)})`);
        if (fixtures.includes(f.as)) c.add(`${at}/given/${g}/as`, `duplicate fixture name '${f.as}'`);
        checkRefs(c, f.fields, `${at}/given/${g}/fields`, fixtures);
        fixtures.push(f.as);
      });
      const checkParams = (ps: Record<string, unknown>, base: string) => {
        for (const name of Object.keys(ps)) if (!allParamNames.has(name)) c.add(`${base}/${esc(name)}`, `'${name}' names no parameter (known: ${known(paramNames)})`);
        checkRefs(c, ps, base, fixtures);
      };
      checkParams(s.params, `${at}/params`);
      checkExpect(s.expect, `${at}/expect`);
      checkItems(c, k, itemCodes, s.expect, `${at}/expect`, fixtures);
      (s.after ?? []).forEach((a, n) => {
        if (a.kind !== undefined && !kinds.includes(a.kind)) c.add(`${at}/after/${n}/kind`, `kind '${a.kind}' is not a ${k.vendor} world kind (known: ${known(kinds)})`);
        // `$response.<Field>`: the entity the call created, by the id the success body returns.
        const fromResponse = /^\$response\.(.+)$/.exec(a.ref);
        if (fromResponse) {
          const props = Object.keys((k.response.schema?.properties as object | undefined) ?? {});
          if (!props.includes(fromResponse[1]!)) c.add(`${at}/after/${n}/ref`, `'${a.ref}' names no top-level field of the response schema (known: ${known(props)})`);
        } else if (!fixtures.includes(a.ref)) c.add(`${at}/after/${n}/ref`, `'${a.ref}' names no fixture (known: ${known(fixtures)}; or $response.<Field>)`);
        checkRefs(c, a.fields, `${at}/after/${n}/fields`, fixtures);
      });
      if (s.then) {
        checkParams(s.then.params, `${at}/then/params`);
        checkExpect(s.then.expect, `${at}/then/expect`);
        checkItems(c, k, itemCodes, s.then.expect, `${at}/then/expect`, fixtures);
      }
      for (const side of ['includes', 'excludes'] as const) {
        (s.listed?.[side] ?? []).forEach((ref, n) => { if (!fixtures.includes(ref)) c.add(`${at}/listed/${side}/${n}`, `'${ref}' names no fixture (known: ${known(fixtures)})`); });
      }
      if (s.listed && !k.listing) c.add(`${at}/listed`, 'listed needs the contract\'s listing (where the answer lists its items)');
      if (s.pages !== undefined && !k.listing?.paging) c.add(`${at}/pages`, 'pages needs listing.paging (how the call pages)');
    });
    if ((r.kind === 'filter' || r.kind === 'paging') && !k.listing) c.add(`/rules/${i}/kind`, `a ${r.kind} rule is a read call's: the contract needs listing`);
  });
  if (k.listing) {
    const l = k.listing;
    if (!kinds.includes(l.kind)) c.add('/listing/kind', `kind '${l.kind}' is not a ${k.vendor} world kind (known: ${known(kinds)})`);
    if ((l.items === undefined) === (l.item === undefined)) c.add('/listing', 'listing needs exactly one of items (a list) and item (one entity)');
    for (const [n, f] of (l.filters ?? []).entries()) if (!allParamNames.has(f.param)) c.add(`/listing/filters/${n}/param`, `'${f.param}' names no parameter (known: ${known(paramNames)})`);
    const pagings = [...(l.paging ? [{ p: l.paging, at: '/listing/paging' }] : []), ...(l.alsoPaging ?? []).map((p, i) => ({ p, at: `/listing/alsoPaging/${i}` }))];
    for (const { p, at } of pagings) {
      for (const key of ['size', 'cursor'] as const) {
        if (!allParamNames.has(p[key])) c.add(`${at}/${key}`, `'${p[key]}' names no parameter (known: ${known(paramNames)})`);
      }
    }
  }

  // notes
  c.unique(k.notes, (n) => n.id, '/notes', 'note id', 'id');
  k.notes.forEach((n, i) => (n.acceptable ?? []).forEach((a, j) => checkRef(a, `/notes/${i}/acceptable/${j}`, n.id)));
  return c.problems;
}

/**
 * Documented values name fields of the response schema (and their `whenEmpty` a sibling); `perItem`
 * names a list field and two fields of its items. Returns the documented per-item codes, if any.
 */
function checkResponseValues(c: Collector, k: Contract): Set<string> | undefined {
  const fields = new Set(fieldPaths(k.response.schema).map((f) => f.path));
  const parentOf = (path: string) => path.includes('.') ? `${path.slice(0, path.lastIndexOf('.'))}.` : '';
  (k.response.values ?? []).forEach((v, i) => {
    if (!fields.has(v.path)) c.add(`/response/values/${i}/path`, `'${v.path}' names no field of the response schema (fields: ${known(fields)})`);
    else if (v.whenEmpty !== undefined && !fields.has(`${parentOf(v.path)}${v.whenEmpty}`)) c.add(`/response/values/${i}/whenEmpty`, `'${v.whenEmpty}' is no sibling field of ${v.path}`);
  });
  const per = k.response.perItem;
  if (!per) return undefined;
  if (!fields.has(per.list)) c.add('/response/perItem/list', `'${per.list}' names no field of the response schema`);
  else for (const f of ['id', 'code'] as const) {
    if (!fields.has(`${per.list}[].${per[f]}`)) c.add(`/response/perItem/${f}`, `'${per[f]}' is no field of the items of ${per.list}`);
  }
  const codes = (k.response.values ?? []).filter((v) => v.path === `${per.list}[].${per.code}`).flatMap((v) => v.oneOf ?? [v.equals]);
  return codes.length ? new Set(codes.map(String)) : undefined;
}

/** A success expectation's `items`: the contract says where items sit, ids are fixtures or literal, codes documented (`*`: any). */
function checkItems(c: Collector, k: Contract, codes: Set<string> | undefined, e: Expectation | Acceptable, pointer: string, fixtures: string[]) {
  const each = isAcceptable(e) ? e.alternatives.map((a, i) => [a, `${pointer}/alternatives/${i}`] as const) : [[e, pointer] as const];
  for (const [a, at] of each) {
    if (a.kind !== 'success' || !a.items) continue;
    if (!k.response.perItem) { c.add(`${at}/items`, 'items needs response.perItem (where the answer reports each item)'); continue; }
    for (const [id, code] of Object.entries(a.items)) {
      checkRefs(c, id, `${at}/items/${esc(id)}`, fixtures);
      if (code !== null && code !== '*' && codes && !codes.has(code)) c.add(`${at}/items/${esc(id)}`, `per-item code '${code}' is none of the documented ones (${known(codes)})`);
    }
  }
}

/** Every `$name.prop` string (at any depth) must name a fixture created earlier. */
function checkRefs(c: Collector, value: unknown, pointer: string, fixtures: string[]) {
  if (typeof value === 'string') {
    const m = REF.exec(value);
    if (m && !fixtures.includes(m[1]!)) c.add(pointer, `${value} refers to no fixture (known: ${known(fixtures)})`);
    else if (!m && value.startsWith('$') && /^\$[A-Za-z_]/.test(value)) c.add(pointer, `'${value}' looks like a fixture reference but is not of the form $name.id`);
    else if (!m) {
      // references inside a longer string (a JSON array of ids sent as one parameter)
      for (const [, name] of value.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)\.id\b/g)) if (!fixtures.includes(name!)) c.add(pointer, `$${name}.id refers to no fixture (known: ${known(fixtures)})`);
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => checkRefs(c, v, `${pointer}/${i}`, fixtures));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkRefs(c, v, `${pointer}/${esc(k)}`, fixtures);
}
