// The SDK calls every protocol test replays: each names the official-SDK call, the equivalent
// logical OperationCall, and how to read the date/nonce the SDK used from its captured request.
import type { Credentials, OperationCall, Vendor, WireRequest } from '../../core/types.ts';
import { protocolFor } from '../../protocols/index.ts';
import type { BuildContext, Route } from '../../protocols/types.ts';
import { parseWireDate } from '../../protocols/common/dates.ts';
import { parsePairs, splitPath } from '../../protocols/common/rfc3986.ts';
import {
  ALIYUN_CREDS, aliyunClient, type Capture, HW_CREDS, HW_DELETE_ROUTE, huaweiClient, hwDeleteSnapshot, last,
  startCapture, VOLC_CREDS, volcService,
} from './sdk-harness.ts';

export interface Scenario {
  name: string;
  vendor: Vendor;
  credentials: Credentials;
  call: OperationCall;
  /** Alibaba only: which scheme the SDK was configured for. */
  scheme?: 'acs3' | 'rpc-v1';
  method?: string;
  route?: Route;
  /** False when buildRequest cannot express what the SDK sent (unflattened repeated keys). */
  rebuildable: boolean;
  send(c: Capture): Promise<unknown>;
}

export interface Captured extends Scenario { wire: WireRequest }

const STS_CREDS: Credentials = { ...ALIYUN_CREDS, securityToken: 'FakeStsSecurityTokenForProbe' };
const ODD_TEXT = "快照组 描述 *!'()~+&=%/?";

const ecs = (operation: string, params: Record<string, unknown>, extra: Partial<OperationCall> = {}): OperationCall =>
  ({ vendor: 'aliyun', service: 'ecs', version: '2014-05-26', operation, params, ...extra });

const createSnapshotGroupSdk = {
  regionId: 'cn-hangzhou', instanceId: 'i-j6ca469urv8ei629****', excludeDiskId: ['d-j6cf7l0ewidb78lq****', 'd-j6cf7l0ewidb78lr****'],
  instantAccess: true, instantAccessRetentionDays: 1, name: '测试快照组 name*', description: ODD_TEXT,
};
const createSnapshotGroupCall = {
  RegionId: 'cn-hangzhou', InstanceId: 'i-j6ca469urv8ei629****', ExcludeDiskId: ['d-j6cf7l0ewidb78lq****', 'd-j6cf7l0ewidb78lr****'],
  InstantAccess: true, InstantAccessRetentionDays: 1, Name: '测试快照组 name*', Description: ODD_TEXT,
};

function withTags(c: Capture, v1 = false) {
  const a = aliyunClient(c, { v1 });
  const Tag = a.models.CreateSnapshotGroupRequestTag!;
  return a.call('createSnapshotGroup', 'CreateSnapshotGroupRequest', {
    ...createSnapshotGroupSdk, tag: [new Tag({ key: 'env', value: 'prod 生产' }), new Tag({ key: 'team', value: 'a&b' })],
  });
}
const tagsCall = [{ Key: 'env', Value: 'prod 生产' }, { Key: 'team', Value: 'a&b' }];

export const SCENARIOS: Scenario[] = [
  {
    name: 'aliyun acs3 CreateSnapshotGroup (list, tags, Chinese, special chars)', vendor: 'aliyun', credentials: ALIYUN_CREDS, scheme: 'acs3', rebuildable: true,
    call: ecs('CreateSnapshotGroup', { ...createSnapshotGroupCall, Tag: tagsCall }),
    send: (c) => withTags(c),
  },
  {
    name: 'aliyun acs3 DeleteSnapshotGroup', vendor: 'aliyun', credentials: ALIYUN_CREDS, scheme: 'acs3', rebuildable: true,
    call: ecs('DeleteSnapshotGroup', { RegionId: 'cn-hangzhou', SnapshotGroupId: 'ssg-j6c9lpuyxo2uxxny****' }),
    send: (c) => aliyunClient(c).call('deleteSnapshotGroup', 'DeleteSnapshotGroupRequest', { regionId: 'cn-hangzhou', snapshotGroupId: 'ssg-j6c9lpuyxo2uxxny****' }),
  },
  {
    name: 'aliyun acs3 DeleteSnapshot', vendor: 'aliyun', credentials: ALIYUN_CREDS, scheme: 'acs3', rebuildable: true,
    call: ecs('DeleteSnapshot', { SnapshotId: 's-bp1c0doj0taqyzzl****', Force: true }),
    send: (c) => aliyunClient(c).call('deleteSnapshot', 'DeleteSnapshotRequest', { snapshotId: 's-bp1c0doj0taqyzzl****', force: true }),
  },
  {
    name: 'aliyun acs3 DeleteSnapshot with STS token', vendor: 'aliyun', credentials: STS_CREDS, scheme: 'acs3', rebuildable: true,
    call: ecs('DeleteSnapshot', { SnapshotId: 's-bp1c0doj0taqyzzl****' }),
    send: async (c) => {
      const a = aliyunClient(c);
      const { $OpenApiUtil } = (await import('@alicloud/openapi-core')) as unknown as { $OpenApiUtil: { Config: new (o: object) => unknown } };
      const Ecs = a.models;
      const client = new Ecs.default(new $OpenApiUtil.Config({ ...STS_CREDS, endpoint: c.host, protocol: 'http', regionId: 'cn-hangzhou' }));
      return client.deleteSnapshot!(new Ecs.DeleteSnapshotRequest!({ snapshotId: 's-bp1c0doj0taqyzzl****' }));
    },
  },
  {
    name: 'aliyun v1 DeleteSnapshot', vendor: 'aliyun', credentials: ALIYUN_CREDS, scheme: 'rpc-v1', rebuildable: true,
    call: ecs('DeleteSnapshot', { SnapshotId: 's-bp1c0doj0taqyzzl****', Force: false }),
    send: (c) => aliyunClient(c, { v1: true }).call('deleteSnapshot', 'DeleteSnapshotRequest', { snapshotId: 's-bp1c0doj0taqyzzl****', force: false }),
  },
  {
    name: 'aliyun v1 CreateSnapshotGroup (list, tags, Chinese, special chars)', vendor: 'aliyun', credentials: ALIYUN_CREDS, scheme: 'rpc-v1', rebuildable: true,
    call: ecs('CreateSnapshotGroup', { ...createSnapshotGroupCall, Tag: tagsCall }),
    send: (c) => withTags(c, true),
  },
  {
    name: 'volcengine GET DeleteInstances (InstanceIds.1/.2, ClientToken)', vendor: 'volcengine', credentials: VOLC_CREDS, rebuildable: true,
    call: { vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', region: 'cn-beijing',
      params: { InstanceIds: ['i-ybo349sxoncm9t******', 'i-ybo349sxolcm9t******'], ClientToken: '333456899ff****' } },
    send: (c) => volcService(c).createAPI('DeleteInstances', { Version: '2020-04-01' })(
      { 'InstanceIds.1': 'i-ybo349sxoncm9t******', 'InstanceIds.2': 'i-ybo349sxolcm9t******', ClientToken: '333456899ff****' }),
  },
  {
    name: 'volcengine POST form DeleteInstances (X-Content-Sha256)', vendor: 'volcengine', credentials: VOLC_CREDS, method: 'POST', rebuildable: true,
    call: { vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', region: 'cn-beijing',
      params: { InstanceIds: ['i-a b*', 'i-中'], ClientToken: 'tok~!' } },
    send: (c) => volcService(c).createUrlEncodeAPI('DeleteInstances', { Version: '2020-04-01' })(
      { 'InstanceIds.1': 'i-a b*', 'InstanceIds.2': 'i-中', ClientToken: 'tok~!' }),
  },
  {
    name: 'volcengine GET DeleteInstances with an unflattened array (repeated keys)', vendor: 'volcengine', credentials: VOLC_CREDS, rebuildable: false,
    call: { vendor: 'volcengine', service: 'ecs', version: '2020-04-01', operation: 'DeleteInstances', region: 'cn-beijing',
      params: { InstanceIds: ['i-b', 'i-a'] } },
    send: (c) => volcService(c).createAPI('DeleteInstances', { Version: '2020-04-01' })({ InstanceIds: ['i-b', 'i-a'] }),
  },
  {
    name: 'huaweicloud DELETE cloudsnapshots/{snapshot_id}', vendor: 'huaweicloud', credentials: HW_CREDS, route: HW_DELETE_ROUTE, rebuildable: true,
    call: { vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'DeleteSnapshot', params: { snapshot_id: 'f9faf7df-fdc1-4093-9ef3-5cba06eef995' } },
    send: (c) => hwDeleteSnapshot(huaweiClient(c), 'f9faf7df-fdc1-4093-9ef3-5cba06eef995'),
  },
  {
    name: 'huaweicloud GET with query (space, *, ~, Chinese)', vendor: 'huaweicloud', credentials: HW_CREDS, rebuildable: true,
    route: { method: 'GET', path: '/v2/{project_id}/cloudsnapshots/detail' },
    call: { vendor: 'huaweicloud', service: 'evs', version: 'v2', operation: 'ListSnapshots', params: { name: 'a b*c~d中', limit: '10' } },
    send: (c) => huaweiClient(c).sendRequest({
      method: 'GET', url: '/v2/{project_id}/cloudsnapshots/detail', contentType: 'application/json',
      queryParams: { name: 'a b*c~d中', limit: '10' }, pathParams: {}, headers: {}, data: {}, responseHeaders: [''],
    }),
  },
];

/** Answers each SDK with our own success envelope, so the SDK call resolves. */
function answer(req: WireRequest) {
  const vendor = req.headers['x-acs-action'] || req.path.includes('Signature=') ? 'aliyun' : req.headers['x-date'] ? 'volcengine' : 'huaweicloud';
  const op = req.headers['x-acs-action'] ?? 'Op';
  return protocolFor(vendor).renderSuccess(op, vendor === 'huaweicloud' ? null : {}, { requestId: 'CAPTURE-0001' });
}

/** Runs every scenario through its SDK against one capture server on 127.0.0.1. */
export async function captureAll(): Promise<Captured[]> {
  const c = await startCapture();
  c.respond = answer;
  try {
    const out: Captured[] = [];
    for (const s of SCENARIOS) {
      const before = c.requests.length;
      await s.send(c);
      if (c.requests.length !== before + 1) throw new Error(`${s.name}: expected one request, got ${c.requests.length - before}`);
      out.push({ ...s, wire: last(c) });
    }
    return out;
  } finally {
    await c.close();
  }
}

/** The BuildContext that reproduces a captured request: same host, date and nonce. */
export function rebuildContext(s: Captured): BuildContext {
  const h = s.wire.headers;
  const query = Object.fromEntries(parsePairs(splitPath(s.wire.path)[1]));
  const date = h['x-acs-date'] ?? query.Timestamp ?? h['x-date'] ?? h['x-sdk-date'];
  const now = parseWireDate(date);
  if (!now) throw new Error(`${s.name}: no date in the captured request`);
  return {
    credentials: s.credentials, host: h.host!, now, nonce: h['x-acs-signature-nonce'] ?? query.SignatureNonce,
    route: s.route, tweak: { scheme: s.scheme, method: s.method },
  };
}
