// Draft a contract from a parsed vendor page: parameters (types, required, examples, every constraint
// draft-constraints.ts can read), response fields, examples and error rows, each with its page line.
// Behavioural prose becomes `notes` (kind other) for a person to turn into rules; `rules` stays [].
// Deterministic: the same page gives the same draft (the drift audit diffs drafts against contracts).
import { isVendor, type Contract, type ContractErrorRow, type ContractNote, type ContractParam, type ParamLocation, type Vendor } from '../core/types.ts';
import { parseScalar, readConstraints, type BaseType } from './draft-constraints.ts';
import { escapeRegExp, type PageParam, type PageResponseField, type ParsedPage } from './types.ts';
import { ConformanceError } from '../core/errors.ts';

export interface DraftIdentity { vendor: Vendor; service: string; version: string; operation: string }

export interface Draft {
  contract: Contract;
  /** Params whose required cell is blank or unreadable: the draft says false, but the page says nothing. */
  requiredUnstated: string[];
}

/** Protocol profile names by vendor (contracts/<vendor>/_protocol.yaml `name`). */
const PROTOCOL: Record<Vendor, string> = { aliyun: 'aliyun-rpc', volcengine: 'volcengine-openapi', huaweicloud: 'huaweicloud-rest' };

/** `aliyun-ecs-2014-05-26-CreateSnapshotGroup.md` -> vendor, service, version, operation. */
export function identityFromFile(file: string): DraftIdentity | undefined {
  const m = /^(aliyun|volcengine|huaweicloud)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2}|v\d+(?:\.\d+)?)-([A-Za-z][A-Za-z0-9]*)\.(?:md|txt|html?)$/.exec(file);
  return m && isVendor(m[1]) ? { vendor: m[1], service: m[2]!, version: m[3]!, operation: m[4]! } : undefined;
}

/** Page type cell -> JSON Schema type (and item type for lists). */
function mapType(t: string): { type: BaseType; items?: BaseType } {
  const s = t.trim();
  const arr = /^Array of (.+)$/i.exec(s);
  if (/^RepeatList$/i.test(s) || /^Array$/i.test(s)) return { type: 'array', items: 'string' };
  if (arr) return { type: 'array', items: mapType(arr[1]!).type };
  if (/^(Integer|Long|int|int32|int64)$/i.test(s)) return { type: 'integer' };
  if (/^(Float|Double|Number)$/i.test(s)) return { type: 'number' };
  if (/^Boolean$/i.test(s)) return { type: 'boolean' };
  if (/^(String|)$/i.test(s)) return { type: 'string' };
  return { type: 'object' }; // Object, Map, JSON, or a named struct (`Array of OperationProgress`)
}

/** One line of prose: bullets and line breaks joined, markdown links reduced to their text. */
const oneLine = (s: string) => s.split('\n').map((l) => l.trim().replace(/^[-•]\s+/, '')).filter(Boolean)
  .reduce((acc, l) => (acc === '' ? l : /[。：:，,；;]$/.test(acc) ? acc + l : `${acc}；${l}`), '')
  .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').trim();

function example(raw: string | undefined, type: BaseType, items: BaseType | undefined, base: string): unknown {
  if (raw === undefined || raw === '' || raw === '--') return undefined;
  // A cell that is not of the type stays as printed.
  const scalar = (v: string, t: BaseType | undefined): unknown => parseScalar(v, t) ?? v;
  if (type !== 'array') return scalar(raw, type);
  // `InstanceIds.1=a&InstanceIds.2=b` (Volcengine) or one value (Alibaba).
  const pairs = [...raw.matchAll(new RegExp(`${escapeRegExp(base)}\\.\\d+=([^&]+)`, 'g'))].map((m) => m[1]!.trim());
  return (pairs.length ? pairs : [raw]).map((v) => scalar(v, items));
}

function draftParam(pp: PageParam, vendor: Vendor, notes: ContractNote[]): ContractParam {
  const { type, items } = mapType(pp.type);
  const list = type === 'array' || /\.N$/.test(pp.name);
  const name = pp.name.replace(/\.N$/, '');
  const c = readConstraints(pp.description, list ? 'array' : type, list ? items ?? 'string' : undefined);
  const required = pp.required === true;
  const schema: Record<string, unknown> = { type: list ? 'array' : type };
  if (list) {
    // A flat list goes as Name.1..Name.N: at least one item, and an empty item is as good as none.
    const itemSchema: Record<string, unknown> = { type: items ?? 'string', ...c.items };
    if (itemSchema.type === 'string' && itemSchema.minLength === undefined) itemSchema.minLength = 1;
    schema.items = itemSchema;
    if (c.schema.minItems === undefined) schema.minItems = 1;
  }
  Object.assign(schema, c.schema);
  // An empty value for a required string is as good as a missing one (the hand contracts' convention).
  if (required && type === 'string' && !list && schema.const === undefined && schema.minLength === undefined) schema.minLength = 1;
  const in_: ParamLocation = pp.in ?? (vendor === 'huaweicloud' ? 'body' : 'query');
  const ex = example(pp.example, list ? 'array' : type, items, name);
  const desc = oneLine(pp.description);
  for (const m of desc.matchAll(/[^。]*(?:仅当|只有当|必须同时|不能同时|与.{1,20}互斥)[^。]*。?/g)) {
    notes.push({ id: `param-${name}-dependency-${notes.length + 1}`, kind: 'other', line: pp.line, doc: `${name}: ${m[0].trim()} (a dependency for a person to write as request.dependencies)` });
  }
  return {
    name, docName: pp.name, in: in_, ...(list ? { style: 'flat-list' as const } : {}), required, line: pp.line, schema,
    ...(ex !== undefined ? { example: ex } : {}), ...(c.default !== undefined ? { default: c.default } : {}),
    ...(desc ? { description: desc } : {}), ...(Object.keys(c.wording).length ? { wording: c.wording } : {}),
  };
}

/** Response fields -> a JSON Schema; Alibaba's `Array of X` + struct marker `X` is a wrapper object holding an array X. */
function responseSchema(fields: PageResponseField[], lists: Record<string, string>): Record<string, Record<string, unknown>> {
  const kids = (path: string[]) => fields.filter((f) => f.path.length === path.length + 1 && path.every((n, i) => f.path[i] === n));
  const annotate = (f: PageResponseField, s: Record<string, unknown>) => {
    const d = oneLine(f.description.split('\n')[0] ?? '');
    return { ...s, ...(d ? { description: d } : {}), 'x-line': f.line };
  };
  const props = (list: PageResponseField[]): Record<string, Record<string, unknown>> => Object.fromEntries(list.filter((f) => f.type).map((f) => [f.name, node(f)]));
  const node = (f: PageResponseField): Record<string, unknown> => {
    const children = kids(f.path);
    const { type, items } = mapType(f.type ?? 'Object');
    if (type === 'array') {
      const marker = children.find((k) => !k.type);
      if (marker) {
        lists[f.name] = marker.name;
        return annotate(f, { type: 'object', properties: { [marker.name]: { type: 'array', 'x-line': marker.line, items: { type: 'object', properties: props(kids(marker.path)) } } } });
      }
      if (children.length) return annotate(f, { type: 'array', items: { type: 'object', properties: props(children) } });
      return annotate(f, { type: 'array', items: { type: items ?? 'string' } });
    }
    if (type === 'object') return annotate(f, { type: 'object', ...(children.length ? { properties: props(children) } : {}) });
    return annotate(f, { type });
  };
  return props(kids([]));
}

export function draftContract(page: ParsedPage, id: DraftIdentity | undefined = identityFromFile(page.file)): Draft {
  if (!id) throw new ConformanceError('E_OPTION', `cannot tell vendor, service, version and operation from the file name ${page.file} (expected <vendor>-<service>-<version>-<Operation>.md|.txt)`);
  const notes: ContractNote[] = [];
  const requiredUnstated: string[] = [];
  const parameters = page.params.map((pp) => {
    const p = draftParam(pp, id.vendor, notes);
    if (pp.required !== true && pp.required !== false) {
      requiredUnstated.push(p.name);
      notes.push({ id: `required-unstated-${p.name}`, kind: 'silence', line: pp.line, doc: `The required cell of ${pp.name} is blank or unreadable; the draft says required: false. Decide from the prose.` });
    }
    return p;
  });

  const lists: Record<string, string> = {};
  // Huawei: when every response row describes the error ("出现错误时..."), the table is the error body.
  const errorBody = page.responseFields.length > 0 && page.responseFields.every((f) => /^出现错误时/.test(f.description));
  let schema: Record<string, unknown> | null = null;
  if (errorBody) notes.push({ id: 'response-table-is-error-body', kind: 'other', line: page.responseFields[0]!.line, doc: 'Every response row describes the error body (出现错误时); the success answer is drafted without a body.' });
  else {
    const props = responseSchema(page.responseFields, lists);
    // Volcengine wraps operation fields in Result (the profile's envelope); the page table lists only those.
    schema = id.vendor === 'volcengine' ? { type: 'object', properties: { Result: { type: 'object', properties: props } } } : { type: 'object', properties: props };
  }

  const examples: Contract['response']['examples'] = [];
  for (const ex of page.examples) {
    if (ex.kind === 'response-xml') examples.push({ format: 'xml', line: ex.line, body: ex.text });
    if (ex.kind === 'response-json') {
      if (ex.validJson) examples.push({ format: 'json', line: ex.line, body: JSON.parse(ex.text) });
      else {
        examples.push({ format: 'json', line: ex.line, valid: false, note: 'not valid JSON as printed; body holds the text', body: ex.text });
        notes.push({ id: `invalid-example-${ex.line}`, kind: 'invalid-example', line: ex.line, doc: 'The JSON response example is not valid JSON as printed.' });
      }
    }
  }

  const errors: ContractErrorRow[] = page.errors.map((e) => ({ status: e.status, code: e.code, message: e.message, ...(e.description ? { description: oneLine(e.description) } : {}), line: e.line }));
  for (const p of page.prose) notes.push({ id: `prose-${p.line}`, kind: 'other', line: p.line, doc: p.text });

  const contract: Contract = {
    id: `${id.vendor}.${id.service}.${id.operation}`, vendor: id.vendor, service: id.service, version: id.version, operation: id.operation,
    protocol: PROTOCOL[id.vendor],
    source: { file: page.file, updated: page.updated ?? null, title: page.title || id.operation },
    ...(page.http ? { http: { method: page.http.method, path: page.http.path } } : {}),
    request: { parameters },
    response: {
      status: page.successStatus?.status ?? 200, schema,
      xml: id.vendor === 'aliyun' ? { root: `${id.operation}Response`, ...(Object.keys(lists).length ? { lists } : {}) } : null,
      ...(examples.length ? { examples } : {}),
    },
    errors, rules: [], notes,
  };
  return { contract, requiredUnstated };
}
