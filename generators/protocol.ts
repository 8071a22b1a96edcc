// Protocol cases from the vendor profile: signing faults (auth-signing) and routing faults (unknown
// action, wrong version, wrong method: envelope), plus the success/error envelopes in each format.
import { dirname, relative } from 'node:path';
import type { Case, Expectation, ProtocolTweak } from '../core/types.ts';
import { isProtocolParam, type GenContext } from './context.ts';
import { combine, expectViolation, fromRef, roleError } from './expect.ts';
import { violations } from './schema.ts';
import { successExpectation } from './positive.ts';

interface TweakSpec { slug: string; title: string; tweak: ProtocolTweak; role: string; category: 'auth-signing' | 'envelope' }

const TWEAKS: TweakSpec[] = [
  { slug: 'unsigned', title: 'request without any signature is refused', tweak: { auth: 'none' }, role: 'missing-auth', category: 'auth-signing' },
  { slug: 'bad-signature', title: 'request with a wrong signature is refused', tweak: { auth: 'bad-signature' }, role: 'bad-signature', category: 'auth-signing' },
  { slug: 'unknown-access-key', title: 'request signed with an unknown access key is refused', tweak: { auth: 'unknown-key' }, role: 'unknown-key', category: 'auth-signing' },
  { slug: 'expired-timestamp', title: 'request signed outside the clock window is refused', tweak: { auth: 'expired' }, role: 'expired', category: 'auth-signing' },
  { slug: 'reused-nonce', title: 'a replayed signature nonce is refused', tweak: { auth: 'reused-nonce' }, role: 'nonce-reused', category: 'auth-signing' },
  { slug: 'unknown-action', title: 'an unknown action is refused', tweak: { action: 'NoSuchActionXyz' }, role: 'unknown-action', category: 'envelope' },
  { slug: 'wrong-version', title: 'an unknown API version is refused', tweak: { version: '1999-01-01' }, role: 'bad-version', category: 'envelope' },
  { slug: 'wrong-method', title: 'an unsupported HTTP method is refused', tweak: { method: 'PATCH' }, role: 'bad-method', category: 'envelope' },
];

export function* protocolCases(ctx: GenContext): Generator<Case> {
  const profile = ctx.profile;
  if (!profile) return;
  const notApplicable = profile.requestStyle?.rolesNotApplicable ?? {};
  // Relative to the contracts folder's parent, as contract sources are (GenContext.file): any folder, not only one named contracts/.
  const profileFile = profile.$file ? relative(dirname(ctx.loaded.dir), profile.$file) : `contracts/${profile.vendor}/_protocol.yaml`;
  /** These cases come from the vendor profile: their source is its line, not the contract's. */
  const fromProfile = (c: Case, pointer: string): Case => {
    const line = profile.$lines?.[pointer];
    return { ...c, source: { file: profileFile, ...(line ? { line } : {}) } };
  };
  for (const t of TWEAKS) {
    if (notApplicable[t.role]) continue;
    // REST vendors route on method + path: there is no action or version to get wrong
    if (t.tweak.action && !profile.requestStyle?.action) continue;
    if (t.tweak.version && !profile.requestStyle?.version) continue;
    let answers: Expectation[] = roleError(profile, t.role);
    let pointer = `/errors/${t.role}`;
    if (t.role === 'missing-auth' && answers.length === 0) {
      // No role for a missing signature: the Authorization header's own rule, else any auth refusal.
      const i = profile.commonParameters?.findIndex((p) => p.name === 'Authorization' || p.name === 'Signature') ?? -1;
      const auth = i >= 0 ? profile.commonParameters[i] : undefined;
      const ref = auth?.onViolation?.required ?? auth?.onViolation?.['*'];
      answers = ref ? fromRef(ref) : [...roleError(profile, 'missing-parameter'), ...roleError(profile, 'bad-signature')];
      pointer = i >= 0 ? `/commonParameters/${i}` : '/errors/bad-signature';
    }
    if (answers.length === 0) continue;
    const expect = combine(answers, `${t.role}: the profile allows several answers`)!;
    const f = ctx.faker(`proto/${t.slug}`);
    yield fromProfile(ctx.make({
      category: t.category, slug: t.slug, title: t.title, pointer: '', params: ctx.baseRequest(f), expect, tweak: t.tweak,
      mutation: { rule: 'protocol', value: t.tweak, description: t.title }, origin: { kind: 'protocol', role: t.role },
      tags: ['negative', 'protocol'],
    }), pointer);
  }
  // Throttling, in the vendor's own envelope and code: provoked by a `fault` fixture (the emulator's
  // control API; a real cloud cannot be asked to throttle, so the case is skipped there). Exclusive:
  // the fault meets every request of this operation while the case runs, which must be only this case's.
  const throttled = roleError(profile, 'throttled');
  if (throttled.length) {
    const f = ctx.faker('proto/throttled');
    yield fromProfile(ctx.make({
      category: 'envelope', slug: 'throttled', title: 'a throttled request gets the vendor\'s throttling error',
      pointer: '', params: ctx.baseRequest(f), expect: combine(throttled, 'throttled: the profile allows several answers')!,
      setup: [{ as: 'fault', kind: 'fault', fields: { outcome: 'throttle', operation: ctx.contract.operation } }],
      mutation: { rule: 'protocol', value: 'throttle', description: 'the target throttles the request' }, origin: { kind: 'protocol', role: 'throttled' },
      tags: ['negative', 'protocol'],
    }), '/errors/throttled');
  }
  // The legacy signature scheme must still be accepted where the profile lists it.
  if (profile.signing?.some((s) => /^rpc/.test(s))) {
    const f = ctx.faker('proto/rpc-v1');
    const base = ctx.positiveRequest(f);
    yield ctx.make({
      category: 'auth-signing', slug: 'rpc-v1-signature-accepted', title: 'a valid legacy (v1, HMAC-SHA1) signature is accepted',
      pointer: ctx.baseline().pointer, params: base.params, setup: base.setup, expect: successExpectation(ctx),
      tweak: { scheme: 'rpc-v1' }, destructive: true, tags: ['positive', 'protocol'],
    });
    yield fromProfile(ctx.make({
      category: 'auth-signing', slug: 'rpc-v1-bad-signature', title: 'a wrong legacy (v1) signature is refused',
      pointer: '', params: ctx.baseRequest(f), expect: combine(roleError(profile, 'bad-signature'), 'bad-signature')!,
      tweak: { scheme: 'rpc-v1', auth: 'bad-signature' }, mutation: { rule: 'protocol', value: { scheme: 'rpc-v1', auth: 'bad-signature' }, description: 'v1 signature corrupted' }, origin: { kind: 'protocol', role: 'bad-signature' },
      tags: ['negative', 'protocol'],
    }), '/errors/bad-signature');
  }
}

/** Success bodies against the schema in each offered format; error envelopes in each format. */
export function* envelopeCases(ctx: GenContext): Generator<Case> {
  const c = ctx.contract;
  // undefined: the target's default format (the contract offers no choice)
  const formats: ('JSON' | 'XML' | undefined)[] = c.response.xml ? ['JSON', 'XML'] : [undefined];
  for (const fmt of formats) {
    const f = ctx.faker(`env/${fmt}`);
    const base = ctx.positiveRequest(f);
    const suffix = fmt ? `-${fmt.toLowerCase()}` : '';
    yield ctx.make({
      category: 'envelope', slug: `success${suffix}`, title: `success answer${fmt ? ` in ${fmt}` : ''} matches the response schema and envelope`,
      pointer: '/response', params: base.params, setup: base.setup, expect: successExpectation(ctx), format: fmt,
      destructive: true, tags: ['positive', 'envelope'],
    });
    const req = c.request.parameters.find((p) => p.required && !isProtocolParam(p));
    if (!req) continue;
    const params = ctx.baseRequest(f);
    // path parameters cannot be omitted from the URL: an empty segment stands for missing
    const empty = req.in === 'path';
    if (empty) params[req.name] = ''; else delete params[req.name];
    const expect = expectViolation(c, ctx.profile, req, empty ? [...new Set(['required', ...violations(req.schema, '')])] : ['required']);
    if (!expect) continue;
    yield ctx.make({
      category: 'envelope', slug: `error${suffix}`, title: `error answer${fmt ? ` in ${fmt}` : ''} has the vendor's error envelope`,
      pointer: '/errors', params, expect, format: fmt,
      mutation: { param: req.name, rule: 'required', ...(empty ? { value: '' } : {}), description: `${req.name} is ${empty ? 'empty' : 'missing'} (to provoke an error envelope)` },
      tags: ['negative', 'envelope'],
    });
  }
}
