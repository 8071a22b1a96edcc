// Loader hooks for the vectors' child process: resolving any vendor SDK package throws, so the
// vectors prove our signers and verifiers need none of them (as if the SDKs were not installed).
const SDK = /^@(alicloud|volcengine|huaweicloud|darabonba)\//;

export async function resolve(specifier, context, next) {
  if (SDK.test(specifier)) throw new Error(`an SDK was loaded: ${specifier}`);
  return next(specifier, context);
}
