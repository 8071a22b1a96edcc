// One targeted probe per mutant: a request (on the demo world, plus a few explicit fixtures) whose
// answer, or the state after it, differs between the reference emulator and the mutant.
import { EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import type { OperationCall, ProtocolTweak, Vendor, WireResponse } from '../../core/types.ts';
import { dispatch } from '../../adapters/inprocess-shim.ts';
import { createEmulator, type Emulator } from '../../emulator/index.ts';
import type { Store } from '../../emulator/state/store.ts';
import { loadContracts } from '../../loader/index.ts';
import { protocolFor } from '../../protocols/index.ts';
import type { ExpectProfile } from '../../core/evidence.ts';

export const LOADED = loadContracts();
const LOADED_PAGE = loadContracts({ expect: 'page' });

export interface Probe {
  /** Contract id. */
  op: string;
  params: Record<string, unknown>;
  format?: 'XML';
  tweak?: ProtocolTweak;
  /** Extra fixtures (explicit ids, so both emulators hold the same world). */
  setup?: (store: Store) => void;
  /** Calls made first (idempotency); the probe's own answer is compared. */
  before?: Record<string, unknown>[];
  /** Send the very same signed request twice and compare the second answer (nonce replay). */
  replay?: boolean;
  /** State read after the call, compared too. */
  state?: (store: Store) => unknown;
  /** The profile the emulator plays (default current): a mutant scoped to one profile is probed under it. */
  behaviour?: ExpectProfile;
}

const CSG = 'aliyun.ecs.CreateSnapshotGroup';
const DS = 'aliyun.ecs.DeleteSnapshot';
const DSG = 'aliyun.ecs.DeleteSnapshotGroup';
const DI = 'volcengine.ecs.DeleteInstances';
const HW = 'huaweicloud.evs.DeleteSnapshot';
const R = { RegionId: 'cn-hangzhou' };
const PID = '0123456789abcdef0123456789abcdef';
const hw = (n: number) => ({ project_id: PID, snapshot_id: `5f0b8a52-000${n}-4a1e-9c3d-00000000000${n}` });
const ids = (n: number, p = 'i-probe') => Array.from({ length: n }, (_, i) => `${p}${String(i).padStart(4, '0')}`);
const exists = (vendor: Vendor, kind: string, id: string) => (s: Store) => s.get(vendor, kind, id) !== undefined;

export const PROBES: Record<string, Probe> = {
  // Alibaba CreateSnapshotGroup
  'aliyun.CreateSnapshotGroup.instance-status-unchecked': { op: CSG, params: { ...R, InstanceId: 'i-demostarting00000001' } },
  'aliyun.CreateSnapshotGroup.non-essd-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demononessd000000001' } },
  'aliyun.CreateSnapshotGroup.multi-attach-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demomultiattach00001' } },
  'aliyun.CreateSnapshotGroup.locked-instance-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demolocked0000000001' } },
  'aliyun.CreateSnapshotGroup.eleven-disks-accepted': {
    op: CSG, params: { ...R, InstanceId: 'i-probeeleven000000001' }, behaviour: 'page',
    setup: (s) => {
      s.create('aliyun', 'instance', { id: 'i-probeeleven000000001', regionId: 'cn-hangzhou', status: 'Running' });
      for (const id of ids(11, 'd-probe')) s.create('aliyun', 'disk', { id, instanceId: 'i-probeeleven000000001', category: 'cloud_essd', status: 'In_use', sizeGiB: 20 });
    },
  },
  'aliyun.CreateSnapshotGroup.exclude-disk-ignored': { op: CSG, params: { ...R, InstanceId: 'i-demomultiattach00001', ExcludeDiskId: ['d-demomultiattach00001'] } },
  'aliyun.CreateSnapshotGroup.quota-unchecked': {
    op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001' },
    setup: (s) => { s.create('aliyun', 'account', { balance: 100, snapshotServiceEnabled: true, snapshotQuota: 1 }); },
  },
  'aliyun.CreateSnapshotGroup.name-max-127': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', Name: `N${'a'.repeat(127)}` } },
  'aliyun.CreateSnapshotGroup.name-min-1': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', Name: 'N' } },
  'aliyun.CreateSnapshotGroup.description-max-257': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', Description: 'd'.repeat(257) } },
  'aliyun.CreateSnapshotGroup.retention-days-max-65534': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', InstantAccess: true, InstantAccessRetentionDays: 65535 } },
  'aliyun.CreateSnapshotGroup.name-pattern-unchecked': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', Name: '1name' } },
  'aliyun.CreateSnapshotGroup.description-http-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', Description: 'http://example.com' } },
  'aliyun.CreateSnapshotGroup.exclude-17-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', ExcludeDiskId: ids(17, 'd-nope') }, behaviour: 'page' },
  'aliyun.CreateSnapshotGroup.exclude-max-15': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', ExcludeDiskId: ids(16, 'd-nope') }, behaviour: 'page' },
  'aliyun.CreateSnapshotGroup.exclude-129-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', ExcludeDiskId: ids(129, 'd-nope') } },
  'aliyun.CreateSnapshotGroup.exclude-max-127': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', ExcludeDiskId: ids(128, 'd-nope') } },
  'aliyun.CreateSnapshotGroup.disk-id-129-accepted': { op: CSG, params: { ...R, DiskId: ids(129, 'd-nope') } },
  'aliyun.CreateSnapshotGroup.instance-id-still-required': { op: CSG, params: { ...R, DiskId: ['d-demosystem0000000001'] } },
  'aliyun.CreateSnapshotGroup.disk-id-ignored': { op: CSG, params: { ...R, DiskId: ['d-demosystem0000000001'] } },
  'aliyun.CreateSnapshotGroup.client-token-ignored': {
    op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', ClientToken: 'probe-token-1' },
    before: [{ ...R, InstanceId: 'i-demorunning000000001', ClientToken: 'probe-token-1' }],
  },
  'aliyun.CreateSnapshotGroup.token-mismatch-replayed': {
    op: CSG, params: { ...R, InstanceId: 'i-demostopped000000001', ClientToken: 'probe-token-2' },
    before: [{ ...R, InstanceId: 'i-demorunning000000001', ClientToken: 'probe-token-2' }],
  },
  'aliyun.CreateSnapshotGroup.retention-days-fraction-accepted': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', InstantAccess: true, InstantAccessRetentionDays: '1.5' } },
  'aliyun.CreateSnapshotGroup.instant-access-true-rejected': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001', InstantAccess: true } },
  'aliyun.CreateSnapshotGroup.instance-id-optional': { op: CSG, params: { ...R }, behaviour: 'page' },
  'aliyun.CreateSnapshotGroup.instance-status-403': { op: CSG, params: { ...R, InstanceId: 'i-demostarting00000001' } },
  'aliyun.CreateSnapshotGroup.locked-wrong-code': { op: CSG, params: { ...R, InstanceId: 'i-demolocked0000000001' } },
  'aliyun.CreateSnapshotGroup.group-id-missing': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001' } },
  'aliyun.CreateSnapshotGroup.group-id-number': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001' } },
  'aliyun.CreateSnapshotGroup.xml-field-renamed': { op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001' }, format: 'XML' },
  // Alibaba DeleteSnapshot
  'aliyun.DeleteSnapshot.force-ignored': { op: DS, params: { SnapshotId: 's-demousedbydisk000001', Force: true } },
  'aliyun.DeleteSnapshot.image-snapshot-deleted': { op: DS, params: { SnapshotId: 's-demousedbyimage00001' } },
  'aliyun.DeleteSnapshot.force-deletes-image-snapshot': { op: DS, params: { SnapshotId: 's-demousedbyimage00001', Force: true } },
  'aliyun.DeleteSnapshot.disk-snapshot-deleted': { op: DS, params: { SnapshotId: 's-demousedbydisk000001' } },
  'aliyun.DeleteSnapshot.force-type-unchecked': { op: DS, params: { SnapshotId: 's-demoplain00000000001', Force: 'yes' } },
  'aliyun.DeleteSnapshot.force-false-rejected': { op: DS, params: { SnapshotId: 's-demoplain00000000001', Force: false } },
  'aliyun.DeleteSnapshot.snapshot-id-optional': { op: DS, params: {} },
  'aliyun.DeleteSnapshot.error-code-lowercase': { op: DS, params: { SnapshotId: 's-demousedbyimage00001' } },
  'aliyun.DeleteSnapshot.invented-code': { op: DS, params: { SnapshotId: 's-probenotthere000001' } },
  'aliyun.DeleteSnapshot.request-id-missing': { op: DS, params: { SnapshotId: 's-demoplain00000000001' } },
  'aliyun.DeleteSnapshot.xml-error-as-json': { op: DS, params: {}, format: 'XML' },
  // Alibaba DeleteSnapshotGroup
  'aliyun.DeleteSnapshotGroup.image-snapshots-deleted': { op: DSG, params: { ...R, SnapshotGroupId: 'ssg-demogroup00000000001' }, state: exists('aliyun', 'snapshot', 's-demousedbyimage00001') },
  'aliyun.DeleteSnapshotGroup.group-kept': { op: DSG, params: { ...R, SnapshotGroupId: 'ssg-demogroup00000000001' }, state: exists('aliyun', 'snapshotGroup', 'ssg-demogroup00000000001') },
  'aliyun.DeleteSnapshotGroup.region-unchecked': { op: DSG, params: { RegionId: 'xx-nowhere-1', SnapshotGroupId: 'ssg-demogroup00000000001' } },
  'aliyun.DeleteSnapshotGroup.not-found-400': { op: DSG, params: { ...R, SnapshotGroupId: 'ssg-nope' } },
  'aliyun.DeleteSnapshotGroup.operation-status-lowercase': { op: DSG, params: { ...R, SnapshotGroupId: 'ssg-demogroup00000000001' } },
  'aliyun.DeleteSnapshotGroup.progress-not-a-list': { op: DSG, params: { ...R, SnapshotGroupId: 'ssg-demogroup00000000001' } },
  // Alibaba protocol
  'aliyun.signature-unchecked': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { auth: 'bad-signature' } },
  'aliyun.expired-timestamp-accepted': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { auth: 'expired' } },
  'aliyun.nonce-reuse-accepted': { op: DS, params: { SnapshotId: 's-doesnotexist0000' }, replay: true },
  'aliyun.unknown-key-as-bad-signature': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { auth: 'unknown-key' } },
  'aliyun.rpc-v1-signature-rejected': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { scheme: 'rpc-v1' } },
  'aliyun.unknown-action-accepted': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { action: 'NoSuchAction' } },
  'aliyun.CreateSnapshotGroup.never-accomplished': {
    op: CSG, params: { ...R, InstanceId: 'i-demorunning000000001' },
    // an hour later on the emulator's clock: the reference's group is accomplished, the mutant's still progressing
    state: (s) => { s.data.clockOffsetMs += 3_600_000; s.tick(); return s.list('aliyun', 'snapshotGroup').map((g) => s.groupStatus(g)).sort(); },
  },
  'aliyun.DescribeSnapshotGroups.hides-progressing': {
    op: 'aliyun.ecs.DescribeSnapshotGroups', params: { ...R, SnapshotGroupId: ['ssg-probeprogressing01'] },
    setup: (s) => { s.create('aliyun', 'snapshotGroup', { id: 'ssg-probeprogressing01', regionId: 'cn-hangzhou', status: 'progressing', createdAt: '2026-01-01T00:00:00.000Z' }); },
  },
  'aliyun.DescribeSnapshots.hides-progressing': {
    op: 'aliyun.ecs.DescribeSnapshots', params: { ...R, SnapshotIds: '["s-probeprogressing0001"]' },
    setup: (s) => { s.create('aliyun', 'snapshot', { id: 's-probeprogressing0001', name: 'probe-snap', regionId: 'cn-hangzhou', status: 'progressing', progress: 30, createdAt: '2026-01-01T00:00:00.000Z' }); },
  },
  'huaweicloud.ShowSnapshot.hides-deleting': {
    op: 'huaweicloud.evs.ShowSnapshot', params: { project_id: '0123456789abcdef0123456789abcdef', snapshot_id: '5f0b8a52-0000-4a1e-9c3d-0000000000de' },
    setup: (s) => { s.create('huaweicloud', 'snapshot', { id: '5f0b8a52-0000-4a1e-9c3d-0000000000de', projectId: '0123456789abcdef0123456789abcdef', name: 'probe', status: 'deleting', createdAt: '2026-01-01T00:00:00Z' }); },
  },
  'huaweicloud.DeleteSnapshot.stays-deleting': {
    op: HW, params: { project_id: '0123456789abcdef0123456789abcdef', snapshot_id: '5f0b8a52-0000-4a1e-9c3d-0000000000df' },
    setup: (s) => { s.create('huaweicloud', 'snapshot', { id: '5f0b8a52-0000-4a1e-9c3d-0000000000df', projectId: '0123456789abcdef0123456789abcdef', name: 'probe', status: 'available' }); },
    // an hour later on the emulator's clock: the reference's snapshot is gone, the mutant's still deleting
    state: (s) => { s.data.clockOffsetMs += 3_600_000; s.tick(); return s.get('huaweicloud', 'snapshot', '5f0b8a52-0000-4a1e-9c3d-0000000000df')?.status ?? 'gone'; },
  },
  'volcengine.DeleteInstance.prepaid-allowed': { op: 'volcengine.ecs.DeleteInstance', params: { InstanceId: 'i-demoprepaidactive1' } },
  'volcengine.DescribeInstances.hides-deleting': {
    op: 'volcengine.ecs.DescribeInstances', params: { InstanceIds: ['i-probedeleting000001'] },
    setup: (s) => { s.create('volcengine', 'instance', { id: 'i-probedeleting000001', status: 'DELETING', billing: 'PostPaid' }); },
  },
  'volcengine.DeleteInstances.never-deleted': {
    op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] },
    // an hour later on the emulator's clock: the reference's instance is gone, the mutant's still DELETING
    state: (s) => { s.data.clockOffsetMs += 3_600_000; s.tick(); return s.get('volcengine', 'instance', 'i-demopostpaidrun001')?.status ?? 'gone'; },
  },
  'aliyun.unknown-action-as-not-found': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { action: 'NoSuchAction' } },
  'aliyun.wrong-version-accepted': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { version: '2000-01-01' } },
  'aliyun.any-method-accepted': { op: DS, params: { SnapshotId: 's-demoplain00000000001' }, tweak: { method: 'PUT' } },
  'aliyun.content-type-text-plain': { op: DS, params: { SnapshotId: 's-demoplain00000000001' } },
  'aliyun.xml-error-root': { op: DS, params: {}, format: 'XML' },
  'aliyun.error-code-field-renamed': { op: DS, params: {} },
  // Volcengine DeleteInstances
  'volcengine.DeleteInstances.prepaid-deleted': { op: DI, params: { InstanceIds: ['i-demoprepaidactive1'] } },
  'volcengine.DeleteInstances.item-errors-fail-request': { op: DI, params: { InstanceIds: ['i-doesnotexist000000'] } },
  'volcengine.DeleteInstances.item-code-wrong': { op: DI, params: { InstanceIds: ['i-doesnotexist000000'] } },
  'volcengine.DeleteInstances.dedicated-host-unchecked': { op: DI, params: { InstanceIds: ['i-demodedicatedhst01'] } },
  'volcengine.DeleteInstances.client-token-ignored': {
    op: DI, params: { InstanceIds: ['i-demopostpaidrun001'], ClientToken: 'probe-token-1' },
    before: [{ InstanceIds: ['i-demopostpaidrun001'], ClientToken: 'probe-token-1' }],
  },
  'volcengine.DeleteInstances.token-mismatch-replayed': {
    op: DI, params: { InstanceIds: ['i-demopostpaidstop01'], ClientToken: 'probe-token-2' },
    before: [{ InstanceIds: ['i-demopostpaidrun001'], ClientToken: 'probe-token-2' }],
  },
  'volcengine.DeleteInstances.accepts-101-ids': { op: DI, params: { InstanceIds: ids(101) } },
  'volcengine.DeleteInstances.rejects-100-ids': { op: DI, params: { InstanceIds: ids(100) } },
  'volcengine.DeleteInstances.client-token-65-accepted': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'], ClientToken: 't'.repeat(65) } },
  'volcengine.DeleteInstances.client-token-non-ascii': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'], ClientToken: 'tokén' } },
  'volcengine.DeleteInstances.instance-ids-optional': { op: DI, params: {} },
  'volcengine.DeleteInstances.instance-id-renamed': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] } },
  'volcengine.signature-unchecked': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] }, tweak: { auth: 'bad-signature' } },
  'volcengine.expired-timestamp-accepted': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] }, tweak: { auth: 'expired' } },
  'volcengine.wrong-version-accepted': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] }, tweak: { version: '2000-01-01' } },
  'volcengine.unknown-action-accepted': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] }, tweak: { action: 'NoSuchAction' } },
  'volcengine.request-id-missing': { op: DI, params: { InstanceIds: ['i-demopostpaidrun001'] } },
  'volcengine.error-outside-metadata': { op: DI, params: {} },
  'volcengine.invalid-argument-404': { op: DI, params: { InstanceIds: ids(101) } },
  // Huawei DeleteSnapshot
  'huaweicloud.DeleteSnapshot.status-unchecked': { op: HW, params: hw(3) },
  'huaweicloud.DeleteSnapshot.autobk-deletable': { op: HW, params: hw(4) },
  'huaweicloud.DeleteSnapshot.autobk-anywhere': {
    op: HW, params: hw(9),
    setup: (s) => { s.create('huaweicloud', 'snapshot', { id: hw(9).snapshot_id, projectId: PID, name: 'daily_autobk_snapshot_1', status: 'available' }); },
  },
  'huaweicloud.DeleteSnapshot.unknown-id-accepted': { op: HW, params: hw(8) },
  'huaweicloud.DeleteSnapshot.success-200': { op: HW, params: hw(1) },
  'huaweicloud.DeleteSnapshot.success-with-body': { op: HW, params: hw(1) },
  'huaweicloud.DeleteSnapshot.not-found-400': { op: HW, params: hw(8), behaviour: 'page' },
  'huaweicloud.DeleteSnapshot.bad-request-code-case': { op: HW, params: hw(3), behaviour: 'page' },
  'huaweicloud.DeleteSnapshot.evs-not-found-400': { op: HW, params: hw(8) },
  'huaweicloud.DeleteSnapshot.evs-code-lowercase': { op: HW, params: hw(3) },
  'huaweicloud.error-envelope-flat': { op: HW, params: hw(3) },
  'huaweicloud.request-id-missing': { op: HW, params: hw(1) },
  'huaweicloud.signature-unchecked': { op: HW, params: hw(1), tweak: { auth: 'bad-signature' } },
  'huaweicloud.expired-timestamp-accepted': { op: HW, params: hw(1), tweak: { auth: 'expired' } },
};

/** What a probe observed, normalised: request ids and generated resource ids replaced. */
export interface Observation { status: number; headers: Record<string, string>; body: string; state?: unknown }

const REQUEST_ID_HEADERS = ['x-acs-request-id', 'x-tt-logid', 'x-request-id'];

function normalise(vendor: Vendor, res: WireResponse): Omit<Observation, 'state'> {
  const rids = new Set<string>();
  const parsed = protocolFor(vendor).parseResponse(res);
  if (parsed.requestId) rids.add(parsed.requestId);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (REQUEST_ID_HEADERS.includes(k.toLowerCase())) rids.add(v);
    // a finding's text quotes the request's date and nonce: its kind, parameter and verdict are what a mutant can change
    headers[k.toLowerCase()] = k.toLowerCase() === 'x-emulator-findings'
      ? JSON.stringify((JSON.parse(decodeURIComponent(v)) as { kind: string; parameter: string; verdict: string }[]).map(({ kind, parameter, verdict }) => ({ kind, parameter, verdict })))
      : v;
  }
  const scrub = (s: string) => {
    let out = s;
    for (const id of rids) if (id) out = out.split(id).join('<request-id>');
    return out.replace(/\b(ssg|s)-[a-z0-9]{20}\b/g, '$1-<generated>');
  };
  return { status: res.status, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, scrub(v)])), body: scrub(res.body ?? '') };
}

export function newEmulator(mutants: string[] = [], behaviour: ExpectProfile = 'current'): Emulator {
  return createEmulator({ contracts: behaviour === 'page' ? LOADED_PAGE : LOADED, behaviour, world: 'demo', ...(mutants.length ? { mutants } : {}) });
}

/** Run a probe on a fresh emulator with these mutants. */
export async function observe(probe: Probe, mutants: string[] | Emulator = []): Promise<Observation> {
  const em = Array.isArray(mutants) ? newEmulator(mutants, probe.behaviour) : mutants;
  probe.setup?.(em.state);
  const c = LOADED.byId(probe.op);
  const build = (params: Record<string, unknown>) => {
    const call: OperationCall = { vendor: c.vendor, service: c.service, version: c.version, operation: c.operation, params, ...(probe.format ? { format: probe.format } : {}) };
    return protocolFor(c.vendor).buildRequest(call, {
      credentials: EMULATOR_TEST_CREDENTIALS[c.vendor], host: '127.0.0.1', tweak: probe.tweak,
      route: c.http ? { method: c.http.method, path: c.http.path } : undefined,
    });
  };
  for (const params of probe.before ?? []) await dispatch(em.handler, build(params));
  const wire = build(probe.params);
  let res = await dispatch(em.handler, wire);
  if (probe.replay) res = await dispatch(em.handler, wire);
  return { ...normalise(c.vendor, res), ...(probe.state ? { state: probe.state(em.state) } : {}) };
}
