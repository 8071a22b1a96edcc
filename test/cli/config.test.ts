import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConfig, DEFAULTS, loadConfig, validateConfig } from '../../cli/config.ts';
import { main } from '../../cli/main.ts';
import { resolveRunOptions } from '../../cli/options.ts';
import { captureIo } from './helpers.ts';

describe('config', () => {
  it('defineConfig is the identity; defaults are documented values', () => {
    const c = { seed: 7 };
    expect(defineConfig(c)).toBe(c);
    expect(resolveRunOptions({})).toMatchObject({
      targets: ['emulator'], seed: 1, depth: 'standard', out: 'conformance-report', concurrency: 4, lastFailed: false,
      reporters: [...DEFAULTS.reporters],
    });
  });

  it('flags override config, config overrides defaults', () => {
    const config = defineConfig({ seed: 7, depth: 'deep', reporters: ['json'], targets: ['sdk:http://127.0.0.1:4566'], vendors: ['aliyun'], out: 'r' });
    expect(resolveRunOptions({}, config)).toMatchObject({ seed: 7, depth: 'deep', reporters: ['json'], targets: ['sdk:http://127.0.0.1:4566'], out: 'r', filter: { vendors: ['aliyun'] } });
    expect(resolveRunOptions({ seed: '3', reporter: ['html,junit'], target: ['emulator'] }, config))
      .toMatchObject({ seed: 3, depth: 'deep', reporters: ['html', 'junit'], targets: ['emulator'] });
  });

  it('--state-via and --settle-timeout reach the runner (over config runnerOptions); bad values are refused', () => {
    expect(resolveRunOptions({ stateVia: 'read-calls', settleTimeout: '5' }, { runnerOptions: { retries: 1, stateVia: 'control' } }).runnerOptions)
      .toEqual({ retries: 1, stateVia: 'read-calls', settleTimeoutMs: 5000 });
    expect(resolveRunOptions({}, { runnerOptions: { stateVia: 'control' } }).runnerOptions).toEqual({ stateVia: 'control' });
    expect(() => resolveRunOptions({ stateVia: 'reads' })).toThrowError('--state-via "reads" is not one of auto, control, read-calls');
    expect(() => resolveRunOptions({ settleTimeout: '-1' })).toThrowError(/--settle-timeout "-1"/);
  });

  it('bad config values name the file and key, with did-you-mean', () => {
    expect(() => resolveRunOptions({}, { depth: 'shallow' as never }, 'my.config.ts')).toThrowError('my.config.ts: depth "shallow" is not one of smoke, standard, deep');
    expect(() => resolveRunOptions({}, { reporters: ['junt' as never] }, 'c.ts')).toThrowError('c.ts: reporters "junt" is not one of terminal, json, markdown, html, junit, triage, github (did you mean "junit"?)');
    expect(() => validateConfig({ repoters: ['json'] }, 'c.ts')).toThrowError('c.ts: unknown key "repoters" (did you mean "reporters"?)');
    expect(() => validateConfig({ seed: '1' }, 'c.ts')).toThrowError('c.ts: "seed" must be a number (got "1")');
    expect(() => validateConfig(null, 'c.ts')).toThrowError(/default export must be an object/);
    // the options the CLI reads are checked too; the others go to the target or runner as they are
    expect(() => validateConfig({ runnerOptions: { timeoutMs: '5s' } }, 'c.ts')).toThrowError('c.ts: "runnerOptions.timeoutMs" must be a number (got "5s")');
    expect(() => validateConfig({ targetOptions: { mutants: 'x' } }, 'c.ts')).toThrowError('c.ts: "targetOptions.mutants" must be an array of strings (got "x")');
    expect(validateConfig({ seed: 2, targetOptions: { fixtures: 'f.json', mutants: ['m'] }, runnerOptions: { retries: 1, other: true } }, 'c.ts'))
      .toEqual({ seed: 2, targetOptions: { fixtures: 'f.json', mutants: ['m'] }, runnerOptions: { retries: 1, other: true } });
  });

  it('loads conformance.config.ts from the working directory, or --config', async () => {
    const io = captureIo();
    expect(await loadConfig(undefined, io.cwd)).toEqual({ config: {} });
    writeFileSync(join(io.cwd, 'conformance.config.ts'), 'const seed: number = 42;\nexport default { seed, depth: "smoke" };\n');
    expect((await loadConfig(undefined, io.cwd)).config).toEqual({ seed: 42, depth: 'smoke' });
    writeFileSync(join(io.cwd, 'other.config.mjs'), 'export default { concurrency: 2 };\n');
    expect((await loadConfig('other.config.mjs', io.cwd))).toEqual({ config: { concurrency: 2 }, file: 'other.config.mjs' });
    await expect(loadConfig('missing.ts', io.cwd)).rejects.toThrowError('config file missing.ts not found');
  });

  it('a broken config is one line and exit 2 from the CLI', async () => {
    const io = captureIo();
    writeFileSync(join(io.cwd, 'conformance.config.mjs'), 'export default { depth: "deeep" };\n');
    expect(await main(['list'], io)).toBe(2);
    expect(io.err()).toBe(`error [E_CONFIG] ${join(io.cwd, 'conformance.config.mjs')}: depth "deeep" is not one of smoke, standard, deep (did you mean "deep"?)\n`);
  });
});
