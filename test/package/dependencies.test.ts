// Dependency hygiene (issue 15): every package the shipped code imports is a `dependency` (or a
// Node builtin), no shipped code imports a devDependency, and every `dependency` is imported. The
// checker is proven on synthetic sources first, then run on the real tree. Also: what package.json
// exports is what the build makes. (The packed tarball itself: tarball.test.ts, npm run test:package.)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyProblems, packageOf, shippedSources, specifiersIn } from './dependencies.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string; files: string[]; bin: Record<string, string>; types: string;
  exports: Record<string, string | Record<string, string>>; dependencies: Record<string, string>; devDependencies: Record<string, string>;
};

describe('the checker', () => {
  it('finds static, type-only, multi-line, dynamic and require imports, and nothing in prose', () => {
    const text = [
      "import { a } from 'alpha';",
      "import type { B } from '@scope/beta/sub.js';",
      'import {',
      '  c,',
      "} from 'gamma';",
      "export * from './local.ts';",
      "const d = await import('delta');",
      "const e = require('epsilon/package.json');",
      "import 'zeta';",
      "const help = 'conformance import-doc page.md --out draft.yaml'; // import from somewhere",
    ].join('\n');
    expect(specifiersIn(text).sort()).toEqual(['./local.ts', '@scope/beta/sub.js', 'alpha', 'delta', 'epsilon/package.json', 'gamma', 'zeta']);
    expect(['@scope/beta/sub.js', 'alpha/x', './y.ts'].map(packageOf)).toEqual(['@scope/beta', 'alpha', undefined]);
  });

  it('reports an undeclared import, a devDependency in shipped code and an unused dependency', () => {
    const sources = new Map([
      ['a.ts', "import { x } from 'declared';\nimport { y } from 'missing/sub';\nimport { readFileSync } from 'node:fs';\nimport 'path';"],
      ['b.ts', "const t = await import('dev-tool');\nimport pj from 'self-pkg/package.json';"],
    ]);
    const problems = dependencyProblems(sources, {
      name: 'self-pkg', dependencies: { declared: '1.0.0', unused: '1.0.0' }, devDependencies: { 'dev-tool': '1.0.0' },
    });
    expect(problems).toEqual([
      { kind: 'dev-only', pkg: 'dev-tool', files: ['b.ts'] },
      { kind: 'undeclared', pkg: 'missing', files: ['a.ts'] },
      { kind: 'unused', pkg: 'unused', files: [] },
    ]);
  });
});

describe('the shipped code', () => {
  const sources = shippedSources(ROOT);

  it('is what the entry points reach, plus the bin: no tests, scripts or dev-only helpers', () => {
    const files = [...sources.keys()];
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'cli/main.ts', 'specs/conformance.spec.ts', 'emulator/index.ts', 'adapters/sdk/aliyun.ts', 'bin/conformance.js']));
    expect(files.filter((f) => /^(test|scripts|bench)\/|^bin\/compiled\.js$/.test(f))).toEqual([]);
  });

  it('imports exactly the declared dependencies', () => {
    expect(dependencyProblems(sources, pkg)).toEqual([]);
  });

  it('package.json exports, types and bin name files the build makes from its entry points', () => {
    const entries = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { files: string[] }).files;
    const targets = [pkg.types, ...Object.values(pkg.exports).flatMap((e) => typeof e === 'string' ? [e] : Object.values(e))]
      .filter((t) => t !== './package.json');
    for (const t of targets) {
      const source = t.replace(/^\.\/dist\//, '').replace(/\.d\.ts$|\.js$/, '.ts');
      expect(t, t).toMatch(/^\.\/dist\/.+\.(d\.ts|js)$/);
      expect(entries, t).toContain(source);
    }
    for (const bin of Object.values(pkg.bin)) expect(pkg.files).toContain(bin);
    expect(pkg.files).toContain('dist/');
  });
});
