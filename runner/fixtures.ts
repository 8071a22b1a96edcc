// Fixtures in order, `$x.id` references resolved against those created earlier; state read back.
import type { Case, Fixtures, StateAssertion, TargetResponse, Vendor } from '../core/types.ts';
import type { StateAfter } from '../checks/index.ts';
import { resolveRefs } from '../core/refs.ts';
import { errorMessage } from '../core/errors.ts';
import { answerField } from '../core/json.ts';

/** `created` collects what was made, in order, so the runner can remove it after the case. */
export async function createFixtures(c: Case, fixtures: Fixtures, created: { kind: string; id: string }[] = []): Promise<{ refs: Record<string, string>; kinds: Record<string, string> }> {
  const refs: Record<string, string> = {};
  const kinds: Record<string, string> = {};
  for (const spec of c.setup ?? []) {
    const fields = spec.fields ? resolveRefs(spec.fields, refs) : {};
    refs[spec.as] = await fixtures.create(c.call.vendor, { ...spec, fields }, fields);
    kinds[spec.as] = spec.kind;
    created.push({ kind: spec.kind, id: refs[spec.as]! });
  }
  return { refs, kinds };
}

/** Remove a case's fixtures, newest first (cascading: what the call made from them goes too). */
export async function removeFixtures(vendor: Case['call']['vendor'], created: { kind: string; id: string }[], fixtures: Fixtures | undefined): Promise<void> {
  if (!fixtures?.remove || !created.length) return;
  await fixtures.remove(vendor, [...created].reverse()).catch(() => undefined);
}

/** `$response.Field`: the id the call returned (JSON body or XML root), else undefined. */
function responseField(r: TargetResponse, field: string): string | undefined {
  return answerField(r.body, r.format, field);
}

export async function readState(
  vendor: Vendor, after: StateAssertion[], fixtures: Fixtures,
  refs: Record<string, string>, kinds: Record<string, string>, response: TargetResponse,
): Promise<StateAfter> {
  const out: StateAfter = {};
  for (const a of after) {
    const fromResponse = a.ref.startsWith('$response.');
    const kind = a.kind ?? kinds[a.ref];
    const id = fromResponse ? responseField(response, a.ref.slice('$response.'.length)) : refs[a.ref];
    if (!kind || !id) { out[a.ref] = { kind: kind ?? '?', error: fromResponse ? `the answer has no ${a.ref.slice(10)}` : `unknown fixture ${a.ref}` }; continue; }
    try {
      out[a.ref] = { kind, id, entity: await fixtures.get(vendor, kind, id) };
    } catch (e) {
      out[a.ref] = { kind, id, error: errorMessage(e) };
    }
  }
  return out;
}
