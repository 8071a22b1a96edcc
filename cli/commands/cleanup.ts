// `conformance cleanup <journal>`: finish the cleanup of an interrupted real-cloud run. Reads the
// journal (JSON lines), deletes every resource created and not yet deleted (newest first; "not
// found" counts as deleted), appends what it did to the same journal, and lists the intents whose
// answer never came. Exit 0 when nothing is left, 1 otherwise.
import { resolve } from 'node:path';
import { ConformanceError } from '../../core/errors.ts';
import { createRealCloudTarget } from '../../adapters/real-cloud.ts';
import { cleanupJournal, Journal, readJournal } from '../../adapters/journal.ts';
import type { Io } from '../io.ts';

export interface CleanupFlags { endpoint?: string; region?: string; rate?: string; dryRun?: boolean }

export async function cleanupCommand(file: string, flags: CleanupFlags, io: Io): Promise<number> {
  const path = resolve(io.cwd, file);
  const state = readJournal(path);
  if (!state.header) throw new ConformanceError('E_JOURNAL', `${file}: no "run" line: not a conformance journal`);
  const { vendor, endpoint, region } = state.header;
  io.stderr.write(`journal ${file}: ${vendor} at ${flags.endpoint ?? endpoint}, ${state.pending.length} to delete, ${state.unresolved.length} unresolved\n`);
  if (flags.dryRun || (!state.pending.length && !state.unresolved.length)) {
    for (const e of state.pending) io.stdout.write(`would delete ${e.vendor} ${e.kind} ${e.id}\n`);
    if (!state.pending.length && !state.unresolved.length) io.stdout.write('nothing left to clean up\n');
    return state.pending.length || state.unresolved.length ? 1 : 0;
  }
  const rate = flags.rate !== undefined ? Number(flags.rate) : undefined;
  const target = await createRealCloudTarget(vendor, {
    endpoint: flags.endpoint ?? endpoint, regionName: flags.region ?? region, env: io.env, rate,
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const journal = new Journal(path, { runId: path, vendor, endpoint, region });
  try {
    const report = await cleanupJournal(journal, state, target.sendUnguarded, {
      region: flags.region ?? region, projectId: target.projectId, log: (line) => io.stdout.write(`${line}\n`),
    });
    io.stdout.write(`cleanup: ${report.deleted.length} deleted, ${report.failed.length} failed, ${report.unresolved.length} unresolved\n`);
    return report.failed.length || report.unresolved.length ? 1 : 0;
  } finally {
    journal.close();
    await target.close?.();
  }
}
