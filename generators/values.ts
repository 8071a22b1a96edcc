// Seeded value synthesiser over JSON Schema: valid values (faker-backed), values of an exact length,
// and candidate invalid strings. Every candidate is verified against the schema (generators/schema.ts),
// so the synthesiser never has to understand a regular expression: it proposes, ajv disposes.
import type { Faker } from '@faker-js/faker';
// The English locale's own entry point: the package's main one loads every locale, some 17 MB of
// heap that a run kept alive to the end (and that V8 then sized the whole heap from).
import { faker as english } from '@faker-js/faker/locale/en';
import { isValid, violations } from './schema.ts';
import { isJsonObject } from '../core/json.ts';

export type Schema = Record<string, unknown>;

/** A sub-schema (`items`, a property), or undefined when the keyword holds no schema object. */
export const subSchema = (v: unknown): Schema | undefined => (isJsonObject(v) ? v : undefined);

/** FNV-1a of the seed and a key: each case group gets its own stream, independent of filters. */
export function subSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Small fast PRNG (sfc32, seeded through splitmix32) as faker's randomizer: faker reseeds per case
 * group, and its default Mersenne Twister costs ~50 us per seed, most of the generation time at deep.
 */
function fastRandomizer() {
  let a = 0, b = 0, c = 0, d = 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0; a = b ^ (b >>> 9); b = c + (c << 3) | 0; c = (c << 21) | (c >>> 11); c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
  const split = (x: number) => { x = (x + 0x9e3779b9) | 0; let z = x; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return [x, (z ^ (z >>> 16)) >>> 0] as const; };
  return {
    next,
    seed(seed: number | number[]) {
      let x = Array.isArray(seed) ? seed.reduce((h, v) => Math.imul(h ^ v, 0x01000193), 0x811c9dc5) : seed;
      const draw = () => { const [nx, z] = split(x); x = nx; return z; };
      a = draw(); b = draw(); c = draw(); d = draw();
      for (let i = 0; i < 12; i++) next();
    },
  };
}

/**
 * The Faker class, which the package exports only from its main entry point: the English instance's
 * constructor is that class (the locale module builds the instance with it).
 */
const FakerClass = english.constructor as typeof Faker;

let shared: Faker | undefined;
/** One seeded faker for the process, reseeded per case group (so values never depend on filters). */
export function seeded(seed: number, key: string): Faker {
  shared ??= new FakerClass({ locale: [english.rawDefinitions], randomizer: fastRandomizer() });
  shared.seed(subSeed(seed, key));
  return shared;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** `s-bp1c0doj0taqyzzl****` -> `s-bp1c0doj0taqyzzl7kq2`: the doc's masked example made concrete. */
export function unmask(example: string, f: Faker): string {
  return example.replace(/\*/g, () => ALNUM[f.number.int({ min: 0, max: ALNUM.length - 1 })]!);
}

export const typeOf = (s: Schema): string | undefined =>
  typeof s.type === 'string' ? s.type : s.const !== undefined ? typeof s.const : Array.isArray(s.enum) ? typeof s.enum[0] : undefined;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function intRange(s: Schema): { lo: number; hi: number } {
  const lo = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + 1 : 0);
  const hi = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - 1 : Math.max(lo, 0) + 1000);
  return { lo, hi };
}

/** Plausible string bases, most natural first. */
function stringBases(s: Schema, f: Faker, example?: unknown): string[] {
  const out: string[] = [];
  if (typeof example === 'string') out.push(unmask(example, f));
  const word = f.lorem.word();
  out.push(
    word[0]!.toUpperCase() + word.slice(1) + f.string.alphanumeric(4),
    f.string.alpha(1) + f.string.alphanumeric(f.number.int({ min: 5, max: 12 })),
    f.lorem.words(3),
    f.string.alphanumeric(16),
    f.string.uuid(),
    '中文' + f.string.alpha(4),
  );
  const minLen = typeof s.minLength === "number" ? s.minLength : 0;
  if (minLen > 0 && out.every((b) => b.length < minLen)) {
    out.push(f.string.alpha(minLen));
  }
  return out;
}

const FILLERS = ['a', 'x', 'Z', '0', '_', '-', '中', '.'];

/** A valid string of exactly `len` characters, or undefined when no proposal fits. */
export function stringOfLength(s: Schema, len: number, f: Faker, example?: unknown): string | undefined {
  if (len < 0) return undefined;
  const tries = [f.string.alpha(1) + f.string.alphanumeric(Math.max(0, len - 1)), ...stringBases(s, f, example)];
  for (const base of tries) {
    if (base.length === len && isValid(s, base)) return base;
  }
  for (const base of tries) {
    for (const c of FILLERS) {
      const cand = base.length >= len ? base.slice(0, len) : base + c.repeat(len - base.length);
      if (cand.length === len && isValid(s, cand)) return cand;
    }
  }
  for (const c of FILLERS) if (isValid(s, c.repeat(len))) return c.repeat(len);
  return undefined;
}

/** Up to `n` distinct values from `draw` (defined ones only), within `tries` draws. */
export function distinct(n: number, draw: () => unknown, tries = n * 3): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < tries && out.length < n; i++) {
    const v = draw();
    if (v !== undefined && !out.includes(v)) out.push(v);
  }
  return out;
}

/** A seeded valid value for a schema (undefined when none of the proposals fits). */
export function synthValid(s: Schema, f: Faker, example?: unknown): unknown {
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return f.helpers.arrayElement(s.enum);
  switch (typeOf(s)) {
    case 'boolean': return f.datatype.boolean();
    case 'integer': { const { lo, hi } = intRange(s); return f.number.int({ min: lo, max: hi }); }
    case 'number': { const { lo, hi } = intRange(s); return f.number.float({ min: lo, max: hi, fractionDigits: 2 }); }
    case 'array': {
      const items = subSchema(s.items) ?? { type: 'string' };
      const min = num(s.minItems) ?? 1;
      const max = Math.max(min, Math.min(num(s.maxItems) ?? 3, 3));
      const n = f.number.int({ min, max });
      const out = distinct(n, () => synthValid(items, f, Array.isArray(example) ? example[0] : example), n * 4);
      return isValid(s, out) ? out : undefined;
    }
    case 'object': {
      // a struct (a list of tags' items): each declared property, seeded
      const props = isJsonObject(s.properties) ? s.properties : {};
      const ex = isJsonObject(example) ? example : {};
      const out = Object.fromEntries(Object.entries(props).map(([k, ps]) => [k, synthValid(subSchema(ps) ?? {}, f, ex[k])]));
      return isValid(s, out) ? out : undefined;
    }
    default: {
      const min = num(s.minLength) ?? 1;
      const max = num(s.maxLength) ?? Math.max(min, 24);
      for (const base of stringBases(s, f, example)) if (isValid(s, base)) return base;
      return stringOfLength(s, f.number.int({ min, max: Math.min(max, Math.max(min, 24)) }), f, example);
    }
  }
}

/** Characters people put in names; which ones a pattern allows or forbids is found by trying. */
export const SPECIAL_CHARS = ['.', '_', '-', ':', ' ', '@', '/', '#', '!', '*', '&', '+', ',', '<', '\\', '"'];
const CHAR_NAMES = ['dot', 'underscore', 'hyphen', 'colon', 'space', 'at', 'slash', 'hash', 'bang', 'star', 'ampersand', 'plus', 'comma', 'less-than', 'backslash', 'quote'];

/** Name-like invalid proposals, each with its slug; kept only when it breaks exactly the string rules. */
export function invalidStringProposals(s: Schema, valid: string): { slug: string; value: string; description: string }[] {
  const body = valid.length > 2 ? valid.slice(0, -2) : valid;
  const out = [
    { slug: 'leading-digit', value: '1' + body, description: 'starts with a digit' },
    { slug: 'leading-underscore', value: '_' + body, description: 'starts with an underscore' },
    { slug: 'http-prefix', value: 'http://' + body, description: 'starts with http://' },
    { slug: 'https-prefix', value: 'https://' + body, description: 'starts with https://' },
    { slug: 'non-ascii', value: body + '令牌', description: 'contains non-ASCII characters' },
    ...SPECIAL_CHARS.map((c, i) => ({ slug: `forbidden-char-${CHAR_NAMES[i]}`, value: body.slice(0, 2) + c + body.slice(2), description: `contains ${JSON.stringify(c)}` })),
  ];
  return out.filter((p) => {
    const v = violations(s, p.value);
    return v.length > 0 && v.every((k) => k === 'pattern' || k === 'not' || k === 'format');
  });
}
