// ARCHITECTURE.md's layer rules, enforced over the real imports (issue 16 item 7): the table "folder |
// purpose | may import" is read from ARCHITECTURE.md itself, every import and export-from of the
// shipped folders is resolved to the folder it reaches, and an import the table does not allow is
// a failure. The few known exceptions are listed with the reason, and one that no longer occurs
// must be removed. The checker is shown failing on a synthetic graph.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** folder -> the folders it may import (`*`: everything, `!x` but x; a `folder/file` entry allows that file only). */
export function rulesOf(architecture: string): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const m of architecture.matchAll(/^\| `([a-z.]+)\/?` \| .*? \| ([^|]+) \|$/gm)) {
    const said = m[2]!.trim();
    const but = /^everything above but (\w+)$/.exec(said);
    const allowed = /^everything$/.test(said) ? ['*'] : but ? ['*', `!${but[1]}`]
      : /^nothing of ours$|^-$/.test(said) ? []
        : said.replace(/\([^)]*\)/g, '').split(',').map((s) => s.trim().split(' ')[0]!).filter(Boolean);
    rules.set(m[1]!, allowed);
  }
  return rules;
}

export interface Edge { from: string; to: string; file: string; typeOnly: boolean }

/** The folders a file's relative imports reach (`../loader/index.ts` from `runner/` -> `loader/index.ts`). */
export function edgesOf(file: string, text: string): Edge[] {
  const out: Edge[] = [];
  const from = relative(ROOT, file).split('/')[0]!;
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const target = relative(ROOT, resolve(dirname(file), m[3]!));
    if (target.startsWith('..') || target.startsWith('node_modules')) continue;
    const to = target.split('/')[0]!;
    if (to !== from) out.push({ from, to: target, file: relative(ROOT, file), typeOnly: !!m[2] });
  }
  return out;
}

/** The edges the rules do not allow. */
export function violations(edges: Edge[], rules: Map<string, string[]>): Edge[] {
  return edges.filter((e) => {
    const allowed = rules.get(e.from);
    if (!allowed) return false; // a folder the table does not govern (types/, bench/, scripts/)
    const top = e.to.split('/')[0]!;
    if (allowed.includes('*')) return allowed.includes(`!${top}`);
    if (top === 'types' || top === 'package.json') return false; // generated types and the package's own metadata are shared data
    return !allowed.some((a) => (a.includes('/') ? e.to.startsWith(a) : top === a.replace(/\/$/, '')));
  });
}

/**
 * Known crossings, each with why it is there; issue 16 removes them. Keyed `from -> target file`.
 * An entry that no longer occurs fails the test (remove it).
 */
const KNOWN: Record<string, string> = {};

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  (e.isDirectory() ? (e.name === 'node_modules' || e.name.startsWith('.') ? [] : walk(join(dir, e.name))) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));

const SHIPPED = ['core', 'loader', 'importer', 'openapi', 'protocols', 'generators', 'checks', 'runner', 'adapters', 'emulator', 'drift', 'reporters', 'compose', 'specs', 'cli'];

describe('the layer rules of ARCHITECTURE.md hold over the real imports', () => {
  const rules = rulesOf(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'));
  const edges = SHIPPED.flatMap((d) => walk(join(ROOT, d))).flatMap((f) => edgesOf(f, readFileSync(f, 'utf8')));

  it('reads the table (every shipped folder governed) and finds the imports', () => {
    for (const d of SHIPPED) expect(rules.has(d), d).toBe(true);
    expect(rules.get('core')).toEqual([]);
    expect(rules.get('cli')).toEqual(['*', '!specs']);
    expect(edges.length).toBeGreaterThan(200);
  });

  it('no import crosses a layer the table does not allow (known crossings listed with their reason)', () => {
    const found = violations(edges, rules);
    const key = (e: Edge) => `${e.from} -> ${e.to}`;
    expect(found.filter((e) => !KNOWN[key(e)]).map((e) => `${e.file}: ${key(e)}${e.typeOnly ? ' (type)' : ''}`)).toEqual([]);
    const seen = new Set(found.map(key));
    expect(Object.keys(KNOWN).filter((k) => !seen.has(k))).toEqual([]);
  });

  it('the checker fails a synthetic violating graph', () => {
    const synthetic: Edge[] = [
      { from: 'reporters', to: 'runner/index.ts', file: 'reporters/x.ts', typeOnly: false },
      { from: 'adapters', to: 'checks/index.ts', file: 'adapters/y.ts', typeOnly: true },
      { from: 'runner', to: 'generators/coverage.ts', file: 'runner/z.ts', typeOnly: false },
      { from: 'runner', to: 'generators/index.ts', file: 'runner/z.ts', typeOnly: false },
      { from: 'cli', to: 'emulator/index.ts', file: 'cli/w.ts', typeOnly: false },
      { from: 'specs', to: 'cli/main.ts', file: 'specs/v.ts', typeOnly: false },
      { from: 'cli', to: 'specs/options.ts', file: 'cli/u.ts', typeOnly: true },
      { from: 'compose', to: 'runner/index.ts', file: 'compose/t.ts', typeOnly: false },
    ];
    expect(violations(synthetic, rules).map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'reporters -> runner/index.ts', 'adapters -> checks/index.ts', 'runner -> generators/index.ts', 'specs -> cli/main.ts',
      'cli -> specs/options.ts', 'compose -> runner/index.ts',
    ]);
    // and the parser sees import, export-from and type-only forms
    const text = "import { a } from '../loader/index.ts';\nimport type { B } from '../core/types.ts';\nexport { c } from './local.ts';\nexport type { D } from '../checks/types.ts';";
    expect(edgesOf(join(ROOT, 'runner/fake.ts'), text).map((e) => [e.to, e.typeOnly])).toEqual([
      ['loader/index.ts', false], ['core/types.ts', true], ['checks/types.ts', true],
    ]);
  });
});
