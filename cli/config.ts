// conformance.config.ts: typed with `defineConfig`, every key optional, flags override it.
// DEFAULTS documents what an absent key means.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConformanceError, didYouMean, errorMessage } from '../core/errors.ts';
import type { Category, Vendor } from '../core/types.ts';
import type { ExpectProfile } from '../core/evidence.ts';
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
  /** Passed as is to `createTarget(spec, opts)` (fixtures file, credentials profile, timeouts). */
  targetOptions?: Record<string, unknown>;
  /** Passed as is to `runSuite` (retries, timeoutMs). */
  runnerOptions?: Record<string, unknown>;
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

const KEYS: Record<keyof ConformanceConfig, 'strings' | 'string' | 'number' | 'boolean' | 'object'> = {
  targets: 'strings', vendors: 'strings', operations: 'strings', categories: 'strings', cases: 'strings',
  seed: 'number', depth: 'string', reporters: 'strings', out: 'string', concurrency: 'number',
  contractsDir: 'string', allowDestructive: 'boolean', targetOptions: 'object', runnerOptions: 'object', runner: 'string',
  expect: 'string', behaviour: 'string', safety: 'string',
};

/** Shape check (types of keys, unknown keys); values are checked with the flags' parsers later. */
export function validateConfig(raw: unknown, file: string): ConformanceConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConformanceError('E_CONFIG', `${file}: the default export must be an object (use export default defineConfig({ ... }))`);
  }
  for (const [key, value] of Object.entries(raw)) {
    const kind = KEYS[key as keyof ConformanceConfig];
    if (!kind) {
      const guess = didYouMean(key, Object.keys(KEYS));
      throw new ConformanceError('E_CONFIG', `${file}: unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : `; valid keys: ${Object.keys(KEYS).join(', ')}`}`);
    }
    if (value === undefined) continue;
    const ok = kind === 'strings' ? Array.isArray(value) && value.every((v) => typeof v === 'string')
      : kind === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
        : typeof value === kind;
    if (!ok) {
      const want = kind === 'strings' ? 'an array of strings' : kind === 'object' ? 'an object' : `a ${kind}`;
      throw new ConformanceError('E_CONFIG', `${file}: "${key}" must be ${want} (got ${JSON.stringify(value)})`);
    }
  }
  return raw as ConformanceConfig;
}

/**
 * The config from `--config <file>`, or the first of CONFIG_FILES in `cwd`, or `{}`.
 * Returns the file it came from (for error messages).
 */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<{ config: ConformanceConfig; file?: string }> {
  const file = explicit ? resolve(cwd, explicit) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: {} };
  if (!existsSync(file)) throw new ConformanceError('E_CONFIG', `config file ${explicit} not found`);
  let mod: { default?: unknown };
  try {
    mod = (await importUserModule(file)) as { default?: unknown };
  } catch (e) {
    const first = String(errorMessage(e) ?? e).split('\n')[0];
    throw new ConformanceError('E_CONFIG', `${explicit ?? file}: cannot load (${first})`);
  }
  return { config: validateConfig(mod.default, explicit ?? file), file: explicit ?? file };
}
