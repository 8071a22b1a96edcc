// Contract vs page: every parameter, response field and error row the page prints must be in the
// contract (and at the page line the contract cites); the contract may not invent parameters.
// Pure: the fidelity test and the drift audit both call it.
import type { Contract, ProtocolProfile } from '../core/types.ts';
import type { ParsedPage } from './types.ts';
import { isJsonObject as isObj, type JsonObject as Json } from '../core/json.ts';

export type DifferenceKind =
  | 'missing-param'          // on the page, not in the contract
  | 'extra-param'            // in the contract (not fromProfile), not on the page
  | 'required-mismatch'      // 是/否 on the page disagrees with `required`
  | 'missing-response-field' // on the page, in neither the contract's response schema nor the profile envelopes
  | 'missing-error'          // status+code+message row on the page, not in the contract
  | 'bad-line'               // a contract `line` / `x-line` does not point at the thing
  | 'metadata'               // title, update date, HTTP method/path disagree
  | 'missing-example';       // a page response example the contract does not cite

export interface Difference {
  kind: DifferenceKind;
  /** What it is about: `param ExcludeDiskId.N`, `error 403 QuotaExceed.Snapshot`, `field OperationProgressSet.OperationProgress.ErrorCode`. */
  subject: string;
  message: string;
  /** Page line of the thing (when the page has it). */
  pageLine?: number;
  /** JSON pointer into the contract (when the contract has it). */
  pointer?: string;
}

/** Every named property in a schema: its path of names (array `items` are transparent) and node. */
export function schemaFields(schema: unknown, pointer = ''): { path: string[]; node: Json; pointer: string }[] {
  const out: { path: string[]; node: Json; pointer: string }[] = [];
  const walk = (s: unknown, path: string[], ptr: string) => {
    if (!isObj(s)) return;
    if (isObj(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) {
        const p = `${ptr}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (isObj(sub)) out.push({ path: [...path, name], node: sub, pointer: p });
        walk(sub, [...path, name], p);
      }
    }
    if (isObj(s.items)) walk(s.items, path, `${ptr}/items`);
    if (isObj(s.additionalProperties)) walk(s.additionalProperties, path, `${ptr}/additionalProperties`);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const l = s[k];
      if (Array.isArray(l)) l.forEach((x, i) => walk(x, path, `${ptr}/${k}/${i}`));
    }
  };
  walk(schema, [], pointer);
  return out;
}

/** Does `path` end with the names of `tail`? (A page prints a nested field by its own name or a shorter path.) */
export const pathEndsWith = (path: string[], tail: string[]) => tail.length <= path.length && tail.every((n, i) => path[path.length - tail.length + i] === n);

/** An error row's identity: the same status, code and message is the same row. */
export const errorRowKey = (e: { status: number; code: string; message: string }) => `${e.status} ${e.code} ${e.message}`;

export interface CompareOptions {
  /** The contract's vendor profile: page response fields may describe its error envelope (Huawei's error body). */
  profile?: ProtocolProfile;
}

export function compareContractToPage(contract: Contract, page: ParsedPage, opts: CompareOptions = {}): Difference[] {
  const diffs: Difference[] = [];
  const lineText = (n: number | undefined) => (n && n >= 1 && n <= page.lines.length ? page.lines[n - 1]! : undefined);
  /** `expected`: the page line(s) where the subject is, or the text the cited line should contain. */
  const badLine = (subject: string, pointer: string, cited: number, expected: number | number[] | string) => diffs.push({
    kind: 'bad-line', subject, pointer, pageLine: cited,
    message: typeof expected !== 'string'
      ? `${subject}: the contract cites page line ${cited}, the page has it at line ${[expected].flat().join(' or ')}`
      : `${subject}: the contract cites page line ${cited}, which does not contain ${JSON.stringify(expected)} (it reads ${JSON.stringify((lineText(cited) ?? '<past the end>').trim().slice(0, 80))})`,
  });

  // ---------------------------------------------------------------- metadata
  if (contract.source.file !== page.file) diffs.push({ kind: 'metadata', subject: 'source.file', pointer: '/source/file', message: `source.file is ${contract.source.file}, the page is ${page.file}` });
  if ((contract.source.updated ?? null) !== (page.updated ?? null)) {
    diffs.push({ kind: 'metadata', subject: 'source.updated', pointer: '/source/updated', message: `source.updated is ${JSON.stringify(contract.source.updated ?? null)}, the page prints ${JSON.stringify(page.updated ?? null)}` });
  }
  if (contract.source.title && !page.title.includes(contract.source.title)) {
    diffs.push({ kind: 'metadata', subject: 'source.title', pointer: '/source/title', message: `source.title ${JSON.stringify(contract.source.title)} is not the page title ${JSON.stringify(page.title)}` });
  }
  if (page.http && (contract.http?.method !== page.http.method || contract.http?.path !== page.http.path)) {
    diffs.push({ kind: 'metadata', subject: 'http', pointer: '/http', pageLine: page.http.line, message: `http is ${contract.http ? `${contract.http.method} ${contract.http.path}` : 'absent'}, the page says ${page.http.method} ${page.http.path}` });
  }
  if (page.successStatus && contract.response.status !== page.successStatus.status) {
    diffs.push({ kind: 'metadata', subject: 'response.status', pointer: '/response/status', pageLine: page.successStatus.line, message: `response.status is ${contract.response.status}, the page says ${page.successStatus.status}` });
  }

  // ---------------------------------------------------------------- parameters
  const params = contract.request.parameters;
  const pageNames = new Set(page.params.map((p) => p.name));
  for (const pp of page.params) {
    const i = params.findIndex((p) => p.docName === pp.name);
    const subject = `param ${pp.name}`;
    if (i < 0) { diffs.push({ kind: 'missing-param', subject, pageLine: pp.line, message: `${subject} (page line ${pp.line}) is not in the contract` }); continue; }
    const cp = params[i]!;
    const pointer = `/request/parameters/${i}`;
    if (cp.line !== undefined && cp.line !== pp.line) badLine(subject, `${pointer}/line`, cp.line, pp.line);
    if (pp.required !== null && pp.required !== undefined && cp.required !== pp.required) {
      diffs.push({ kind: 'required-mismatch', subject, pointer: `${pointer}/required`, pageLine: pp.line, message: `${subject}: the page says ${pp.required ? '是' : '否'} (required ${pp.required}), the contract says required: ${cp.required}` });
    }
  }
  params.forEach((cp, i) => {
    if (cp.fromProfile || pageNames.has(cp.docName)) return;
    diffs.push({ kind: 'extra-param', subject: `param ${cp.docName}`, pointer: `/request/parameters/${i}`, message: `param ${cp.docName} is in the contract but not on the page (mark it fromProfile: true if it comes from the vendor profile)` });
  });

  // ---------------------------------------------------------------- response fields
  const fields = schemaFields(contract.response.schema, '/response/schema');
  // When the success answer has no body (schema null, Huawei 202), the page's response table can only
  // describe the error body: those fields may come from the profile's ERROR envelope. Otherwise every
  // page field must be in the contract's own schema (even RequestId, which the envelopes also hold).
  const envelopeFields = opts.profile && contract.response.schema === null ? schemaFields(opts.profile.envelopes.error) : [];
  for (const f of page.responseFields) {
    const subject = `field ${f.path.join('.')}`;
    const hit = fields.find((c) => pathEndsWith(c.path, f.path));
    if (!hit) {
      if (envelopeFields.some((c) => pathEndsWith(c.path, f.path))) continue;
      diffs.push({ kind: 'missing-response-field', subject, pageLine: f.line, message: `${subject} (page line ${f.line}) is in neither the response schema${opts.profile ? ` nor the ${opts.profile.name} error envelope` : ''}` });
      continue;
    }
    const cited = hit.node['x-line'];
    if (typeof cited === 'number' && cited !== f.line) badLine(subject, `${hit.pointer}/x-line`, cited, f.line);
  }

  // ---------------------------------------------------------------- error rows
  const key = errorRowKey;
  const pageRows = new Map(page.errors.map((e) => [key(e), e]));
  for (const e of page.errors) {
    if (!contract.errors.some((c) => key(c) === key(e))) {
      const near = contract.errors.find((c) => c.code === e.code);
      diffs.push({ kind: 'missing-error', subject: `error ${e.status} ${e.code}`, pageLine: e.line,
        message: `error ${e.status} ${e.code} ${JSON.stringify(e.message)} (page line ${e.line}) is not in the contract${near ? ` (the contract has ${near.status} ${near.code} ${JSON.stringify(near.message)})` : ''}` });
    }
  }
  contract.errors.forEach((c, i) => {
    if (c.line === undefined) return;
    const subject = `error ${c.status} ${c.code}`;
    const row = pageRows.get(key(c));
    if (row) { if (row.line !== c.line) badLine(subject, `/errors/${i}/line`, c.line, row.line); }
    else if (!lineText(c.line)?.includes(c.code)) badLine(subject, `/errors/${i}/line`, c.line, c.code);
  });

  // ---------------------------------------------------------------- examples
  (contract.response.examples ?? []).forEach((ex, i) => {
    if (ex.line === undefined) return;
    const kind = ex.format === 'json' ? 'response-json' : 'response-xml';
    const onPage = page.examples.filter((p) => p.kind === kind);
    if (!onPage.some((p) => p.line === ex.line)) {
      badLine(`example ${ex.format}`, `/response/examples/${i}/line`, ex.line, onPage.length ? onPage.map((p) => p.line) : `a ${ex.format} example`);
    }
  });
  for (const p of page.examples.filter((x) => x.kind !== 'request')) {
    const format = p.kind === 'response-json' ? 'json' : 'xml';
    if (!(contract.response.examples ?? []).some((ex) => ex.format === format && ex.line === p.line)) {
      diffs.push({ kind: 'missing-example', subject: `example ${format}`, pageLine: p.line, message: `the ${format} response example at page line ${p.line} is not in response.examples` });
    }
  }

  // ---------------------------------------------------------------- prose lines (rules, notes, dependencies)
  const cites = (pointer: string, line: number | undefined): [string, number | undefined] => [pointer, line];
  const prosePointers = [
    ...contract.rules.map((r, i) => cites(`/rules/${i}/line`, r.line)),
    ...contract.notes.map((n, i) => cites(`/notes/${i}/line`, n.line)),
    ...(contract.request.dependencies ?? []).map((d, i) => cites(`/request/dependencies/${i}/line`, d.line)),
  ];
  for (const [pointer, line] of prosePointers) {
    // A prose line may cite an empty cell (Volcengine's blank 是否必填), so only its range is checked.
    if (line !== undefined && lineText(line) === undefined) badLine(pointer.slice(1, -5), pointer, line, `a line of the page (it has ${page.lines.length})`);
  }
  return diffs;
}
