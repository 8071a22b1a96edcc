// `drift --sdk`: contracts against the vendor SDK's own models. Real output for Alibaba lists the
// known differences; a synthetic contract missing or inventing a field is reported; vendors without
// models say so per operation.
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../core/types.ts';
import { sdkDrift } from '../../drift/sdk-drift.ts';
import { loadContracts, type LoadedContracts } from '../../loader/index.ts';

const loaded = loadContracts({ expect: 'page' });
const subjects = (id: string, kind: string, from: LoadedContracts = loaded) =>
  sdkDrift('aliyun', from).compared.find((c) => c.contract === id)!.changes.filter((c) => c.kind === kind).map((c) => c.subject);
const withContract = (c: Contract): LoadedContracts => ({ ...loaded, contracts: [c] });
const clone = (id: string) => structuredClone(loaded.byId(id));

describe('drift --sdk aliyun: the real contracts vs @alicloud/ecs20140526', () => {
  const result = sdkDrift('aliyun', loaded);

  it('compares every Alibaba contract with the installed package', () => {
    expect(result.compared.map((c) => c.contract)).toEqual(loaded.contracts.filter((c) => c.vendor === 'aliyun').map((c) => c.id));
    expect(result.compared.every((c) => /^@alicloud\/ecs20140526@\d/.test(c.package))).toBe(true);
    expect(result.notCompared).toEqual([]);
  });

  it('CreateSnapshotGroup: the SDK has parameters the page does not list (real drift)', () => {
    expect(subjects('aliyun.ecs.CreateSnapshotGroup', 'sdk-only')).toEqual(expect.arrayContaining(
      ['param ClientToken', 'param DiskId', 'param ResourceGroupId', 'param StorageLocationArn', 'param Tag']));
    const tag = result.compared[0]!.changes.find((c) => c.subject === 'param Tag')!;
    expect(tag).toMatchObject({ classification: 'compatible', after: 'array of object' });
    expect(tag.why).toContain('Duplicate.TagKey'); // the page's own error rows name Tag.N.Key
  });

  it('owner fields are SDK-only on every request; ResourceOwnerAccount is a profile common parameter', () => {
    for (const c of result.compared) {
      expect(c.changes.filter((x) => x.kind === 'sdk-only' && /Owner/.test(x.subject)).map((x) => x.subject))
        .toEqual(['param OwnerAccount', 'param OwnerId', 'param ResourceOwnerAccount', 'param ResourceOwnerId']);
    }
    expect(result.compared[1]!.changes.find((c) => c.subject === 'param ResourceOwnerAccount')!.why).toContain('aliyun-rpc profile');
  });

  it('DeleteSnapshot: neither the page nor this SDK version has RegionId (no drift on it)', () => {
    expect(subjects('aliyun.ecs.DeleteSnapshot', 'sdk-only')).not.toContain('param RegionId');
    expect(subjects('aliyun.ecs.DeleteSnapshot', 'contract-only')).toEqual(['param Action']);
  });

  it('Action is contract-only but compatible: the SDK client sends it itself', () => {
    for (const c of result.compared) {
      expect(c.changes.filter((x) => x.kind === 'contract-only').map((x) => [x.subject, x.classification])).toEqual([['param Action', 'compatible']]);
    }
  });

  it('response models (nested, with arrays) agree with the contracts', () => {
    for (const c of result.compared) expect(c.changes.filter((x) => x.subject.startsWith('field '))).toEqual([]);
  });
});

describe('drift --sdk aliyun: synthetic contracts', () => {
  it('a parameter the SDK has and the contract lacks is sdk-only (compatible)', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.request.parameters = c.request.parameters.filter((p) => p.name !== 'Force');
    expect(subjects(c.id, 'sdk-only', withContract(c))).toContain('param Force');
  });

  it('a parameter only the contract has is contract-only, potentially breaking', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.request.parameters.push({ name: 'Bogus', docName: 'Bogus', in: 'query', required: false, schema: { type: 'string' }, line: 99 });
    const ch = sdkDrift('aliyun', withContract(c)).compared[0]!.changes.find((x) => x.subject === 'param Bogus')!;
    expect(ch).toMatchObject({ kind: 'contract-only', classification: 'breaking-for-clients', line: 99 });
  });

  it('a type difference is reported (integer and number are the same to the SDK)', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.request.parameters.find((p) => p.name === 'Force')!.schema = { type: 'string' };
    expect(sdkDrift('aliyun', withContract(c)).compared[0]!.changes.filter((x) => x.kind === 'type-changed').map((x) => [x.subject, x.before, x.after]))
      .toEqual([['param Force', 'string', 'boolean']]);
    expect(subjects('aliyun.ecs.CreateSnapshotGroup', 'type-changed')).toEqual([]); // InstantAccessRetentionDays: integer vs number
  });

  it('a nested response field missing from the contract is sdk-only', () => {
    const c = clone('aliyun.ecs.DeleteSnapshotGroup');
    const item = ((c.response.schema!.properties as any).OperationProgressSet.properties.OperationProgress.items);
    delete item.properties.ErrorMsg;
    expect(subjects(c.id, 'sdk-only', withContract(c))).toContain('field OperationProgressSet.OperationProgress.ErrorMsg');
  });
});

describe('drift --sdk for vendors without models', () => {
  it('Volcengine says so per operation', () => {
    const r = sdkDrift('volcengine', loaded);
    expect(r.compared).toEqual([]);
    expect(r.notCompared).toEqual([{ contract: 'volcengine.ecs.DeleteInstances', message: expect.stringMatching(/^no machine-readable models for DeleteInstances in @volcengine\/openapi@\d+\.\d+\.\d+: not compared/) }]);
  });

  it('Huawei says so per operation', () => {
    const r = sdkDrift('huaweicloud', loaded);
    expect(r.notCompared).toEqual([{ contract: 'huaweicloud.evs.DeleteSnapshot', message: expect.stringMatching(/^no machine-readable models for DeleteSnapshot in @huaweicloud\/huaweicloud-sdk-\w+@[\d.]+: not compared/) }]);
  });
});
