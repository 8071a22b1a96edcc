// Committed snapshots of vendor SDK models (drift/models/<vendor>-<service>-<version>.json) for
// vendors whose SDK for these services is not installed as a package with readable models (the Go
// SDKs of Volcengine and Huawei). A snapshot holds facts only (names, types, required, locations,
// limits and enums where the model has them), each cited by `path:line` in one file of a named
// repository commit. checkSnapshot() refuses a snapshot whose facts are malformed or uncited.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject as isObj, isOneOf, type JsonObject } from '../core/json.ts';
import { ConformanceError } from '../core/errors.ts';
import { FIELD_TYPES, LIMIT_KEYWORDS, type FieldFacts, type OperationModel } from './model-facts.ts';

const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** A path inside the repository: relative, not climbing out. */
const isRepoPath = (f: unknown): f is string => typeof f === 'string' && f !== '' && !f.startsWith('/') && !f.includes('..');

export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'models');

export const snapshotFile = (vendor: string, service: string, version: string, dir = MODELS_DIR) => join(dir, `${vendor}-${service}-${version}.json`);

const FIELD_KEYS = new Set(['type', 'required', 'limits', 'enum', 'deprecated', 'in', 'items', 'fields', 'at']);
const OPERATION_KEYS = new Set(['files', 'http', 'clientFilled', 'request', 'response']);
const TOP_KEYS = new Set(['$comment', 'vendor', 'service', 'version', 'source', 'convention', 'scope', 'operations', 'omitted']);

/** Problems of a snapshot (empty when well formed and every fact is cited in a file it names). */
export function checkSnapshot(data: unknown): string[] {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObj(data)) return ['the snapshot is not a JSON object'];
  for (const k of Object.keys(data)) if (!TOP_KEYS.has(k)) bad(k, 'unknown key');
  for (const k of ['vendor', 'service', 'version', 'convention', 'scope']) if (typeof data[k] !== 'string' || !data[k]) bad(k, 'a non-empty string is required');
  const src = isObj(data.source) ? data.source : {};
  if (typeof src.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(src.repo)) bad('source.repo', 'owner/name is required');
  if (typeof src.commit !== 'string' || !/^[0-9a-f]{40}$/.test(src.commit)) bad('source.commit', 'a full 40-hex commit is required');
  for (const k of ['committed', 'read']) if (!isDate(src[k])) bad(`source.${k}`, 'a YYYY-MM-DD date is required');
  if (!isObj(data.operations) || !Object.keys(data.operations).length) { bad('operations', 'at least one operation is required'); return problems; }
  for (const [op, o] of Object.entries(data.operations)) checkOperation(`operations.${op}`, o, bad);
  if (data.omitted !== undefined && (!Array.isArray(data.omitted) || !data.omitted.every((x) => isObj(x) && typeof x.what === 'string' && typeof x.why === 'string'))) bad('omitted', 'a list of { what, why } is required');
  return problems;
}

function checkOperation(where: string, o: unknown, bad: (w: string, m: string) => void) {
  if (!isObj(o)) return bad(where, 'an object is required');
  for (const k of Object.keys(o)) if (!OPERATION_KEYS.has(k)) bad(`${where}.${k}`, 'unknown key');
  const files = Array.isArray(o.files) && o.files.every(isRepoPath) ? o.files.filter(isRepoPath) : [];
  if (!files.length) bad(`${where}.files`, 'the repository paths the facts come from are required');
  const cited = (w: string, at: unknown) => {
    const m = typeof at === 'string' ? /^(.+):([1-9]\d*)$/.exec(at) : null;
    if (!m) bad(w, 'a citation `path:line` is required');
    else if (!files.includes(m[1]!)) bad(w, `${m[1]} is not one of the operation's files`);
  };
  if (o.http !== undefined) {
    const h = isObj(o.http) ? o.http : {};
    if (typeof h.method !== 'string' || typeof h.path !== 'string') bad(`${where}.http`, 'method and path are required');
    cited(`${where}.http.at`, h.at);
  }
  if (o.clientFilled !== undefined) {
    if (!isObj(o.clientFilled)) bad(`${where}.clientFilled`, 'an object is required');
    else for (const [name, v] of Object.entries(o.clientFilled)) {
      if (!isObj(v) || typeof v.why !== 'string' || !v.why) bad(`${where}.clientFilled.${name}`, 'why is required');
      cited(`${where}.clientFilled.${name}.at`, isObj(v) ? v.at : undefined);
    }
  }
  for (const part of ['request', 'response']) {
    const fields = o[part];
    if (!isObj(fields)) { bad(`${where}.${part}`, 'an object of fields is required (empty: none)'); continue; }
    for (const [name, f] of Object.entries(fields)) checkField(`${where}.${part}.${name}`, f, true, cited, bad);
  }
}

function checkField(where: string, f: unknown, named: boolean, cited: (w: string, at: unknown) => void, bad: (w: string, m: string) => void) {
  if (!isObj(f)) return bad(where, 'an object is required');
  for (const k of Object.keys(f)) if (!FIELD_KEYS.has(k)) bad(`${where}.${k}`, 'unknown key');
  if (!isOneOf(FIELD_TYPES, f.type)) bad(`${where}.type`, `one of ${FIELD_TYPES.join(', ')} is required`);
  if (f.required !== undefined && typeof f.required !== 'boolean') bad(`${where}.required`, 'a boolean is required');
  if (f.deprecated !== undefined && typeof f.deprecated !== 'boolean') bad(`${where}.deprecated`, 'a boolean is required');
  if (f.in !== undefined && typeof f.in !== 'string') bad(`${where}.in`, 'a string is required');
  if (f.limits !== undefined) {
    if (!isObj(f.limits)) bad(`${where}.limits`, 'an object is required');
    else for (const [k, v] of Object.entries(f.limits)) {
      if (!isOneOf(LIMIT_KEYWORDS, k) || typeof v !== 'number') bad(`${where}.limits.${k}`, `a number under one of ${LIMIT_KEYWORDS.join(', ')} is required`);
    }
  }
  if (f.enum !== undefined && (!Array.isArray(f.enum) || !f.enum.length || !f.enum.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))) bad(`${where}.enum`, 'a non-empty list of values is required');
  if (named || f.at !== undefined) cited(`${where}.at`, f.at);
  if ((f.type === 'array') !== (f.items !== undefined)) bad(`${where}.items`, 'items is required on arrays and only there');
  if (f.items !== undefined) checkField(`${where}.items`, f.items, false, cited, bad);
  if (f.fields !== undefined) {
    if (f.type !== 'object' || !isObj(f.fields)) bad(`${where}.fields`, 'fields are for objects');
    else for (const [name, g] of Object.entries(f.fields)) checkField(`${where}.fields.${name}`, g, true, cited, bad);
  }
}

interface Snapshot {
  source: { repo: string; commit: string };
  scope: string;
  operations: Record<string, { files: string[]; http?: OperationModel['http']; clientFilled?: Record<string, { why: string; at: string }>; request: Record<string, FieldFacts>; response: Record<string, FieldFacts> }>;
}

/** The snapshot for a vendor's service version: undefined when none is committed; throws when malformed. */
export function readSnapshot(vendor: string, service: string, version: string, dir = MODELS_DIR): { file: string; snapshot: Snapshot } | undefined {
  const file = snapshotFile(vendor, service, version, dir);
  if (!existsSync(file)) return undefined;
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems = checkSnapshot(data);
  if (problems.length) throw new ConformanceError('E_CONTRACT', `${file}: the SDK model snapshot is malformed: ${problems.join('; ')}`);
  return { file, snapshot: data as Snapshot };
}

/** One operation of a snapshot as a model, or undefined when the snapshot does not hold it. */
export function snapshotOperationModel(s: Snapshot, operation: string): OperationModel | undefined {
  const o = s.operations[operation];
  if (!o) return undefined;
  return {
    operation,
    source: `${s.source.repo}@${s.source.commit.slice(0, 12)} ${o.files.join(', ')}`,
    ...(o.http ? { http: o.http } : {}),
    clientFilled: Object.fromEntries(Object.entries(o.clientFilled ?? {}).map(([k, v]) => [k, `${v.why} (${v.at})`])),
    request: o.request,
    response: o.response,
    scope: s.scope,
  };
}
