// `$name.id` references between a case's fixtures and its call, resolved against the ids the
// target assigned. Shared by the runner (client side) and the emulator's batched fixture endpoint.

export class RefError extends Error {}

const EMBEDDED = /\$([A-Za-z_][A-Za-z0-9_]*)\.id\b/g;

/**
 * Replace `$x.id` strings (also inside arrays and objects) by created ids; inside a longer string
 * (a JSON array of ids sent as one parameter: `'["$a.id", "$b.id"]'`) each reference is replaced.
 */
export function resolveRefs(v: Record<string, unknown>, refs: Record<string, string>): Record<string, unknown>;
export function resolveRefs(v: unknown, refs: Record<string, string>): unknown;
export function resolveRefs(v: unknown, refs: Record<string, string>): unknown {
  if (typeof v === 'string') {
    if (v.charCodeAt(0) === 36 /* $ */ && v.endsWith('.id') && !v.slice(1, -3).includes('$')) {
      const id = refs[v.slice(1, -3)];
      if (id === undefined) throw new RefError(`unknown fixture reference ${v}`);
      return id;
    }
    if (!v.includes('$')) return v;
    return v.replace(EMBEDDED, (whole, name: string) => {
      const id = refs[name];
      if (id === undefined) throw new RefError(`unknown fixture reference ${whole}`);
      return id;
    });
  }
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, refs));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveRefs(x, refs);
    return out;
  }
  return v;
}

/** Could `params` hold a reference (a `$` string, or a nested value)? Cheap pre-test for the hot path. */
export function hasRefs(params: Record<string, unknown>): boolean {
  for (const k in params) {
    const v = params[k];
    if (typeof v === 'string' ? v.includes('$') : Array.isArray(v) || (v !== null && typeof v === 'object')) return true;
  }
  return false;
}
