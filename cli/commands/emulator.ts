// `conformance emulator`: serve the reference emulator over HTTP until interrupted.
import type { Io } from '../io.ts';
import { parseInteger, flag } from '../options.ts';
import { engine as defaultEngine, type Engine } from '../engine.ts';

export interface EmulatorFlags { port?: string; host?: string; mutant?: string[]; contracts?: string }

export async function emulatorCommand(flags: EmulatorFlags, io: Io, eng: Engine = defaultEngine, stop?: Promise<void>): Promise<number> {
  const port = parseInteger(flags.port ?? '4566', flag('port'), 0, 65535);
  const host = flags.host ?? '127.0.0.1';
  const { createEmulator } = await eng.emulator();
  let loaded: unknown;
  if (flags.contracts) loaded = (await eng.loader()).loadContracts({ dir: flags.contracts });
  const emu = createEmulator({ mutants: flags.mutant ?? [], ...(loaded ? { contracts: loaded } : {}) });
  const info = await emu.listen({ port, host });
  const url = typeof info === 'string' ? info : (info as { url?: string } | undefined)?.url ?? `http://${host}:${port}`;
  io.stdout.write(`emulator listening on ${url} (control API under ${url}/__emulator/); Ctrl-C to stop\n`);
  await (stop ?? new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  }));
  await emu.close();
  return 0;
}
