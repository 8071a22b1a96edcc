// `conformance emulator`: serve the reference emulator over HTTP until interrupted, and say how to
// reach it: one endpoint for all three vendors, how each official SDK points at it, and the
// credentials it accepts (the built-in test keys in full; a user's own file with secrets masked).
import { EMULATOR_REGIONS, EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import { ConformanceError, errorMessage } from '../../core/errors.ts';
import { type Credentials, type Vendor, VENDORS } from '../../core/types.ts';
import type { Io } from '../io.ts';
import { parseInteger, parseProfile, flag } from '../options.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';
import { checkInputDir, checkStateFile } from '../paths.ts';
import { isJsonObject } from '../../core/json.ts';

export interface EmulatorFlags {
  port?: string; host?: string; mutant?: string[]; contracts?: string;
  world?: string; stateFile?: string; behaviour?: string; credentials?: string; controlToken?: string; snapshotCreationMs?: string; deletionMs?: string;
  /** Print the request log (one line a request, with its request id; never secrets) to stderr. */
  log?: boolean;
}

export async function emulatorCommand(flags: EmulatorFlags, io: Io, eng: Engine = defaultEngine, stop?: Promise<void>): Promise<number> {
  const port = parseInteger(flags.port ?? '4566', flag('port'), 0, 65535);
  const host = flags.host ?? '127.0.0.1';
  const snapshotCreationMs = flags.snapshotCreationMs === undefined ? undefined : parseInteger(flags.snapshotCreationMs, flag('snapshot-creation-ms'), 0);
  const deletionMs = flags.deletionMs === undefined ? undefined : parseInteger(flags.deletionMs, flag('deletion-ms'), 0);
  // Before any port opens: the state file is read at start and written beside itself.
  if (flags.stateFile) checkStateFile(flags.stateFile, io.cwd);
  if (flags.contracts) checkInputDir(flags.contracts, '--contracts', io.cwd);
  const mod = await import('../../emulator/index.ts');
  let credentials: Partial<Record<Vendor, Credentials[]>> | undefined;
  if (flags.credentials) {
    try { credentials = mod.loadCredentialsFile(flags.credentials); } catch (e) {
      throw new ConformanceError('E_OPTION', `--credentials ${flags.credentials}: ${errorMessage(e)}`);
    }
  }
  const { createEmulator } = await eng.emulator();
  const loaded = flags.contracts ? (await eng.loader()).loadContracts({ dir: flags.contracts }) : undefined;
  const behaviour = flags.behaviour !== undefined ? parseProfile(flags.behaviour, flag('behaviour')) : undefined;
  const emu = createEmulator({
    mutants: flags.mutant ?? [], ...(behaviour ? { behaviour } : {}), ...(loaded ? { contracts: loaded } : {}),
    ...(flags.world ? { world: flags.world } : {}), ...(flags.stateFile ? { stateFile: flags.stateFile } : {}),
    ...(credentials ? { credentials } : {}), ...(flags.controlToken ? { controlToken: flags.controlToken } : {}),
    ...(snapshotCreationMs !== undefined ? { snapshotCreationMs } : {}),
    ...(deletionMs !== undefined ? { deletionMs } : {}),
    ...(flags.log ? { log: (line: string) => io.stderr.write(`${line}\n`) } : {}),
  });
  const info: unknown = await emu.listen({ port, host });
  const url = typeof info === 'string' ? info : isJsonObject(info) && typeof info.url === 'string' ? info.url : `http://${host}:${port}`;
  // Listening for Ctrl-C before saying where it listens: a reader may stop it the moment it has.
  const stopped = stop ?? new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  io.stdout.write(banner(url, credentials, flags));
  await stopped;
  await emu.close();
  return 0;
}

const mask = (secret: string) => `${secret.slice(0, 2)}${'*'.repeat(Math.max(4, secret.length - 2))}`;

export function banner(url: string, custom: Partial<Record<Vendor, Credentials[]>> | undefined, flags: EmulatorFlags): string {
  const u = new URL(url);
  const creds = (v: Vendor): Credentials[] => custom?.[v] ?? [EMULATOR_TEST_CREDENTIALS[v]];
  const show = (c: Credentials) => `${c.accessKeyId} / ${custom ? mask(c.accessKeySecret) : c.accessKeySecret}${c.projectId ? ` (project ${c.projectId})` : ''}`;
  const lines = [
    `emulator listening on ${url}  (behaviour: ${flags.behaviour ?? 'current'}; world: ${flags.stateFile ? `state file ${flags.stateFile}` : flags.world ?? 'empty'}${flags.mutant?.length ? `; mutants: ${flags.mutant.join(', ')}` : ''})`,
    `control API: ${url}/__emulator/  (health, reset, state, entities, faults, clock)${flags.controlToken ? '; header x-emulator-token required' : ''}`,
    '',
    'one endpoint, three vendors; point each official SDK at it:',
    `  Alibaba ECS  @alicloud/ecs20140526   Config({ endpoint: '${u.host}', protocol: 'http', regionId: '${EMULATOR_REGIONS.aliyun}' })`,
    `  Volcengine   @volcengine/openapi     new Service({ host: '${u.host}', protocol: 'http:', region: '${EMULATOR_REGIONS.volcengine}', serviceName: 'ecs' })`,
    `  Huawei EVS   huaweicloud-sdk-core    new ClientBuilder(...).withEndpoint('${url}')`,
    '',
    `credentials accepted${custom ? ' (from --credentials; secrets masked)' : ' (test values, built in)'}:`,
    ...VENDORS.flatMap((v) => creds(v).map((c) => `  ${v.padEnd(12)} ${show(c)}`)),
    '',
    'Ctrl-C to stop',
  ];
  return `${lines.join('\n')}\n`;
}
