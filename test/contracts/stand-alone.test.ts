// STAND ALONE: a clone in an empty folder must pass. No tracked file may reach a path outside the
// repository (CI runs with a folder beside the clone, so such a reference would pass there and fail
// for a user), and every contract's seed page is stored inside it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContracts, pageFileOf } from '../../loader/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TEXT = /\.(ts|js|mjs|cjs|json|ya?ml|md|txt|sh|html|css)$|(^|\/)(run|\.gitignore)$/;

/** Relative paths in `text` (written in file `file`, relative to ROOT) that resolve outside ROOT. */
export function escapes(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\w.\/-])((?:\.\.\/)+)([\w@][\w@.\/-]*)/g)) {
    const target = resolve(ROOT, dirname(file), m[1] + m[2]);
    const rel = relative(ROOT, target);
    if (rel.startsWith('..') || isAbsolute(rel)) found.push(`${file}: ${m[0]}`);
  }
  // Folders that exist only beside this project's checkout on its developers' machines.
  for (const m of text.matchAll(/\b(shared\/vendor-docs|shared\/research|\/work\/main)\b/g)) found.push(`${file}: ${m[0]}`);
  return found;
}

const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n').filter((f) => f && TEXT.test(f) && f !== 'package-lock.json' && f !== 'test/contracts/stand-alone.test.ts');

describe('stand alone', () => {
  it('no tracked file refers to a path outside the repository', () => {
    expect(tracked.length).toBeGreaterThan(100);
    const found = tracked.filter((f) => existsSync(resolve(ROOT, f))).flatMap((f) => escapes(f, readFileSync(resolve(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check fails on references that leave the repository, and not on ones that stay inside', () => {
    // built from parts, so that this file itself holds no such reference
    const outside = ['..', '..', '..', 'shared', 'vendor-docs'].join('/');
    expect(escapes('test/contracts/x.test.ts', `const DOCS = resolve(import.meta.dirname, '${outside}');`)).toHaveLength(2);
    expect(escapes('README.md', 'see ../sibling/file.md')).toHaveLength(1);
    expect(escapes('protocols/aliyun/acs3.ts', "import { x } from '../common/dates.ts';")).toEqual([]);
    expect(escapes('test/contracts/x.test.ts', "import { y } from '../../loader/index.ts';")).toEqual([]);
  });

  it('every contract names a seed page stored beside it, with its provenance', () => {
    const loaded = loadContracts();
    expect(loaded.contracts.length).toBeGreaterThan(0);
    for (const c of loaded.contracts) {
      const page = pageFileOf(c);
      if (page === undefined) {
        // a read call stores no page text (issue 14): it says why, and names the vendor's page where one was found
        expect(c.source.noPage, `${c.id}: source.noPage (why no page is stored)`).toMatch(/\S{10}/);
        expect('url' in c.source && 'retrieved' in c.source, `${c.id}: source.url and source.retrieved are recorded (null where none)`).toBe(true);
        continue;
      }
      expect(relative(ROOT, page).startsWith('contracts/'), page).toBe(true);
      expect(existsSync(page), `${c.id}: ${page}`).toBe(true);
      expect(c.source.stored, `${c.id}: source.stored (the date the copy entered the project)`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect('url' in c.source && 'retrieved' in c.source, `${c.id}: source.url and source.retrieved are recorded (null where unknown)`).toBe(true);
    }
  });
});
