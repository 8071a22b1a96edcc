// Paths are checked before any case runs or any port opens: --out (run, matrix, merge), the
// contracts folder, the emulator's state file. Each is one line naming the flag and the path,
// exit 2 (never a raw errno as E_INTERNAL after the run).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { fixturePath } from '../fixtures/results/index.ts';
import { captureIo } from './helpers.ts';

/** One error line, exit 2, nothing run. */
async function refused(args: string[], io = captureIo()): Promise<string> {
  const code = await main(args, io);
  expect(code, io.err()).toBe(2);
  const lines = io.err().trimEnd().split('\n');
  expect(lines, io.err()).toHaveLength(1);
  expect(io.err()).not.toContain('E_INTERNAL');
  expect(io.err()).not.toMatch(/cases in/);
  return lines[0]!;
}

describe('paths are checked first', () => {
  it('--out that is a file, or under a file', async () => {
    const io = captureIo();
    writeFileSync(join(io.cwd, 'taken'), 'x');
    expect(await refused(['run', '--out', 'taken'], io)).toBe('error [E_OPTION] --out taken: is a file, not a directory; --out names a directory everywhere');
    expect(await refused(['run', '--out', 'taken/reports'], captureIo(io.cwd))).toBe(`error [E_OPTION] --out taken/reports: cannot be created (${join(io.cwd, 'taken')} is a file)`);
    expect(await refused(['matrix', fixturePath('emulator.json'), '--out', 'taken'], captureIo(io.cwd))).toMatch(/^error \[E_OPTION\] --out taken: is a file/);
    expect(await refused(['merge', fixturePath('shard-1-of-2.json'), fixturePath('shard-2-of-2.json'), '--out', 'taken'], captureIo(io.cwd))).toMatch(/^error \[E_OPTION\] --out taken: is a file/);
  });

  it('a contracts folder that is not there (run, list)', async () => {
    expect(await refused(['run', '--contracts', 'nowhere'])).toBe('error [E_OPTION] --contracts nowhere: no such directory');
    expect(await refused(['list', '--contracts', 'nowhere'])).toBe('error [E_OPTION] --contracts nowhere: no such directory');
  });

  it('the emulator state file: not JSON, a directory, or in a place it cannot be written', async () => {
    const io = captureIo();
    writeFileSync(join(io.cwd, 'broken.json'), '{ not json');
    writeFileSync(join(io.cwd, 'taken'), 'x');
    mkdirSync(join(io.cwd, 'adir'));
    expect(await refused(['emulator', '--port', '0', '--state-file', 'broken.json'], io))
      .toMatch(/^error \[E_OPTION\] --state-file broken\.json: not valid JSON \(.+\); fix it, or remove it to start from the world$/);
    expect(await refused(['emulator', '--port', '0', '--state-file', 'adir'], captureIo(io.cwd))).toBe('error [E_OPTION] --state-file adir: is a directory, not a file');
    expect(await refused(['emulator', '--port', '0', '--state-file', 'taken/state.json'], captureIo(io.cwd)))
      .toBe(`error [E_OPTION] --state-file taken/state.json: cannot be created (${join(io.cwd, 'taken')} is a file)`);
  });
});
