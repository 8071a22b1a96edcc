// Parse YAML keeping a JSON-pointer -> line map, so every contract fact can be traced to its line.
import { isMap, isSeq, isScalar, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { ContractError } from './errors.ts';

export interface ParsedYaml { data: unknown; lines: Record<string, number> }

/** One JSON-pointer segment: `~` -> `~0`, `/` -> `~1`. */
export const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function parseYamlWithLines(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    let at = err.pos[0];
    let hint = '';
    if (err.code === 'MISSING_CHAR' && /quote/i.test(err.message)) {
      // An unclosed quote runs to the end of the file: point at the line where it opened.
      visit(doc, { Scalar(_k, node) {
        if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[0] < at && node.range[2] >= at) {
          at = node.range[0];
          hint = ' (the quote opened here is never closed)';
        }
      } });
    }
    throw new ContractError(file, lineCounter.linePos(at).line, `invalid YAML: ${err.message.split('\n')[0]}${hint}`);
  }
  const lines: Record<string, number> = {};
  const walk = (node: Node | null | undefined, pointer: string) => {
    if (!node) return;
    if (node.range) lines[pointer] = lineCounter.linePos(node.range[0]).line;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${escapePointer(key)}`;
        if (isScalar(pair.key) && pair.key.range) lines[child] = lineCounter.linePos(pair.key.range[0]).line;
        walk(pair.value as Node, child);
        if (isScalar(pair.key) && pair.key.range) lines[child] = lineCounter.linePos(pair.key.range[0]).line;
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, `${pointer}/${i}`));
    }
  };
  walk(doc.contents as Node, '');
  return { data: doc.toJS(), lines };
}

/** Nearest line for a pointer: the pointer itself or its closest ancestor. */
export function lineOf(lines: Record<string, number> | undefined, pointer: string): number | undefined {
  if (!lines) return undefined;
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (lines[p] !== undefined) return lines[p];
    if (p === '') return undefined;
  }
}
