// The `conformance` command: commander wiring, one-line errors, exit codes
// (0 conformant, 1 nonconformant, 2 usage/contract error, 3 inconclusive without failure).
import { Command, CommanderError } from 'commander';
import { ConformanceError } from '../core/errors.ts';
import { CATEGORIES, VENDORS } from '../core/types.ts';
import { REPORTER_NAMES } from '../reporters/index.ts';
import { DEFAULTS, loadConfig } from './config.ts';
import { EXIT } from './exit.ts';
import { defaultIo, type Io } from './io.ts';
import { parseReporters, resolveRunOptions, type RunFlags, type RunOptions } from './options.ts';
import { addRealCloudOptions } from './realcloud-options.ts';
import { isJsonObject } from '../core/json.ts';

const collect = (value: string, previous?: string[]) => [...(previous ?? []), value];
const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** One line for any error: `error [CODE] message`; a stack only with DEBUG=conformance. */
export function formatError(e: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (e instanceof ConformanceError) return `error [${e.code}] ${e.message}`;
  const err = isJsonObject(e) ? e : undefined;
  // The loader's ContractError: { code, file, line, reason }, all problems in `problems`: one line each.
  if (err && Array.isArray(err.problems) && err.problems.length > 1) return err.problems.map((p) => formatError(p, env)).join('\n');
  if (err && typeof err.code === 'string' && typeof err.file === 'string') {
    const where = `${err.file}${typeof err.line === 'number' ? `:${err.line}` : ''}`;
    return `error [${err.code}] ${where}: ${String(err.reason ?? err.message ?? 'invalid contract').split('\n')[0]}`;
  }
  const message = String(err?.message ?? e).split('\n')[0];
  const debug = env.DEBUG?.includes('conformance') && typeof err?.stack === 'string' ? `\n${err.stack}` : ' (set DEBUG=conformance for the stack)';
  return `error [E_INTERNAL] ${message}${debug}`;
}

function addSelectionOptions(cmd: Command): Command {
  return cmd
    .option('--vendor <vendor>', `only this vendor, repeatable (${VENDORS.join(', ')})`, collect)
    .option('--operation <name>', 'only this operation (DeleteSnapshot or aliyun.ecs.DeleteSnapshot, * globs), repeatable', collect)
    .option('--category <category>', `only this category, repeatable (${CATEGORIES.join(', ')})`, collect)
    .option('--case <id>', 'only this case id (* globs), repeatable', collect)
    .option('--seed <n>', `generator seed (default: ${DEFAULTS.seed})`)
    .option('--depth <level>', `smoke | standard | deep (default: ${DEFAULTS.depth})`)
    .option('--shard <i/n>', 'run shard i of n (1-based), e.g. 2/4')
    .option('--last-failed', 'only cases that failed or were inconclusive in <out>/results.json')
    .option('--out <dir>', `report directory (default: ${DEFAULTS.out})`)
    .option('--contracts <dir>', 'contracts directory (default: contracts/)')
    .option('--expect <profile>', 'current (today\'s cloud, by the evidence ledger; default) | page (the seed page as written)')
    .option('--config <file>', 'config file (default: conformance.config.ts if present)');
}

/** `--mutant` and `--behaviour` (run, replay): checked before any case runs, handed to the embedded emulator. */
async function emulatorFlags(opts: RunOptions, flags: { mutant?: string[] }): Promise<RunOptions> {
  if (flags.mutant?.length) {
    // One line and exit 2 for an unknown name or a non-emulator target.
    const { checkDeviationNames } = await import('../emulator/deviations.ts');
    checkDeviationNames(flags.mutant);
    const other = opts.targets.find((t) => t !== 'emulator' && t !== 'inprocess');
    if (other) throw new ConformanceError('E_OPTION', `--mutant seeds deviations into the reference emulator: use it with --target emulator or inprocess, not ${other}`);
    opts.targetOptions = { ...opts.targetOptions, mutants: flags.mutant };
  }
  if (opts.behaviour) {
    const other = opts.targets.find((t) => t !== 'emulator' && t !== 'inprocess');
    if (other) throw new ConformanceError('E_OPTION', `--behaviour chooses the cloud the reference emulator plays: use it with --target emulator or inprocess, not ${other}`);
    opts.targetOptions = { ...opts.targetOptions, behaviour: opts.behaviour };
  }
  return opts;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('conformance')
    .description('Does a cloud API target behave as the vendor docs say? Contracts -> cases -> target -> conformance matrix.')
    .version(process.env.npm_package_version ?? '0.1.0', '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander errors may span lines ("... \n(Did you mean --seed?)"): print them as one.
      outputError: (s, write) => write(`error [E_USAGE] ${s.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    })
    .addHelpText('after', `
Exit codes: 0 conformant, 1 nonconformant, 2 usage or contract error, 3 inconclusive (no failure; also an unreachable target or a vendor the preflight stopped), 130 interrupted.
${examples(['conformance run', 'conformance run --target http://127.0.0.1:4566 --vendor aliyun', 'conformance matrix conformance-report/results.json', 'conformance <command> --help'])}`);

  const loadOptions = async (flags: RunFlags) => {
    const { config, file } = await loadConfig(flags.config, io.cwd);
    return resolveRunOptions(flags, config, file);
  };

  addRealCloudOptions(addSelectionOptions(program.command('run')
    .description('run the suite against one or more targets and write the reports')
    .option('--target <spec>', `emulator | inprocess | http(s)://host:port | sdk:<url> | sdk:module:<path> | sdk:binding:<path> | cassette:<dir> | module:<path> | aliyun | volcengine | huaweicloud (real cloud), repeatable (default: ${DEFAULTS.targets.join(',')})`, collect)
    .option('--reporter <name>', `${REPORTER_NAMES.join(' | ')}, repeatable or comma-separated (default: ${DEFAULTS.reporters.join(',')})`, collect)
    .option('--concurrency <n>', `cases in flight at once (default: ${DEFAULTS.concurrency})`)
    .option('--allow-destructive', 'real clouds: allow cases that change or create resources (= --safety destructive)')
    .option('--allow-skips', 'keep the exit code when more than 20% of the cases were skipped (else exit 3)')
    .option('--runner <runner>', 'direct (default: runSuite in this process) | vitest (the same runSuite, presented as vitest tests)')
    .option('--mutant <name>', 'emulator targets only: switch on a deviation, a mutant or variant (emulator/deviations/), repeatable', collect)
    .option('--behaviour <profile>', 'emulator targets only: the cloud the emulator plays, current (default) | page')
    .option('--state-via <how>', 'how after-state is read back: auto (default: the emulator\'s control API, else the vendor\'s read calls) | control | read-calls')
    .option('--settle-timeout <seconds>', 'read-back: how long a state may take to settle before the case is inconclusive (default 30)')))
    .addHelpText('after', examples([
      'conformance run',
      'conformance run --vendor aliyun --category required --depth smoke',
      "conformance run --case 'aliyun.ecs.DeleteSnapshot/required/missing-SnapshotId' --seed 1",
      'conformance run --target emulator --target http://127.0.0.1:4566 --reporter html',
      'conformance run --shard 2/4 --out reports/shard-2',
      'conformance run --last-failed',
      'conformance run --target emulator --mutant aliyun.DeleteSnapshot.force-ignored',
      'conformance run --target aliyun --region cn-hangzhou --plan   # real cloud: see docs/real-cloud.md',
      'conformance run --target emulator --reference cassette:recorded/',
    ]))
    .option('--verbose', 'show the wire exchange (request and response, secrets redacted) of each failing and inconclusive case')
    .action(async (flags: RunFlags & { mutant?: string[] }) => {
      const opts = await emulatorFlags(await loadOptions(flags), flags);
      const { runCommand } = await import('./commands/run.ts');
      setExit(await runCommand(opts, io));
    });

  addRealCloudOptions(addSelectionOptions(program.command('replay')
    .description('re-sign and send one case\'s request, and print the whole exchange (secrets redacted) with its verdict')
    .argument('<case-id>', 'the case id, as a report prints it')
    .option('--target <spec>', 'as for run (default: emulator)', collect)
    .option('--allow-destructive', 'allow the case to change or create resources on a real cloud')
    .option('--mutant <name>', 'as for run: seed a deviation into the reference emulator, repeatable', collect)
    .option('--behaviour <profile>', 'as for run: the cloud the emulator plays, current (default) | page')))
    .addHelpText('after', `\nEvery option that shapes a case is the run's: reports print the replay command with them.\n${examples([
      "conformance replay 'aliyun.ecs.DeleteSnapshot/required/missing-SnapshotId'",
      "conformance replay 'aliyun.ecs.DeleteSnapshot/state-rules/used-by-disk-force' --seed 1 --depth standard --target emulator --mutant aliyun.DeleteSnapshot.force-ignored",
    ])}`)
    .action(async (caseId: string, flags: RunFlags & { mutant?: string[] }) => {
      const opts = await emulatorFlags(await loadOptions({ ...flags, case: [caseId] }), flags);
      const { replayCommand } = await import('./commands/replay.ts');
      setExit(await replayCommand(caseId, opts, io));
    });

  addSelectionOptions(program.command('list')
    .description('list the cases a run with the same options would execute')
    .option('--json', 'print JSON (id, category, title, destructive)'))
    .addHelpText('after', examples(['conformance list --operation DeleteSnapshot', 'conformance list --depth smoke --json', 'conformance list --shard 1/3']))
    .action(async (flags: RunFlags & { json?: boolean }) => {
      const opts = await loadOptions(flags);
      const { listCommand } = await import('./commands/list.ts');
      setExit(await listCommand(opts, flags, io));
    });

  program.command('emulator')
    .description('serve the reference emulator over HTTP (a target like any other)')
    .option('--port <port>', 'port (default: 4566)')
    .option('--host <host>', 'host (default: 127.0.0.1)')
    .option('--world <name|file>', 'empty | demo | a world JSON file (default: empty)')
    .option('--state-file <file>', 'persist state here (atomic writes); loaded at start when present')
    .option('--credentials <file>', 'JSON {vendor: [{accessKeyId, accessKeySecret, projectId?}]} (default: the built-in test keys)')
    .option('--control-token <token>', 'require header x-emulator-token on the control API (then non-loopback clients may use it)')
    .option('--snapshot-creation-ms <ms>', 'how long a snapshot stays progressing (default: 2000)')
    .option('--deletion-ms <ms>', 'how long a deleted Huawei snapshot stays deleting and a Volcengine instance DELETING (default: 2000)')
    .option('--log', 'print the request log to stderr (request id, vendor, operation, status; never secrets)')
    .option('--mutant <name>', 'seed a deviation (to prove the suite catches it), repeatable', collect)
    .option('--contracts <dir>', 'contracts directory (default: contracts/)')
    .option('--behaviour <profile>', 'the cloud it plays: current (today\'s, by the evidence ledger; default) | page (the seed page revision)')
    .addHelpText('after', examples(['conformance emulator --port 4566 --world demo', 'conformance emulator --behaviour page', 'conformance emulator --state-file .emulator-state.json', 'conformance emulator --mutant aliyun.signature-unchecked', 'conformance run --target http://127.0.0.1:4566']))
    .action(async (flags) => {
      const { emulatorCommand } = await import('./commands/emulator.ts');
      setExit(await emulatorCommand(flags, io));
    });

  program.command('evidence')
    .description('where each expectation comes from: its sources, each disagreement and the choice each profile makes, and the counts')
    .argument('[operation]', 'an operation (DeleteSnapshot), a contract id (aliyun.ecs.DeleteSnapshot) or profile:<vendor>')
    .option('--format <format>', 'text (default) | json')
    .option('--contracts <dir>', 'contracts directory (default: contracts/)')
    .addHelpText('after', examples(['conformance evidence', 'conformance evidence CreateSnapshotGroup', 'conformance evidence profile:aliyun --format json']))
    .action(async (operation: string | undefined, flags) => {
      const { evidenceCommand } = await import('./commands/evidence.ts');
      setExit(await evidenceCommand(operation, flags, io));
    });

  program.command('export')
    .description('export the contracts: openapi (OpenAPI 3.1 documents) or types (TypeScript)')
    .argument('<what>', 'openapi | types')
    .option('--out <dir>', 'output directory (default: conformance-report/openapi/ for openapi, types/generated/ for types)')
    .option('--contracts <dir>', 'contracts directory (default: contracts/)')
    .addHelpText('after', examples(['conformance export openapi --out openapi-out/', 'conformance export types --out types/generated/']))
    .action(async (what: string, flags) => {
      if (what !== 'openapi' && what !== 'types') {
        const { notOneOf } = await import('../core/errors.ts');
        throw notOneOf('export', what, ['openapi', 'types']);
      }
      const { exportCommand } = await import('./commands/export.ts');
      setExit(await exportCommand(what, flags, io));
    });

  program.command('matrix')
    .description('print the conformance matrix of results files (several targets side by side)')
    .argument('<results...>', 'results.json files')
    .option('--reporter <name>', `${REPORTER_NAMES.join(' | ')}, repeatable (default: terminal)`, collect)
    .option('--out <dir>', 'write the reports to this directory instead of stdout')
    .addHelpText('after', examples([
      'conformance matrix conformance-report/results.json',
      'conformance matrix emulator/results.json cloud/results.json --reporter html --out compare/',
    ]))
    .action(async (files: string[], flags: { reporter?: string[]; out?: string }) => {
      const { matrixCommand } = await import('./commands/results.ts');
      setExit(matrixCommand(files, { reporters: flags.reporter ? parseReporters(flags.reporter) : ['terminal'], out: flags.out }, io));
    });

  program.command('merge')
    .description('merge the results of shards of one run into one results file')
    .argument('<results...>', 'results.json files of the shards')
    .option('--out <dir>', `report directory the merged results.json is written to (default: ${DEFAULTS.out})`)
    .option('--allow-partial', 'merge an incomplete shard set (a shard missing or interrupted) instead of refusing it')
    .option('--quiet', 'do not print the merged matrix')
    .addHelpText('after', examples(['conformance merge shard-*/results.json --out conformance-report', 'conformance merge shard-1/results.json shard-3/results.json --allow-partial']))
    .action(async (files: string[], flags: { out?: string; quiet?: boolean; allowPartial?: boolean }) => {
      const { mergeCommand } = await import('./commands/results.ts');
      setExit(mergeCommand(files, { out: flags.out ?? DEFAULTS.out, quiet: flags.quiet, allowPartial: flags.allowPartial }, io));
    });

  program.command('import-doc')
    .description('draft a contract (YAML) from a vendor doc page in any of the three page formats')
    .argument('<page>', 'vendor page (.md Alibaba/Huawei, .txt Volcengine)')
    .option('--out <file>', 'write the draft here (default: stdout)')
    .option('--contracts <dir>', 'contracts directory whose vendor profiles check the draft (default: contracts/)')
    .addHelpText('after', examples(['conformance import-doc contracts/aliyun/ecs/2014-05-26/pages/aliyun-ecs-2014-05-26-DeleteSnapshot.md --out draft.yaml']))
    .action(async (page: string, flags: { out?: string; contracts?: string }) => {
      const { importDocCommand } = await import('./commands/import-doc.ts');
      setExit(importDocCommand(page, flags, io));
    });
  program.command('drift')
    .description('compare a newer vendor page with its stored contract, or the contracts with the vendor SDK models')
    .argument('[page]', 'a newer copy of a vendor page')
    .option('--contract <file>', 'the stored contract (default: the one whose source.file is the page name)')
    .option('--sdk <vendor>', `compare the vendor's contracts with its SDK models instead (${VENDORS.join(', ')})`)
    .option('--format <format>', 'text | json (default: text)')
    .option('--contracts <dir>', 'contracts directory (default: contracts/)')
    .option('--fail-on <changes>', 'breaking | any: which changes make the exit code 1 (default: breaking)')
    .addHelpText('after', `\nExit codes: 0 no change counted by --fail-on (compatible-only drift is printed and exits 0 by default), 1 drift, 2 usage error.\n${examples([
      'conformance drift new-pages/aliyun-ecs-2014-05-26-CreateSnapshotGroup.md',
      'conformance drift page.md --contract contracts/aliyun/ecs/2014-05-26/DeleteSnapshot.yaml --format json',
      'conformance drift --sdk aliyun',
      'conformance drift --sdk huaweicloud --fail-on any',
    ])}`)
    .action(async (page: string | undefined, flags) => {
      const { driftCommand } = await import('./commands/drift.ts');
      setExit(driftCommand(page, flags, io));
    });
  program.command('diff')
    .description('compare two results files case by case: regressions, fixes, other verdict changes per target')
    .argument('<run-a>', 'older results.json')
    .argument('<run-b>', 'newer results.json')
    .option('--format <format>', 'markdown | json (default: markdown)')
    .addHelpText('after', `\nExit codes: 0 no regression, 1 a regression, 2 usage error.\n${examples(['conformance diff main/results.json branch/results.json'])}`)
    .action(async (a: string, b: string, flags: { format?: string }) => {
      const { diffCommand } = await import('./commands/diff.ts');
      setExit(diffCommand(a, b, flags, io));
    });
  const contracts = program.command('contracts').description('contract utilities');
  contracts.command('diff')
    .description('classified diff of two contract sets (folders, or git:<rev> for the contracts folder at a revision)')
    .argument('<old>', 'folder or git:<rev>')
    .argument('[new]', 'folder or git:<rev> (default: the working tree contracts/)')
    .option('--format <format>', 'text | json (default: text)')
    .option('--contracts <dir>', 'contracts directory (default: contracts/)')
    .option('--fail-on <changes>', 'breaking | any: which changes make the exit code 1 (default: breaking)')
    .addHelpText('after', `\nExit codes: 0 no change counted by --fail-on, 1 different, 2 usage error.\n${examples(['conformance contracts diff git:HEAD', 'conformance contracts diff old-contracts/ contracts/ --format json --fail-on any'])}`)
    .action(async (oldSpec: string, newSpec: string | undefined, flags: { format?: string; contracts?: string; failOn?: string }) => {
      const { contractsDiffCommand } = await import('./commands/contracts-diff.ts');
      setExit(contractsDiffCommand(oldSpec, newSpec, flags, io));
    });
  addRealCloudOptions(addSelectionOptions(program.command('plan')
    .description('print every call a run would make, each marked with the safety level it needs (read-only, negative, destructive), making none')
    .option('--target <spec>', 'as for run, repeatable (default: emulator)', collect)
    .option('--allow-destructive', 'plan as --safety destructive')))
    .addHelpText('after', examples(['conformance plan --target aliyun --region cn-hangzhou', 'conformance plan --target volcengine --allow-destructive --fixtures conformance.fixtures.yaml']))
    .action(async (flags: RunFlags) => {
      const opts = await loadOptions(flags);
      const { planCommand } = await import('./commands/plan.ts');
      setExit(await planCommand(opts, io));
    });
  program.command('cleanup')
    .description('delete what an interrupted real-cloud run created, from its journal')
    .argument('<journal>', 'the run\'s journal (JSON lines)')
    .option('--endpoint <url>', 'API base URL (default: the one the journal names)')
    .option('--region <id>', 'region (default: the one the journal names)')
    .option('--rate <n>', 'requests per second (default: 5)')
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .addHelpText('after', `\nExit codes: 0 nothing left, 1 something could not be deleted or is unresolved, 2 usage error.\n${examples(['conformance cleanup conformance-report/journal-aliyun-2026-01-01T10-00-00-000Z.jsonl'])}`)
    .action(async (file: string, flags: { endpoint?: string; region?: string; rate?: string; dryRun?: boolean }) => {
      const { cleanupCommand } = await import('./commands/cleanup.ts');
      setExit(await cleanupCommand(file, flags, io));
    });
  return program;
}

/** Run the CLI; resolves to the exit code (bin/conformance.js sets process.exitCode). */
export async function main(argv: string[], ioOverrides: Partial<Io> = {}): Promise<number> {
  const io: Io = { ...defaultIo(), ...ioOverrides };
  let code: number = EXIT.conformant;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // Already printed through outputError (or help shown for a missing command).
      return EXIT.usage;
    }
    io.stderr.write(`${formatError(e, io.env)}\n`);
    return EXIT.usage;
  }
}
