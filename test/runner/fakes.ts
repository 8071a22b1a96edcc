// Tiny fake targets for the runner and judge tests. `conformingFake(case, contract)` answers exactly
// what the case expects (first alternative), with a schema-valid body, a request id in the vendor's
// format and the state the case asserts afterwards; deviations are layered on top.
import { currentCase } from '../../core/case-context.ts';
import { fieldsAt } from '../../core/field-path.ts';
import type {
  Answered, Case, Contract, Expectation, OperationCall, ProtocolTweak, Target, TargetCapabilities, TargetResponse, Vendor,
} from '../../core/types.ts';

export const FULL: TargetCapabilities = { fixtures: true, xml: true, tweaks: true };

export const REQUEST_IDS: Record<Vendor, string> = {
  aliyun: 'CEF72CEB-54B6-4AE8-B225-F876FF7BA984',
  volcengine: '2021062415303301022514515207C4AB',
  huaweicloud: '0123456789abcdef0123456789abcdef',
};

/** A minimal instance of a JSON schema (required properties only). */
export function sample(schema: Record<string, unknown> | undefined, overrides: Record<string, unknown> = {}): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const out: Record<string, unknown> = {};
      for (const k of (schema.required ?? []) as string[]) out[k] = k in overrides ? overrides[k] : sample(props[k], overrides);
      return out;
    }
    case 'array': return [sample(schema.items as Record<string, unknown>, overrides)];
    case 'integer': case 'number': return 1;
    case 'boolean': return true;
    default: return 'x';
  }
}

const first = (e: Case['expect']): Expectation => ('alternatives' in e ? e.alternatives[0]! : e);

/**
 * What the page fixes inside a success body: documented values where the fields occur, and the
 * per-item results the expectation names (item ids resolved through the case's fixtures).
 */
function documented(doc: Record<string, unknown>, contract: Contract, e: Expectation, refs: Record<string, string>): void {
  const per = contract.response.perItem;
  if (per && e.kind === 'success' && e.items) {
    const items = Object.entries(e.items).map(([ref, code]) => {
      const id = /^\$(\w+)\.id$/.exec(ref) ? refs[ref.slice(1, -3)] ?? ref : ref;
      const item: Record<string, unknown> = { [per.id]: id };
      if (code !== null) setPath(item, per.code, code);
      const error = per.code.includes('.') ? item[per.code.split('.')[0]!] as Record<string, unknown> : undefined;
      if (error) error.Message = 'm';
      return item;
    });
    setPath(doc, per.list, items);
  }
  for (const v of contract.response.values ?? []) {
    const name = v.path.split('.').pop()!;
    for (const f of fieldsAt(doc, v.path)) {
      if (f.value !== undefined && !(v.oneOf ?? [v.equals]).includes(f.value as string)) f.parent[name] = v.equals ?? v.oneOf![0];
    }
  }
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = doc;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

export function answer(e: Expectation, c: Case, contract: Contract, extra: Record<string, unknown> = {}, refs: Record<string, string> = {}): Answered {
  const vendor = contract.vendor;
  const requestId = REQUEST_IDS[vendor];
  if (e.kind === 'error') {
    const body = vendor === 'volcengine' ? { ResponseMetadata: { RequestId: requestId, Error: { Code: e.code, Message: 'm' } } }
      : vendor === 'huaweicloud' ? { error: { code: e.code, message: 'm' } }
      : { RequestId: requestId, Code: e.code, Message: 'm' };
    const xml = c.call.format === 'XML';
    return { outcome: 'answered', status: e.status ?? 400, error: { code: e.code, message: 'm' }, requestId, body: xml ? { Error: body } : body, format: xml ? 'xml' : 'json', contentType: xml ? 'text/xml' : 'application/json' };
  }
  const status = e.status ?? contract.response.status;
  if (contract.response.schema === null) return { outcome: 'answered', status, requestId, format: 'none' };
  const doc = sample(contract.response.schema, { RequestId: requestId, ...extra }) as Record<string, unknown>;
  documented(doc, contract, e, refs);
  if (c.call.format === 'XML') {
    return { outcome: 'answered', status, requestId, body: { [contract.response.xml!.root]: doc }, format: 'xml', contentType: 'text/xml;charset=utf-8' };
  }
  return { outcome: 'answered', status, requestId, body: doc, format: 'json', contentType: 'application/json' };
}

export interface FakeOptions {
  /** Change an answer after it is built (the deviations). */
  deviate?: (r: Answered, c: Case, call: OperationCall) => TargetResponse;
  capabilities?: Partial<TargetCapabilities>;
}

/** A target that answers one case as its contract says. */
export function conformingFake(c: Case, contract: Contract, opts: FakeOptions = {}): Target {
  const ids: Record<string, string> = {};
  let n = 0;
  let calls = 0;
  const created = 'ssg-created0001';
  const resolve = (v: unknown): unknown => (typeof v === 'string' && v.startsWith('$') && v.endsWith('.id') ? ids[v.slice(1, -3)] : v);
  return {
    name: 'conforming-fake', kind: 'fake', capabilities: { ...FULL, ...opts.capabilities },
    async send(call: OperationCall, _tweak?: ProtocolTweak) {
      calls++;
      if (c.tweak?.auth === 'reused-nonce' && calls === 1) return answer({ kind: 'success' }, c, contract); // priming call
      const isThen = c.then && calls === (c.tweak?.auth === 'reused-nonce' ? 3 : 2);
      const e = first(isThen ? c.then!.expect : c.expect);
      const extra: Record<string, unknown> = {};
      for (const a of c.after ?? []) if (a.ref.startsWith('$response.')) extra[a.ref.slice(10)] = created;
      const r = answer(e, c, contract, extra, ids);
      return opts.deviate ? opts.deviate(r, c, call) : r;
    },
    fixtures: {
      async create(_v, spec) { const id = `fx-${spec.as}-${n++}`; ids[spec.as] = id; return id; },
      async get(_v, _kind, id) {
        const a = (c.after ?? []).find((x) => (x.ref.startsWith('$response.') ? id === created : ids[x.ref] === id));
        if (!a || a.exists === false) return undefined;
        return Object.fromEntries(Object.entries(a.fields ?? {}).map(([k, v]) => [k, resolve(v)]));
      },
    },
  };
}

/** One target over a sequence of cases run one at a time (runSuite with concurrency 1 + onResult). */
export function routerFake(order: Case[], contractOf: (c: Case) => Contract, opts: FakeOptions = {}): { target: Target; advance: () => void } {
  let i = 0;
  let current = order[0] ? conformingFake(order[0], contractOf(order[0]), opts) : undefined;
  return {
    target: {
      name: 'router-fake', kind: 'fake', capabilities: { ...FULL, ...opts.capabilities },
      send: (call, tweak) => current!.send(call, tweak),
      fixtures: { create: (v, s, r) => current!.fixtures!.create(v, s, r), get: (v, k, id) => current!.fixtures!.get(v, k, id) },
    },
    advance() { i++; current = order[i] ? conformingFake(order[i]!, contractOf(order[i]!), opts) : undefined; },
  };
}

/**
 * One target for a whole suite at any concurrency: each call is answered by a conformingFake of the
 * case the runner is running (caseContext), made on its first call. One per run (replays count calls).
 */
export function perCaseFake(contractOf: (c: Case) => Contract, opts: FakeOptions = {}): Target {
  const fakes = new Map<string, Target>();
  const fakeOf = (): Target => {
    const c = currentCase();
    if (!c) throw new Error('perCaseFake: called outside a case');
    let f = fakes.get(c.id);
    if (!f) fakes.set(c.id, (f = conformingFake(c, contractOf(c), opts)));
    return f;
  };
  return {
    name: 'per-case-fake', kind: 'fake', capabilities: { ...FULL, ...opts.capabilities }, caseAware: true,
    send: (call, tweak) => fakeOf().send(call, tweak),
    fixtures: { create: (v, s, r) => fakeOf().fixtures!.create(v, s, r), get: (v, k, id) => fakeOf().fixtures!.get(v, k, id) },
  };
}
