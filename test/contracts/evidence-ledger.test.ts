// LEDGERS: a ledger beside a contract or profile is validated (file:line reasons), and each expectation
// profile sees its claims: superseded values replaced under `current`, the page's value under `page`,
// disputed answers recorded, `adds` merged under `current` only.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError, DEFAULT_CONTRACTS_DIR, loadContracts } from '../../loader/index.ts';

const CSG = 'aliyun/ecs/2014-05-26/CreateSnapshotGroup.evidence.yaml';
const PROFILE = 'aliyun/_protocol.evidence.yaml';
const COMMIT = 'a'.repeat(40);

/** A copy of the real contracts with the given ledgers written beside them. */
function withLedgers(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'contracts');
  cpSync(DEFAULT_CONTRACTS_DIR, dir, { recursive: true, filter: (src) => !/\.evidence\.ya?ml$/.test(src) });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const csgLedger = (extra = '') => `for: aliyun.ecs.CreateSnapshotGroup
sources:
  sdk-ts:
    kind: sdk-model
    package: "@alicloud/ecs20140526"
    version: 7.11.6
    path: dist/client.d.ts
    facts: ["InstanceId has no required marker"]
  tf:
    kind: client
    repo: aliyun/terraform-provider-alicloud
    path: alicloud/resource_alicloud_ecs_snapshot_group_test.go
    commit: ${COMMIT}
    facts: ["the acceptance test sends DiskId.N without InstanceId"]
backing:
  param:InstanceId: [sdk-ts]
claims:
  - id: instance-id-optional
    about: param:InstanceId.required
    kind: superseded
    says:
      - { value: true, sources: [page] }
      - { value: false, sources: [sdk-ts, tf] }
    current: false
    doc: the current model and a real client drop the requirement
${extra}`;

const profileLedger = `for: profile:aliyun
sources:
  gateway:
    kind: error-appendix
    url: https://example.invalid/gateway-errors
    retrieved: 2026-12-04
    facts: ["SignatureDoesNotMatch 400"]
  product:
    kind: error-appendix
    url: https://example.invalid/product-errors
    retrieved: 2026-12-04
    facts: ["SignatureDoesNotMatch 403"]
claims:
  - id: signature-status
    about: common:bad-signature.status
    kind: disputed
    says:
      - { value: 400, sources: [gateway] }
      - { value: 403, sources: [product] }
    doc: two vendor tables print different statuses
`;

describe('expectation profiles over a ledger', () => {
  const dir = withLedgers({ [CSG]: csgLedger(), [PROFILE]: profileLedger });
  const param = (expect: 'current' | 'page') =>
    loadContracts({ dir, expect }).byId('aliyun.ecs.CreateSnapshotGroup').request.parameters.find((p) => p.name === 'InstanceId')!;

  it('a superseded claim: current expects the newer value, page the page value', () => {
    expect(param('current').required).toBe(false);
    expect(param('page').required).toBe(true);
    const view = loadContracts({ dir, expect: 'current' }).byId('aliyun.ecs.CreateSnapshotGroup').$evidence!;
    expect(view.applied['param:InstanceId.required']).toEqual({ claim: 'instance-id-optional', value: false, replaced: [true] });
  });

  it('a disputed answer: every value is recorded under current, and no value replaces another', () => {
    const c = loadContracts({ dir, expect: 'current' }).byId('aliyun.ecs.CreateSnapshotGroup');
    expect(c.$evidence!.disputes['common:bad-signature.status']).toEqual({ claim: 'signature-status', values: [400, 403] });
    // the page is silent on this one (no `page` among its sources): page falls back to current
    expect(loadContracts({ dir, expect: 'page' }).byId('aliyun.ecs.CreateSnapshotGroup').$evidence!.disputes['common:bad-signature.status']?.values).toEqual([400, 403]);
  });

  it('without ledgers, both profiles see the contract as stored', () => {
    const plain = withLedgers({});
    for (const profile of ['current', 'page'] as const) {
      const p = loadContracts({ dir: plain, expect: profile }).byId('aliyun.ecs.CreateSnapshotGroup').request.parameters.find((x) => x.name === 'InstanceId')!;
      expect(p.required).toBe(true);
    }
  });

  it('adds are merged under current only', () => {
    const d = withLedgers({ [CSG]: csgLedger(`adds:
  parameters:
    - { name: ClientToken, docName: ClientToken, in: query, required: false, schema: { type: string, maxLength: 64 }, sources: [sdk-ts] }
`) });
    const names = (expect: 'current' | 'page') => loadContracts({ dir: d, expect }).byId('aliyun.ecs.CreateSnapshotGroup').request.parameters.map((p) => p.name);
    expect(names('current')).toContain('ClientToken');
    expect(names('page')).not.toContain('ClientToken');
  });

  it('refuses an unknown profile name', () => {
    expect(() => loadContracts({ dir, expect: 'newest' as never })).toThrow(/unknown expectation profile "newest"/);
  });
});

// [what is wrong, ledger text, line, reason]
const BROKEN: [string, string, number, string][] = [
  ['unknown source', csgLedger().replace('param:InstanceId: [sdk-ts]', 'param:InstanceId: [sdk-go]'), 16, "unknown source 'sdk-go' (sources: sdk-ts, tf, page)"],
  ['a key that names nothing', csgLedger().replace('param:InstanceId: [sdk-ts]', 'param:InstanceID: [sdk-ts]'), 16, "backing: 'param:InstanceID' names no expectation of aliyun.ecs.CreateSnapshotGroup"],
  ['disputed on a non-answer', csgLedger().replace('kind: superseded', 'kind: disputed').replace('    current: false\n', ''), 20, 'disputed is only for answers (.status, .code, .answer), not \'param:InstanceId.required\': make it superseded, or record one source as single'],
  ['current not among the values', csgLedger().replace('current: false', 'current: maybe'), 24, 'current: "maybe" is none of the values the sources say'],
  ['a client without its commit', csgLedger().replace(`    commit: ${COMMIT}\n`, ''), 9, "sources/tf: must have required property 'commit'"],
  // what a ledger adds is checked against the contract schema's definition of that part (its sources set aside)
  ['an added parameter in no known place', csgLedger('adds:\n  parameters:\n    - { name: ClientToken, docName: ClientToken, in: cookie, required: false, schema: { type: string }, sources: [sdk-ts] }\n'), 28, 'adds/parameters/0/in: must be one of query, form, path, header, body (got "cookie")'],
  ['an added error row with a misspelt key', csgLedger('adds:\n  errors:\n    - { status: 400, code: Bad, mesage: bad, sources: [tf] }\n'), 28, "adds/errors/0: must have required property 'message'"],
  ['an added rule of no known kind', csgLedger('adds:\n  rules:\n    - id: r\n      kind: wish\n      doc: d\n      sources: [tf]\n'), 29, 'adds/rules/0/kind: must be one of precondition, effect, idempotency, limit, filter, paging (got "wish")'],
  ['an added field without its schema', csgLedger('adds:\n  fields:\n    - { path: Extra, sources: [tf] }\n'), 28, "adds/fields/0: must have required property 'schema'"],
  ['a ledger for another contract', csgLedger().replace('for: aliyun.ecs.CreateSnapshotGroup', 'for: aliyun.ecs.DeleteSnapshot'), 1, "for: 'aliyun.ecs.DeleteSnapshot', but the file beside this ledger is aliyun.ecs.CreateSnapshotGroup"],
];

describe('broken ledgers', () => {
  it.each(BROKEN)('%s', (_what, text, line, reason) => {
    const dir = withLedgers({ [CSG]: text });
    let thrown: unknown;
    try { loadContracts({ dir }); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(ContractError);
    const err = thrown as ContractError;
    expect({ file: err.file, line: err.line, reason: err.reason }).toEqual({ file: expect.stringContaining(CSG), line, reason });
  });
});
