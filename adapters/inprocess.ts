// In-process target: the same signed requests as the http target, handed straight to a Node
// request listener (an app under test, or the emulator's handler) with no socket at all.
//
// Why a shim and not supertest: supertest listens on an ephemeral port and goes through
// superagent and a real TCP round trip for every request. Measured (Node 20, this container):
// trivial handler, shim 3-5 us/request (~220k-310k req/s) vs supertest 230-430 us (~2.3k-4.4k
// req/s, under the 5000 cases/s target before any signing); the reference emulator end to end
// (sign + verify + handler + parse), shim ~100 us/call (~9.9k calls/s, concurrency 16) vs
// supertest ~2.3 ms/call (~430 calls/s). Handlers see a Readable request with method, url,
// headers and a response with the ServerResponse methods apps use (setHeader, writeHead,
// write, end, getHeader(s), 'finish'); an app needing a real socket should use the http target.
import type { RequestListener } from 'node:http';
import type { Target, WireRequest, WireResponse } from '../core/types.ts';
import { emulatorFixtures, transportControl } from './fixtures/emulator-control.ts';
import { dispatch } from './inprocess-shim.ts';
import { callerIdsFor, DEFAULT_TIMEOUT_MS, type TargetOptions } from './options.ts';
import { createSignedTarget, TransportFailure, type Transport } from './signed.ts';
import { errorMessage } from '../core/errors.ts';

/** Host the in-process requests are signed for (the emulator accepts any Host). */
export const INPROCESS_HOST = '127.0.0.1';

export function handlerTransport(handler: RequestListener, timeoutMs: number): Transport {
  return (wire: WireRequest) => new Promise<WireResponse>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransportFailure('timeout', `handler did not answer within ${timeoutMs} ms`)), timeoutMs);
    dispatch(handler, wire).then(
      (res) => { clearTimeout(timer); resolve(res); },
      (e) => { clearTimeout(timer); reject(new TransportFailure('other', `handler threw: ${errorMessage(e)}`)); },
    );
  });
}

export async function createInprocessTarget(opts: TargetOptions): Promise<Target> {
  const handler = opts.handler;
  if (typeof handler !== 'function') throw new Error('the inprocess target needs opts.handler (a Node request listener)');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = handlerTransport(handler, timeoutMs);
  const fixtures = emulatorFixtures(transportControl(transport, INPROCESS_HOST, opts.controlToken), { callerIds: callerIdsFor(opts, true) });
  const isEmulator = await fixtures.health();
  return createSignedTarget({
    name: 'inprocess',
    kind: 'inprocess',
    host: INPROCESS_HOST,
    local: true,
    transport,
    capabilities: { fixtures: isEmulator, xml: true, tweaks: true },
    fixtures: isEmulator ? fixtures : undefined,
  }, opts);
}
