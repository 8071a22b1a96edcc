// Configuration of the generated suite: JSON in CONFORMANCE_OPTIONS (written by the CLI), else defaults.
import { ConformanceError, errorMessage } from '../core/errors.ts';
import type { CaseFilter } from '../generators/index.ts';
import type { ExpectProfile } from '../core/evidence.ts';

export interface ConformanceOptions {
  /** Target spec for adapters/createTarget; `emulator` (the embedded reference emulator over loopback HTTP) or `inprocess` (its handler, no socket). */
  target: string;
  /** Passed to createTarget (credentials, region, timeouts...). */
  targetOptions?: Record<string, unknown>;
  seed: number;
  depth: 'smoke' | 'standard' | 'deep';
  variations?: number;
  filter?: CaseFilter;
  contractsDir?: string;
  timeoutMs?: number;
  retries?: number;
  allowDestructive?: boolean;
  checks?: string[];
  /** Read-back of after-state (runner/read-back.ts). */
  stateVia?: 'auto' | 'control' | 'read-calls';
  settleTimeoutMs?: number;
  /** JSON file with the case ids to run, in order (the CLI's selection: filters, shard, last-failed). */
  caseIdsFile?: string;
  /** Which claims of the evidence ledger the cases expect (default current). */
  expect?: ExpectProfile;
  /** The embedded emulator (`emulator` and `inprocess` targets only): seeded deviations, and which cloud it plays. */
  emulator?: { mutants?: string[]; behaviour?: ExpectProfile };
}

export const DEFAULT_OPTIONS: ConformanceOptions = { target: 'emulator', seed: 1, depth: 'standard' };
export const OPTIONS_ENV = 'CONFORMANCE_OPTIONS';

export function readConformanceOptions(env: Record<string, string | undefined> = process.env): ConformanceOptions {
  const raw = env[OPTIONS_ENV];
  if (!raw) return { ...DEFAULT_OPTIONS };
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch (e) {
    throw new ConformanceError('E_CONFIG', `${OPTIONS_ENV} is not valid JSON: ${errorMessage(e)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConformanceError('E_CONFIG', `${OPTIONS_ENV} must be a JSON object`);
  const o = { ...DEFAULT_OPTIONS, ...(parsed as Partial<ConformanceOptions>) };
  if (!Number.isInteger(o.seed)) throw new ConformanceError('E_CONFIG', `${OPTIONS_ENV}.seed must be an integer, got ${JSON.stringify(o.seed)}`);
  return o;
}
