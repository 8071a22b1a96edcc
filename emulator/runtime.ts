// Everything one emulator instance holds: store, engine, credentials, nonces, faults, options.
import type { ExpectProfile } from '../core/evidence.ts';
import type { Credentials, Vendor } from '../core/types.ts';
import { VENDORS } from '../core/types.ts';
import { recordOf } from '../core/json.ts';
import { EMULATOR_TEST_CREDENTIALS } from '../core/test-credentials.ts';
import type { LoadedContracts } from '../loader/index.ts';
import { Engine } from './engine.ts';
import type { OpHandler, OpSpec } from './ops/types.ts';
import { Faults } from './http/faults.ts';
import { NonceStore } from './http/nonces.ts';
import { readState, saveState } from './state/persist.ts';
import { Store } from './state/store.ts';
import { resolveWorld } from './state/worlds.ts';

export interface EmulatorOptions {
  /** `empty` (default), `demo`, a world JSON file path, or a world object. */
  world?: string | object;
  /** Persist the world here (atomic writes); loaded at start when it exists (it wins over `world`). */
  stateFile?: string;
  /** Accepted keys per vendor; default core/test-credentials.ts. */
  credentials?: Partial<Record<Vendor, Credentials[]>>;
  /** How long a CreateSnapshotGroup snapshot stays `progressing` (ms, default 2000; 0 = at once). */
  snapshotCreationMs?: number;
  /** How long a deleted Huawei snapshot / Volcengine instance stays deleting (default 2000 ms of the emulator clock). */
  deletionMs?: number;
  /** World clock (epoch ms): drives snapshot progress. Signature freshness uses `authClock`. */
  clock?: () => number;
  /** Clock for signature timestamps (default Date.now): SDKs sign with wall time. */
  authClock?: () => number;
  /** When set, every control API call needs header `x-emulator-token` with this value. */
  controlToken?: string;
  /** Request log sink (one line per request; never secrets or Authorization values). */
  log?: (line: string) => void;
  /** Named deviations switched on at start (the mutants seam). */
  mutants?: string[];
  /** Preloaded contracts (default: loadContracts()); seen again under `behaviour` when they were loaded under another profile. */
  contracts?: LoadedContracts;
  /** Which cloud the emulator plays: today's (`current`, default: the evidence ledger's current claims) or the seed page's (`page`). */
  behaviour?: ExpectProfile;
  /** Handlers of operations beyond the built-in ones, by `<vendor>.<Operation>`: a plain function or a `defineHandler` spec (README "Add an operation"). */
  handlers?: Record<string, OpHandler | OpSpec>;
  /** Random source for fault rates (tests pass a seeded one). */
  random?: () => number;
}

/** How many requests' findings the control API can still answer for. */
const FINDINGS_KEPT = 2_000;

export class Runtime {
  readonly store: Store;
  readonly engine: Engine;
  readonly credentials: Record<Vendor, Credentials[]>;
  readonly nonces = new NonceStore();
  /**
   * What each recent request sent that the contract does not expect, by request id: for clients
   * that hide response headers (SDKs), the suite asks the control API (`GET /__emulator/findings/{id}`).
   */
  readonly findings = new Map<string, unknown[]>();

  /** The ids in `findings`, oldest first from `findingsNext` (a ring: the oldest goes when it is full). */
  private readonly findingsOrder: string[] = [];
  private findingsNext = 0;

  recordFindings(requestId: string, findings: unknown[]): void {
    // The harness asks right after each answer, so the last 2,000 requests are plenty; a bound
    // this size keeps a 100k-request run's memory flat.
    if (this.findingsOrder.length < FINDINGS_KEPT) this.findingsOrder.push(requestId);
    else {
      this.findings.delete(this.findingsOrder[this.findingsNext]!);
      this.findingsOrder[this.findingsNext] = requestId;
      this.findingsNext = (this.findingsNext + 1) % FINDINGS_KEPT;
    }
    this.findings.set(requestId, findings);
  }
  readonly faults: Faults;
  readonly authClock: () => number;
  readonly startedAt = Date.now();

  constructor(readonly opts: EmulatorOptions) {
    this.store = new Store(opts.clock ?? Date.now);
    const saved = opts.stateFile ? readState(opts.stateFile) : undefined;
    this.store.load(saved ?? resolveWorld(opts.world));
    this.engine = new Engine(this.store, { contracts: opts.contracts, behaviour: opts.behaviour, snapshotCreationMs: opts.snapshotCreationMs, deletionMs: opts.deletionMs, mutants: opts.mutants, handlers: opts.handlers });
    this.credentials = recordOf(VENDORS, (v) => opts.credentials?.[v] ?? [EMULATOR_TEST_CREDENTIALS[v]]);
    this.faults = new Faults(opts.random);
    this.authClock = opts.authClock ?? Date.now;
    if (opts.stateFile) {
      const file = opts.stateFile;
      this.store.onChange = () => saveState(file, this.store.dump());
      this.store.changed();
    }
  }

  lookup(vendor: Vendor, accessKeyId: string): Credentials | undefined {
    return this.credentials[vendor].find((c) => c.accessKeyId === accessKeyId);
  }

  reset(world?: string | object): void {
    this.store.load(resolveWorld(world ?? this.opts.world));
    this.nonces.clear();
  }

  /** Whether anyone reads the log: the per-request line (a date, the findings) is built only then. */
  get logging(): boolean { return this.opts.log !== undefined; }

  log(line: string): void {
    try { this.opts.log?.(line); } catch { /* a broken log sink never breaks a request */ }
  }
}
