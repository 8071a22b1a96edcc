// Every target spec a user can get wrong answers a ConformanceError (E_OPTION, exit 2 with the
// message alone) that says what is wrong, never a bare Error (issue 16 item 5).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTarget } from '../../adapters/index.ts';
import { ConformanceError } from '../../core/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'user-errors-'));
const empty = mkdtempSync(join(tmpdir(), 'no-cassettes-'));
writeFileSync(join(dir, 'broken.json'), '{ not json');
const brokenCassettes = mkdtempSync(join(tmpdir(), 'bad-cassettes-'));
writeFileSync(join(brokenCassettes, 'aliyun.json'), '{ not json');
writeFileSync(join(dir, 'no-target.mjs'), 'export const x = 1;');

describe('a wrong target spec is a ConformanceError naming the problem', () => {
  it.each([
    ['an unknown spec', 'nosuch', {}, /unknown target "nosuch": use one of/],
    ['the emulator by name outside the CLI', 'emulator', {}, /composed by the CLI/],
    ['a URL with a path', 'http://127.0.0.1:4566/v1', {}, /base URL must be an origin/],
    ['a cassette dir with no cassettes', `cassette:${empty}`, {}, /no cassette files/],
    ['an unreadable cassette', `cassette:${brokenCassettes}`, {}, /cassette .*aliyun\.json/],
    ['a module that cannot be imported', `module:${join(dir, 'missing.mjs')}`, {}, /cannot import/],
    ['a module with no target', `module:${join(dir, 'no-target.mjs')}`, {}, /export a Target/],
    ['a binding module with no bindings', `sdk:binding:${join(dir, 'no-target.mjs')}`, {}, /exports `bindings/],
  ])('%s', async (_name, spec, opts: Record<string, unknown>, message) => {
    const err = await createTarget(spec, opts).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ConformanceError);
    expect((err as ConformanceError).code).toBe('E_OPTION');
    expect((err as Error).message).toMatch(message);
  });
});
