// Response fields by path (`A.B[].C`: dots between properties, `[]` for each array item), the same
// paths as the `field:` and `value:` expectation keys. Pure: no layer of ours.

/** One occurrence of a field: its value (undefined when absent), the object holding it, and its concrete path. */
export interface FieldAt { value: unknown; parent: Record<string, unknown>; at: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every occurrence of `path` in `doc`; an absent intermediate object or list yields nothing. */
export function fieldsAt(doc: unknown, path: string): FieldAt[] {
  let level: { node: unknown; at: string }[] = [{ node: doc, at: '' }];
  const parts = path.split('.');
  const out: FieldAt[] = [];
  parts.forEach((part, i) => {
    const name = part.replace(/(\[\])+$/, '');
    const lists = (part.length - name.length) / 2;
    const last = i === parts.length - 1;
    const next: { node: unknown; at: string }[] = [];
    for (const { node, at } of level) {
      if (!isObject(node)) continue;
      const here = at ? `${at}.${name}` : name;
      if (last && lists === 0) { out.push({ value: node[name], parent: node, at: here }); continue; }
      let items: { node: unknown; at: string }[] = [{ node: node[name], at: here }];
      for (let l = 0; l < lists; l++) {
        items = items.flatMap((x) => (Array.isArray(x.node) ? x.node.map((v, k) => ({ node: v, at: `${x.at}[${k}]` })) : []));
      }
      next.push(...items);
    }
    level = next;
  });
  return out;
}

/** A dotted path into a parsed body (no `[]`): the one value there, or undefined. */
export function fieldAt(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const part of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** A list field as a list: an XML answer gives a one-element list as the element itself, an empty one as "" or nothing. */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);

/** Empty as a documented "returns empty": absent, null or the empty string. */
export const isEmptyValue = (v: unknown) => v === undefined || v === null || v === '';
