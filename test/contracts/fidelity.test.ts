// FIDELITY: every contract says what its page says. Each parameter, response field and error row
// (status+code+message) on the page is in the contract at the cited page line; the contract names no
// parameter the page does not (unless fromProfile). Then the comparison is proven able to fail.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contract, ProtocolProfile } from '../../core/types.ts';
import { compareContractToPage, schemaFields, type Difference } from '../../importer/compare.ts';
import { parsePage } from '../../importer/pages.ts';
import { loadContracts } from '../../loader/index.ts';

const DOCS = resolve(import.meta.dirname, '../../../shared/vendor-docs');
const loaded = loadContracts();
const cases = loaded.contracts.map((c) => [c.id, c] as const);
const pageOf = (c: Contract) => parsePage(resolve(DOCS, c.source.file));
const profileOf = (c: Contract) => loaded.profiles[c.vendor];
const show = (d: Difference[]) => d.map((x) => `${x.kind}: ${x.message}`);

/** Delete the schema node at a JSON pointer (relative to the contract). */
function deleteAt(root: unknown, pointer: string) {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  let node = root as Record<string, unknown>;
  for (const p of parts) node = node[p] as Record<string, unknown>;
  delete node[last];
}

describe('fidelity: contract vs vendor page', () => {
  it('covers every vendor page', () => {
    expect(loaded.contracts.map((c) => c.source.file).sort()).toEqual([
      'aliyun-ecs-2014-05-26-CreateSnapshotGroup.md', 'aliyun-ecs-2014-05-26-DeleteSnapshot.md', 'aliyun-ecs-2014-05-26-DeleteSnapshotGroup.md',
      'huaweicloud-evs-v2-DeleteSnapshot.md', 'volcengine-ecs-2020-04-01-DeleteInstances.txt',
    ]);
  });

  it.each(cases)('%s matches its page', (_id, c) => {
    expect(existsSync(resolve(DOCS, c.source.file))).toBe(true);
    expect(show(compareContractToPage(c, pageOf(c), { profile: profileOf(c) }))).toEqual([]);
  });
});

describe('fidelity: the comparison can fail', () => {
  it.each(cases)('%s: a removed parameter is reported', (_id, c) => {
    const page = pageOf(c);
    for (const pp of page.params) {
      const copy = structuredClone(c);
      copy.request.parameters = copy.request.parameters.filter((p) => p.docName !== pp.name);
      const d = compareContractToPage(copy, page, { profile: profileOf(c) });
      expect(d).toContainEqual(expect.objectContaining({ kind: 'missing-param', subject: `param ${pp.name}`, pageLine: pp.line }));
    }
  });

  it.each(cases)('%s: an invented parameter is reported, unless fromProfile', (_id, c) => {
    const copy = structuredClone(c);
    copy.request.parameters.push({ name: 'Bogus', docName: 'Bogus', in: 'query', required: false, schema: { type: 'string' } });
    expect(compareContractToPage(copy, pageOf(c), { profile: profileOf(c) })).toContainEqual(expect.objectContaining({ kind: 'extra-param', subject: 'param Bogus' }));
    copy.request.parameters.at(-1)!.fromProfile = true;
    expect(compareContractToPage(copy, pageOf(c), { profile: profileOf(c) })).toEqual([]);
  });

  it.each(cases)('%s: a removed error row is reported (each row of the page)', (_id, c) => {
    const page = pageOf(c);
    for (const e of page.errors) {
      const copy = structuredClone(c);
      copy.errors = copy.errors.filter((r) => !(r.status === e.status && r.code === e.code && r.message === e.message));
      expect(compareContractToPage(copy, page, { profile: profileOf(c) })).toContainEqual(expect.objectContaining({ kind: 'missing-error', subject: `error ${e.status} ${e.code}`, pageLine: e.line }));
    }
    // a changed message is a different row
    if (c.errors.length > 0 && page.errors.length > 0) {
      const copy = structuredClone(c);
      const row = copy.errors.find((r) => page.errors.some((e) => e.code === r.code))!;
      row.message += ' (edited)';
      expect(compareContractToPage(copy, page, { profile: profileOf(c) }).map((x) => x.kind)).toContain('missing-error');
    }
  });

  it.each(cases)('%s: a removed response field is reported (each field of the page)', (_id, c) => {
    const page = pageOf(c);
    for (const f of page.responseFields) {
      const copy = structuredClone(c);
      const inContract = schemaFields(copy.response.schema, '/response/schema').filter((x) => x.path.join('.').endsWith(f.path.join('.')));
      let profile: ProtocolProfile = profileOf(c);
      if (inContract.length > 0) inContract.reverse().forEach((x) => deleteAt(copy, x.pointer));
      else {
        // Described by the vendor envelope (Huawei's error body): remove it from a copy of the profile.
        profile = structuredClone(profile);
        schemaFields(profile.envelopes.error).filter((x) => x.path.join('.').endsWith(f.path.join('.'))).reverse()
          .forEach((x) => deleteAt(profile.envelopes.error, x.pointer));
      }
      expect(compareContractToPage(copy, page, { profile })).toContainEqual(expect.objectContaining({ kind: 'missing-response-field', pageLine: f.line }));
    }
  });

  it.each(cases)('%s: a wrong page line is reported', (_id, c) => {
    const page = pageOf(c);
    const copy = structuredClone(c);
    const p = copy.request.parameters.find((x) => x.line !== undefined && !x.fromProfile)!;
    p.line! += 1;
    expect(compareContractToPage(copy, page, { profile: profileOf(c) })).toContainEqual(expect.objectContaining({ kind: 'bad-line', subject: `param ${p.docName}` }));
    const e = copy.errors.find((x) => x.line !== undefined);
    if (e) {
      e.line = 1;
      expect(compareContractToPage(copy, page, { profile: profileOf(c) })).toContainEqual(expect.objectContaining({ kind: 'bad-line', subject: `error ${e.status} ${e.code}`, pageLine: 1 }));
    }
  });

  it('a required flag that disagrees with 是/否 is reported', () => {
    const c = structuredClone(loaded.byId('aliyun.ecs.DeleteSnapshot'));
    c.request.parameters.find((p) => p.name === 'SnapshotId')!.required = false;
    expect(compareContractToPage(c, pageOf(c)).map((d) => d.kind)).toEqual(['required-mismatch']);
  });
});
