// conformance.config.ts: typed with `defineConfig`, every key optional, flags override it.
// DEFAULTS documents what an absent key means.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConformanceError, didYouMean, errorMessage } from '../core/errors.ts';
import type { Category, Vendor } from '../core/types.ts';
import { EXPECT_PROFILES, type ExpectProfile } from '../core/evidence.ts';
import { isJsonObject, isOneOf } from '../core/json.ts';
import type { ReporterName } from '../reporters/index.ts';

import type { Depth } from '../core/types.ts';
import { importUserModule } from '../core/user-module.ts';
export type { Depth };

export interface ConformanceConfig {
  /** Targets: `emulator`, `inprocess`, `http(s)://host:port`, `sdk:<url>`, `sdk:module:<path>`, `sdk:binding:<path>`, `cassette:<dir>`, `module:<path>`. */
  targets?: string[];
  /** Only these vendors / operations (`DeleteSnapshot` or `aliyun.ecs.DeleteSnapshot`, `*` globs) / categories / case ids. */
  vendors?: Vendor[];
  operations?: string[];
  categories?: Category[];
  cases?: string[];
  /** Seed of the case generator: same seed, same cases, same order. */
  seed?: number;
  /** smoke: one case per category; standard: every rule once; deep: boundaries and combinations. */
  depth?: Depth;
  reporters?: ReporterName[];
  /** Output directory of the reports. */
  out?: string;
  /** Cases in flight at once (exclusive cases always run alone). */
  concurrency?: number;
  /** Contracts directory (default: the package's contracts/). */
  contractsDir?: string;
  /** Allow cases that change or create resources on a real cloud (same as `safety: 'destructive'`). */
  allowDestructive?: boolean;
  /** What a real cloud may be sent: `read-only`, `negative` (default) or `destructive` (runner/safety.ts). */
  safety?: 'read-only' | 'negative' | 'destructive';
  /** `vitest` (the generated spec under vitest, default) or `direct` (the library runner in-process). */
  runner?: 'vitest' | 'direct';
  /** Which claims of the evidence ledger the cases expect: `current` (today's cloud, default) or `page` (the seed page as written). */
  expect?: ExpectProfile;
  /** Which cloud the embedded emulator plays: `current` (default) or `page`. */
  behaviour?: ExpectProfile;
  /** Passed to `createTarget(spec, opts)` (fixtures file, credentials profile, timeouts). */
  targetOptions?: TargetOptions;
  /** Passed to `runSuite` (retries, timeoutMs). */
  runnerOptions?: RunnerOptions;
}

/** `targetOptions`: the keys the CLI reads are checked; the others go to the target as they are. */
export interface TargetOptions {
  /** Seeded deviations of the embedded emulator (`--mutant`). */
  mutants?: string[];
  /** Which cloud the embedded emulator plays (`--behaviour`). */
  behaviour?: ExpectProfile;
  concurrency?: number;
  [key: string]: unknown;
}

/** `runnerOptions`: the keys the CLI and the vitest spec read are checked; the others go to `runSuite` as they are. */
export interface RunnerOptions {
  /** Variations per parameter of a deep run. */
  variations?: number;
  timeoutMs?: number;
  retries?: number;
  settleTimeoutMs?: number;
  stateVia?: 'auto' | 'control' | 'read-calls';
  checks?: string[];
  [key: string]: unknown;
}

/**
 * A config file as `validateConfig` checks it: each key of the kind it must be. The values of the
 * string keys (vendors, depth, ...) are checked by the flags' parsers (cli/options.ts), naming the file and key.
 */
export interface CheckedConfig {
  targets?: string[];
  vendors?: string[];
  operations?: string[];
  categories?: string[];
  cases?: string[];
  seed?: number;
  depth?: string;
  reporters?: string[];
  out?: string;
  concurrency?: number;
  contractsDir?: string;
  allowDestructive?: boolean;
  safety?: string;
  runner?: string;
  expect?: string;
  behaviour?: string;
  targetOptions?: TargetOptions;
  runnerOptions?: RunnerOptions;
}

/** What each absent key means. */
export const DEFAULTS = {
  targets: ['emulator'],
  seed: 1,
  depth: 'standard',
  reporters: ['terminal', 'json', 'markdown', 'html', 'junit', 'triage'],
  out: 'conformance-report',
  concurrency: 4,
  allowDestructive: false,
  safety: 'negative',
  runner: 'direct',
  expect: 'current',
} as const satisfies ConformanceConfig;

/** Identity function: gives a config file types and completion. */
export function defineConfig(config: ConformanceConfig): ConformanceConfig {
  return config;
}

export const CONFIG_FILES = ['conformance.config.ts', 'conformance.config.mts', 'conformance.config.js', 'conformance.config.mjs'];

const KEYS = [
  'targets', 'vendors', 'operations', 'categories', 'cases', 'seed', 'depth', 'reporters', 'out', 'concurrency',
  'contractsDir', 'allowDestructive', 'targetOptions', 'runnerOptions', 'runner', 'expect', 'behaviour', 'safety',
] as const satisfies readonly (keyof ConformanceConfig)[];

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const STATE_VIA = ['auto', 'control', 'read-calls'] as const;
const isStateVia = (v: unknown): v is RunnerOptions['stateVia'] => isOneOf(STATE_VIA, v);
const isProfile = (v: unknown): v is ExpectProfile => isOneOf(EXPECT_PROFILES, v);

/** The value (named `name` in errors) when of its kind, undefined when absent; else E_CONFIG. */
type Kind = <T>(value: unknown, name: string, is: (v: unknown) => v is T, want: string) => T | undefined;

function targetOptionsOf(o: Record<string, unknown>, kind: Kind): TargetOptions {
  const { mutants, behaviour, concurrency, ...rest } = o;
  const out: TargetOptions = rest;
  const m = kind(mutants, 'targetOptions.mutants', isStrings, 'an array of strings');
  const b = kind(behaviour, 'targetOptions.behaviour', isProfile, `one of ${EXPECT_PROFILES.join(', ')}`);
  const c = kind(concurrency, 'targetOptions.concurrency', isNumber, 'a number');
  if (m !== undefined) out.mutants = m;
  if (b !== undefined) out.behaviour = b;
  if (c !== undefined) out.concurrency = c;
  return out;
}

function runnerOptionsOf(o: Record<string, unknown>, kind: Kind): RunnerOptions {
  const { variations, timeoutMs, retries, settleTimeoutMs, stateVia, checks, ...rest } = o;
  const out: RunnerOptions = rest;
  const number = (v: unknown, key: string) => kind(v, `runnerOptions.${key}`, isNumber, 'a number');
  const [v, t, r, st] = [number(variations, 'variations'), number(timeoutMs, 'timeoutMs'), number(retries, 'retries'), number(settleTimeoutMs, 'settleTimeoutMs')];
  const via = kind(stateVia, 'runnerOptions.stateVia', isStateVia, `one of ${STATE_VIA.join(', ')}`);
  const ch = kind(checks, 'runnerOptions.checks', isStrings, 'an array of strings');
  if (v !== undefined) out.variations = v;
  if (t !== undefined) out.timeoutMs = t;
  if (r !== undefined) out.retries = r;
  if (st !== undefined) out.settleTimeoutMs = st;
  if (via !== undefined) out.stateVia = via;
  if (ch !== undefined) out.checks = ch;
  return out;
}

/** Shape check (kinds of keys, unknown keys); values are checked with the flags' parsers later. */
export function validateConfig(raw: unknown, file: string): CheckedConfig {
  if (!isJsonObject(raw)) {
    throw new ConformanceError('E_CONFIG', `${file}: the default export must be an object (use export default defineConfig({ ... }))`);
  }
  for (const key of Object.keys(raw)) {
    if (isOneOf(KEYS, key)) continue;
    const guess = didYouMean(key, KEYS);
    throw new ConformanceError('E_CONFIG', `${file}: unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : `; valid keys: ${KEYS.join(', ')}`}`);
  }
  const kind: Kind = (value, name, is, want) => {
    if (value === undefined || is(value)) return value;
    throw new ConformanceError('E_CONFIG', `${file}: "${name}" must be ${want} (got ${JSON.stringify(value)})`);
  };
  const strings = (key: string) => kind(raw[key], key, isStrings, 'an array of strings');
  const string = (key: string) => kind(raw[key], key, isString, 'a string');
  const number = (key: string) => kind(raw[key], key, isNumber, 'a number');
  const object = (key: string) => kind(raw[key], key, isJsonObject, 'an object');
  const targetOptions = object('targetOptions');
  const runnerOptions = object('runnerOptions');
  const config: CheckedConfig = {
    targets: strings('targets'), vendors: strings('vendors'), operations: strings('operations'), categories: strings('categories'), cases: strings('cases'),
    seed: number('seed'), depth: string('depth'), reporters: strings('reporters'), out: string('out'),
    concurrency: number('concurrency'), contractsDir: string('contractsDir'),
    allowDestructive: kind(raw.allowDestructive, 'allowDestructive', isBoolean, 'a boolean'),
    safety: string('safety'), runner: string('runner'), expect: string('expect'), behaviour: string('behaviour'),
    targetOptions: targetOptions && targetOptionsOf(targetOptions, kind),
    runnerOptions: runnerOptions && runnerOptionsOf(runnerOptions, kind),
  };
  // only the keys the file sets (an absent key stays absent)
  for (const key of KEYS) if (!(key in raw)) delete config[key];
  return config;
}

/**
 * The config from `--config <file>`, or the first of CONFIG_FILES in `cwd`, or `{}`.
 * Returns the file it came from (for error messages).
 */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<{ config: CheckedConfig; file?: string }> {
  const file = explicit ? resolve(cwd, explicit) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: {} };
  if (!existsSync(file)) throw new ConformanceError('E_CONFIG', `config file ${explicit} not found`);
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(file);
  } catch (e) {
    const first = String(errorMessage(e) ?? e).split('\n')[0];
    throw new ConformanceError('E_CONFIG', `${explicit ?? file}: cannot load (${first})`);
  }
  return { config: validateConfig(mod.default, explicit ?? file), file: explicit ?? file };
}
