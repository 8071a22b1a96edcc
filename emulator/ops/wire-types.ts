// Success bodies as the contracts define them, from the TypeScript types openapi-typescript
// generates out of the contracts' OpenAPI export (`npm run gen:types`): a handler whose answer
// drifts from its contract's response schema no longer compiles. The HTTP layer adds the envelope
// (Alibaba RequestId, Volcengine ResponseMetadata), so handlers build what is inside it.
import type { operations as AliyunEcs } from '../../types/generated/aliyun-ecs.d.ts';
import type { operations as VolcengineEcs } from '../../types/generated/volcengine-ecs.d.ts';

type Json200<O> = O extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type CreateSnapshotGroupBody = Omit<Json200<AliyunEcs['CreateSnapshotGroup']>, 'RequestId'>;
export type DeleteSnapshotGroupBody = Omit<Json200<AliyunEcs['DeleteSnapshotGroup']>, 'RequestId'>;
export type DeleteInstancesResult = Json200<VolcengineEcs['DeleteInstances']>['Result'];
type ProgressList = NonNullable<DeleteSnapshotGroupBody['OperationProgressSet']>['OperationProgress'];
export type OperationProgress = NonNullable<ProgressList>[number];
export type OperationDetail = DeleteInstancesResult['OperationDetails'][number];
