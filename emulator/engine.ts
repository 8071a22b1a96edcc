// The domain boundary, no HTTP: handle(vendor, operation, wire params) -> body or error.
// Contracts drive validation; handlers (ops/) enforce the rules against the store.
import type { Contract, Credentials, ProtocolProfile, Vendor } from '../core/types.ts';
import { loadContracts, type LoadedContracts } from '../loader/index.ts';
import { DEFAULT_EXPECT, type ExpectProfile } from '../core/evidence.ts';
import { createDeviations, decide, patchParam, type Deviations } from './deviations.ts';
import { HANDLERS } from './ops/index.ts';
import { specOf, type OpContext, type OpHandler, type OpResult, type OpSpec } from './ops/types.ts';
import type { Store } from './state/store.ts';
import { codeError, roleError, ruleErrorFor } from './validate/errors.ts';
import { newAjv, ParamValidator } from './validate/params.ts';

export interface HandleContext {
  requestId?: string;
  region?: string;
  accessKeyId?: string;
  credentials?: Credentials;
  pathParams?: Record<string, string>;
}

export interface EngineOptions {
  contracts?: LoadedContracts;
  /** The profile the emulator plays (default current); contracts loaded under another profile are loaded again under this one. */
  behaviour?: ExpectProfile;
  snapshotCreationMs?: number;
  /** How long a deleted Huawei snapshot stays `deleting` and a Volcengine instance `DELETING` (default 2000; 0: gone at once). */
  deletionMs?: number;
  /** Deviations to switch on: mutants and variants by name (the `--mutant` flag's). */
  mutants?: readonly string[];
  /** Handlers of operations beyond emulator/ops/index.ts, by `<vendor>.<Operation>` (an added contract, README "Add an operation"). */
  handlers?: Record<string, OpHandler | OpSpec>;
}

export class Engine {
  readonly loaded: LoadedContracts;
  readonly behaviour: ExpectProfile;
  readonly deviations: Deviations;
  readonly snapshotCreationMs: number;
  readonly deletionMs: number;
  private readonly validators = new Map<string, ParamValidator>();
  private readonly handlers: Record<string, OpSpec>;

  constructor(readonly store: Store, opts: EngineOptions = {}) {
    this.behaviour = opts.behaviour ?? DEFAULT_EXPECT;
    const given = opts.contracts;
    this.loaded = given && (given.expect ?? DEFAULT_EXPECT) === this.behaviour ? given : loadContracts({ ...(given ? { dir: given.dir } : {}), expect: this.behaviour });
    this.deviations = createDeviations(opts.mutants ?? [], this.loaded);
    this.snapshotCreationMs = opts.snapshotCreationMs ?? 2000;
    this.deletionMs = opts.deletionMs ?? 2000;
    this.handlers = { ...HANDLERS, ...Object.fromEntries(Object.entries(opts.handlers ?? {}).map(([k, h]) => [k, specOf(h)])) };
    const ajv = newAjv();
    for (const c of this.loaded.contracts) {
      this.validators.set(key(c.vendor, c.operation), new ParamValidator(this.validated(c), this.loaded.profiles[c.vendor], ajv));
    }
  }

  /** The contract the validator checks: the contract itself, or a copy with mutants' parameter patches. */
  private validated(c: Contract): Contract {
    const patches = this.deviations.paramOverrides(c.vendor, c.operation);
    if (!patches) return c;
    const parameters = c.request.parameters.map((p) => (patches[p.name] ? patchParam(p, patches[p.name]!) : p));
    return { ...c, request: { ...c.request, parameters } };
  }

  profile(vendor: Vendor): ProtocolProfile | undefined { return this.loaded.profiles[vendor]; }

  contract(vendor: Vendor, operation: string): Contract | undefined {
    if (!this.byOperation) {
      this.byOperation = new Map();
      for (const c of this.loaded.contracts) {
        let ops = this.byOperation.get(c.vendor);
        if (!ops) this.byOperation.set(c.vendor, (ops = new Map()));
        if (!ops.has(c.operation)) ops.set(c.operation, c); // the first, as a search in order would find
      }
    }
    return this.byOperation.get(vendor)?.get(operation);
  }

  private servedList: Contract[] | undefined;
  private byOperation: Map<Vendor, Map<string, Contract>> | undefined;

  /** Contracts that have a handler (what the emulator serves); contracts and handlers are fixed at construction, so listed once. */
  served(): readonly Contract[] { return (this.servedList ??= this.loaded.contracts.filter((c) => this.handlers[key(c.vendor, c.operation)])); }

  /** Validate and run one operation. Synchronous: no other request interleaves. */
  handle(vendor: Vendor, operation: string, params: Record<string, string>, hctx: HandleContext = {}): OpResult {
    const profile = this.profile(vendor);
    const contract = this.contract(vendor, operation);
    const handler = this.handlers[key(vendor, operation)];
    if (!contract || !handler) return { status: 404, error: roleError(profile, 'unknown-action', operation) };
    this.store.tick();
    const checked = this.validators.get(key(vendor, operation))!.validate(params, hctx.pathParams ?? {});
    if (!checked.ok) return { status: checked.error.status, error: checked.error };
    const decided = decide(this.deviations.at(vendor, operation), handler.points);
    const values = decided.values(checked.values);
    const fail: OpContext['fail'] = (ruleId, code, status, message) => {
      const rule = contract.rules.find((r) => r.id === ruleId);
      const error = rule?.error ? ruleErrorFor(contract, profile, rule.error, message) : codeError(contract, profile, code, status, message);
      return { status: error.status, error: { ...error, about: `rule:${ruleId}` } };
    };
    const ctx: OpContext = {
      vendor, store: this.store, contract, profile, now: this.store.now(), requestId: hctx.requestId ?? '',
      region: hctx.region, accessKeyId: hctx.accessKeyId, credentials: hctx.credentials,
      snapshotCreationMs: this.deviations.neverSettles(vendor, 'creation') ? NEVER_MS : this.snapshotCreationMs,
      deletionMs: this.deviations.neverSettles(vendor, 'deletion') ? NEVER_MS : this.deletionMs,
      fail,
      role: (role, param) => {
        const error = roleError(profile, role, param, 'invalid-parameter');
        return { status: error.status, error };
      },
      check: (rule, violated, code, status, message) => (decided.violates(rule, violated) ? fail(rule, code, status, message) : undefined),
      violates: decided.violates,
      exceeds: (rule, count, limit, code, status) => (decided.exceeds(rule, count, limit) ? fail(rule, code, status) : undefined),
      shows: decided.shows,
      point: decided.point,
    };
    return handler.handle(values, ctx);
  }
}

/** 1e15 ms, some 30,000 years: a lifecycle that never settles on the emulator clock. */
const NEVER_MS = 1e15;

function key(vendor: string, operation: string): string { return `${vendor}.${operation}`; }
