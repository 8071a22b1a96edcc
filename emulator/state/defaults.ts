// Default fields per entity kind (core/world.ts names), so fixtures need give only what matters.
import { EMULATOR_REGIONS, EMULATOR_TEST_CREDENTIALS } from '../../core/test-credentials.ts';
import { ENTITY_KINDS } from '../../core/world.ts';
import type { Vendor } from '../../core/types.ts';
import type { Entity } from './types.ts';
import { newId, randomAlnum } from './ids.ts';

export function isKnownKind(vendor: string, kind: string): vendor is Vendor {
  const table: Partial<Record<string, readonly string[]>> = ENTITY_KINDS;
  const kinds = table[vendor];
  return !!kinds && kinds.includes(kind);
}

type Filler = (f: Record<string, unknown>, now: number) => Record<string, unknown>;

const ALIYUN: Record<string, Filler> = {
  region: () => ({ name: '' }),
  account: () => ({ balance: 100, snapshotServiceEnabled: true, snapshotQuota: 1000 }),
  instance: () => ({ regionId: EMULATOR_REGIONS.aliyun, status: 'Running', lockedForSecurity: false }),
  disk: (f) => ({
    regionId: EMULATOR_REGIONS.aliyun, instanceId: null, category: 'cloud_essd',
    status: f.instanceId ? 'In_use' : 'Available', sizeGiB: 40, multiAttach: false,
    neverAttached: false, neverUsed: false, inArrears: false, transferring: false, sourceSnapshotId: null,
  }),
  snapshot: (f, now) => ({
    regionId: EMULATOR_REGIONS.aliyun, diskId: null, name: `snap-${randomAlnum(6)}`, status: 'accomplished',
    progress: f.status === 'progressing' ? 0 : 100, usedByImageIds: [], usedByDiskIds: [], groupId: null,
    createdAt: new Date(now).toISOString(),
  }),
  image: () => ({ regionId: EMULATOR_REGIONS.aliyun, snapshotIds: [] }),
  snapshotGroup: (_f, now) => ({
    regionId: EMULATOR_REGIONS.aliyun, instanceId: '', name: '', description: '', resourceGroupId: '', snapshotIds: [],
    createdAt: new Date(now).toISOString(),
  }),
};

const VOLCENGINE: Record<string, Filler> = {
  region: () => ({ name: '' }),
  instance: () => ({
    region: EMULATOR_REGIONS.volcengine, status: 'RUNNING', billing: 'PostPaid', expired: false, spot: false,
    dedicatedHostStatus: null,
  }),
};

const HUAWEI: Record<string, Filler> = {
  project: () => ({ region: EMULATOR_REGIONS.huaweicloud }),
  snapshot: () => ({
    projectId: EMULATOR_TEST_CREDENTIALS.huaweicloud.projectId, name: `snapshot-${randomAlnum(6)}`, status: 'available',
  }),
};

/** Every vendor: an injected fault (core/world.ts InjectedFault). */
const fault: Filler = () => ({ outcome: 'throttle', operation: null });

const FILLERS: Record<Vendor, Record<string, Filler>> = {
  aliyun: { ...ALIYUN, fault }, volcengine: { ...VOLCENGINE, fault }, huaweicloud: { ...HUAWEI, fault },
};

/** A complete entity: defaults, then the given fields, then an id (given or new in vendor format). */
export function withDefaults(vendor: Vendor, kind: string, fields: Record<string, unknown>, now: number): Entity {
  const fill = FILLERS[vendor][kind];
  const base = fill ? fill(fields, now) : {};
  const id = typeof fields.id === 'string' && fields.id !== '' ? fields.id : newId(vendor, kind);
  return { ...base, ...fields, id };
}
