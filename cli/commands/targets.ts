// Target specs the CLI composes itself: `emulator` (the reference emulator on an ephemeral
// loopback port, reached over signed HTTP like any server) and `inprocess` (its request listener,
// no socket). Everything else goes to adapters' createTarget as is.
import { ConformanceError } from '../../core/errors.ts';
import type { Target } from '../../core/types.ts';
import type { Engine, LoadedContracts } from '../engine.ts';

export async function openTarget(spec: string, opts: Record<string, unknown> & { loaded: LoadedContracts }, eng: Engine): Promise<Target> {
  const { createTarget } = await eng.adapters();
  const { mutants: given, ...rest } = opts;
  const mutants = Array.isArray(given) ? (given as string[]) : [];
  if (spec !== 'emulator' && spec !== 'inprocess') {
    if (mutants.length) throw new ConformanceError('E_OPTION', `--mutant seeds deviations into the reference emulator: use it with --target emulator or inprocess, not ${spec}`);
    return createTarget(spec, rest as typeof opts);
  }
  const { createEmulator } = await eng.emulator();
  const emu = createEmulator({ contracts: opts.loaded, ...(mutants.length ? { mutants } : {}) });
  let inner: Target;
  if (spec === 'inprocess') inner = await createTarget('inprocess', { ...rest, handler: emu.handler });
  else {
    const info = (await emu.listen({ port: 0, host: '127.0.0.1' })) as { url?: string; port?: number } | undefined;
    const url = info?.url ?? `http://127.0.0.1:${info?.port}`;
    try { inner = await createTarget(url, rest); } catch (e) { await emu.close(); throw e; }
  }
  // Named after the spec, so results and re-run commands say `emulator`, not a random port.
  return {
    name: spec,
    kind: spec,
    capabilities: inner.capabilities,
    fixtures: inner.fixtures,
    send: (call, tweak) => inner.send(call, tweak),
    close: async () => { await inner.close?.(); await emu.close(); },
  };
}
