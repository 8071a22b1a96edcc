// Opening a target from its spec, shared by the CLI's direct runner and the vitest spec. The
// embedded emulator is composed here (adapters may not import it): `emulator` starts it on an
// ephemeral loopback port and reaches it over signed HTTP like any server; `inprocess` hands its
// request listener to the inprocess adapter (no socket). Every other spec goes to createTarget.
import { ConformanceError } from '../core/errors.ts';
import type { Target } from '../core/types.ts';
import type { LoadedContracts } from '../core/contracts.ts';
import type { ExpectProfile } from '../core/evidence.ts';

/** Where the adapters and the emulator come from (lazily; tests pass fakes). */
export interface TargetModules {
  adapters(): Promise<Pick<typeof import('../adapters/index.ts'), 'createTarget'>>;
  emulator(): Promise<Pick<typeof import('../emulator/index.ts'), 'createEmulator'>>;
}

const MODULES: TargetModules = {
  adapters: () => import('../adapters/index.ts'),
  emulator: () => import('../emulator/index.ts'),
};

export const EMBEDDED_SPECS = ['emulator', 'inprocess'];

export async function openTarget(
  spec: string,
  opts: Record<string, unknown> & { loaded: LoadedContracts; mutants?: string[]; behaviour?: ExpectProfile },
  modules: TargetModules = MODULES,
): Promise<Target> {
  const { createTarget } = await modules.adapters();
  const { mutants = [], behaviour, ...rest } = opts;
  if (!EMBEDDED_SPECS.includes(spec)) {
    if (behaviour) throw new ConformanceError('E_OPTION', `--behaviour chooses the cloud the reference emulator plays: use it with --target emulator or inprocess, not ${spec}`);
    if (mutants.length) throw new ConformanceError('E_OPTION', `--mutant seeds deviations into the reference emulator: use it with --target emulator or inprocess, not ${spec}`);
    return createTarget(spec, rest);
  }
  const { createEmulator } = await modules.emulator();
  const emu = createEmulator({ contracts: opts.loaded, ...(mutants.length ? { mutants } : {}), ...(behaviour ? { behaviour } : {}) });
  let inner: Target;
  try {
    inner = spec === 'inprocess'
      ? await createTarget('inprocess', { ...rest, handler: emu.handler })
      : await createTarget((await emu.listen({ port: 0, host: '127.0.0.1' })).url, rest);
  } catch (e) { await emu.close(); throw e; }
  // Named after the spec, so results and re-run commands say `emulator`, not a random port.
  return {
    name: spec, kind: spec, capabilities: inner.capabilities, fixtures: inner.fixtures,
    send: (call, tweak) => inner.send(call, tweak),
    close: async () => { await inner.close?.(); await emu.close(); },
  };
}
