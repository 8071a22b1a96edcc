// Facts an Alibaba Tea model states in its doc comments. The TypeScript models mark every field
// optional (`regionId?: string`, although RegionId is required) and their validate() checks only
// nested arrays and maps, so `?` says nothing: the generator writes what the API metadata knows
// into each field's @remarks instead ("This parameter is required.", "Valid values of N: 1 to 128",
// "must be 2 to 128 characters in length", "This parameter is deprecated.", "Valid values:" lists).
// Only these forms are read; a limit phrased any other way is silence, not a missing limit.
import type { EnumValue, FieldFacts, FieldType, LimitKeyword } from './model-facts.ts';

export interface Remark { text: string; line: number }

/** Per class, per TypeScript field: the @remarks text and the declaration's line (1-based) in the .d.ts. */
export function remarksOfDeclarations(dts: string): Map<string, Map<string, Remark>> {
  const out = new Map<string, Map<string, Remark>>();
  let current: Map<string, Remark> | undefined;
  let doc: string[] | undefined;
  let pending: string | undefined;
  dts.split('\n').forEach((line, i) => {
    const cls = /^export declare class (\w+)/.exec(line);
    if (cls) { current = new Map(); out.set(cls[1]!, current); return; }
    if (/^\s*\/\*\*/.test(line)) { doc = []; return; }
    if (doc && /^\s*\*\//.test(line)) { pending = remarksOf(doc); doc = undefined; return; }
    if (doc) { doc.push(line.replace(/^\s*\* ?/, '')); return; }
    const field = /^ {4}(\w+)\?:/.exec(line);
    if (field && current) current.set(field[1]!, { text: pending ?? '', line: i + 1 });
    pending = undefined;
  });
  return out;
}

/** The @remarks section of a doc comment (up to the next @tag). */
function remarksOf(doc: string[]): string | undefined {
  const start = doc.findIndex((l) => l.trim() === '@remarks');
  if (start < 0) return undefined;
  const end = doc.findIndex((l, i) => i > start && /^@\w+/.test(l.trim()));
  return doc.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

const num = (s: string) => Number(s.replace(/,/g, ''));

/** String lengths: `2 to 128 characters in length`, `up to 64 characters`, `cannot exceed 64 characters`. */
function lengthLimits(text: string): Partial<Record<LimitKeyword, number>> {
  const range = /\b(\d[\d,]*) to (\d[\d,]*) characters in length/.exec(text);
  if (range) return { minLength: num(range[1]!), maxLength: num(range[2]!) };
  const max = /\b(?:up to|cannot exceed|at most) (\d[\d,]*) characters/.exec(text);
  return max ? { maxLength: num(max[1]!) } : {};
}

/** The top-level `- value: ...` bullets after a line ending in `Valid values:`. */
function enumValues(text: string): EnumValue[] | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /Valid values:\s*$/.test(l));
  if (start < 0) return undefined;
  const values: EnumValue[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === '' || /^\s+\S/.test(l)) continue; // blank lines and nested bullets
    const m = /^- `?([\w.:-]+)`?(?: \(default\))?:/.exec(l);
    if (!m) break;
    values.push(m[1]!);
  }
  return values.length ? values : undefined;
}

export type RemarkFacts = Pick<FieldFacts, 'required' | 'deprecated' | 'limits' | 'enum'> & { items?: Pick<FieldFacts, 'limits'> };

/**
 * What the remarks of one field state. `request`: required is read only for request models (the
 * generator writes "This parameter is required." on every required request field; a response
 * field's remarks never say either way). `undefined` remarks: the field has no doc comment.
 */
export function factsOfRemarks(text: string | undefined, type: FieldType, opts: { request: boolean; itemType?: FieldType }): RemarkFacts {
  const out: RemarkFacts = {};
  if (opts.request) out.required = /\bThis parameter is required\./.test(text ?? '');
  if (text === undefined || text === '') return out;
  out.deprecated = /\bThis parameter is (?:being )?deprecated\b|\[Deprecated\]/i.test(text);
  if (type === 'string') {
    const limits = lengthLimits(text);
    if (Object.keys(limits).length) out.limits = limits;
    const values = enumValues(text);
    if (values) out.enum = values;
  } else if (type === 'number') {
    const range = /Valid values: (-?\d[\d,]*) to (-?\d[\d,]*)/.exec(text);
    if (range) out.limits = { minimum: num(range[1]!), maximum: num(range[2]!) };
  } else if (type === 'array') {
    const n = /Valid values of N: (\d+) to (\d+)/.exec(text);
    if (n) out.limits = { minItems: num(n[1]!), maxItems: num(n[2]!) };
    const items = opts.itemType === 'string' ? lengthLimits(text) : {};
    if (Object.keys(items).length) out.items = { limits: items };
  }
  return out;
}
