// Turning contract error references into concrete errors: Acceptable -> first alternative,
// messages from the contract's error table, else the vendor profile, else a plain sentence.
import type { Acceptable, Contract, ErrorRef, Expectation, ProtocolProfile } from '../../core/types.ts';

export interface OpError {
  status: number; code: string; message: string; kind?: string; codeN?: number;
  /** The expectation key this answer enforces (`rule:<id>`, `param:<name>.<keyword>`, `common:<role>`): where ledger deviations apply. */
  about?: string;
}

/** First alternative of an Acceptable; a success alternative means "accept it" (undefined). */
export function pickRef(ref: ErrorRef | Acceptable | Expectation | undefined): ErrorRef | undefined {
  if (!ref) return undefined;
  if ('alternatives' in ref) return pickRef(ref.alternatives[0]);
  if ('kind' in ref && ref.kind === 'success') return undefined;
  return { code: ref.code, status: ref.status };
}

function fill(message: string, param?: string): string {
  // No parameter to name (e.g. a request no parser expected): the placeholder goes, never printed literally.
  if (!param) return message.replace(/\s*"?<parameter name>"?/g, '');
  return message.replace(/<parameter name>/g, param).replace(/%s/g, param).replace(/\{param\}/g, param);
}

type ProfileError = ProtocolProfile['errors'][string];
/** Each code's first profile role (errorFor runs on every refused request); profiles are not changed once loaded. */
const roleCache = new WeakMap<ProtocolProfile['errors'], Map<string, ProfileError>>();
function rolesByCode(profile: ProtocolProfile): Map<string, ProfileError> {
  let byCode = roleCache.get(profile.errors);
  if (!byCode) {
    byCode = new Map();
    for (const e of Object.values(profile.errors)) if (!byCode.has(e.code)) byCode.set(e.code, e);
    roleCache.set(profile.errors, byCode);
  }
  return byCode;
}

/** The error for a code: status and message from the contract's table, the profile, or the ref. */
export function errorFor(
  contract: Contract | undefined, profile: ProtocolProfile | undefined, ref: ErrorRef, param?: string,
): OpError {
  const row = contract?.errors.find((e) => e.code === ref.code && (ref.status === undefined || e.status === ref.status))
    ?? contract?.errors.find((e) => e.code === ref.code);
  const role = profile ? rolesByCode(profile).get(ref.code) : undefined;
  const status = ref.status ?? row?.status ?? role?.status ?? 400;
  const generic = param ? `The specified parameter ${param} is not valid.` : ref.code;
  const message = [row?.message, role?.message].find((m) => m && !isPlaceholder(m)) ?? generic;
  return { status, code: ref.code, message: fill(message, param), ...(role?.codeN !== undefined ? { codeN: role.codeN } : {}) };
}

/** Messages the pages print as placeholders (`XXXX`, `%s`): replaced by the handler's own words. */
export function isPlaceholder(message: string): boolean {
  return /^(X{2,}|%s)$/.test(message.trim());
}

/** A profile role (`missing-parameter`, `throttled`, ...) as a concrete error. */
export function roleError(profile: ProtocolProfile | undefined, role: string, param?: string, fallbackRole?: string): OpError {
  const e = profile?.errors[role] ?? (fallbackRole ? profile?.errors[fallbackRole] : undefined);
  if (!e) return { status: role === 'internal' ? 500 : 400, code: role === 'internal' ? 'InternalError' : 'InvalidParameter', message: role };
  const message = isPlaceholder(e.message) ? (param ? `The request parameter ${param} is invalid.` : 'The request is invalid.') : e.message;
  return { status: e.status ?? 400, code: e.code, message: fill(message, param), ...(e.codeN !== undefined ? { codeN: e.codeN } : {}), about: `common:${profile?.errors[role] ? role : fallbackRole}` };
}

/** Error for a code the handler knows from the page; the contract's table supplies status/message. */
export function codeError(contract: Contract, profile: ProtocolProfile | undefined, code: string, status?: number, message?: string): OpError {
  const e = errorFor(contract, profile, { code, status });
  return message && e.message === code ? { ...e, message } : e;
}

/** A rule's error; the handler's message when the contract only has a placeholder. */
export function ruleErrorFor(contract: Contract, profile: ProtocolProfile | undefined, ref: ErrorRef, message?: string): OpError {
  const e = errorFor(contract, profile, ref);
  return message && e.message === ref.code ? { ...e, message } : e;
}
