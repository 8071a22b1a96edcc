// `module:<path>`: a user's own target. The module exports (default or named) either a Target
// object (`{ name, kind, capabilities, send, fixtures?, close? }`) or a factory
// `createTarget(opts) => Target | Promise<Target>` receiving the same options as createTarget.
// Mocks of an official SDK go through `sdk:module:<path>` instead (see sdk/index.ts). Its answers may
// still use the flags of earlier versions instead of `outcome`: they are read as the outcome they name.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Answer, Target, TargetResponse, TransportErrorKind } from '../core/types.ts';
import type { TargetOptions } from './options.ts';
import { importUserModule } from '../core/user-module.ts';
import { ConformanceError, errorMessage } from '../core/errors.ts';
import { prop } from './unknown.ts';

/** What the loader checks of a user's Target: an object with send() and capabilities (the rest is the user's to get right). */
function isTarget(x: unknown): x is Target {
  return typeof x === 'object' && x !== null && typeof prop(x, 'send') === 'function' && typeof prop(x, 'capabilities') === 'object' && prop(x, 'capabilities') !== null;
}

export async function loadModuleTarget(path: string, opts: TargetOptions = {}): Promise<Target> {
  const file = resolve(path);
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(file);
  } catch (e) {
    throw new ConformanceError('E_OPTION', `module target ${path}: cannot import (${errorMessage(e)})`);
  }
  const candidates = [mod.createTarget, mod.default, mod.target];
  for (const c of candidates) {
    if (isTarget(c)) return withDefaults(c, path);
    if (typeof c === 'function') {
      const made: unknown = await c(opts);
      if (isTarget(made)) return withDefaults(made, path);
      throw new ConformanceError('E_OPTION', `module target ${path}: its factory returned no Target (needs send() and capabilities)`);
    }
  }
  throw new ConformanceError('E_OPTION', `module target ${path}: export a Target (default or \`target\`) or a factory \`createTarget(opts)\``);
}

function withDefaults(t: Target, path: string): Target {
  const send = t.send.bind(t);
  return Object.assign(t, {
    name: t.name ?? `module:${path}`, kind: t.kind ?? 'module',
    send: async (...args: Parameters<Target['send']>) => fromLegacy(await send(...args)),
  });
}

/** An answer in the form of earlier versions: four flags, each meaning "not to be judged", beside the answer's fields. */
export interface LegacyResponse extends Answer {
  outcome?: undefined;
  transportError?: { kind: TransportErrorKind; message: string };
  clientRejected?: string;
  enforced?: string[];
  unsendable?: string;
  refused?: string;
  durationMs?: number;
  attempts?: number;
}

/** The outcome a response names, in either form (the flags in the order the runner and the judge read them, before the answer's fields). */
export function fromLegacy(r: TargetResponse | LegacyResponse): TargetResponse {
  if (r.outcome !== undefined) return r;
  const { transportError, clientRejected, enforced, unsendable, refused, durationMs, attempts, ...answer } = r;
  const sending = { ...(durationMs !== undefined ? { durationMs } : {}), ...(attempts !== undefined ? { attempts } : {}) };
  if (refused !== undefined) return { outcome: 'refused', message: refused, ...sending };
  if (transportError) return { outcome: 'transport-error', kind: transportError.kind, message: transportError.message, ...sending };
  if (unsendable !== undefined) return { outcome: 'unsendable', message: unsendable, ...sending };
  if (clientRejected !== undefined) return { outcome: 'client-rejected', message: clientRejected, ...(enforced ? { enforced } : {}), ...sending };
  return { outcome: 'answered', ...answer, ...sending };
}
