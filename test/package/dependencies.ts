// Dependency hygiene of the shipped code: which packages it imports, and whether package.json
// declares exactly those. "Shipped" is what the build compiles (the TypeScript reached from the
// entry points in tsconfig.build.json, as tsc follows them) plus the plain JS files package.json
// ships outside dist/ (the bin). Type-only imports count: they stay in the shipped .d.ts files.
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Module specifiers in a source text: static imports and re-exports, import(), require(). */
export function specifiersIn(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import x from 'm'; export * from 'm' (one or more lines)
    /^\s*import\s*['"]([^'"]+)['"]/gm, // import 'm' (side effects)
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('m'), typeof import('m')
    /\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g, // require('m') through createRequire
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`); undefined for a relative one. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

export const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);

interface PackageJson { name: string; files?: string[]; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }

/** Shipped source files (relative to root) and their text. */
export function shippedSources(root: string): Map<string, string> {
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { files: string[] };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const out = new Map<string, string>();
  const queue = build.files.map((f) => join(root, f));
  while (queue.length) {
    const file = queue.pop()!;
    const rel = relative(root, file);
    if (out.has(rel)) continue;
    const text = readFileSync(file, 'utf8');
    out.set(rel, text);
    for (const s of specifiersIn(text)) {
      const target = resolve(dirname(file), s);
      if (s.startsWith('.') && target.endsWith('.ts') && existsSync(target)) queue.push(target);
    }
  }
  // Plain JS shipped as it is (the bin); a file it imports counts only if it ships too.
  for (const f of pkg.files ?? []) if (f.endsWith('.js') && existsSync(join(root, f))) out.set(f, readFileSync(join(root, f), 'utf8'));
  return out;
}

export interface Problem { kind: 'undeclared' | 'dev-only' | 'unused'; pkg: string; files: string[] }

/** What is wrong between the packages `sources` import and the declared dependencies. */
export function dependencyProblems(sources: Map<string, string>, pkg: PackageJson): Problem[] {
  const users = new Map<string, string[]>();
  for (const [file, text] of sources) {
    for (const s of specifiersIn(text)) {
      const name = packageOf(s);
      if (!name || isBuiltin(s) || name === pkg.name) continue;
      users.set(name, [...(users.get(name) ?? []), file]);
    }
  }
  const deps = pkg.dependencies ?? {};
  const dev = pkg.devDependencies ?? {};
  const problems: Problem[] = [];
  for (const [name, files] of [...users].sort(([a], [b]) => a.localeCompare(b))) {
    if (name in deps) continue;
    problems.push({ kind: name in dev ? 'dev-only' : 'undeclared', pkg: name, files: [...new Set(files)] });
  }
  for (const name of Object.keys(deps).sort()) if (!users.has(name)) problems.push({ kind: 'unused', pkg: name, files: [] });
  return problems;
}
