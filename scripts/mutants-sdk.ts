// `npm run mutants:sdk`: the client-side twin of `npm run mutants`. The reference SDK
// (test/fixtures/reference-sdk/) runs through its binding against the reference emulator, first as
// written (every case must pass), then with each seeded bug switched on: a bug is killed when a case
// fails through the check the table below expects, with a message that names the parameter, field
// or code at fault. Writes the score and the kill table to mutants-report/sdk.json and prints them.
//
//   npm run mutants:sdk                  every bug
//   npm run mutants:sdk -- --only local-time   one bug (repeatable)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult, CheckName, RunResults } from '../core/types.ts';
import { createTarget } from '../adapters/index.ts';
import { createEmulator } from '../emulator/index.ts';
import { generateCases } from '../generators/index.ts';
import { loadContracts } from '../loader/index.ts';
import { runSuite } from '../runner/index.ts';
import { BUGS, type Bug } from '../test/fixtures/reference-sdk/ecs-client.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BINDING = join(ROOT, 'test/fixtures/reference-sdk/binding.ts');
const OPERATIONS = ['DeleteSnapshot', 'CreateSnapshotGroup', 'DeleteSnapshotGroup'];

/**
 * What must catch each bug, and what its message must name. `listed`: the bug is one no source says
 * the cloud refuses, so the check lists it on the case without failing it (caught, not killed).
 */
export const EXPECTED: Record<Bug, { check: CheckName; names: RegExp; listed?: true }> = {
  'list-from-zero': { check: 'request', names: /ExcludeDiskId\.0/ },
  'boolean-capitalised': { check: 'request', names: /Force=True|InstantAccess=True/ },
  'unsorted-query': { check: 'error-code', names: /SignatureDoesNotMatch/ },
  'plus-for-space': { check: 'request', names: /carries '\+'/, listed: true },
  'local-time': { check: 'error-code', names: /Timestamp/i },
  'reused-nonce': { check: 'error-code', names: /SignatureNonce/i },
  'missing-version': { check: 'error-code', names: /Version/ },
  'region-ignored': { check: 'error-code', names: /RegionId/ },
  'list-as-json': { check: 'request', names: /ExcludeDiskId=.* as one value/ },
  'drop-error-code': { check: 'error-code', names: /no error code|without the vendor's code/ },
  'drop-error-message': { check: 'error-code', names: /without its message/ },
  'drop-request-id': { check: 'request-id', names: /request.?id/i },
  'wrong-success-field': { check: 'schema', names: /SnapshotGroupId/ },
  'xml-as-json': { check: 'client-rejected', names: /JSON|SyntaxError/ },
  'errors-resolved': { check: 'error-code', names: /no error code|expected .*(MissingParameter|InvalidParameter|NotFound)/ },
};

interface Kill { bug: Bug; killed: boolean; listed: boolean; failed: number; byExpected: number; naming: number; sample?: string; checks: string[] }

/** Every failing (or, `listed`, passing) check's text of a case: its name, message, and the vendor answer it saw. */
function checkTexts(c: CaseResult, ok = false): { name: string; text: string }[] {
  return (c.checks ?? []).filter((k) => k.ok === ok).map((k) => ({ name: k.name, text: [k.message, JSON.stringify(k.actual ?? ''), JSON.stringify(k.expected ?? ''), c.reason, JSON.stringify(c.actual ?? '')].join(' ') }));
}

async function main(): Promise<number> {
  const only = process.argv.flatMap((a, i, all) => (all[i - 1] === '--only' ? [a] : []));
  const bugs = only.length ? BUGS.filter((b) => only.includes(b)) : [...BUGS];
  const loaded = loadContracts({ expect: 'current' });
  const cases = generateCases(loaded, { seed: 1, depth: 'standard' }).filter((c) => c.call.vendor === 'aliyun' && OPERATIONS.includes(c.call.operation));
  const emulator = createEmulator({ contracts: loaded });
  const { url } = await emulator.listen({ port: 0, host: '127.0.0.1' });
  process.env.REFERENCE_SDK_ENDPOINT = url;
  const run = async (bug: Bug | undefined): Promise<RunResults> => {
    process.env.REFERENCE_SDK_BUGS = bug ?? '';
    const target = await createTarget(`sdk:binding:${BINDING}`, { loaded } as Parameters<typeof createTarget>[1]);
    try { return await runSuite({ cases, target, loaded, concurrency: 4, seed: 1, depth: 'standard', retries: 0 }); } finally { await target.close?.(); }
  };
  const started = performance.now();
  try {
    const reference = await run(undefined);
    const refFailures = reference.cases.filter((c) => c.verdict === 'fail');
    process.stdout.write(`reference SDK: ${reference.cases.length} cases, ${refFailures.length} failed, ${reference.cases.filter((c) => c.verdict === 'skipped').length} skipped\n`);
    for (const c of refFailures) process.stdout.write(`  FAIL ${c.id}: ${c.reason}\n`);
    const kills: Kill[] = [];
    for (const bug of bugs) {
      const r = await run(bug);
      const failed = r.cases.filter((c) => c.verdict === 'fail');
      const want = EXPECTED[bug];
      const texts = want.listed ? r.cases.flatMap((c) => checkTexts(c, true)) : failed.flatMap((c) => checkTexts(c));
      const byExpected = texts.filter((t) => t.name === want.check || t.name.endsWith(`: ${want.check}`));
      const naming = byExpected.filter((t) => want.names.test(t.text));
      kills.push({ bug, killed: naming.length > 0, listed: !!want.listed, failed: failed.length, byExpected: byExpected.length, naming: naming.length, sample: (naming[0] ?? byExpected[0] ?? texts[0])?.text.slice(0, 300), checks: [...new Set(texts.map((t) => t.name))] });
      const k = kills.at(-1)!;
      process.stdout.write(`${k.killed ? (k.listed ? 'listed  ' : 'killed  ') : 'SURVIVED'} ${bug.padEnd(20)} ${String(k.failed).padStart(3)} cases failed, ${k.naming}/${k.byExpected} ${k.listed ? 'listed' : 'failed'} by ${want.check} naming ${want.names}${k.killed ? '' : `; failing checks: ${k.checks.join(', ') || 'none'}`}\n`);
    }
    const score = kills.filter((k) => k.killed).length;
    const listed = kills.filter((k) => k.killed && k.listed).length;
    process.stdout.write(`SDK mutation score: ${score}/${kills.length} caught (${Math.round((score / Math.max(1, kills.length)) * 100)}%; ${score - listed} failed a case, ${listed} listed on the cases, not failed, as no source says the cloud refuses it) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    mkdirSync(join(ROOT, 'mutants-report'), { recursive: true });
    writeFileSync(join(ROOT, 'mutants-report', 'sdk.json'), JSON.stringify({ score, total: kills.length, referenceFailures: refFailures.map((c) => c.id), kills }, null, 2));
    return refFailures.length === 0 && score === kills.length ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

process.exitCode = await main();
