// What a deviation may change in the HTTP pipeline (http/vendor.ts), declared as data like a
// handler's (ops/types.ts HandlerSpec): the protocol rules it checks, named by the profile's error
// role each one answers, and its decision points with their reference values. A deviation of
// operation `*` names these.

/**
 * The pipeline's rules: method, action, version, then signing (authorization present and well
 * formed, signature, time window, nonce, key).
 */
export const PIPELINE_RULES = ['bad-method', 'unknown-action', 'bad-version', 'missing-auth', 'malformed-auth', 'bad-signature', 'expired', 'nonce-reused', 'unknown-key'] as const;
export type PipelineRule = (typeof PIPELINE_RULES)[number];

export type PipelinePoints = {
  /** Requests signed with Alibaba's documented RPC v1 scheme (a `Signature=` parameter). */
  v1Signatures: 'accepted' | 'refused';
}

export const PIPELINE_POINTS: PipelinePoints = { v1Signatures: 'accepted' };
