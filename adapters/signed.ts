// The one send() behind every wire-level target (http, inprocess, cassette): sign with protocols/,
// hand the WireRequest to a transport, normalise the answer with the vendor's parseResponse.
import type {
  Answered, OperationCall, ProtocolTweak, Target, TargetCapabilities, TransportErrorKind, Vendor, WireRequest, WireResponse, Fixtures,
} from '../core/types.ts';
import { protocolFor } from '../protocols/index.ts';
import { credentialsFor, regionFor, REST_VENDORS, routeFor, type TargetOptions } from './options.ts';
import { wireExchange } from './exchange.ts';
import { errorMessage } from '../core/errors.ts';

/** A transport could not get an answer: becomes a `transport-error` outcome, never a conformance failure. */
export class TransportFailure extends Error {
  constructor(readonly kind: TransportErrorKind, message: string) {
    super(message);
    this.name = 'TransportFailure';
  }
}

/** Moves one signed request and returns the raw answer, or throws TransportFailure. */
export type Transport = (wire: WireRequest) => Promise<WireResponse>;

export interface SignedTargetSpec {
  name: string;
  kind: string;
  /** `host[:port]` the requests are signed for (the Host header). */
  host: string;
  /** `scheme://host[:port]` the exchanges a case carries name (default `http://<host>`). */
  origin?: string;
  /** Loopback or in-process: the emulator's test credentials are an acceptable default. */
  local: boolean;
  transport: Transport;
  capabilities: TargetCapabilities;
  fixtures?: Fixtures;
  close?: () => Promise<void>;
}

/** Build the signed WireRequest for a call, or say why it cannot be built. */
export function buildWire(
  call: OperationCall, tweak: ProtocolTweak | undefined, host: string, local: boolean, opts: TargetOptions,
): WireRequest | { rejected: string } {
  const credentials = credentialsFor(call.vendor, opts, local);
  if (!credentials) return { rejected: `no credentials for ${call.vendor}: pass them in the target options` };
  const route = routeFor(call, opts);
  if (!route && REST_VENDORS.includes(call.vendor)) {
    return { rejected: `no REST route for ${call.vendor} ${call.operation}: pass the loaded contracts (opts.loaded)` };
  }
  try {
    return protocolFor(call.vendor).buildRequest(
      { ...call, region: regionFor(call, opts) },
      { credentials, host, tweak, route },
    );
  } catch (e) {
    return { rejected: `could not build the request: ${errorMessage(e)}` };
  }
}

export function normalise(vendor: Vendor, res: WireResponse): Answered {
  return protocolFor(vendor).parseResponse(res);
}

export function createSignedTarget(spec: SignedTargetSpec, opts: TargetOptions): Target {
  const origin = spec.origin ?? `http://${spec.host}`;
  return {
    name: spec.name,
    kind: spec.kind,
    capabilities: spec.capabilities,
    fixtures: spec.fixtures,
    close: spec.close,
    async send(call, tweak) {
      const started = performance.now();
      const wire = buildWire(call, tweak, spec.host, spec.local, opts);
      if ('rejected' in wire) return { outcome: 'client-rejected', message: wire.rejected, durationMs: 0, attempts: 0 };
      try {
        const res = await spec.transport(wire);
        opts.onExchange?.({ call, tweak, wire, response: res });
        const out = normalise(call.vendor, res); // a fresh object: completed in place
        out.durationMs = performance.now() - started;
        out.attempts = 1;
        out.exchange = wireExchange(origin, wire, { response: res }, () => credentialsFor(call.vendor, opts, spec.local), () => routeFor(call, opts)?.path);
        return out;
      } catch (e) {
        const failure = e instanceof TransportFailure ? e : new TransportFailure('other', errorMessage(e));
        opts.onExchange?.({ call, tweak, wire, failure: { kind: failure.kind, message: failure.message } });
        return {
          outcome: 'transport-error', kind: failure.kind, message: failure.message,
          durationMs: performance.now() - started, attempts: 1,
          exchange: wireExchange(origin, wire, { failure: { kind: failure.kind, message: failure.message } }, () => credentialsFor(call.vendor, opts, spec.local), () => routeFor(call, opts)?.path),
        };
      }
    },
  };
}
