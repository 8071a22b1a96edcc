// Read JSON Schema constraints out of a parameter's prose (the 描述 cell). Each reader matches one
// wording the vendor pages use; what none of them matches stays in the description for a person.
// Pure and deterministic: the drift audit diffs these drafts against hand-checked contracts.
import { escapeRegExp } from './types.ts';

export type BaseType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

export interface ReadConstraints {
  /** Keywords for the param's schema (for arrays, list keywords; item keywords go in `items`). */
  schema: Record<string, unknown>;
  items: Record<string, unknown>;
  default?: unknown;
  /** Doc's own words per keyword. */
  wording: Record<string, string>;
}

const TILDE = '[~～]';
/** The sentence (up to and including 。/;/newline) around index `i`. */
function sentenceAt(text: string, i: number): string {
  const before = text.slice(0, i);
  const start = Math.max(...['。', '\n', '；', ';'].map((s) => before.lastIndexOf(s))) + 1;
  const rest = text.slice(i);
  const ends = ['。', '\n', '；', ';'].map((s) => rest.indexOf(s)).filter((n) => n >= 0);
  const end = ends.length ? i + Math.min(...ends) + (rest[Math.min(...ends)] === '。' ? 1 : 0) : text.length;
  return text.slice(start, end).trim();
}

/** `大小字母`, `中文`, `数字`, `英文句号（.）` ... -> the characters of a regex class, in page order. */
function charClass(words: string): { letters: string; digits: string; punct: string } {
  let letters = '';
  if (/(大小写?字母|英文字母|字母|英文)/.test(words)) letters += 'A-Za-z';
  if (/(中文|汉字)/.test(words)) letters += '\\u4e00-\\u9fa5';
  const digits = /数字/.test(words) ? '0-9' : '';
  const punct = [...words.matchAll(/[（(]\s*([^\s）)])\s*[）)]/g)].map((m) => m[1]!);
  return { letters, digits, punct: punct.join('') };
}

/** Hyphen last so it stays literal inside a class. */
const orderPunct = (p: string) => [...new Set(p)].filter((c) => c !== '-').map((c) => (c === ']' || c === '\\' ? `\\${c}` : c)).join('') + (p.includes('-') ? '-' : '');

/** A page value (`默认值：false`, an example cell) as `type`; undefined when it is not one (strings and untyped: as is). */
export function parseScalar(raw: string, type: BaseType | undefined): unknown {
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  if (type === 'integer' || type === 'number') return Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  return raw;
}

export function readConstraints(description: string, type: BaseType, itemType?: BaseType): ReadConstraints {
  const text = description;
  const out: ReadConstraints = { schema: {}, items: {}, wording: {} };
  const set = (target: 'schema' | 'items', kw: string, value: unknown, words: string) => {
    out[target][kw] = value;
    out.wording[target === 'items' ? `items.${kw}` : kw] = words;
  };

  // Ranges `a~b` (ASCII or full-width tilde): list size after `N的取值范围`, length for strings, value for numbers.
  for (const m of text.matchAll(new RegExp(`(\\d+)\\s*${TILDE}\\s*(\\d+)`, 'g'))) {
    const [lo, hi] = [Number(m[1]), Number(m[2])];
    const words = sentenceAt(text, m.index!);
    const lead = text.slice(0, m.index!).split(/[。\n；;，,]/).pop() ?? '';
    if (type === 'array' && /N\s*的?取值范围/.test(lead)) { set('schema', 'minItems', lo, words); set('schema', 'maxItems', hi, words); }
    else if (type === 'string' || (type === 'array' && itemType === 'string' && /长度|字符/.test(words))) {
      const t = type === 'array' ? 'items' : 'schema';
      set(t, 'minLength', lo, words); set(t, 'maxLength', hi, words);
    } else if (type === 'integer' || type === 'number') { set('schema', 'minimum', lo, words); set('schema', 'maximum', hi, words); }
  }

  // Upper bounds in words: `不能超过64个字符` / `最多64个字符` (length), `最多支持100个` (list size).
  for (const m of text.matchAll(/(?:不能超过|不超过|最多支持|最多)\s*(\d+)\s*个(字符)?/g)) {
    const words = sentenceAt(text, m.index!);
    if (m[2] && type === 'string') set('schema', 'maxLength', Number(m[1]), words);
    else if (!m[2] && type === 'array') set('schema', 'maxItems', Number(m[1]), words);
  }

  // Forbidden prefixes: `不能以`http://`和`https://`开头`, `不能以 http:// 开头`.
  const tok = '(?:`[^`]+`|[A-Za-z][\\w.:/-]*)';
  const notRe = new RegExp(`不能以\\s*(${tok}(?:\\s*[和或、及]\\s*${tok})*)\\s*开头`);
  const notM = notRe.exec(text);
  if (notM && type === 'string') {
    const prefixes = notM[1]!.split(/\s*[和或、及]\s*/).map((p) => p.replace(/`/g, '').trim()).filter(Boolean).sort();
    const pattern = prefixes.join(',') === 'http://,https://' ? '^https?://'
      : prefixes.length === 1 ? `^${escapeRegExp(prefixes[0]!)}` : `^(?:${prefixes.map(escapeRegExp).join('|')})`;
    out.schema.not = { pattern };
    out.wording.not = notM[0];
  }

  // Allowed characters: `必须以大小字母或中文开头 ... 可以包含数字、英文句号（.）...`, `仅支持ASCII字符`.
  const startM = /必须以(.+?)开头/.exec(text);
  if (startM && type === 'string') {
    const first = charClass(startM[1]!);
    const restM = /可以包含(.+?)(?:。|$)/.exec(text);
    const rest = restM ? charClass(restM[1]!) : undefined;
    const firstClass = first.letters + first.digits + orderPunct(first.punct);
    out.schema.pattern = rest
      ? `^[${firstClass}][${firstClass}${rest.digits && !first.digits ? rest.digits : ''}${rest.letters && !first.letters ? rest.letters : ''}${orderPunct(first.punct + rest.punct)}]*$`
      : `^[${firstClass}]`;
    out.wording.pattern = restM ? `${startM[0]} …… ${restM[0]}` : startM[0];
  } else if (/仅支持\s*ASCII\s*字符/i.test(text) && type === 'string') {
    out.schema.pattern = '^[\\u0000-\\u007F]*$';
    out.wording.pattern = sentenceAt(text, text.search(/仅支持\s*ASCII/i)).replace(/，?且.*$|,且.*$/, '');
  }

  // A single literal value: `取值：CreateSnapshotGroup` -> const; a 取值 list of bullets -> enum (not for booleans).
  const constM = /取值\s*[:：]\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:[。]|$)/m.exec(text);
  if (constM && type === 'string') { out.schema.const = constM[1]; out.wording.const = sentenceAt(text, constM.index); }
  const listM = /取值(?:范围)?\s*[:：]\s*\n+((?:\s*[-•]\s*[^\n]+\n?)+)/.exec(text);
  if (listM && type === 'string' && out.schema.const === undefined) {
    const values = [...listM[1]!.matchAll(/[-•]\s*`?([A-Za-z0-9_.-]+)`?\s*[:：]/g)].map((m) => m[1]!);
    if (values.length > 0) { out.schema.enum = values; out.wording.enum = listM[0].replace(/\s+/g, ' ').trim(); }
  }

  // Default: `默认值：false`; `默认值：空，...` says there is none.
  const defM = /默认值\s*[:：]\s*([^\s。，,；;]+)/.exec(text);
  if (defM) {
    const value = defM[1] === '空' ? undefined : parseScalar(defM[1]!, type);
    if (value !== undefined) { out.default = value; out.schema.default = value; }
    out.wording.default = sentenceAt(text, defM.index);
  }
  return out;
}
