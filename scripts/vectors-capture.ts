// Freezes the official SDKs' captured requests into protocol test vectors (test/vectors/<vendor>.yaml),
// in the spirit of Smithy's protocol tests: for each scenario the inputs (the logical call, the
// test credentials, host, date, nonce, scheme, route) and what the SDK put on the wire (method,
// path with query, headers, body), with the canonical request and string to sign it signed. Those
// two are rebuilt by our verifier, and a vector is written only when our HMAC over them equals the
// SDK's signature: they are then the SDK's own strings. test/vectors/vectors.test.ts runs our signers
// and verifiers over the files with no SDK loaded. Re-run after an SDK upgrade (needs the SDKs):
//   npx tsx scripts/vectors-capture.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { protocolFor } from '../protocols/index.ts';
import { captureAll, rebuildContext } from '../test/protocols/sdk-scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const captured = await captureAll();
const byVendor = new Map<string, unknown[]>();
for (const s of captured) {
  const protocol = protocolFor(s.vendor);
  const ctx = rebuildContext(s);
  const now = ctx.now ?? new Date();
  const verdict = protocol.verify(s.wire, (ak) => (ak === s.credentials.accessKeyId ? s.credentials : undefined), { now });
  if (!verdict.ok) throw new Error(`${s.name}: our verifier refuses the SDK's request (${verdict.reason}: ${verdict.detail}); fix the verifier before freezing`);
  const strings = protocol.signingStrings(s.wire);
  if (!strings) throw new Error(`${s.name}: no signature found in the SDK's request`);
  byVendor.set(s.vendor, [...(byVendor.get(s.vendor) ?? []), {
    name: s.name,
    // false: our builder cannot express what the SDK sent (repeated keys); the verifier is still run
    ...(s.rebuildable ? {} : { rebuildable: false }),
    input: {
      call: s.call, credentials: s.credentials, host: ctx.host, now: now.toISOString(),
      ...(ctx.nonce ? { nonce: ctx.nonce } : {}), ...(s.scheme ? { scheme: s.scheme } : {}), ...(s.method ? { method: s.method } : {}),
      ...(s.route ? { route: s.route } : {}),
    },
    expected: { method: s.wire.method, path: s.wire.path, headers: s.wire.headers, body: s.wire.body ?? '', ...strings },
  }]);
}
for (const [vendor, vectors] of byVendor) {
  const header = `# Protocol test vectors for ${vendor}: requests the official SDK sent (captured on 127.0.0.1), frozen,\n`
    + `# with the canonical request and string to sign whose HMAC is the SDK's signature.\n`
    + `# Credentials are the project's fake test credentials. Regenerate: npx tsx scripts/vectors-capture.ts\n`;
  writeFileSync(join(ROOT, 'test/vectors', `${vendor}.yaml`), header + stringify({ vendor, vectors }, { lineWidth: 0, aliasDuplicateObjects: false }));
  process.stdout.write(`test/vectors/${vendor}.yaml: ${vectors.length} vectors\n`);
}
