// The prebuilt CLI (bin/compiled.js): built once, reused while its sources are unchanged, rebuilt on
// an edit, each module keeping its own import.meta.url, and the sources whenever a build cannot be
// made. Then the real bin: the same answers prebuilt and from source, and a TypeScript config file
// still loads when the CLI runs prebuilt (tsx registered on demand).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCases } from '../../generators/index.ts';
import { loadContracts } from '../../loader/index.ts';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { compiled } from '../../bin/compiled.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function project(): { root: string; write: (file: string, text: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'compiled-'));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('cli/main.ts', "export { value, where } from './dep.ts';\nexport const lazy = (): Promise<{ n: number }> => import('./lazy.ts');\n");
  write('cli/dep.ts', 'export const value: number = 1;\nexport const where = import.meta.url;\n');
  write('cli/lazy.ts', 'export const n: number = 42;\n');
  return { root, write };
}

const build = (root: string, env: Record<string, string> = {}) => compiled('cli/main.ts', { root, env, cache: join(root, '.cache') }) as Promise<string | undefined>;
type Built = { value: number; where: string; lazy: () => Promise<{ n: number }> };

describe('prebuilt CLI', () => {
  it('builds once, reuses the build while the sources are unchanged, rebuilds after an edit', async () => {
    const { root, write } = project();
    const first = await build(root);
    expect(first).toMatch(/\/\.cache\/builds\/[^/]+\/main\.mjs$/);
    const m = await import(first!) as Built;
    expect(m.value).toBe(1);
    expect(m.where).toBe(pathToFileURL(join(root, 'cli/dep.ts')).href); // its own URL, not the build's
    expect((await m.lazy()).n).toBe(42); // a lazy import is a chunk of its own
    expect(await build(root)).toBe(first);
    write('cli/dep.ts', 'export const value: number = 2;\nexport const where = import.meta.url;\n');
    utimesSync(join(root, 'cli/dep.ts'), new Date(), new Date(Date.now() + 5_000));
    const second = await build(root);
    expect(second).not.toBe(first);
    expect((await import(second!) as Built).value).toBe(2);
    expect((await import(first!) as Built).value).toBe(1); // a run on the older build still has it
  });

  it('falls back to the sources when a build cannot be made, or when asked to', async () => {
    const { root, write } = project();
    expect(await build(root, { CONFORMANCE_FROM_SOURCE: '1' })).toBeUndefined();
    write('cli/dep.ts', 'export const value: number = ;\n');
    expect(await build(root)).toBeUndefined();
  });
});

/** The smoke depth's case count, as the generator makes it from the contracts in the repository. */
const SMOKE = generateCases(loadContracts(), { seed: 1, depth: 'smoke' }).length;

describe('the bin, prebuilt and from source', () => {
  const bin = (args: string[], env: Record<string, string> = {}, cwd = ROOT) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/conformance.js'), ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });

  it('lists the same cases either way', () => {
    const prebuilt = bin(['list', '--depth', 'smoke', '--json']);
    const source = bin(['list', '--depth', 'smoke', '--json'], { CONFORMANCE_FROM_SOURCE: '1' });
    expect(prebuilt.status, prebuilt.stderr).toBe(0);
    expect(source.status, source.stderr).toBe(0);
    expect(JSON.parse(prebuilt.stdout)).toHaveLength(SMOKE);
    expect(prebuilt.stdout).toBe(source.stdout);
  });

  // A project without "type": "module": its .ts config is CommonJS to Node, typed all the same.
  it.each([['prebuilt', {}], ['from source', { CONFORMANCE_FROM_SOURCE: '1' }]])('loads a TypeScript config file (%s)', (_, env) => {
    const cwd = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(cwd, 'conformance.config.ts'), "const config: { depth: 'smoke' | 'standard' } = { depth: 'smoke' };\nexport default config;\n");
    const r = bin(['list', '--json', '--contracts', join(ROOT, 'contracts')], env, cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(SMOKE);
  });
});
