// Export contracts to OpenAPI 3.1: one document per vendor + service + version.
//
// RPC operations (Alibaba, Volcengine) all live at `/` and differ only by the `Action` parameter,
// which OpenAPI cannot key paths on (a path may not hold a query string, and one path has one
// operation per method). Each RPC operation therefore gets the path `/#<Action>` (the "fragment
// path" idiom): the fragment makes the path key unique and valid, and is never sent on the wire (an
// HTTP client drops the fragment), so a tool calling the operation sends `/` plus the required
// `Action` query parameter, whose schema is `const: <Action>`. The operation also carries
// `x-rpc-action` and `x-wire-path: /`. REST operations (Huawei) use their real path.
import { pageLabel } from '../core/page.ts';
import type { Contract, ContractParam, ProtocolProfile, Vendor } from '../core/types.ts';
import type { LoadedContracts } from '../loader/index.ts';
import { isJsonObject as isObj, type JsonObject as Json } from '../core/json.ts';

const SERVERS: Record<Vendor, (service: string) => Json[]> = {
  aliyun: (s) => [{ url: `https://${s}.aliyuncs.com`, description: 'Alibaba Cloud public endpoint' }],
  volcengine: () => [{ url: 'https://open.volcengineapi.com', description: 'Volcengine OpenAPI gateway (Service and Region go in the signed request)' }],
  huaweicloud: (s) => [{ url: `https://${s}.{region}.myhuaweicloud.com`, variables: { region: { default: 'ap-southeast-1', description: 'Huawei Cloud region id' } } }],
};

/** Key of a document: `aliyun-ecs-2014-05-26`. */
export const docKey = (c: Pick<Contract, 'vendor' | 'service' | 'version'>) => `${c.vendor}-${c.service}-${c.version}`;

/** A value for a schema good enough to be a valid example (error bodies filled with code/message). */
function exampleFor(schema: unknown, fill: { code: string; message: string }): unknown {
  if (!isObj(schema)) return 'string';
  if (Array.isArray(schema.oneOf)) return exampleFor(schema.oneOf[0], fill);
  if (Array.isArray(schema.anyOf)) return exampleFor(schema.anyOf[0], fill);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || isObj(schema.properties)) {
    const props = isObj(schema.properties) ? schema.properties : {};
    const keys = new Set([...(Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === 'string') : []), ...Object.keys(props).filter((k) => /^(code|message|error|requestid)$/i.test(k))]);
    return Object.fromEntries([...keys].map((k) => {
      if (/^code$/i.test(k) || /^error_code$/i.test(k)) return [k, fill.code];
      if (/^message$/i.test(k) || /^error_msg$/i.test(k)) return [k, fill.message];
      if (/^requestid$/i.test(k)) return [k, '00000000-0000-0000-0000-000000000000'];
      return [k, exampleFor(props[k], fill)];
    }));
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  return 'string';
}

function parameterObject(p: ContractParam): Json {
  const flat = p.style === 'flat-list';
  const schema = p.schema;
  return {
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : p.required,
    ...(p.description ? { description: flat ? `${p.description}\n\nWire form: ${p.name}.1=..&${p.name}.2=.. (documented as ${p.docName}).` : p.description } : {}),
    schema,
    ...(flat ? { style: 'form', explode: true, 'x-style': 'flat-list' } : {}),
    ...(p.example !== undefined && !flat ? { example: p.example } : {}),
    ...(p.docName !== p.name ? { 'x-doc-name': p.docName } : {}),
    ...(p.line !== undefined ? { 'x-line': p.line } : {}),
    ...(p.fromProfile ? { 'x-from-profile': true } : {}),
  };
}

function operationFor(c: Contract, profile: ProtocolProfile | undefined): { path: string; method: string; op: Json } {
  const rpc = !c.http;
  const style = profile?.requestStyle ?? {};
  const method = (c.http?.method ?? style.methods?.[0] ?? 'GET').toLowerCase();
  const path = rpc ? `/#${c.operation}` : c.http!.path;
  // Contract params first, then the profile's common params the contract does not redefine.
  const own = c.request.parameters;
  const common = (profile?.commonParameters ?? []).filter((p) => !own.some((o) => o.name === p.name));
  const all = [...own, ...common];
  const inline = all.filter((p) => p.in === 'query' || p.in === 'path' || p.in === 'header');
  const bodied = all.filter((p) => p.in === 'form' || p.in === 'body');
  const parameters = inline.map(parameterObject);
  if (rpc) {
    // one Action parameter, naming this operation: the contract's, the profile's common one, or added
    const action = parameters.find((p) => p.name === 'Action');
    if (!action) parameters.unshift({ name: 'Action', in: 'query', required: true, schema: { type: 'string', const: c.operation } });
    else if (!own.some((p) => p.name === 'Action')) action.schema = { type: 'string', const: c.operation };
  }

  const successContent = c.response.schema
    ? {
      content: {
        'application/json': {
          schema: c.response.schema,
          ...(() => {
            const ex = (c.response.examples ?? []).filter((e) => e.format === 'json' && e.valid !== false && isObj(e.body));
            return ex.length ? { examples: Object.fromEntries(ex.map((e, i) => [`page${e.line ?? i}`, { summary: `Example from the vendor page${e.line ? ` (line ${e.line})` : ''}`, value: e.body }])) } : {};
          })(),
        },
      },
    }
    : {};
  const responses: Json = {
    [String(c.response.status)]: { description: c.response.schema ? 'Success' : 'Success (no body)', ...successContent },
  };
  const byStatus = new Map<number, Contract['errors']>();
  for (const e of c.errors) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e]);
  for (const [status, rows] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const examples: Json = {};
    for (const r of rows) {
      let key = r.code;
      for (let n = 2; key in examples; n++) key = `${r.code}-${n}`;
      examples[key] = {
        summary: r.description ?? r.message,
        value: exampleFor(profile?.envelopes.error, { code: r.code, message: r.message }),
        ...(r.line !== undefined ? { 'x-line': r.line } : {}),
      };
    }
    responses[String(status)] = {
      description: `Errors: ${[...new Set(rows.map((r) => r.code))].join(', ')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' }, examples } },
    };
  }
  if (!c.errors.some((e) => e.status >= 400 && e.status < 500)) {
    responses['4XX'] = { description: 'Client error (vendor common errors; see the protocol profile)', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } };
  }

  const op: Json = {
    operationId: c.operation,
    summary: c.source.title ?? c.operation,
    description: `Contract ${c.id}, transcribed from ${pageLabel(c)}${c.source.updated ? ` (updated ${c.source.updated})` : ''}.`,
    parameters,
    ...(bodied.length ? {
      requestBody: {
        required: bodied.some((p) => p.required),
        content: {
          [bodied.every((p) => p.in === 'form') ? 'application/x-www-form-urlencoded' : 'application/json']: {
            schema: { type: 'object', required: bodied.filter((p) => p.required).map((p) => p.name), properties: Object.fromEntries(bodied.map((p) => [p.name, p.schema])) },
          },
        },
      },
    } : {}),
    responses,
    ...(rpc ? { 'x-rpc-action': c.operation, 'x-wire-path': '/' } : {}),
    'x-contract': c.id,
  };
  return { path, method, op };
}

/** One OpenAPI 3.1 document per vendor+service+version, keyed `aliyun-ecs-2014-05-26`. */
export function exportOpenApi(loaded: Pick<LoadedContracts, 'contracts' | 'profiles'>): Record<string, Json> {
  const docs: Record<string, Json> = {};
  const sorted = [...loaded.contracts].sort((a, b) => a.id.localeCompare(b.id));
  for (const c of sorted) {
    const key = docKey(c);
    const profile = loaded.profiles[c.vendor];
    if (!docs[key]) {
      const schemeName = profile?.name ?? c.vendor;
      docs[key] = {
        openapi: '3.1.0',
        info: {
          title: `${c.vendor} ${c.service} ${c.version}`,
          version: c.version,
          description: `Exported by cloud-api-conformance from its contracts (protocol ${c.protocol}). RPC operations use fragment paths (/#Action); the wire path is / with the Action parameter.`,
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
          'x-vendor': c.vendor,
          'x-service': c.service,
        },
        servers: SERVERS[c.vendor](c.service),
        security: [{ [schemeName]: [] }],
        paths: {},
        components: {
          schemas: { ErrorEnvelope: profile?.envelopes.error ?? { type: 'object' } },
          securitySchemes: {
            [schemeName]: {
              type: 'apiKey', in: 'header', name: 'Authorization',
              description: `Request signing: ${(profile?.signing ?? []).join(', ')} (see contracts/${c.vendor}/_protocol.yaml).`,
            },
          },
        },
      };
    }
    const { path, method, op } = operationFor(c, profile);
    const paths = docs[key]!.paths as Json;
    paths[path] = { ...(paths[path] as Json | undefined), [method]: op };
  }
  return docs;
}
