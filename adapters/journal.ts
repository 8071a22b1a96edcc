// The real-cloud journal: JSON lines, fsynced, written BEFORE a creating call is sent, so an
// interrupted run (Ctrl-C, a crash, a killed CI job) leaves a file `conformance cleanup <journal>`
// can finish from. Lines (`t` = type):
//   {"t":"run","runId","vendor","endpoint","region","startedAt"}          first line
//   {"t":"intent","seq","vendor","operation","caseId","at"}              before a creating call
//   {"t":"created","seq","vendor","kind","id","region","at"}             its answer named the new id
//   {"t":"no-create","seq","at","why"}                                   the call created nothing (error answer)
//   {"t":"deleted","vendor","kind","id","at"} / {"t":"delete-failed",...,"why"}
// An intent with neither `created` nor `no-create` is unresolved (the answer never came): cleanup
// reports it, since a real cloud may hold a resource no answer named.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConformanceError, readFailure } from '../core/errors.ts';
import { isVendor, type OperationCall, type Target, type TargetResponse, type Vendor } from '../core/types.ts';
import { answerField } from '../core/json.ts';
import { prop } from './unknown.ts';
import { isAnswered } from '../core/outcome.ts';

export type JournalEntry =
  | { t: 'run'; runId: string; vendor: Vendor; endpoint: string; region: string; startedAt: string }
  | { t: 'intent'; seq: number; vendor: Vendor; operation: string; caseId?: string; at: string }
  | { t: 'created'; seq: number; vendor: Vendor; kind: string; id: string; region?: string; at: string }
  | { t: 'no-create'; seq: number; at: string; why: string }
  | { t: 'deleted'; vendor: Vendor; kind: string; id: string; at: string }
  | { t: 'delete-failed'; vendor: Vendor; kind: string; id: string; at: string; why: string };

/** What a creating operation returns: the kind it makes and the answer field with the new id. */
export const CREATES: Record<string, { kind: string; idField: string }> = {
  'aliyun.CreateSnapshotGroup': { kind: 'snapshotGroup', idField: 'SnapshotGroupId' },
};

/** How to delete each kind a run may create (or find left behind). */
export const DELETES: Record<string, (id: string, ctx: { region: string; projectId?: string }) => OperationCall> = {
  'aliyun.snapshotGroup': (id, { region }) => ({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshotGroup', params: { RegionId: region, SnapshotGroupId: id } }),
  'aliyun.snapshot': (id) => ({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation: 'DeleteSnapshot', params: { SnapshotId: id } }),
  'volcengine.instance': (id) => ({ vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', params: { InstanceIds: [id] } }),
  'huaweicloud.snapshot': (id, { projectId }) => ({ vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { project_id: projectId, snapshot_id: id } }),
};

const now = () => new Date().toISOString();

export class Journal {
  private fd: number | undefined;
  private seq = 0;
  constructor(readonly file: string, header: Omit<Extract<JournalEntry, { t: 'run' }>, 't' | 'startedAt'>) {
    mkdirSync(dirname(file), { recursive: true });
    const fresh = !existsSync(file);
    this.fd = openSync(file, 'a', 0o600);
    if (fresh) this.write({ t: 'run', ...header, startedAt: now() });
    else this.seq = readJournal(file).entries.reduce((m, e) => ('seq' in e ? Math.max(m, e.seq) : m), 0);
  }

  /** Append and fsync: the line is on disk before the caller goes on. */
  write(e: JournalEntry): void {
    if (this.fd === undefined) throw new Error(`journal ${this.file} is closed`);
    writeSync(this.fd, `${JSON.stringify(e)}\n`);
    fsyncSync(this.fd);
  }

  intent(vendor: Vendor, operation: string, caseId?: string): number {
    const seq = ++this.seq;
    this.write({ t: 'intent', seq, vendor, operation, ...(caseId ? { caseId } : {}), at: now() });
    return seq;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface JournalState {
  header?: Extract<JournalEntry, { t: 'run' }>;
  entries: JournalEntry[];
  /** Created and not (yet) deleted, in creation order. */
  pending: Extract<JournalEntry, { t: 'created' }>[];
  /** Intents whose answer never came. */
  unresolved: Extract<JournalEntry, { t: 'intent' }>[];
}

/** A parsed line with the fields its kind needs (`t`), optional ones strings when present. */
function isJournalEntry(v: unknown): v is JournalEntry {
  const strings = (...keys: string[]) => keys.every((k) => typeof prop(v, k) === 'string');
  const optional = (...keys: string[]) => keys.every((k) => prop(v, k) === undefined || typeof prop(v, k) === 'string');
  const seq = typeof prop(v, 'seq') === 'number';
  const vendor = isVendor(prop(v, 'vendor'));
  switch (prop(v, 't')) {
    case 'run': return vendor && strings('runId', 'endpoint', 'region', 'startedAt');
    case 'intent': return seq && vendor && strings('operation', 'at') && optional('caseId');
    case 'created': return seq && vendor && strings('kind', 'id', 'at') && optional('region');
    case 'no-create': return seq && strings('at', 'why');
    case 'deleted': return vendor && strings('kind', 'id', 'at');
    case 'delete-failed': return vendor && strings('kind', 'id', 'at', 'why');
    default: return false;
  }
}

export function readJournal(file: string): JournalState {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ConformanceError('E_JOURNAL', `${file}: cannot read the journal (${readFailure(e)})`);
  }
  const entries: JournalEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let entry: unknown;
    try { entry = JSON.parse(line); } catch {
      // A torn last line (killed mid-write) is expected; anything else is not.
      if (i < text.split('\n').length - 2) throw new ConformanceError('E_JOURNAL', `${file}:${i + 1}: not a JSON line`);
      return;
    }
    if (!isJournalEntry(entry)) throw new ConformanceError('E_JOURNAL', `${file}:${i + 1}: not a journal entry (${line.slice(0, 80)})`);
    entries.push(entry);
  });
  const header = entries.find((e): e is Extract<JournalEntry, { t: 'run' }> => e.t === 'run');
  const gone = new Set(entries.filter((e) => e.t === 'deleted').map((e) => `${e.vendor}/${e.id}`));
  const pending = entries.filter((e): e is Extract<JournalEntry, { t: 'created' }> => e.t === 'created' && !gone.has(`${e.vendor}/${e.id}`));
  const resolved = new Set(entries.filter((e) => e.t === 'created' || e.t === 'no-create').map((e) => e.seq));
  const unresolved = entries.filter((e): e is Extract<JournalEntry, { t: 'intent' }> => e.t === 'intent' && !resolved.has(e.seq));
  return { header, entries, pending, unresolved };
}

/** The new id in a creating call's answer (JSON or XML root), if any. */
export function createdId(res: TargetResponse, idField: string): string | undefined {
  return answerField(res.body, res.format, idField) || undefined;
}

const GONE = /NotFound|NotExist|not.?found|itemNotFound|does.?not.?exist/i;

export interface CleanupReport { deleted: string[]; failed: { id: string; why: string }[]; unresolved: string[] }

/**
 * Delete what the journal says was created and not deleted, newest first, through `send`
 * (a real-cloud target's unguarded send). A "not found" answer counts as deleted. Transient
 * answers are retried a few times with backoff.
 */
export async function cleanupJournal(
  journal: Journal | undefined, state: JournalState, send: Target['send'],
  ctx: { region: string; projectId?: string; log?: (line: string) => void; retries?: number; backoffMs?: number },
): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], failed: [], unresolved: [] };
  const retries = ctx.retries ?? 3;
  for (const e of [...state.pending].reverse()) {
    const make = DELETES[`${e.vendor}.${e.kind}`];
    const label = `${e.vendor} ${e.kind} ${e.id}`;
    if (!make) {
      report.failed.push({ id: e.id, why: `no delete operation known for ${e.vendor} ${e.kind}` });
      journal?.write({ t: 'delete-failed', vendor: e.vendor, kind: e.kind, id: e.id, at: now(), why: 'no delete operation known' });
      continue;
    }
    let why = '';
    let done = false;
    for (let attempt = 0; attempt <= retries && !done; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, (ctx.backoffMs ?? 500) * 2 ** (attempt - 1)));
      const res = await send(make(e.id, { region: e.region ?? ctx.region, projectId: ctx.projectId }));
      const code = res.error?.code ?? '';
      if (isAnswered(res) && res.status !== undefined && res.status < 300 && !res.error) done = true;
      else if (code && GONE.test(code)) done = true;
      else why = !isAnswered(res) ? res.message : `${code || `HTTP ${res.status}`}${res.error?.message ? `: ${res.error.message}` : ''}`;
    }
    if (done) {
      journal?.write({ t: 'deleted', vendor: e.vendor, kind: e.kind, id: e.id, at: now() });
      report.deleted.push(e.id);
      ctx.log?.(`cleanup: deleted ${label}`);
    } else {
      journal?.write({ t: 'delete-failed', vendor: e.vendor, kind: e.kind, id: e.id, at: now(), why });
      report.failed.push({ id: e.id, why });
      ctx.log?.(`cleanup: could NOT delete ${label}: ${why}`);
    }
  }
  for (const u of state.unresolved) {
    const line = `${u.vendor} ${u.operation} at ${u.at}${u.caseId ? ` (case ${u.caseId})` : ''}: sent, but no answer named what it created; check the console`;
    report.unresolved.push(line);
    ctx.log?.(`cleanup: unresolved ${line}`);
  }
  return report;
}
