// Options every target factory accepts, and the small helpers they share (credentials, regions, routes).
import type { RequestListener } from 'node:http';
import type { Contract, Credentials, OperationCall, ProtocolTweak, Vendor, WireRequest, WireResponse } from '../core/types.ts';
import { EMULATOR_REGIONS, EMULATOR_TEST_CREDENTIALS } from '../core/test-credentials.ts';

/** Structural view of loader's LoadedContracts: adapters may not import loader/, only need routes. */
export interface ContractIndex {
  contracts: (Pick<Contract, 'vendor' | 'service' | 'version' | 'operation' | 'http'> & { request?: { parameters: { name: string; refersTo?: string }[] } })[];
}

export interface TargetOptions {
  credentials?: Partial<Record<Vendor, Credentials>>;
  /** Contracts, for the Huawei REST routes (`http.method`/`http.path`). */
  loaded?: ContractIndex;
  /** Per-request budget; past it the outcome is a `timeout` transport error. Default 10 s. */
  timeoutMs?: number;
  /** Upper bound of open connections (and in-flight requests) per target. Default 16. */
  concurrency?: number;
  /** Node request listener for `inprocess`. */
  handler?: RequestListener;
  region?: Partial<Record<Vendor, string>>;
  /** Sent as `x-emulator-token` on control API calls, for an emulator started with a control token. */
  controlToken?: string;
  /** http target: probe `GET /__emulator/health` on creation (default true). Real-cloud targets pass false. */
  probe?: boolean;
  /** Requests per second (token bucket over send(); absent or 0 = unlimited). */
  rate?: number;
  /** Record every exchange into a cassette directory (`<dir>/<vendor>.json`, scrubbed) on close(). */
  record?: string;
  /** Called after every signed exchange (recorder, tests); never sees anything the caller did not sign. */
  onExchange?: (x: WireExchange) => void;
}

/** One signed request and what came back (a response, or the transport failure). */
export interface WireExchange {
  call: OperationCall;
  tweak?: ProtocolTweak;
  wire: WireRequest;
  response?: WireResponse;
  failure?: { kind: string; message: string };
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 16;

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/**
 * Credentials for a vendor: the caller's, else (loopback or in-process targets only) the emulator's
 * test values. Never falls back to test values for a remote host: a real cloud needs real keys.
 */
export function credentialsFor(vendor: Vendor, opts: TargetOptions, local: boolean): Credentials | undefined {
  return opts.credentials?.[vendor] ?? (local ? EMULATOR_TEST_CREDENTIALS[vendor] : undefined);
}

export function regionFor(call: OperationCall, opts: TargetOptions): string {
  return call.region ?? opts.region?.[call.vendor] ?? EMULATOR_REGIONS[call.vendor];
}

/** The REST route of an operation (Huawei), from the loaded contracts. */
export function routeFor(call: OperationCall, opts: TargetOptions): { method: string; path: string } | undefined {
  const c = opts.loaded?.contracts.find((x) => x.vendor === call.vendor && x.operation === call.operation
    && x.service === call.service && x.version === call.version)
    ?? opts.loaded?.contracts.find((x) => x.vendor === call.vendor && x.operation === call.operation);
  return c?.http ? { method: c.http.method, path: c.http.path } : undefined;
}

/** Vendors whose operations are REST routes and cannot be built without a contract's `http`. */
export const REST_VENDORS: readonly Vendor[] = ['huaweicloud'];

/** Ids of fixture kinds that are the caller's identity (see EmulatorFixturesOptions). */
export function callerIdsFor(opts: TargetOptions, local: boolean): Record<string, string | undefined> {
  return { 'huaweicloud.project': credentialsFor('huaweicloud', opts, local)?.projectId };
}
