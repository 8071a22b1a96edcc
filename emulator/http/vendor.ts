// The vendor side of the port: detect the vendor, parse, check method/auth/action/version,
// run the engine, render the envelope. Every failure is the vendor's own error, never a throw.
import type { Vendor, WireRequest, WireResponse } from '../../core/types.ts';
import { detectVendor, protocolFor, type ParsedRequest, type RenderContext, type RouteEntry, type VerifyFailure } from '../../protocols/index.ts';
import { PIPELINE_POINTS, type PipelinePoints, type PipelineRule } from './pipeline.ts';
import { decide } from '../deviations.ts';
import type { Runtime } from '../runtime.ts';
import { newRequestId } from '../state/ids.ts';
import { errorFor, pickRef, roleError, type OpError } from '../validate/errors.ts';
import { signatureFinding, wireFindings, type Finding } from '../validate/findings.ts';
import { errorMessage } from '../../core/errors.ts';

export interface VendorAnswer {
  vendor: Vendor;
  operation?: string;
  requestId: string;
  response: WireResponse;
  /** Set when the outcome is an error (for the log). */
  code?: string;
  /** The expectation key the error enforces (OpError.about). */
  about?: string;
  /** What arrived on the wire that the contract or profile does not expect (validate/findings.ts). */
  findings?: Finding[];
}

const AUTH_ROLE: Record<VerifyFailure, PipelineRule[]> = {
  missing: ['missing-auth', 'bad-signature'],
  malformed: ['malformed-auth', 'bad-signature'],
  'unknown-key': ['unknown-key', 'bad-signature'],
  'bad-signature': ['bad-signature'],
  expired: ['expired', 'bad-signature'],
  'nonce-reused': ['nonce-reused', 'bad-signature'],
};

/** The answer a common parameter's own `onViolation` gives (its first keyword's), in the operation's contract. */
function paramRuleError(rt: Runtime, vendor: Vendor, operation: string | undefined, name: string): OpError | undefined {
  const contract = operation ? rt.engine.contract(vendor, operation) : undefined;
  const profile = rt.engine.profile(vendor);
  const param = [...(contract?.request.parameters ?? []), ...(profile?.commonParameters ?? [])].find((p) => p.name === name);
  const [keyword, ref] = Object.entries(param?.onViolation ?? {})[0] ?? [];
  const picked = ref ? pickRef(ref) : undefined;
  return contract && picked ? { ...errorFor(contract, profile, picked, name), about: `param:${name}.${keyword}` } : undefined;
}

export function vendorOf(wire: WireRequest): Vendor {
  try {
    return detectVendor(wire) ?? 'aliyun';
  } catch {
    return 'aliyun';
  }
}

/** Each engine's REST routes by vendor, listed on first use (every request routes: twice, with the fault peek). */
const routeCache = new WeakMap<Runtime['engine'], Map<Vendor, RouteEntry[]>>();
export function routesOf(rt: Runtime, vendor: Vendor): RouteEntry[] {
  let byVendor = routeCache.get(rt.engine);
  if (!byVendor) routeCache.set(rt.engine, (byVendor = new Map()));
  let routes = byVendor.get(vendor);
  if (!routes) {
    routes = rt.engine.served().filter((c) => c.vendor === vendor && c.http).map((c) => ({ method: c.http!.method, path: c.http!.path, operation: c.operation }));
    byVendor.set(vendor, routes);
  }
  return routes;
}

/**
 * A request parsed, or the error its parse threw (kept, so the pipeline still fails on it). The
 * server parses once, reads the operation for fault matching, and hands the parse to serveVendor.
 */
export type Parse = { parsed: ParsedRequest } | { error: unknown };
export function parseWire(rt: Runtime, vendor: Vendor, wire: WireRequest): Parse {
  try { return { parsed: protocolFor(vendor).parseRequest(wire, routesOf(rt, vendor)) }; } catch (error) { return { error }; }
}

/** Only the operation name, for fault matching before the full pipeline runs. */
export const operationOf = (parse: Parse): string | undefined => ('parsed' in parse ? parse.parsed.operation : undefined);

export function serveVendor(rt: Runtime, wire: WireRequest, vendor: Vendor = vendorOf(wire), parse: Parse = parseWire(rt, vendor, wire)): VendorAnswer {
  const protocol = protocolFor(vendor);
  const profile = rt.engine.profile(vendor);
  const requestId = newRequestId(vendor, rt.authClock());
  let operation: string | undefined;
  let format: 'JSON' | 'XML' = 'JSON';
  let region: string | undefined;
  let version: string | undefined;
  let findings: Finding[] = [];
  const fail = (e: OpError): VendorAnswer => {
    const response = renderVendorError(vendor, e, { requestId, format, action: operation, version, region, service: serviceOf(rt, vendor, operation) });
    return { vendor, operation, requestId, response, code: e.code, findings, ...(e.about ? { about: e.about } : {}) };
  };
  try {
    if ('error' in parse) throw parse.error;
    const { parsed } = parse;
    operation = parsed.operation;
    format = parsed.format ?? 'JSON';
    region = parsed.region;
    version = parsed.version;
    const method = wire.method.toUpperCase();
    // The pipeline's rules and points (http/pipeline.ts), as the deviations switched on decide them.
    const decided = decide(rt.engine.deviations.at(vendor, '*'), PIPELINE_POINTS);
    const enforces = (rule: PipelineRule) => decided.enforces(rule);
    const point = (name: keyof PipelinePoints) => decided.point(name);
    // RPC style (Action/Version parameters, a fixed set of methods) or routed by method + path (Huawei).
    const style = profile?.requestStyle ?? {};
    if (style.methods && !style.methods.includes(method) && enforces('bad-method')) return fail(withOpVersion(roleError(profile, 'bad-method'), operation ?? '', version));
    if (!style.action && !operation) return fail(roleError(profile, 'unknown-action', wire.path.split('?')[0]));
    if (point('v1Signatures') === 'refused' && /[?&]Signature=/.test(wire.path + '&' + (wire.body ?? ''))) return fail(roleError(profile, 'bad-signature'));
    let verdict = protocol.verify(wire, (ak) => rt.lookup(vendor, ak), {
      now: new Date(rt.authClock()),
      seenNonce: (n) => enforces('nonce-reused') && rt.nonces.check(n, rt.authClock()),
      ...(enforces('expired') ? {} : { maxSkewMs: Number.MAX_SAFE_INTEGER }),
    });
    if (!verdict.ok && !enforces('bad-signature') && verdict.reason !== 'expired' && verdict.reason !== 'nonce-reused') {
      // A server that never checks signatures: any key, known or not, is taken at its word.
      verdict = { ok: true, accessKeyId: parsed.accessKeyId ?? rt.credentials[vendor][0]?.accessKeyId ?? '' };
    }
    if (!verdict.ok && verdict.param) {
      // a signing parameter with a rule of its own (v1 Timestamp: InvalidTimeStamp.Format, the profile's common parameter)
      const own = paramRuleError(rt, vendor, operation, verdict.param);
      if (own) return fail(own);
    }
    if (!verdict.ok) {
      // the first role of the failure that the profile has and the pipeline enforces
      const roles = AUTH_ROLE[verdict.reason] ?? ['bad-signature'];
      const role = roles.find((r) => profile?.errors[r] && enforces(r)) ?? 'bad-signature';
      const e = roleError(profile, role, verdict.reason === 'unknown-key' ? parsed.accessKeyId : undefined);
      if (verdict.reason === 'bad-signature') findings = signatureFinding(verdict.strings ?? protocol.signingStrings(wire));
      // Alibaba's gateway appends the string it signed to a v1 mismatch (contracts/aliyun/_protocol.evidence.yaml, sdk-go-errors)
      return fail(verdict.stringToSign && role === 'bad-signature' ? { ...e, message: `${e.message} server string to sign is:${verdict.stringToSign}` } : e);
    }
    if (!operation) return fail(roleError(profile, 'missing-parameter', 'Action'));
    const contract = rt.engine.contract(vendor, operation);
    if (!contract && !enforces('unknown-action')) {
      // nothing serves it: an empty success
      return { vendor, operation, requestId, response: protocol.renderSuccess(operation, {}, { requestId, format, status: 200, action: operation, version, region, service: serviceOf(rt, vendor, operation) }) };
    }
    if (!contract) return fail(withOpVersion(roleError(profile, 'unknown-action'), operation, version));
    findings = wireFindings(contract, profile, parsed.params, rawParams(wire));
    if (style.version && enforces('bad-version')) {
      if (!version) return fail(roleError(profile, 'missing-parameter', 'Version'));
      if (version !== contract.version) return fail(withOpVersion(roleError(profile, 'bad-version'), operation, version));
    }
    const credentials = rt.lookup(vendor, verdict.accessKeyId);
    const result = rt.engine.handle(vendor, operation, parsed.params, {
      requestId, region, accessKeyId: verdict.accessKeyId, credentials, pathParams: parsed.pathParams,
    });
    if (result.error) return fail(result.error);
    const response = protocol.renderSuccess(operation, result.body ?? null, {
      requestId, format, status: result.status, action: operation, version: contract.version, region, service: contract.service,
    });
    return { vendor, operation, requestId, response, findings };
  } catch (err) {
    // A bug or an input no parser expected: still the vendor's envelope, as a client error.
    rt.log(`emulator: request ${requestId} failed inside the emulator: ${errorMessage(err)}`);
    return fail(roleError(profile, 'invalid-parameter'));
  }
}

/** The query string and a form body, undecoded (for encoding findings). */
function rawParams(wire: WireRequest): string {
  const query = wire.path.includes('?') ? wire.path.slice(wire.path.indexOf('?') + 1) : '';
  const form = /application\/x-www-form-urlencoded/i.test(wire.headers['content-type'] ?? '') ? wire.body ?? '' : '';
  return [query, form].filter(Boolean).join('&');
}

/** An error in the vendor's envelope; Huawei `APIGW.*` codes in the gateway shape `{error_code, error_msg}`. */
export function renderVendorError(vendor: Vendor, e: OpError, ctx: RenderContext): WireResponse {
  const kind = e.kind ?? (vendor === 'huaweicloud' && e.code.startsWith('APIGW.') ? 'gateway' : undefined);
  return protocolFor(vendor).renderError({ status: e.status, code: e.code, message: e.message, kind, ...(e.codeN !== undefined ? { codeN: e.codeN } : {}) }, ctx);
}

/** Volcengine's "Could not find operation %s for version %s": the placeholders filled in order with what was sent. */
function withOpVersion(e: OpError, operation: string, version: string | undefined): OpError {
  const sent = [operation, version ?? ''];
  let i = 0;
  return { ...e, message: e.message.replace(/%s/g, () => sent[i++] ?? '') };
}

function serviceOf(rt: Runtime, vendor: Vendor, operation: string | undefined): string | undefined {
  return (operation && rt.engine.contract(vendor, operation)?.service) || rt.engine.served().find((c) => c.vendor === vendor)?.service;
}
