// Success bodies as the contracts define them, from the TypeScript types openapi-typescript
// generates out of the contracts' OpenAPI export (`npm run gen:types`): a handler whose answer
// drifts from its contract's response schema no longer compiles. The HTTP layer adds the envelope
// (Alibaba RequestId, Volcengine ResponseMetadata), so handlers build what is inside it.
import type { operations as AliyunEcs } from '../../types/generated/aliyun-ecs.d.ts';
import type { operations as VolcengineEcs } from '../../types/generated/volcengine-ecs.d.ts';
import type { operations as HuaweiEvs } from '../../types/generated/huaweicloud-evs.d.ts';

type Json200<O> = O extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type CreateSnapshotGroupBody = Omit<Json200<AliyunEcs['CreateSnapshotGroup']>, 'RequestId'>;
export type DeleteSnapshotGroupBody = Omit<Json200<AliyunEcs['DeleteSnapshotGroup']>, 'RequestId'>;
export type DeleteInstancesResult = Json200<VolcengineEcs['DeleteInstances']>['Result'];
type ProgressList = NonNullable<DeleteSnapshotGroupBody['OperationProgressSet']>['OperationProgress'];
export type OperationProgress = NonNullable<ProgressList>[number];
export type OperationDetail = DeleteInstancesResult['OperationDetails'][number];

// What each handler receives: the contract's parameters as the emulator's validator converted them
// (numbers, booleans, lists, structs), typed from the same generated types. Under a mutant that skips
// a check, a required value may be missing: handlers that must survive that say so with `?? ''`.
type Query<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Path<O> = O extends { parameters: { path?: infer P } } ? NonNullable<P> : never;
export type CreateSnapshotGroupInput = Query<AliyunEcs['CreateSnapshotGroup']>;
export type DeleteSnapshotGroupInput = Query<AliyunEcs['DeleteSnapshotGroup']>;
export type DeleteSnapshotInput = Query<AliyunEcs['DeleteSnapshot']>;
export type DescribeSnapshotGroupsInput = Query<AliyunEcs['DescribeSnapshotGroups']>;
export type DescribeSnapshotsInput = Query<AliyunEcs['DescribeSnapshots']>;
export type DeleteInstancesInput = Query<VolcengineEcs['DeleteInstances']>;
export type DeleteInstanceInput = Query<VolcengineEcs['DeleteInstance']>;
export type DescribeInstancesInput = Query<VolcengineEcs['DescribeInstances']>;
export type HuaweiDeleteSnapshotInput = Path<HuaweiEvs['DeleteSnapshot']>;
export type ShowSnapshotInput = Path<HuaweiEvs['ShowSnapshot']>;
export type ListSnapshotsInput = Path<HuaweiEvs['ListSnapshots']> & Query<HuaweiEvs['ListSnapshots']>;
