// Option values: parsed and checked here (flags and config keys alike), one clear error each.
import { ConformanceError, didYouMean, notOneOf, type ErrorCode } from '../core/errors.ts';
import { CATEGORIES, VENDORS, type Category, type Vendor } from '../core/types.ts';
import { REPORTER_NAMES, type ReporterName } from '../reporters/index.ts';
import { DEPTHS } from '../core/types.ts';
import { DEFAULT_EXPECT, EXPECT_PROFILES, type ExpectProfile } from '../core/evidence.ts';
import { DEFAULTS, type CheckedConfig, type Depth, type RunnerOptions, type TargetOptions } from './config.ts';
import type { CaseFilter, Shard } from './select.ts';
import { SAFETY_LEVELS, type SafetyLevel } from '../runner/safety.ts';
import { isOneOf } from '../core/json.ts';

const TARGET_WORDS = ['emulator', 'inprocess', ...VENDORS];
const TARGET_PREFIXES = ['http://', 'https://', 'sdk:', 'cassette:', 'module:'];

/** Where a value came from, for messages: `--depth` or `conformance.config.ts: depth`. */
export interface Origin { label: string; code: ErrorCode }
export const flag = (name: string): Origin => ({ label: `--${name}`, code: 'E_OPTION' });
export const configKey = (file: string, key: string): Origin => ({ label: `${file}: ${key}`, code: 'E_CONFIG' });

/** `a,b` and repeated flags alike: ['a', 'b']. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

const STATE_VIA = ['auto', 'control', 'read-calls'] as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], o: Origin): T {
  if (!isOneOf(allowed, value)) throw notOneOf(o.label, value, allowed, o.code);
  return value;
}

export function parseDepth(value: string, o: Origin = flag('depth')): Depth {
  return oneOf(value, DEPTHS, o);
}

export function parseReporters(values: readonly string[], o: Origin = flag('reporter')): ReporterName[] {
  return [...new Set(splitList(values)!.map((v) => oneOf(v, REPORTER_NAMES, o)))];
}

export function parseCategories(values: readonly string[], o: Origin = flag('category')): Category[] {
  return splitList(values)!.map((v) => oneOf(v, CATEGORIES, o));
}

export function parseVendors(values: readonly string[], o: Origin = flag('vendor')): Vendor[] {
  return splitList(values)!.map((v) => oneOf(v, VENDORS, o));
}

export function parseInteger(value: string | number, o: Origin, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new ConformanceError(o.code, `${o.label} ${JSON.stringify(value)} must be ${range}`);
  }
  return n;
}

/** `i/n`, 1 <= i <= n (as vitest --shard). */
export function parseShard(value: string, o: Origin = flag('shard')): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new ConformanceError(o.code, `${o.label} "${value}" must look like i/n, e.g. 1/3 (shard 1 of 3)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new ConformanceError(o.code, `${o.label} "${value}": i must be between 1 and n (n >= 1), e.g. 1/${Math.max(count, 1)}`);
  }
  return { index, count };
}

/** `emulator`, `inprocess`, `http(s)://...`, `sdk:<url>`, `sdk:module:<path>`, `sdk:binding:<path>`, `cassette:<dir>`, `module:<path>`. */
export function parseTarget(value: string, o: Origin = flag('target')): string {
  if (TARGET_WORDS.includes(value) || TARGET_PREFIXES.some((p) => value.startsWith(p) && value.length > p.length)) return value;
  const guess = didYouMean(value.split(':')[0], [...TARGET_WORDS, 'http', 'https', 'sdk', 'cassette', 'module']);
  const hint = guess ? ` (did you mean "${TARGET_WORDS.includes(guess) ? guess : `${guess}:${guess.startsWith('http') ? '//...' : '...'}`}"?)` : '';
  throw new ConformanceError(o.code, `${o.label} "${value}" is not a target: use emulator, inprocess, http(s)://host:port, sdk:<url>, cassette:<dir> or module:<path>${hint}`);
}

/** Raw flag values of `run`/`list` as commander gives them (repeatable flags are arrays). */
export interface RunFlags {
  target?: string[]; vendor?: string[]; operation?: string[]; category?: string[]; case?: string[];
  seed?: string; depth?: string; reporter?: string[]; out?: string; concurrency?: string; shard?: string;
  lastFailed?: boolean; config?: string; contracts?: string; allowDestructive?: boolean; runner?: string; allowSkips?: boolean;
  expect?: string; behaviour?: string;
  /** Print each failing and inconclusive case's wire exchange in the terminal report. */
  verbose?: boolean;
  /** Real-cloud and traffic flags (docs/real-cloud.md). */
  region?: string; endpoint?: string; fixtures?: string; journal?: string; rate?: string; record?: string;
  reference?: string; budget?: string; plan?: boolean; safety?: string;
  /** How `after:` state is read back (runner/read-back.ts), and how long it may take to settle (seconds). */
  stateVia?: string; settleTimeout?: string;
}

export interface RunOptions {
  targets: string[];
  filter: CaseFilter;
  seed: number;
  depth: Depth;
  reporters: ReporterName[];
  out: string;
  concurrency: number;
  shard?: Shard;
  lastFailed: boolean;
  contractsDir?: string;
  /** True exactly when `safety` is destructive (`--allow-destructive` is its short form). */
  allowDestructive: boolean;
  /** What a real cloud may be sent (runner/safety.ts): read-only, negative (default), destructive. */
  safety: SafetyLevel;
  targetOptions: TargetOptions;
  runnerOptions: RunnerOptions;
  /** `direct` (default: runSuite in this process) or `vitest` (the same runSuite, each case a vitest test). */
  runner: 'vitest' | 'direct';
  /** Which claims of the evidence ledger the cases expect: `current` (default) or `page`. */
  expect: ExpectProfile;
  /** Which cloud the embedded emulator plays (emulator / inprocess targets): `current` (default) or `page`. */
  behaviour?: ExpectProfile;
  /** Real clouds: region, endpoint override, fixtures file, journal file (docs/real-cloud.md). */
  region?: string;
  endpoint?: string;
  fixtures?: string;
  journal?: string;
  /** Requests per second (0 = unlimited); absent: 5/s on a real cloud, unlimited elsewhere. */
  rate?: number;
  /** Cassette directory the run's traffic is recorded into. */
  record?: string;
  /** Differential mode: a reference target (usually cassette:<dir>) each answer is compared with. */
  reference?: string;
  /** At most this many calls: a covering subset of the selected cases. */
  budget?: number;
  /** Print the calls the run would make, make none. */
  plan?: boolean;
  /** `--config <file>` as given (re-run commands name it). */
  configFile?: string;
  /** `--verbose`: the terminal report shows the wire exchange of each failing and inconclusive case. */
  verbose?: boolean;
  /** `--allow-skips`: a run skipping more than MAX_SKIP_SHARE of its cases keeps its exit code (cli/skip-share.ts). */
  allowSkips?: boolean;
}

/** Flags over config over DEFAULTS, every value checked (config values name the file and key). */
export function resolveRunOptions(flags: RunFlags, config: CheckedConfig = {}, configFile = 'conformance.config.ts'): RunOptions {
  const c = (key: string) => configKey(configFile, key);
  const list = <T>(fromFlag: string[] | undefined, fromConfig: string[] | undefined, parse: (v: string[], o: Origin) => T[], name: string, key: string): T[] | undefined =>
    fromFlag?.length ? parse(fromFlag, flag(name)) : fromConfig ? parse(fromConfig, c(key)) : undefined;
  const targets = flags.target?.length
    ? splitList(flags.target)!.map((t) => parseTarget(t))
    : (config.targets ?? [...DEFAULTS.targets]).map((t) => parseTarget(t, flags.target ? flag('target') : c('targets')));
  return {
    targets: [...new Set(targets)],
    filter: {
      vendors: list(flags.vendor, config.vendors, parseVendors, 'vendor', 'vendors'),
      operations: splitList(flags.operation?.length ? flags.operation : config.operations),
      categories: list(flags.category, config.categories, parseCategories, 'category', 'categories'),
      // Case ids may contain commas in theory: taken as given, never split.
      cases: flags.case?.length ? flags.case : config.cases,
    },
    seed: flags.seed !== undefined ? parseInteger(flags.seed, flag('seed'), 0) : parseInteger(config.seed ?? DEFAULTS.seed, c('seed'), 0),
    depth: flags.depth !== undefined ? parseDepth(flags.depth) : parseDepth(config.depth ?? DEFAULTS.depth, c('depth')),
    reporters: list(flags.reporter, config.reporters, parseReporters, 'reporter', 'reporters') ?? [...DEFAULTS.reporters],
    out: flags.out ?? config.out ?? DEFAULTS.out,
    concurrency: flags.concurrency !== undefined
      ? parseInteger(flags.concurrency, flag('concurrency'), 1, 1024)
      : parseInteger(config.concurrency ?? DEFAULTS.concurrency, c('concurrency'), 1, 1024),
    shard: flags.shard !== undefined ? parseShard(flags.shard) : undefined,
    lastFailed: Boolean(flags.lastFailed),
    allowSkips: Boolean(flags.allowSkips),
    contractsDir: flags.contracts ?? config.contractsDir,
    ...safetyOptions(flags, config, c),
    targetOptions: config.targetOptions ?? {},
    runnerOptions: {
      ...(config.runnerOptions ?? {}),
      ...(flags.stateVia !== undefined ? { stateVia: oneOf(flags.stateVia, STATE_VIA, flag('state-via')) } : {}),
      ...(flags.settleTimeout !== undefined ? { settleTimeoutMs: 1000 * parseInteger(flags.settleTimeout, flag('settle-timeout'), 0, 3600) } : {}),
    },
    runner: parseRunner(flags.runner ?? config.runner ?? DEFAULTS.runner, flags.runner !== undefined ? flag('runner') : c('runner')),
    expect: parseProfile(flags.expect ?? config.expect ?? DEFAULT_EXPECT, flags.expect !== undefined ? flag('expect') : c('expect')),
    ...(flags.behaviour ?? config.behaviour ? { behaviour: parseProfile((flags.behaviour ?? config.behaviour)!, flags.behaviour !== undefined ? flag('behaviour') : c('behaviour')) } : {}),
    ...realCloudFlags(flags),
  };
}

/** `--safety` (or config `safety`), with `--allow-destructive` as the short form of `--safety destructive`. */
function safetyOptions(flags: RunFlags, config: CheckedConfig, c: (key: string) => Origin): Pick<RunOptions, 'safety' | 'allowDestructive'> {
  const allow = flags.allowDestructive ?? config.allowDestructive ?? DEFAULTS.allowDestructive;
  const given = flags.safety !== undefined ? oneOf(flags.safety, SAFETY_LEVELS, flag('safety'))
    : config.safety !== undefined ? oneOf(config.safety, SAFETY_LEVELS, c('safety')) : undefined;
  if (given && allow && given !== 'destructive') {
    throw new ConformanceError('E_OPTION', `--allow-destructive means --safety destructive: it contradicts safety ${given}; give one of them`);
  }
  const safety = given ?? (allow ? 'destructive' : DEFAULTS.safety);
  return { safety, allowDestructive: safety === 'destructive' };
}

/** `current` | `page`: an expectation profile (`--expect`) or the cloud the emulator plays (`--behaviour`). */
export function parseProfile(value: string, o: Origin = flag('expect')): ExpectProfile {
  return oneOf(value, EXPECT_PROFILES, o);
}

export function parseRunner(value: string, o: Origin = flag('runner')): 'vitest' | 'direct' {
  return oneOf(value, ['vitest', 'direct'] as const, o);
}

/** `--region`, `--endpoint`, `--fixtures`, `--journal`, `--rate`, `--record`, `--reference`, `--budget`, `--plan`. */
function realCloudFlags(flags: RunFlags): Partial<RunOptions> {
  const out: Partial<RunOptions> = {};
  if (flags.region !== undefined) out.region = flags.region;
  if (flags.endpoint !== undefined) out.endpoint = flags.endpoint;
  if (flags.fixtures !== undefined) out.fixtures = flags.fixtures;
  if (flags.journal !== undefined) out.journal = flags.journal;
  if (flags.rate !== undefined) {
    const n = Number(flags.rate);
    if (!Number.isFinite(n) || n < 0 || n > 10_000) throw new ConformanceError('E_OPTION', `--rate ${JSON.stringify(flags.rate)} must be a number of requests per second from 0 (unlimited) to 10000`);
    out.rate = n;
  }
  if (flags.record !== undefined) out.record = flags.record;
  if (flags.reference !== undefined) out.reference = parseTarget(flags.reference, flag('reference'));
  if (flags.budget !== undefined) out.budget = parseInteger(flags.budget, flag('budget'), 1);
  if (flags.plan) out.plan = true;
  if (flags.config !== undefined) out.configFile = flags.config;
  if (flags.verbose) out.verbose = true;
  return out;
}
