// The world model: entities a target holds and fixtures can create. Contracts' scenarios, the
// generators and the emulator all speak these kinds and field names; the emulator fills defaults.

export interface AliyunInstance {
  id: string; regionId: string;
  status: 'Running' | 'Stopped' | 'Starting' | 'Stopping' | 'Pending';
  lockedForSecurity?: boolean;
}
export interface AliyunDisk {
  id: string; regionId: string; instanceId?: string | null;
  category: 'cloud_essd' | 'cloud_ssd' | 'cloud_efficiency' | 'cloud' | 'cloud_auto';
  status: 'In_use' | 'Available' | 'Attaching' | 'Detaching' | 'Creating' | 'ReIniting';
  sizeGiB: number;
  multiAttach?: boolean;
  neverAttached?: boolean;
  neverUsed?: boolean;
  inArrears?: boolean;
  transferring?: boolean;
  /** Snapshot this disk was created from (DeleteSnapshot "used by disks" rule). */
  sourceSnapshotId?: string | null;
}
export interface AliyunSnapshot {
  id: string; regionId: string; diskId?: string | null; name?: string;
  status: 'progressing' | 'accomplished' | 'failed';
  progress?: number;
  usedByImageIds?: string[];
  usedByDiskIds?: string[];
  groupId?: string | null;
}
export interface AliyunImage { id: string; regionId: string; snapshotIds: string[] }
export interface AliyunSnapshotGroup {
  id: string; regionId: string; instanceId: string; name?: string; description?: string;
  snapshotIds: string[]; status?: 'progressing' | 'accomplished' | 'failed';
}
export interface AliyunAccount {
  balance: number; snapshotServiceEnabled: boolean; snapshotQuota: number;
}

export interface VolcInstance {
  id: string; region: string;
  status: 'RUNNING' | 'STOPPED' | 'CREATING' | 'STARTING' | 'STOPPING' | 'DELETING' | 'ERROR';
  billing: 'PostPaid' | 'PrePaid';
  /** Subscription (PrePaid) only: expired or unsubscribed instances may be deleted. */
  expired?: boolean;
  spot?: boolean;
  dedicatedHostStatus?: 'Available' | 'UnderAssessment' | 'Maintaining' | null;
}

export interface HuaweiSnapshot {
  id: string; projectId: string; name: string;
  status: 'available' | 'error' | 'creating' | 'deleting' | 'error_deleting' | 'rollbacking' | 'backing-up';
}

/**
 * A fault every matching request meets while it exists, or the next `remaining` ones (then it is gone): a
 * fixture only the emulator can make (a real cloud throttles when it will, so cases needing one are
 * skipped there). `throttle` refuses before acting; `internal-after` acts, then answers the vendor's
 * internal error: the ambiguous failure a client retries with its token.
 */
export interface InjectedFault {
  id: string; outcome: 'throttle' | 'internal-after'; operation: string | null; remaining?: number;
}

/** The typed entities by vendor and kind (kinds not listed, such as regions, are open records). */
export interface WorldEntities {
  aliyun: { instance: AliyunInstance; disk: AliyunDisk; snapshot: AliyunSnapshot; image: AliyunImage; snapshotGroup: AliyunSnapshotGroup; account: AliyunAccount; fault: InjectedFault };
  volcengine: { instance: VolcInstance; fault: InjectedFault };
  huaweicloud: { snapshot: HuaweiSnapshot; fault: InjectedFault };
}

/** Entity kinds a fixture may name, per vendor. */
export const ENTITY_KINDS = {
  aliyun: ['region', 'instance', 'disk', 'snapshot', 'image', 'snapshotGroup', 'account', 'fault'],
  volcengine: ['region', 'instance', 'fault'],
  huaweicloud: ['project', 'snapshot', 'fault'],
} as const;
