// `drift --sdk`: the contracts as their pages give them against the vendor SDK models: Alibaba's
// installed package (required, limits, enums, deprecation from the remarks), Volcengine's and
// Huawei's committed snapshots. Real findings are pinned exactly, so a new one shows up; synthetic
// edits of a contract show that each kind of fact is compared; missing models are said plainly.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contract, Vendor } from '../../core/types.ts';
import { MODELS_DIR } from '../../drift/model-snapshot.ts';
import { sdkDrift } from '../../drift/sdk-drift.ts';
import { loadContracts, type LoadedContracts } from '../../loader/index.ts';

// The seed contracts, transcribed from their pages: the audit is of a page against the SDK. The read
// calls (no stored page) are transcribed from these same models, so the SDK knowing fields they leave
// out is all the audit could say of them (informational, sdk-only): they are left out here.
const all = loadContracts({ expect: 'page' });
const loaded = { ...all, contracts: all.contracts.filter((c) => c.source.file !== null) };
const withContract = (c: Contract): LoadedContracts => ({ ...loaded, contracts: [c] });
const clone = (id: string) => structuredClone(loaded.byId(id));
const param = (c: Contract, name: string) => c.request.parameters.find((p) => p.name === name)!;
const changesOf = (vendor: Vendor, from: LoadedContracts = loaded, modelsDir?: string) => sdkDrift(vendor, from, { modelsDir }).compared.flatMap((c) => c.changes);
const rows = (changes: ReturnType<typeof changesOf>) => changes.map((c) => [c.kind, c.subject, c.before, c.after, c.classification]);

describe('drift --sdk aliyun: the real contracts vs @alicloud/ecs20140526', () => {
  const result = sdkDrift('aliyun', loaded);
  const of = (id: string) => result.compared.find((c) => c.contract === id)!.changes;

  it('compares every Alibaba contract with the installed package, and says what it compares', () => {
    expect(result.compared.map((c) => c.contract)).toEqual(loaded.contracts.filter((c) => c.vendor === 'aliyun').map((c) => c.id));
    expect(result.compared.every((c) => /^@alicloud\/ecs20140526@\d+\.\d+\.\d+ dist\/models\//.test(c.model))).toBe(true);
    expect(result.compared[0]!.scope).toMatch(/required, limits .* enums and deprecation as the field remarks state them/);
    expect(result.notCompared).toEqual([]);
  });

  it('CreateSnapshotGroup: InstanceId required on the page, optional in the model: breaking for emulators', () => {
    const c = of('aliyun.ecs.CreateSnapshotGroup').find((x) => x.subject === 'param InstanceId')!;
    expect(c).toMatchObject({ kind: 'required-changed', before: true, after: false, classification: 'breaking-for-emulators', line: 26 });
    expect(c.modelAt).toMatch(/^dist\/models\/CreateSnapshotGroupRequest\.d\.ts:\d+$/);
    expect(c.why).toContain('an emulator still refuses requests without it');
  });

  it('CreateSnapshotGroup: every finding beyond the SDK-only parameters, exactly', () => {
    expect(rows(of('aliyun.ecs.CreateSnapshotGroup').filter((c) => c.kind !== 'sdk-only'))).toEqual([
      ['contract-only', 'param Action', 'string', undefined, 'compatible'],
      ['constraint-changed', 'param ExcludeDiskId maxItems', 16, 128, 'breaking-for-emulators'],
      ['required-changed', 'param InstanceId', true, false, 'breaking-for-emulators'],
      ['deprecation-changed', 'param InstantAccess', false, true, 'compatible'],
      ['deprecation-changed', 'param InstantAccessRetentionDays', false, true, 'compatible'],
    ]);
  });

  it('facts both sides state alike are not reported (RegionId required; Name 2..128; retention days 1..65535)', () => {
    const subjects = of('aliyun.ecs.CreateSnapshotGroup').map((c) => c.subject);
    for (const s of ['param RegionId', 'param Name', 'param Name minLength', 'param Name maxLength', 'param Description maxLength', 'param InstantAccessRetentionDays maximum']) expect(subjects).not.toContain(s);
  });

  it('CreateSnapshotGroup: the SDK has parameters the page does not list (compatible, informational)', () => {
    expect(of('aliyun.ecs.CreateSnapshotGroup').filter((c) => c.kind === 'sdk-only').map((c) => c.subject)).toEqual(expect.arrayContaining(
      ['param ClientToken', 'param DiskId', 'param ResourceGroupId', 'param StorageLocationArn', 'param Tag']));
    const tag = of('aliyun.ecs.CreateSnapshotGroup').find((c) => c.subject === 'param Tag')!;
    expect(tag).toMatchObject({ classification: 'compatible', after: 'array of object' });
    expect(tag.why).toContain('Duplicate.TagKey'); // the page's own error rows name Tag.N.Key
  });

  it('owner fields are SDK-only on every request; ResourceOwnerAccount is a profile common parameter', () => {
    for (const c of result.compared) {
      expect(c.changes.filter((x) => x.kind === 'sdk-only' && /Owner/.test(x.subject)).map((x) => x.subject))
        .toEqual(['param OwnerAccount', 'param OwnerId', 'param ResourceOwnerAccount', 'param ResourceOwnerId']);
    }
    expect(of('aliyun.ecs.DeleteSnapshot').find((c) => c.subject === 'param ResourceOwnerAccount')!.why).toContain('aliyun-rpc profile');
  });

  it('DeleteSnapshot and DeleteSnapshotGroup: nothing beyond the action and the owner fields', () => {
    for (const id of ['aliyun.ecs.DeleteSnapshot', 'aliyun.ecs.DeleteSnapshotGroup']) {
      expect(rows(of(id).filter((c) => !/Owner/.test(c.subject))), id).toEqual([['contract-only', 'param Action', 'string', undefined, 'compatible']]);
    }
  });

  it('response models (nested, with arrays) agree with the contracts', () => {
    for (const c of result.compared) expect(c.changes.filter((x) => x.subject.startsWith('field '))).toEqual([]);
  });
});

describe('drift --sdk aliyun: synthetic contracts (each kind of fact is compared)', () => {
  const csg = () => clone('aliyun.ecs.CreateSnapshotGroup');

  it('a page that already says InstanceId is optional: no required change', () => {
    const c = csg();
    param(c, 'InstanceId').required = false;
    expect(changesOf('aliyun', withContract(c)).filter((x) => x.kind === 'required-changed')).toEqual([]);
  });

  it('RegionId optional on a page: optional -> required is breaking for clients', () => {
    const c = csg();
    param(c, 'RegionId').required = false;
    expect(rows(changesOf('aliyun', withContract(c)).filter((x) => x.subject === 'param RegionId'))).toEqual([['required-changed', 'param RegionId', false, true, 'breaking-for-clients']]);
  });

  it('a page limit the model states otherwise, either way', () => {
    const c = csg();
    param(c, 'Name').schema.maxLength = 256;
    param(c, 'InstantAccessRetentionDays').schema.minimum = 0;
    expect(rows(changesOf('aliyun', withContract(c)).filter((x) => x.kind === 'constraint-changed'))).toEqual([
      ['constraint-changed', 'param ExcludeDiskId maxItems', 16, 128, 'breaking-for-emulators'],
      ['constraint-changed', 'param InstantAccessRetentionDays minimum', 0, 1, 'breaking-for-clients'],
      ['constraint-changed', 'param Name maxLength', 256, 128, 'breaking-for-clients'],
    ]);
  });

  it('a page that marks InstantAccess deprecated agrees with the model', () => {
    const c = csg();
    param(c, 'InstantAccess').schema.deprecated = true;
    expect(changesOf('aliyun', withContract(c)).map((x) => x.subject)).not.toContain('param InstantAccess');
  });

  it('a parameter the SDK has and the contract lacks is sdk-only (compatible)', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.request.parameters = c.request.parameters.filter((p) => p.name !== 'Force');
    expect(rows(changesOf('aliyun', withContract(c)).filter((x) => x.subject === 'param Force'))).toEqual([['sdk-only', 'param Force', undefined, 'boolean', 'compatible']]);
  });

  it('a required parameter the contract lacks is sdk-only and breaking for clients', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.request.parameters = c.request.parameters.filter((p) => p.name !== 'SnapshotId');
    expect(rows(changesOf('aliyun', withContract(c)).filter((x) => x.subject === 'param SnapshotId'))).toEqual([['sdk-only', 'param SnapshotId', undefined, 'string', 'breaking-for-clients']]);
  });

  it('a parameter only the contract has is contract-only, potentially breaking', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.request.parameters.push({ name: 'Bogus', docName: 'Bogus', in: 'query', required: false, schema: { type: 'string' }, line: 99 });
    expect(changesOf('aliyun', withContract(c)).find((x) => x.subject === 'param Bogus')).toMatchObject({ kind: 'contract-only', classification: 'breaking-for-clients', line: 99 });
  });

  it('a type difference is reported (integer and number are the same to the SDK)', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    param(c, 'Force').schema = { type: 'string' };
    expect(rows(changesOf('aliyun', withContract(c)).filter((x) => x.kind === 'type-changed'))).toEqual([['type-changed', 'param Force', 'string', 'boolean', 'breaking-for-clients']]);
  });

  it('a nested response field missing from the contract is sdk-only', () => {
    const c = clone('aliyun.ecs.DeleteSnapshotGroup');
    const item = ((c.response.schema!.properties as any).OperationProgressSet.properties.OperationProgress.items);
    delete item.properties.ErrorMsg;
    expect(changesOf('aliyun', withContract(c)).map((x) => x.subject)).toContain('field OperationProgressSet.OperationProgress.ErrorMsg');
  });
});

describe('drift --sdk volcengine and huaweicloud: the committed snapshots', () => {
  it('Volcengine DeleteInstances: the model agrees with the page; Action and Version are the client\'s own', () => {
    const r = sdkDrift('volcengine', loaded);
    expect(r.notCompared).toEqual([]);
    expect(r.compared.map((c) => [c.contract, c.model])).toEqual([['volcengine.ecs.DeleteInstances', expect.stringMatching(/^volcengine\/volcengine-go-sdk@[0-9a-f]{12} service\/ecs\/api_delete_instances\.go/)]]);
    expect(r.compared[0]!.scope).toContain('no limits, enums or deprecation');
    expect(rows(r.compared[0]!.changes)).toEqual([
      ['contract-only', 'param Action', 'string', undefined, 'compatible'],
      ['contract-only', 'param Version', 'string', undefined, 'compatible'],
    ]);
  });

  it('Huawei DeleteSnapshot: the model agrees with the page (method, path, snapshot_id in the path, no body); project_id comes from the credentials', () => {
    const r = sdkDrift('huaweicloud', loaded);
    expect(r.compared.map((c) => c.model)).toEqual([expect.stringMatching(/^huaweicloud\/huaweicloud-sdk-go-v3@[0-9a-f]{12} services\/evs\/v2\//)]);
    expect(r.compared[0]!.changes.map((c) => [c.kind, c.subject, c.classification, c.why])).toEqual([
      ['contract-only', 'param project_id', 'compatible', expect.stringMatching(/credentials \(core\/auth\/basic_credentials\.go:\d+\)$/)],
    ]);
  });

  it('Volcengine: InstanceIds optional on a page is breaking for clients; a response field the page drops is sdk-only', () => {
    const c = clone('volcengine.ecs.DeleteInstances');
    param(c, 'InstanceIds').required = false;
    delete (c.response.schema!.properties as any).Result.properties.OperationDetails.items.properties.Error;
    expect(rows(changesOf('volcengine', withContract(c)).filter((x) => x.kind !== 'contract-only'))).toEqual([
      ['required-changed', 'param InstanceIds', false, true, 'breaking-for-clients'],
      ['sdk-only', 'field Result.OperationDetails.Error', undefined, 'object', 'compatible'],
    ]);
  });

  it('Volcengine: a limit the model never states is not compared (InstanceIds up to 100 on the page)', () => {
    const c = clone('volcengine.ecs.DeleteInstances');
    param(c, 'InstanceIds').schema.maxItems = 5;
    expect(changesOf('volcengine', withContract(c)).filter((x) => x.kind === 'constraint-changed')).toEqual([]);
  });

  it('Huawei: another location, another path, an optional snapshot_id', () => {
    const c = clone('huaweicloud.evs.DeleteSnapshot');
    param(c, 'snapshot_id').in = 'query';
    param(c, 'snapshot_id').required = false;
    c.http = { method: 'DELETE', path: '/v2/{project_id}/snapshots/{snapshot_id}' };
    expect(rows(changesOf('huaweicloud', withContract(c)).filter((x) => x.kind !== 'contract-only'))).toEqual([
      ['http-changed', 'http', 'DELETE /v2/{project_id}/snapshots/{snapshot_id}', 'DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}', 'breaking-for-clients'],
      ['required-changed', 'param snapshot_id', false, true, 'breaking-for-clients'],
      ['location-changed', 'param snapshot_id', 'query', 'path', 'breaking-for-clients'],
    ]);
  });
});

describe('drift --sdk without a model says so plainly', () => {
  const dirWith = (edit?: (name: string, text: string) => string | undefined) => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-models-'));
    if (edit) {
      cpSync(MODELS_DIR, dir, { recursive: true });
      for (const f of ['volcengine-ecs-2020-04-01.json', 'huaweicloud-evs-v2.json']) {
        const next = edit(f, readFileSync(join(dir, f), 'utf8'));
        if (next !== undefined) writeFileSync(join(dir, f), next);
      }
    }
    return dir;
  };

  it('no snapshot committed for the service', () => {
    const dir = dirWith();
    const r = sdkDrift('volcengine', loaded, { modelsDir: dir });
    expect(r.compared).toEqual([]);
    expect(r.notCompared).toEqual([{ contract: 'volcengine.ecs.DeleteInstances', message: `no SDK model snapshot for volcengine ecs 2020-04-01 (${join(dir, 'volcengine-ecs-2020-04-01.json')} is not committed): not compared` }]);
  });

  it('a snapshot without the operation', () => {
    const dir = dirWith((f, t) => (f.startsWith('huaweicloud') ? t.replace('"DeleteSnapshot": {', '"ShowSnapshot": {') : undefined));
    expect(sdkDrift('huaweicloud', loaded, { modelsDir: dir }).notCompared).toEqual([{ contract: 'huaweicloud.evs.DeleteSnapshot', message: expect.stringMatching(/huaweicloud-evs-v2\.json holds no DeleteSnapshot: not compared$/) }]);
  });

  it('a malformed snapshot is refused, not half-read', () => {
    const dir = dirWith((f, t) => (f.startsWith('volcengine') ? t.replace('"required": true', '"required": "yes"') : undefined));
    expect(() => sdkDrift('volcengine', loaded, { modelsDir: dir })).toThrow(/the SDK model snapshot is malformed: .*InstanceIds\.required: a boolean is required/);
  });

  it('Alibaba without the package installed for a service', () => {
    const c = clone('aliyun.ecs.DeleteSnapshot');
    c.service = 'nosuchservice';
    expect(sdkDrift('aliyun', withContract(c)).notCompared).toEqual([{ contract: c.id, message: 'no machine-readable models for DeleteSnapshot in @alicloud/nosuchservice20140526@(not installed): not compared' }]);
  });
});
