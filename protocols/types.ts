// The contract between protocols/ and its two users: adapters (build + sign, parse responses)
// and the emulator (parse + verify requests, render envelopes). One object per vendor.
import type {
  Credentials, OperationCall, ProtocolTweak, Answered, Vendor, WireRequest, WireResponse,
} from '../core/types.ts';

export interface Route { method: string; path: string }
export interface RouteEntry extends Route { operation: string }

export interface BuildContext {
  credentials: Credentials;
  /** `host[:port]`, sent as the Host header (and signed where the vendor signs it). */
  host: string;
  now?: Date;
  /** Alibaba signature nonce (ACS3 `x-acs-signature-nonce`, v1 `SignatureNonce`). */
  nonce?: string;
  tweak?: ProtocolTweak;
  /** Huawei REST route (`DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}`). */
  route?: Route;
}

export interface ParsedRequest {
  operation?: string;
  version?: string;
  /** Flat wire names (`ExcludeDiskId.1`) from the query and a form or JSON body. */
  params: Record<string, string>;
  region?: string;
  format: 'JSON' | 'XML';
  accessKeyId?: string;
  pathParams?: Record<string, string>;
}

export type VerifyFailure = 'missing' | 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'nonce-reused';

/**
 * `param`: on a malformed request, the signing parameter at fault (v1 `Timestamp`), whose own rule answers it.
 * `strings`: on a signature mismatch, what the verifier signed (so a caller need not rebuild it).
 */
export type VerifyResult =
  | { ok: true; accessKeyId: string }
  | { ok: false; reason: VerifyFailure; detail: string; stringToSign?: string; param?: string; strings?: SigningStrings };

/**
 * What a request's signature was computed over, rebuilt from the request alone (no secret): the
 * canonical request (v1: the canonical query) and the string to sign. Protocol test vectors freeze
 * them, and the emulator shows them on a signature mismatch.
 */
export interface SigningStrings { canonicalRequest: string; stringToSign: string }

export interface VerifyOptions {
  now: Date;
  /** Returns true when the nonce was seen before (and records it). Called only for otherwise valid requests. */
  seenNonce?: (nonce: string) => boolean;
  /** Allowed clock difference either way; default 15 minutes. */
  maxSkewMs?: number;
}

export type CredentialLookup = (accessKeyId: string) => Credentials | undefined;

export interface RenderContext {
  requestId: string;
  format?: 'JSON' | 'XML';
  status?: number;
  action?: string;
  version?: string;
  region?: string;
  service?: string;
}

export interface RenderableError {
  status: number;
  code: string;
  message: string;
  /** Huawei wrapper key (`itemNotFound`, `badRequest`, `error`; `gateway` for `{error_code,error_msg}`). */
  kind?: string;
  /** Volcengine's numeric CodeN, where a source gives it (profile errors' `codeN`). */
  codeN?: number;
}

export interface VendorProtocol {
  vendor: Vendor;
  buildRequest(call: OperationCall, ctx: BuildContext): WireRequest;
  parseRequest(req: WireRequest, routes?: RouteEntry[]): ParsedRequest;
  verify(req: WireRequest, lookup: CredentialLookup, opts: VerifyOptions): VerifyResult;
  /** undefined when the request carries no signature of the vendor's scheme. */
  signingStrings(req: WireRequest): SigningStrings | undefined;
  renderSuccess(op: string, body: unknown | null, ctx: RenderContext): WireResponse;
  renderError(err: RenderableError, ctx: RenderContext): WireResponse;
  parseResponse(res: WireResponse): Answered;
}
