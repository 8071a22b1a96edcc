// `--target aliyun | volcengine | huaweicloud`: a vendor's real cloud, safely.
//   - credentials from the vendor's standard environment variables (credentials-env.ts);
//   - the public endpoint of `--region` (or `--endpoint`); no emulator probe, no control API;
//   - `capabilities.realCloud`: the runner sends only cases the --safety level allows (runner/safety.ts);
//   - fixtures only from conformance.fixtures.yaml (fixtures-file.ts) and the caller's own project, never created;
//   - the guard (guard.ts) refuses any id not listed, not created by this run, not minted;
//   - creating calls journaled before they are sent, deleted at close() (journal.ts);
//   - a token bucket (`rate`, default 5/s); every answer redacted before anyone sees it.
// For tests, `endpoint` may be a loopback URL (the emulator) when `allowLoopback` is set (or
// CONFORMANCE_REAL_CLOUD_LOOPBACK=1): everything else behaves as against the real cloud.
import { join, resolve } from 'node:path';
import { currentCase } from '../core/case-context.ts';
import { ConformanceError } from '../core/errors.ts';
import type { Credentials, OperationCall, Target, TargetResponse, Vendor } from '../core/types.ts';
import { isVendor } from '../core/types.ts';
import { createRedactor, credentialsFromEnv, defaultEndpoint, DEFAULT_REGIONS, type Redactor } from './credentials-env.ts';
import { fileFixtures, loadFixturesFile, type FileFixtures, type FixturesFile } from './fixtures-file.ts';
import { createGuard, CREATING, guarded, type Guard } from './guard.ts';
import { createHttpTarget } from './http.ts';
import { cleanupJournal, CREATES, createdId, Journal, readJournal, type CleanupReport } from './journal.ts';
import { DEFAULT_TIMEOUT_MS, isLoopback, type ContractIndex, type TargetOptions } from './options.ts';
import { rateLimited, REAL_CLOUD_DEFAULT_RATE } from './rate-limit.ts';
import { createRecorder } from './record.ts';
import { isAnswered } from '../core/outcome.ts';

export const LOOPBACK_ENV = 'CONFORMANCE_REAL_CLOUD_LOOPBACK';

export interface RealCloudOptions extends TargetOptions {
  /** Region (default: the fixtures file's, else DEFAULT_REGIONS). */
  regionName?: string;
  /** Base URL (default: the vendor's public endpoint for the region). */
  endpoint?: string;
  /** Environment to read credentials from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Path of conformance.fixtures.yaml, or its parsed content. */
  fixturesFile?: string | FixturesFile;
  /** Journal file (JSON lines). Default `<journalDir>/journal-<vendor>-<time>.jsonl`, created at the first creating call. */
  journal?: string;
  journalDir?: string;
  /** Let `endpoint` be a loopback URL (tests against the emulator). */
  allowLoopback?: boolean;
  /** Progress lines (cleanup); never a secret. */
  log?: (line: string) => void;
}

export interface RealCloudTarget extends Target {
  vendor: Vendor;
  region: string;
  endpoint: string;
  guard: Guard;
  redactor: Redactor;
  /** Huawei: the credentials' project (cleanup paths need it); never printed. */
  projectId?: string;
  /** The journal file, once something was created. */
  journalFile(): string | undefined;
  /** Delete what this run created (also done by close()). */
  cleanup(): Promise<CleanupReport | undefined>;
  /** Ctrl-C: refuse every further call, let in-flight calls settle, clean up. */
  interrupt(reason?: string): Promise<CleanupReport | undefined>;
  /** Send without the guard (cleanup of journaled resources). */
  sendUnguarded: Target['send'];
}

/** Parameters that name the caller's project (`refersTo: project`, the Huawei `project_id`). */
export function projectParams(call: Pick<OperationCall, 'vendor' | 'operation'>, index?: ContractIndex): string[] {
  const c = index?.contracts.find((x) => x.vendor === call.vendor && x.operation === call.operation);
  return (c?.request?.parameters ?? []).filter((p) => p.refersTo === 'project').map((p) => p.name);
}

/**
 * A call whose project parameters name the caller's own project: a real-cloud case never names
 * another account's project, even one that is about to be rejected. Empty values stay empty (the
 * missing-project cases); `$ref`s stay (fixtures resolve them to the caller's project).
 */
export function ownProject<C extends Pick<OperationCall, 'vendor' | 'operation' | 'params'>>(call: C, index: ContractIndex | undefined, projectId: string | undefined): C {
  if (!projectId) return call;
  let params: Record<string, unknown> | undefined;
  for (const name of projectParams(call, index)) {
    const v = call.params[name];
    if (typeof v !== 'string' || v === '' || v === projectId || v.startsWith('$')) continue;
    (params ??= { ...call.params })[name] = projectId;
  }
  return params ? { ...call, params } : call;
}

export function isRealCloudSpec(spec: string): spec is Vendor {
  return isVendor(spec);
}

/** Credentials for a vendor: config (targetOptions.credentials) over the environment; E_CREDENTIALS when missing. */
export function realCloudCredentials(vendor: Vendor, opts: RealCloudOptions): Credentials {
  return credentialsFromEnv(vendor, opts.env ?? process.env, opts.credentials?.[vendor]);
}

export function resolveEndpoint(vendor: Vendor, region: string, opts: Pick<RealCloudOptions, 'endpoint' | 'allowLoopback' | 'env'>): string {
  const endpoint = opts.endpoint ?? defaultEndpoint(vendor, region);
  let url: URL;
  try { url = new URL(endpoint); } catch { throw new ConformanceError('E_OPTION', `--endpoint "${endpoint}" is not a URL`); }
  const loopbackOk = opts.allowLoopback || (opts.env ?? process.env)[LOOPBACK_ENV] === '1';
  if (isLoopback(url.hostname)) {
    if (!loopbackOk) throw new ConformanceError('E_OPTION', `--endpoint ${url.origin} is a loopback address: for the emulator use --target emulator or http://..., or set ${LOOPBACK_ENV}=1 to test real-cloud behaviour against it`);
  } else if (url.protocol !== 'https:') {
    throw new ConformanceError('E_OPTION', `--endpoint ${url.origin}: a real cloud is reached over https only (credentials are on the wire)`);
  }
  return url.origin;
}

export async function createRealCloudTarget(vendor: Vendor, opts: RealCloudOptions = {}): Promise<RealCloudTarget> {
  const credentials = realCloudCredentials(vendor, opts);
  const file = typeof opts.fixturesFile === 'string' ? loadFixturesFile(resolve(opts.fixturesFile)) : opts.fixturesFile;
  const region = opts.regionName ?? opts.region?.[vendor] ?? file?.[vendor]?.region ?? DEFAULT_REGIONS[vendor];
  const endpoint = resolveEndpoint(vendor, region, opts);
  const redactor = createRedactor([credentials]);
  const callerIds = { [`${vendor}.project`]: credentials.projectId };
  // Without a file, the caller's own identity (the Huawei project) and the region are still fixtures:
  // a negative case may name them; any other kind is skipped with "the fixtures file lists no ...".
  const fixtures: FileFixtures = fileFixtures(file ?? {}, { callerIds, regions: { [vendor]: region } });
  const recorder = opts.record ? createRecorder(opts.record, { redactor, projectIds: { [vendor]: credentials.projectId }, target: endpoint }) : undefined;

  const base = await createHttpTarget(endpoint, {
    ...opts, probe: false, credentials: { [vendor]: credentials }, region: { [vendor]: region },
    onExchange: recorder ? (x) => { recorder.onExchange(x); opts.onExchange?.(x); } : opts.onExchange,
  });
  const paced = rateLimited(base, opts.rate === undefined ? REAL_CLOUD_DEFAULT_RATE : opts.rate);

  const guard = createGuard({
    listed: (v) => fixtures.ids(v),
    deletable: (v, id) => fixtures.deletable(v, id),
    caller: (v) => new Set(v === vendor && credentials.projectId ? [credentials.projectId] : []),
  });

  let journal: Journal | undefined;
  const journalPath = opts.journal ?? join(resolve(opts.journalDir ?? '.'), `journal-${vendor}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  const openJournal = () => (journal ??= new Journal(journalPath, { runId: journalPath, vendor, endpoint, region }));
  const inflight = new Set<Promise<unknown>>();

  const redact = (r: TargetResponse): TargetResponse => redactor.value(r);
  /**
   * The default region in case params follows --region (cases name the contracts' default region),
   * and a project the case names is the caller's own (cases carry the page's example project id).
   */
  const localise = (call: OperationCall): OperationCall => {
    const def = DEFAULT_REGIONS[vendor];
    const own = ownProject(call, opts.loaded, credentials.projectId);
    if (region === def || own.params.RegionId !== def) return own;
    return { ...own, params: { ...own.params, RegionId: region } };
  };

  async function sendRaw(call: OperationCall, tweak?: Parameters<Target['send']>[1]): Promise<TargetResponse> {
    if (call.vendor !== vendor) return { outcome: 'refused', message: `target ${vendor} sends only ${vendor} calls (this is ${call.vendor})`, durationMs: 0, attempts: 0 };
    const c = call;
    const creates = CREATES[`${vendor}.${c.operation}`] ?? (CREATING.test(c.operation) ? { kind: 'unknown', idField: '' } : undefined);
    const seq = creates ? openJournal().intent(vendor, c.operation, currentCase()?.id) : undefined;
    const p = paced.send(c, tweak);
    inflight.add(p);
    let res: TargetResponse;
    try { res = await p; } finally { inflight.delete(p); }
    if (creates && seq !== undefined) {
      const id = creates.idField ? createdId(res, creates.idField) : undefined;
      if (id) {
        guard.created.add(id);
        journal!.write({ t: 'created', seq, vendor, kind: creates.kind, id, region, at: new Date().toISOString() });
      } else if (isAnswered(res) && (res.error || (res.status ?? 0) >= 400)) {
        journal!.write({ t: 'no-create', seq, at: new Date().toISOString(), why: res.error?.code ?? `HTTP ${res.status}` });
      } // else: no answer, the intent stays unresolved (cleanup reports it)
    }
    return redact(res);
  }

  let cleaned: Promise<CleanupReport | undefined> | undefined;
  const cleanup = () => (cleaned ??= (async () => {
    if (!journal) return undefined;
    const state = readJournal(journal.file);
    if (!state.pending.length && !state.unresolved.length) return { deleted: [], failed: [], unresolved: [] };
    opts.log?.(`cleanup: deleting ${state.pending.length} resource(s) this run created (journal ${journal.file})`);
    return cleanupJournal(journal, state, (call, tweak) => paced.send(call, tweak).then(redact), { region, projectId: credentials.projectId, log: opts.log });
  })());

  const target: RealCloudTarget = {
    name: vendor,
    kind: 'real-cloud',
    caseAware: true, // the journal and the fixtures file name the running case
    vendor, region, endpoint, guard, redactor, projectId: credentials.projectId,
    capabilities: { fixtures: true, xml: true, tweaks: true, realCloud: true },
    fixtures,
    send: sendRaw,
    sendUnguarded: (call, tweak) => paced.send(call, tweak).then(redact),
    journalFile: () => journal?.file,
    cleanup,
    async interrupt(reason = 'run interrupted (SIGINT): no further calls') {
      guard.stop(reason);
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS))]);
      return cleanup();
    },
    async close() {
      try { await cleanup(); } finally {
        journal?.close();
        await base.close?.();
      }
    },
  };
  // The guard judges the call as it will be sent (region and project localised).
  const withGuard = guarded(target, guard);
  target.send = (call, tweak) => withGuard.send(call.vendor === vendor ? localise(call) : call, tweak);
  return recorder ? recorder.attach(target) : target;
}
