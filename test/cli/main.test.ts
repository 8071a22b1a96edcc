import { describe, expect, it } from 'vitest';
import { formatError, main } from '../../cli/main.ts';
import { ConformanceError } from '../../core/errors.ts';
import { captureIo } from './helpers.ts';

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
const oneLine = (s: string) => s.trimEnd().split('\n');

describe('argument errors: exit 2, one line, no stack', () => {
  it('unknown option, with a did-you-mean', async () => {
    const r = await cli('run', '--sedd', '3');
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual(["error [E_USAGE] unknown option '--sedd' (Did you mean --seed?)"]);
  });

  it('unknown command', async () => {
    const r = await cli('rnu');
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual(["error [E_USAGE] unknown command 'rnu' (Did you mean run?)"]);
  });

  it('bad --depth with did-you-mean', async () => {
    const r = await cli('run', '--depth', 'deeep');
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual(['error [E_OPTION] --depth "deeep" is not one of smoke, standard, deep (did you mean "deep"?)']);
  });

  it('bad --reporter with did-you-mean', async () => {
    const r = await cli('run', '--reporter', 'json,htlm');
    expect(oneLine(r.err)).toEqual(['error [E_OPTION] --reporter "htlm" is not one of terminal, json, markdown, html, junit, triage, github (did you mean "html"?)']);
    expect(r.code).toBe(2);
  });

  it.each([
    ['x', '--shard "x" must look like i/n, e.g. 1/3 (shard 1 of 3)'],
    ['0/2', '--shard "0/2": i must be between 1 and n (n >= 1), e.g. 1/2'],
    ['3/2', '--shard "3/2": i must be between 1 and n (n >= 1), e.g. 1/2'],
  ])('bad --shard %s', async (value, message) => {
    const r = await cli('run', '--shard', value);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual([`error [E_OPTION] ${message}`]);
  });

  it('bad --seed, --concurrency, --category, --vendor and --target', async () => {
    expect((await cli('run', '--seed', 'abc')).err).toBe('error [E_OPTION] --seed "abc" must be an integer >= 0\n');
    expect((await cli('run', '--concurrency', '0')).err).toBe('error [E_OPTION] --concurrency "0" must be an integer from 1 to 1024\n');
    expect((await cli('list', '--category', 'requried')).err).toContain('(did you mean "required"?)');
    expect((await cli('run', '--vendor', 'alyun')).err).toContain('(did you mean "aliyun"?)');
    expect((await cli('run', '--target', 'emulater')).err).toContain('(did you mean "emulator"?)');
  });

  it('a missing argument', async () => {
    const r = await cli('matrix');
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual(["error [E_USAGE] missing required argument 'results'"]);
  });
});

describe('help and stubs', () => {
  it.each(['run', 'replay', 'list', 'emulator', 'export', 'matrix', 'merge'])('%s --help shows examples, exit 0', async (cmd) => {
    const r = await cli(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: conformance ${cmd}`);
    expect(r.out).toContain('Examples:');
  });

  it('top-level help lists the commands and exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/run \[options\][\s\S]*matrix[\s\S]*merge/);
    expect(r.out).toContain('Exit codes: 0 conformant, 1 nonconformant, 2 usage or contract error, 3 inconclusive');
  });

  // import-doc, drift, diff and contracts diff are implemented (test/drift/cli.test.ts covers them);
  // cleanup too (test/realcloud/journal.test.ts): a missing journal is one line, exit 2.
  it('cleanup of a journal that does not exist: one line, exit 2', async () => {
    const r = await cli('cleanup', 'no-such-journal.jsonl');
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/^error \[E_JOURNAL\] .*no-such-journal\.jsonl: cannot read the journal \(ENOENT\)/);
  });
});

describe('formatError', () => {
  it('prints contract errors as file:line: reason, one line per problem', () => {
    const one = { code: 'E_CONTRACT', file: 'a.yaml', line: 3, reason: 'bad' };
    expect(formatError(one)).toBe('error [E_CONTRACT] a.yaml:3: bad');
    expect(formatError({ ...one, problems: [one, { ...one, line: 9, reason: 'worse' }] })).toBe('error [E_CONTRACT] a.yaml:3: bad\nerror [E_CONTRACT] a.yaml:9: worse');
    expect(formatError(new ConformanceError('E_CONFIG', 'x'))).toBe('error [E_CONFIG] x');
    expect(formatError(new Error('boom\n  at x'), {})).toBe('error [E_INTERNAL] boom (set DEBUG=conformance for the stack)');
  });
});
