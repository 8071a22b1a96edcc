// What arrived on the wire, judged against the contract and the vendor profile: unknown parameters,
// boolean spellings, list numbering, repeated keys, `+` for a space. Recorded per request and sent back
// to loopback clients in the `x-emulator-findings` header (JSON), so the suite's `request` check can
// judge what an SDK really sent, not what the suite asked it to send.
import type { Contract, ContractParam, ProtocolProfile } from '../../core/types.ts';
import type { SigningStrings } from '../../protocols/types.ts';

export type FindingKind = 'unknown-parameter' | 'boolean-spelling' | 'list-numbering' | 'repeated-key' | 'plus-for-space' | 'percent-encoding' | 'signature-mismatch';
/** rejected: the profile or contract forbids it (the emulator refuses it too); listed: shown, not failed (no evidence either way). */
export type FindingVerdict = 'rejected' | 'listed';

export interface Finding { kind: FindingKind; parameter: string; sent: string; verdict: FindingVerdict; why: string }

export const FINDINGS_HEADER = 'x-emulator-findings';

/**
 * On a signature mismatch, what the emulator signed (its canonical request and string to sign),
 * for the client's author to diff with their own. Listed: the error code already judges the case.
 */
export function signatureFinding(strings: SigningStrings | undefined): Finding[] {
  if (!strings) return [];
  return [{
    kind: 'signature-mismatch', parameter: 'signature', sent: '', verdict: 'listed',
    why: `signature mismatch; the emulator's canonical request:\n${strings.canonicalRequest}\nits string to sign:\n${strings.stringToSign}`,
  }];
}

/** Routing and signing names no contract lists. */
const ALWAYS_KNOWN = new Set(['Action', 'Version']);

/** The profile says booleans are spelt exactly `true` / `false` (Alibaba `requestStyle.booleans`). */
export function strictBooleans(profile: ProtocolProfile | undefined): boolean {
  const b = profile?.requestStyle?.booleans;
  return typeof b === 'string' && /^\s*true\s*\/\s*false\s*$/.test(b);
}

/**
 * Findings for parsed wire params (`ExcludeDiskId.1` flat names) and the raw query + form body.
 * Only query/body parameters are judged: headers and path segments are the protocol's business.
 */
/** What wireFindings reads of a contract and its profile, built once per pair (it runs on every request). */
interface Shape { known: Set<string>; lists: ContractParam[]; prefixes: string[]; byName: Map<string, ContractParam>; strict: boolean }
const shapes = new WeakMap<Contract, Map<ProtocolProfile | undefined, Shape>>();
function shapeOf(contract: Contract, profile: ProtocolProfile | undefined): Shape {
  let byProfile = shapes.get(contract);
  if (!byProfile) shapes.set(contract, (byProfile = new Map()));
  let shape = byProfile.get(profile);
  if (!shape) {
    const own = contract.request.parameters;
    shape = {
      known: new Set([...ALWAYS_KNOWN, ...own.map((p) => p.name), ...(profile?.commonParameters ?? []).map((p) => p.name)]),
      lists: own.filter((p) => p.style === 'flat-list'),
      prefixes: own.filter((p) => p.style === 'flat-list').map((p) => `${p.name}.`),
      byName: new Map(own.map((p) => [p.name, p])),
      strict: strictBooleans(profile),
    };
    byProfile.set(profile, shape);
  }
  return shape;
}

export function wireFindings(contract: Contract, profile: ProtocolProfile | undefined, params: Record<string, string>, rawQuery = ''): Finding[] {
  const out: Finding[] = [];
  const { known, lists, prefixes, byName, strict } = shapeOf(contract, profile);
  // the numbers each flat list was sent with (`ExcludeDiskId.3` -> 3), gathered in the one pass over the names
  const numbers: number[][] | undefined = lists.length ? lists.map(() => []) : undefined;
  for (const name in params) {
    const value = params[name]!;
    let list: ContractParam | undefined;
    let first: string | undefined;
    if (numbers) {
      if (byName.get(name)?.style === 'flat-list') {
        out.push({ kind: 'list-numbering', parameter: name, sent: value, verdict: 'rejected', why: `the SDK sent ${name}=${value} as one value; the contract's lists are flat, ${name}.1..N (profile listEncoding)` });
        continue;
      }
      for (let i = 0; i < prefixes.length; i++) {
        if (!name.startsWith(prefixes[i]!)) continue;
        const from = prefixes[i]!.length;
        const dot = name.indexOf('.', from);
        const segment = dot < 0 ? name.slice(from) : name.slice(from, dot);
        const n = Number(segment);
        if (n >= 1) numbers[i]!.push(n);
        if (!list) { list = lists[i]; first = segment; }
      }
    }
    if (list) {
      if (!/^[1-9]\d*$/.test(first!)) {
        out.push({ kind: 'list-numbering', parameter: name, sent: value, verdict: 'rejected', why: `the SDK sent ${name}; the contract's lists start at 1 (profile listEncoding: 1-based flat lists)` });
      }
      continue;
    }
    if (!known.has(name)) {
      const near = [...known].find((k) => k.toLowerCase() === name.toLowerCase() || name.endsWith(k) || k.endsWith(name));
      out.push({ kind: 'unknown-parameter', parameter: name, sent: value, verdict: 'listed', why: `${name} is not a parameter of ${contract.operation}${near ? ` (did you mean ${near}?)` : ''}; no source says how the cloud treats unknown parameters, so it is listed, not failed` });
      continue;
    }
    const param = byName.get(name);
    if (param && param.schema.type === 'boolean' && value !== 'true' && value !== 'false') {
      out.push({ kind: 'boolean-spelling', parameter: name, sent: value, verdict: strict ? 'rejected' : 'listed', why: `the SDK sent ${name}=${value}; the vendor profile spells booleans true / false` });
    }
  }
  lists.forEach((list, i) => {
    const ns = numbers![i]!;
    if (!ns.length) return;
    const sorted = [...new Set(ns)].sort((a, b) => a - b);
    if (sorted[sorted.length - 1] !== sorted.length) {
      out.push({ kind: 'list-numbering', parameter: list.name, sent: sorted.map((n) => `${list.name}.${n}`).join(','), verdict: 'listed', why: `${list.name} is numbered with gaps (${sorted.join(', ')}); the profile numbers lists 1..N` });
    }
  });
  // each key's first position, and the counts of keys sent more than once (rare: no count kept for the rest)
  const seen = new Map<string, number>();
  let repeated: Map<string, number> | undefined;
  // nothing escaped anywhere (most requests): no key to decode, no value to look at, only repeats to count
  const plain = UNRESERVED_QUERY.test(rawQuery);
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    // key, and the value up to a second '=' if any (as split('=') read it)
    const eq = pair.indexOf('=');
    const k = eq < 0 ? pair : pair.slice(0, eq);
    const end = eq < 0 ? -1 : pair.indexOf('=', eq + 1);
    const v = eq < 0 ? '' : pair.slice(eq + 1, end < 0 ? undefined : end);
    const key = plain ? k : safeDecode(k);
    if (!seen.has(key)) seen.set(key, seen.size);
    else (repeated ??= new Map()).set(key, (repeated.get(key) ?? 1) + 1);
    if (plain || UNRESERVED_ONLY.test(v)) continue; // most values: nothing escaped, no '+', nothing to look at
    if (v.includes('+')) out.push({ kind: 'plus-for-space', parameter: key, sent: v, verdict: 'listed', why: `${key} carries '+' (form encoding for a space); RPC signing percent-encodes a space as %20` });
    const encoding = percentEncodingProblem(v);
    if (encoding) out.push({ kind: 'percent-encoding', parameter: key, sent: v, verdict: 'listed', why: `${key}=${v}: ${encoding}` });
  }
  // in the order the keys were first sent
  if (repeated) for (const [key, n] of [...repeated].sort((a, b) => seen.get(a[0])! - seen.get(b[0])!)) out.push({ kind: 'repeated-key', parameter: key, sent: `${n} times`, verdict: 'listed', why: `${key} was sent ${n} times; only one value is read` });
  return out;
}

/**
 * How a raw value strays from RFC 3986 percent-encoding, which the vendors' signers use: encoded
 * twice (`%2520`), lower-case escapes, or characters sent raw that must be escaped. Listed only: the
 * emulator decodes them as a lenient server would, and no source says the gateways refuse them.
 */
function percentEncodingProblem(raw: string): string | undefined {
  if (UNRESERVED_ONLY.test(raw)) return undefined; // most values: nothing escaped, nothing to look at
  if (/%25[0-9A-Fa-f]{2}/.test(raw)) return 'encoded twice (%25 followed by an escape)';
  if (/%[0-9a-f][a-f]|%[a-f][0-9a-f]/.test(raw)) return 'lower-case percent escapes (RFC 3986 signers write upper case)';
  const bare = raw.replace(/%[0-9A-Fa-f]{2}/g, '').replace(/\+/g, '');
  const raws = [...new Set(bare.match(/[^A-Za-z0-9\-._~]/g) ?? [])];
  if (raws.length) return `sent raw, not percent-encoded: ${raws.join(' ')}`;
  return undefined;
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const UNRESERVED_QUERY = /^[A-Za-z0-9\-._~=&]*$/;

function safeDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
}
