// Operation handlers by `<vendor>.<Operation>` (the contract's vendor and operation).
import type { OpSpec } from './types.ts';
import { createSnapshotGroup } from './aliyun/create-snapshot-group.ts';
import { deleteSnapshotGroup } from './aliyun/delete-snapshot-group.ts';
import { deleteSnapshot } from './aliyun/delete-snapshot.ts';
import { describeSnapshotGroups } from './aliyun/describe-snapshot-groups.ts';
import { describeSnapshots } from './aliyun/describe-snapshots.ts';
import { deleteInstances } from './volcengine/delete-instances.ts';
import { deleteInstance, describeInstances } from './volcengine/instance-views.ts';
import { deleteCloudSnapshot } from './huaweicloud/delete-snapshot.ts';
import { listSnapshots, showSnapshot } from './huaweicloud/snapshot-views.ts';

export const HANDLERS: Readonly<Record<string, OpSpec>> = {
  'aliyun.CreateSnapshotGroup': createSnapshotGroup,
  'aliyun.DeleteSnapshotGroup': deleteSnapshotGroup,
  'aliyun.DeleteSnapshot': deleteSnapshot,
  'aliyun.DescribeSnapshotGroups': describeSnapshotGroups,
  'aliyun.DescribeSnapshots': describeSnapshots,
  'volcengine.DeleteInstances': deleteInstances,
  'volcengine.DescribeInstances': describeInstances,
  'volcengine.DeleteInstance': deleteInstance,
  'huaweicloud.DeleteSnapshot': deleteCloudSnapshot,
  'huaweicloud.ShowSnapshot': showSnapshot,
  'huaweicloud.ListSnapshots': listSnapshots,
};
