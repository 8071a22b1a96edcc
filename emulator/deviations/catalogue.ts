// The catalogue: hand-written deviations, each switchable at emulator start by name
// (`createEmulator({ mutants })`, `conformance emulator --mutant`, `conformance run --mutant`).
// `npm run mutants` runs the standard suite against every one: each mutant must be caught by a case
// of its `expectedCategory`, each variant must pass (see docs/mutants.md). What each changes is data
// (`apply`, emulator/deviations/types.ts), checked at load against what the handlers and the HTTP
// pipeline declare: a rule or point misspelt here is an error naming it when the emulator starts.
import type { Mutant, Deviation } from './types.ts';
import { always, dropHeader, editJson, editXml, isJson, isXml, onError, onSuccess, pipe, renameCode, setHeader, statusOf } from './rewrites.ts';

// ---------------------------------------------------------------- the catalogue

const mutants: readonly Omit<Mutant, 'kind'>[] = [
  // ------------------------------------------------ Alibaba ECS CreateSnapshotGroup
  {
    name: 'aliyun.CreateSnapshotGroup.instance-status-unchecked', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: 'creates a group for an instance that is neither Running nor Stopped (Starting, Stopping, Pending)',
    apply: { skips: ['instance-status'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.non-essd-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: 'snapshots non-ESSD disks instead of refusing (only ESSD disks are supported)',
    apply: { skips: ['essd-only'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.multi-attach-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: 'snapshots a multi-attach disk instead of InvalidOperation.MultiAttachDisk',
    apply: { skips: ['multi-attach-disk'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.locked-instance-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: 'ignores an instance locked for security (no InstanceLockedForSecurity)',
    apply: { skips: ['instance-locked'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.eleven-disks-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: "the page's 10-disk limit of a group is off by one: 11 disks accepted (today's cloud allows 11: ledger claim eleven-disks-allowed)",
    profiles: ['page'],
    apply: { limits: { 'max-ten-disks': 1 } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.exclude-disk-ignored', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: 'ExcludeDiskId.N has no effect: excluded disks are snapshotted (and checked) too',
    apply: { ignores: ['ExcludeDiskId'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.quota-unchecked', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: 'creates snapshots beyond the account snapshot quota (no QuotaExceed.Snapshot)',
    apply: { skips: ['snapshot-quota'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.name-max-127', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'range-length',
    description: 'Name maxLength off by one: a 128-character name is rejected (maxLength 128 -> 127)',
    apply: { params: { Name: { schema: { maxLength: 127 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.name-min-1', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'range-length',
    description: 'Name minLength off by one: a 1-character name is accepted (minLength 2 -> 1)',
    apply: { params: { Name: { schema: { minLength: 1 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.description-max-257', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'range-length',
    description: 'Description maxLength off by one: 257 characters accepted (maxLength 256 -> 257)',
    apply: { params: { Description: { schema: { maxLength: 257 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.retention-days-max-65534', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'range-length',
    description: 'InstantAccessRetentionDays maximum off by one: 65535 rejected (maximum 65535 -> 65534)',
    apply: { params: { InstantAccessRetentionDays: { schema: { maximum: 65534 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.name-pattern-unchecked', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'pattern-format',
    description: 'Name character rules not enforced (leading digit, spaces, @ / # accepted; still no http:// prefix)',
    apply: { params: { Name: { schema: { pattern: undefined } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.description-http-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'pattern-format',
    description: 'Description may start with http:// or https:// (the `not` prefix rule dropped)',
    apply: { params: { Description: { schema: { not: undefined } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.exclude-17-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'list-limits',
    description: "ExcludeDiskId.N accepts 17 items (the page's maxItems 16 -> 17)",
    profiles: ['page'],
    apply: { params: { ExcludeDiskId: { schema: { maxItems: 17 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.exclude-max-15', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'list-limits',
    description: "ExcludeDiskId.N rejects 16 items (the page's maxItems 16 -> 15)",
    profiles: ['page'],
    apply: { params: { ExcludeDiskId: { schema: { maxItems: 15 } } } },
  },
  // Today's cloud (the current model, CreateSnapshotGroup.evidence.yaml): DiskId.N, ClientToken, 128-item lists
  {
    name: 'aliyun.CreateSnapshotGroup.exclude-129-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'list-limits',
    description: "ExcludeDiskId.N accepts 129 items (the model's maxItems 128 -> 129)",
    profiles: ['current'],
    apply: { params: { ExcludeDiskId: { schema: { maxItems: 129 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.exclude-max-127', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'list-limits',
    description: "ExcludeDiskId.N rejects 128 items (the model's maxItems 128 -> 127)",
    profiles: ['current'],
    apply: { params: { ExcludeDiskId: { schema: { maxItems: 127 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.disk-id-129-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'list-limits',
    description: "DiskId.N accepts 129 items (the model's maxItems 128 -> 129)",
    profiles: ['current'],
    apply: { params: { DiskId: { schema: { maxItems: 129 } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.instance-id-still-required', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: "InstanceId still required as on the page: DiskId.N alone is refused with MissingParameter",
    profiles: ['current'],
    apply: { params: { InstanceId: { required: true } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.disk-id-ignored', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'state-rules',
    description: "DiskId.N has no effect: the group is the instance's disks (and DiskId.N alone finds no instance)",
    profiles: ['current'],
    apply: { ignores: ['DiskId'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.client-token-ignored', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'idempotency',
    description: 'ClientToken idempotency broken: a retry with the same token creates another group (or fails on the disk now being snapshotted)',
    profiles: ['current'],
    apply: { ignores: ['ClientToken'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.token-mismatch-replayed', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'idempotency',
    description: 'the same ClientToken with a different request replays the first answer (no IdempotentParameterMismatch)',
    profiles: ['current'],
    apply: { skips: ['client-token-idempotency'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.retention-days-fraction-accepted', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'type',
    description: 'InstantAccessRetentionDays accepts a fraction (type integer -> number)',
    apply: { params: { InstantAccessRetentionDays: { schema: { type: 'number' } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.instant-access-true-rejected', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'enum',
    description: 'InstantAccess=true (a documented value) is rejected as InvalidParameter',
    apply: { params: { InstantAccess: { schema: { const: false } } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.instance-id-optional', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'required',
    description: "a missing InstanceId is not MissingParameter (the lookup answers InvalidInstanceId.NotFound 404); the page requires it, today's model does not (ledger claim instance-id-optional)",
    profiles: ['page'],
    apply: { params: { InstanceId: { required: false } } },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.instance-status-403', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'error-table',
    description: 'wrong HTTP status for a documented error: IncorrectInstanceStatus answered 403 (table: 400)',
    apply: { response: statusOf(403, 'IncorrectInstanceStatus') },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.locked-wrong-code', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'error-table',
    description: 'right status, wrong code: a locked instance answers 403 IncorrectInstanceStatus.Locked instead of InstanceLockedForSecurity',
    apply: { response: renameCode('InstanceLockedForSecurity', 'IncorrectInstanceStatus.Locked') },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.group-id-missing', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'positive',
    description: 'the success body has no SnapshotGroupId (JSON)',
    apply: { response: editJson(onSuccess, (d) => { delete d.SnapshotGroupId; }) },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.group-id-number', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'positive',
    description: 'SnapshotGroupId of the wrong type: a number instead of a string (JSON)',
    apply: { response: editJson(onSuccess, (d) => { if (typeof d.SnapshotGroupId === 'string') d.SnapshotGroupId = d.SnapshotGroupId.length; }) },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.xml-field-renamed', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'envelope',
    description: 'the XML form disagrees with the JSON form: <SnapshotGroupID> instead of <SnapshotGroupId>',
    apply: {
      response: editXml(onSuccess, (body) => body.replace(/<(\/?)SnapshotGroupId>/g, '<$1SnapshotGroupID>')),
    },
  },

  // ------------------------------------------------ Alibaba ECS DeleteSnapshot
  {
    name: 'aliyun.DeleteSnapshot.force-ignored', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'Force=true does not delete a snapshot used by a disk (still SnapshotCreatedDisk)',
    apply: { set: { forceOverrides: [] } },
  },
  {
    name: 'aliyun.DeleteSnapshot.image-snapshot-deleted', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'a snapshot used by a custom image is deleted (no SnapshotCreatedImage)',
    apply: { skips: ['snapshot-used-by-image'] },
  },
  {
    name: 'aliyun.DeleteSnapshot.force-deletes-image-snapshot', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'Force=true also deletes a snapshot used by an image (the page: images still block it)',
    apply: { set: { forceOverrides: ['snapshot-used-by-disk', 'snapshot-used-by-image'] } },
  },
  {
    name: 'aliyun.DeleteSnapshot.disk-snapshot-deleted', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'a snapshot used by a disk is deleted without Force (no SnapshotCreatedDisk)',
    apply: { skips: ['snapshot-used-by-disk'] },
  },
  {
    name: 'aliyun.DeleteSnapshot.force-type-unchecked', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'type',
    description: 'Force accepts any string (type boolean -> string; "yes" behaves as false)',
    apply: { params: { Force: { schema: { type: 'string', default: undefined } } } },
  },
  {
    name: 'aliyun.DeleteSnapshot.force-false-rejected', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'enum',
    description: 'Force=false (a documented value) is rejected as InvalidParameter',
    apply: { params: { Force: { schema: { const: true } } } },
  },
  {
    name: 'aliyun.DeleteSnapshot.snapshot-id-optional', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'required',
    description: 'a missing SnapshotId is not MissingParameter (the lookup answers InvalidSnapshotId.NotFound 404)',
    apply: { params: { SnapshotId: { required: false } } },
  },
  {
    name: 'aliyun.DeleteSnapshot.invented-code', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'error-table',
    description: 'an unknown snapshot answered with InvalidSnapshot.NotFound, a code no source gives (documented: InvalidSnapshotId.NotFound)',
    apply: { response: renameCode('InvalidSnapshotId.NotFound', 'InvalidSnapshot.NotFound') },
  },
  {
    name: 'aliyun.DeleteSnapshot.error-code-lowercase', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'error-table',
    description: 'error code with the wrong case: snapshotCreatedImage / snapshotCreatedDisk',
    apply: { response: pipe(renameCode('SnapshotCreatedImage', 'snapshotCreatedImage'), renameCode('SnapshotCreatedDisk', 'snapshotCreatedDisk')) },
  },
  {
    name: 'aliyun.DeleteSnapshot.request-id-missing', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'envelope',
    description: 'no RequestId: neither in the body (JSON or XML) nor in x-acs-request-id',
    apply: {
      response: pipe(
        dropHeader('x-acs-request-id'),
        editJson(always, (d) => { delete d.RequestId; }),
        editXml(always, (body) => body.replace(/<RequestId>[^<]*<\/RequestId>/, '')),
      ),
    },
  },
  {
    name: 'aliyun.DeleteSnapshot.xml-error-as-json', vendor: 'aliyun', operation: 'DeleteSnapshot', expectedCategory: 'envelope',
    description: 'an error asked for in XML (Format=XML) comes back as JSON',
    apply: {
      response: (res, info) => {
        if (!isXml(res) || !onError(res, info)) return res;
        const field = (n: string) => new RegExp(`<${n}>([^<]*)</${n}>`).exec(res.body)?.[1] ?? '';
        const doc = { RequestId: field('RequestId'), HostId: field('HostId'), Code: field('Code'), Message: field('Message'), Recommend: field('Recommend') };
        return { ...res, headers: setHeader(res.headers, 'content-type', 'application/json;charset=utf-8'), body: JSON.stringify(doc) };
      },
    },
  },

  // ------------------------------------------------ Alibaba ECS DeleteSnapshotGroup
  {
    name: 'aliyun.DeleteSnapshotGroup.image-snapshots-deleted', vendor: 'aliyun', operation: 'DeleteSnapshotGroup', expectedCategory: 'state-rules',
    description: 'deleting a group also deletes its snapshots that custom images use',
    apply: { skips: ['image-snapshots-survive'] },
  },
  {
    name: 'aliyun.DeleteSnapshotGroup.group-kept', vendor: 'aliyun', operation: 'DeleteSnapshotGroup', expectedCategory: 'state-rules',
    description: 'the snapshots are deleted but the snapshot group itself stays',
    apply: { set: { group: 'kept' } },
  },
  {
    name: 'aliyun.DeleteSnapshotGroup.region-unchecked', vendor: 'aliyun', operation: 'DeleteSnapshotGroup', expectedCategory: 'state-rules',
    description: 'an unknown RegionId is not reported (InvalidSnapshotGroup.NotFound instead of InvalidRegionId.NotFound)',
    apply: { skips: ['unknown-region'] },
  },
  {
    name: 'aliyun.DeleteSnapshotGroup.not-found-400', vendor: 'aliyun', operation: 'DeleteSnapshotGroup', expectedCategory: 'state-rules',
    description: 'wrong HTTP status: InvalidSnapshotGroup.NotFound answered 400 instead of 404',
    apply: { response: statusOf(400, 'InvalidSnapshotGroup.NotFound') },
  },
  {
    name: 'aliyun.DeleteSnapshotGroup.operation-status-lowercase', vendor: 'aliyun', operation: 'DeleteSnapshotGroup', expectedCategory: 'positive',
    description: 'OperationStatus answered "success" where the page documents exactly "Success" (ErrorCode empty)',
    apply: {
      response: pipe(
        editJson(onSuccess, (d) => { for (const p of d.OperationProgressSet?.OperationProgress ?? []) if (p.OperationStatus === 'Success') p.OperationStatus = 'success'; }),
        editXml(onSuccess, (b) => b.split('<OperationStatus>Success<').join('<OperationStatus>success<')),
      ),
    },
  },
  {
    name: 'aliyun.DeleteSnapshotGroup.progress-not-a-list', vendor: 'aliyun', operation: 'DeleteSnapshotGroup', expectedCategory: 'positive',
    description: 'OperationProgressSet.OperationProgress is an object keyed by snapshot id, not an array (JSON)',
    apply: {
      response: editJson(onSuccess, (d) => {
        const list = d.OperationProgressSet?.OperationProgress;
        if (Array.isArray(list)) d.OperationProgressSet.OperationProgress = Object.fromEntries(list.map((p: any, i: number) => [String(i), p]));
      }),
    },
  },

  // ------------------------------------------------ Alibaba RPC protocol (every operation)
  {
    name: 'aliyun.signature-unchecked', vendor: 'aliyun', operation: '*', expectedCategory: 'auth-signing',
    description: 'the signature is not verified: unsigned and badly signed requests are served',
    apply: { skips: ['bad-signature'] },
  },
  {
    name: 'aliyun.expired-timestamp-accepted', vendor: 'aliyun', operation: '*', expectedCategory: 'auth-signing',
    description: 'a request signed with a timestamp outside the allowed window is served',
    apply: { skips: ['expired'] },
  },
  {
    name: 'aliyun.nonce-reuse-accepted', vendor: 'aliyun', operation: '*', expectedCategory: 'auth-signing',
    description: 'a replayed signature nonce is served (no SignatureNonceUsed)',
    apply: { skips: ['nonce-reused'] },
  },
  {
    name: 'aliyun.unknown-key-as-bad-signature', vendor: 'aliyun', operation: '*', expectedCategory: 'auth-signing',
    description: 'an unknown AccessKeyId answers 400 SignatureDoesNotMatch instead of 404 InvalidAccessKeyId.NotFound',
    apply: { skips: ['unknown-key'] },
  },
  {
    name: 'aliyun.rpc-v1-signature-rejected', vendor: 'aliyun', operation: '*', expectedCategory: 'auth-signing',
    description: 'requests signed with the documented RPC v1 scheme (Signature= parameter) are refused',
    apply: { set: { v1Signatures: 'refused' } },
  },
  {
    name: 'aliyun.unknown-action-accepted', vendor: 'aliyun', operation: '*', expectedCategory: 'envelope',
    description: 'an unknown Action answers 200 with an empty body instead of InvalidAction.NotFound',
    apply: { skips: ['unknown-action'] },
  },
  {
    name: 'aliyun.unknown-action-as-not-found', vendor: 'aliyun', operation: '*', expectedCategory: 'client-flows',
    description: 'an unknown Action answers 404 InvalidSnapshotGroupId.NotFound, a not-found code (a client polling for "gone" drops a live group), instead of InvalidAction.NotFound',
    apply: { response: renameCode('InvalidAction.NotFound', 'InvalidSnapshotGroupId.NotFound') },
  },
  {
    name: 'aliyun.DescribeSnapshotGroups.hides-progressing', vendor: 'aliyun', operation: 'DescribeSnapshotGroups', expectedCategory: 'client-flows',
    description: 'the read call leaves out a group still being created: Terraform, polling for accomplished, finds a live group gone',
    apply: { hides: ['progressing'] },
  },
  {
    name: 'aliyun.DescribeSnapshots.hides-progressing', vendor: 'aliyun', operation: 'DescribeSnapshots', expectedCategory: 'filters',
    description: 'the read call leaves out a snapshot still being created: a client polling it finds a live snapshot gone',
    apply: { hides: ['progressing'] },
  },
  {
    name: 'huaweicloud.ShowSnapshot.hides-deleting', vendor: 'huaweicloud', operation: 'ShowSnapshot', expectedCategory: 'state-rules',
    description: 'the read answers 404 for a snapshot still being deleted: a live resource looks gone',
    apply: { hides: ['deleting'] },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.stays-deleting', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'client-flows',
    description: 'an accepted delete never completes: the snapshot stays deleting, and Terraform waits for its 404 forever',
    apply: { neverSettles: ['deletion'] },
  },
  {
    name: 'volcengine.DeleteInstance.prepaid-allowed', vendor: 'volcengine', operation: 'DeleteInstance', expectedCategory: 'state-rules',
    description: 'DeleteInstance deletes an unexpired PrePaid (subscription) instance',
    apply: { skips: ['billing-deletable'] },
  },
  {
    name: 'volcengine.DescribeInstances.hides-deleting', vendor: 'volcengine', operation: 'DescribeInstances', expectedCategory: 'filters',
    description: 'the read call leaves out an instance still being deleted: a live instance looks gone',
    apply: { hides: ['DELETING'] },
  },
  {
    name: 'volcengine.DeleteInstances.never-deleted', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'client-flows',
    description: 'a deleted instance stays DELETING forever, still listed: Terraform, waiting for it to go, never gets there',
    apply: { neverSettles: ['deletion'] },
  },
  {
    name: 'aliyun.CreateSnapshotGroup.never-accomplished', vendor: 'aliyun', operation: 'CreateSnapshotGroup', expectedCategory: 'client-flows',
    description: 'a created snapshot group (and its snapshots) stays progressing forever: a client waiting for accomplished never gets there',
    apply: { neverSettles: ['creation'] },
  },
  {
    name: 'aliyun.wrong-version-accepted', vendor: 'aliyun', operation: '*', expectedCategory: 'envelope',
    description: 'any Version is served as 2014-05-26 (no InvalidVersion)',
    apply: { skips: ['bad-version'] },
  },
  {
    name: 'aliyun.any-method-accepted', vendor: 'aliyun', operation: '*', expectedCategory: 'envelope',
    description: 'HTTP methods other than GET/POST are served (no UnsupportedHTTPMethod)',
    apply: { skips: ['bad-method'] },
  },
  {
    name: 'aliyun.content-type-text-plain', vendor: 'aliyun', operation: '*', expectedCategory: 'envelope',
    description: 'JSON answers are served as text/plain',
    apply: { response: (res) => (isJson(res) ? { ...res, headers: setHeader(res.headers, 'content-type', 'text/plain;charset=utf-8') } : res) },
  },
  {
    name: 'aliyun.xml-error-root', vendor: 'aliyun', operation: '*', expectedCategory: 'envelope',
    description: 'XML errors have the root <ErrorResponse> instead of <Error>',
    apply: { response: editXml(onError, (body) => body.replace(/<(\/?)Error>/g, '<$1ErrorResponse>')) },
  },
  {
    name: 'aliyun.error-code-field-renamed', vendor: 'aliyun', operation: '*', expectedCategory: 'envelope',
    description: 'JSON errors carry ErrorCode/ErrorMessage instead of Code/Message',
    apply: {
      response: editJson(onError, (d) => {
        d.ErrorCode = d.Code; d.ErrorMessage = d.Message; delete d.Code; delete d.Message;
      }),
    },
  },

  // ------------------------------------------------ Volcengine ECS DeleteInstances
  {
    name: 'volcengine.DeleteInstances.prepaid-deleted', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'state-rules',
    description: 'an unexpired PrePaid (subscription) instance is deleted',
    apply: { skips: ['billing-deletable'] },
  },
  {
    name: 'volcengine.DeleteInstances.item-errors-fail-request', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'state-rules',
    description: 'a per-instance error (unknown id, wrong charge type) becomes a whole-request 400 error instead of OperationDetails[].Error',
    apply: { set: { itemErrors: 'whole-request' } },
  },
  {
    name: 'volcengine.DeleteInstances.item-code-wrong', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'state-rules',
    description: 'an unknown instance is reported in OperationDetails[].Error.Code as InvalidInstanceId.NotFound, a code no source gives (documented: InvalidInstance.NotFound)',
    apply: {
      response: editJson(onSuccess, (d) => {
        for (const item of d.Result?.OperationDetails ?? []) if (item.Error?.Code === 'InvalidInstance.NotFound') item.Error.Code = 'InvalidInstanceId.NotFound';
      }),
    },
  },
  {
    name: 'volcengine.DeleteInstances.dedicated-host-unchecked', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'state-rules',
    description: 'instances on a dedicated host that is not Available are deleted (no InvalidDedicatedHostStatus.Unsupported)',
    apply: { skips: ['dedicated-host-status'] },
  },
  {
    name: 'volcengine.DeleteInstances.client-token-ignored', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'idempotency',
    description: 'ClientToken idempotency broken: a retry with the same token runs again (and reports NotFound)',
    apply: { ignores: ['ClientToken'] },
  },
  {
    name: 'volcengine.DeleteInstances.token-mismatch-replayed', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'idempotency',
    description: 'the same ClientToken with a different request replays the first answer (no IdempotentParameterMismatch)',
    apply: { skips: ['client-token-mismatch'] },
  },
  {
    name: 'volcengine.DeleteInstances.accepts-101-ids', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'list-limits',
    description: 'InstanceIds.N accepts 101 ids (maxItems 100 -> 101)',
    apply: { params: { InstanceIds: { schema: { maxItems: 101 } } } },
  },
  {
    name: 'volcengine.DeleteInstances.rejects-100-ids', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'list-limits',
    description: 'InstanceIds.N rejects 100 ids (maxItems 100 -> 99)',
    apply: { params: { InstanceIds: { schema: { maxItems: 99 } } } },
  },
  {
    name: 'volcengine.DeleteInstances.client-token-65-accepted', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'range-length',
    description: 'ClientToken maxLength off by one: 65 characters accepted (maxLength 64 -> 65)',
    apply: { params: { ClientToken: { schema: { maxLength: 65 } } } },
  },
  {
    name: 'volcengine.DeleteInstances.client-token-non-ascii', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'pattern-format',
    description: 'ClientToken accepts non-ASCII characters (the ASCII pattern dropped)',
    apply: { params: { ClientToken: { schema: { pattern: undefined } } } },
  },
  {
    name: 'volcengine.DeleteInstances.instance-ids-optional', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'required',
    description: 'a request without InstanceIds.N succeeds with no OperationDetails (no MissingParameter/InvalidArgument)',
    apply: { params: { InstanceIds: { required: false } } },
  },
  {
    name: 'volcengine.DeleteInstances.instance-id-renamed', vendor: 'volcengine', operation: 'DeleteInstances', expectedCategory: 'positive',
    description: 'Result.OperationDetails[].InstanceId renamed InstanceID',
    apply: {
      response: editJson(onSuccess, (d) => {
        for (const item of d.Result?.OperationDetails ?? []) { item.InstanceID = item.InstanceId; delete item.InstanceId; }
      }),
    },
  },
  {
    name: 'volcengine.signature-unchecked', vendor: 'volcengine', operation: '*', expectedCategory: 'auth-signing',
    description: 'the signature is not verified: unsigned and badly signed requests are served',
    apply: { skips: ['bad-signature'] },
  },
  {
    name: 'volcengine.expired-timestamp-accepted', vendor: 'volcengine', operation: '*', expectedCategory: 'auth-signing',
    description: 'a request signed outside the allowed time window is served (no InvalidTimestamp)',
    apply: { skips: ['expired'] },
  },
  {
    name: 'volcengine.wrong-version-accepted', vendor: 'volcengine', operation: '*', expectedCategory: 'envelope',
    description: 'any Version is served as 2020-04-01 (no InvalidActionOrVersion)',
    apply: { skips: ['bad-version'] },
  },
  {
    name: 'volcengine.unknown-action-accepted', vendor: 'volcengine', operation: '*', expectedCategory: 'envelope',
    description: 'an unknown Action answers 200 with an empty Result instead of InvalidActionOrVersion',
    apply: { skips: ['unknown-action'] },
  },
  {
    name: 'volcengine.request-id-missing', vendor: 'volcengine', operation: '*', expectedCategory: 'envelope',
    description: 'ResponseMetadata carries no RequestId',
    apply: { response: editJson(always, (d) => { if (d.ResponseMetadata) delete d.ResponseMetadata.RequestId; }) },
  },
  {
    name: 'volcengine.error-outside-metadata', vendor: 'volcengine', operation: '*', expectedCategory: 'envelope',
    description: 'errors are put in a top-level Error object instead of ResponseMetadata.Error',
    apply: {
      response: editJson(onError, (d) => {
        if (d.ResponseMetadata?.Error) { d.Error = d.ResponseMetadata.Error; delete d.ResponseMetadata.Error; }
      }),
    },
  },
  {
    name: 'volcengine.invalid-argument-404', vendor: 'volcengine', operation: '*', expectedCategory: 'error-table',
    description: 'wrong HTTP status for a documented error: InvalidArgument and InvalidClientToken.Malformed answered 404 (table: 400)',
    apply: { response: statusOf(404, 'InvalidArgument', 'InvalidClientToken.Malformed') },
  },

  // ------------------------------------------------ Huawei EVS DeleteSnapshot
  {
    name: 'huaweicloud.DeleteSnapshot.status-unchecked', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'snapshots in a status other than available/error (creating, deleting, ...) are deleted',
    apply: { skips: ['error-deleting', 'deletable-status'] },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.autobk-deletable', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'snapshots whose name starts with autobk_snapshot_ are deleted (prefix rule not enforced)',
    apply: { skips: ['autobk-prefix'] },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.autobk-anywhere', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'the autobk_snapshot_ rule matches anywhere in the name, not only as a prefix',
    apply: { set: { autobkNames: 'autobk_snapshot_' } },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.unknown-id-accepted', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'state-rules',
    description: 'an unknown snapshot id answers 202 instead of 404 itemNotFound',
    apply: { skips: ['unknown-snapshot-id'] },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.success-200', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'positive',
    description: 'success answers 200 instead of 202',
    apply: { response: (res, info) => (onSuccess(res, info) && res.status === 202 ? { ...res, status: 200 } : res) },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.success-with-body', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'positive',
    description: 'success carries a JSON body although the page documents none',
    apply: {
      response: (res, info) => (onSuccess(res, info) && res.status === 202 && res.body === ''
        ? { ...res, headers: setHeader(res.headers, 'content-type', 'application/json;charset=UTF-8'), body: '{"snapshot":{"status":"deleting"}}' } : res),
    },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.not-found-400', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'error-table',
    description: "wrong HTTP status: the page's itemNotFound answered 400 instead of 404 (today's cloud answers EVS.5404: ledger claim unknown-snapshot-evs-5404)",
    profiles: ['page'],
    apply: { response: statusOf(400, 'itemNotFound') },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.evs-not-found-400', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'error-table',
    description: 'wrong HTTP status: EVS.5404 (an unknown snapshot) answered 400 instead of 404',
    profiles: ['current'],
    apply: { response: statusOf(400, 'EVS.5404') },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.bad-request-code-case', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'error-table',
    description: "error code with the wrong case: BadRequest instead of the page's badRequest (today's cloud answers EVS.1047: ledger claim wrong-status-evs-1047)",
    profiles: ['page'],
    apply: { response: renameCode('badRequest', 'BadRequest') },
  },
  {
    name: 'huaweicloud.DeleteSnapshot.evs-code-lowercase', vendor: 'huaweicloud', operation: 'DeleteSnapshot', expectedCategory: 'error-table',
    description: 'error code with the wrong case: evs.1047 instead of EVS.1047 (a snapshot in a state that cannot be deleted)',
    profiles: ['current'],
    apply: { response: renameCode('EVS.1047', 'evs.1047') },
  },
  {
    name: 'huaweicloud.error-envelope-flat', vendor: 'huaweicloud', operation: '*', expectedCategory: 'envelope',
    description: 'errors as a flat {code, message} object instead of the {"error": {...}} wrapper',
    apply: {
      response: editJson(onError, (d) => {
        const k = Object.keys(d).find((key) => d[key] && typeof d[key] === 'object' && 'code' in d[key]);
        if (k) { const inner = d[k]; delete d[k]; Object.assign(d, inner); }
      }),
    },
  },
  {
    name: 'huaweicloud.request-id-missing', vendor: 'huaweicloud', operation: '*', expectedCategory: 'envelope',
    description: 'no X-Request-Id header',
    apply: { response: dropHeader('x-request-id') },
  },
  {
    name: 'huaweicloud.signature-unchecked', vendor: 'huaweicloud', operation: '*', expectedCategory: 'auth-signing',
    description: 'the signature is not verified: unsigned and badly signed requests are served',
    apply: { skips: ['bad-signature'] },
  },
  {
    name: 'huaweicloud.expired-timestamp-accepted', vendor: 'huaweicloud', operation: '*', expectedCategory: 'auth-signing',
    description: 'a request signed outside the allowed time window is served',
    apply: { skips: ['expired'] },
  },
];

/** The catalogue's mutants: deviations the suite must fail. */
export const MUTANTS: readonly Mutant[] = mutants.map((m) => ({ kind: 'mutant', ...m }));

export const MUTANT_NAMES: readonly string[] = MUTANTS.map((m) => m.name);

/** The catalogue's variants: alternatives the contracts accept, which the suite must pass. */
export const VARIANTS: readonly Deviation[] = [
  {
    name: 'aliyun.DeleteSnapshot.unknown-id-ignored', kind: 'variant', vendor: 'aliyun', operation: 'DeleteSnapshot',
    description: 'an unknown SnapshotId answers 200 (the first alternative of note unknown-snapshot-id) instead of the chosen 404',
    apply: { skips: ['unknown-snapshot-id'] },
  },
];

/** Every hand-written deviation. */
export const CATALOGUE: readonly Deviation[] = [...MUTANTS, ...VARIANTS];

/** One line per deviation: `name  [category or variant]  description` (for --list and the docs). */
export function describeDeviations(list: readonly Deviation[] = CATALOGUE): string[] {
  const width = Math.max(...list.map((d) => d.name.length));
  return list.map((d) => `${d.name.padEnd(width)}  [${d.kind === 'mutant' ? d.expectedCategory ?? 'mutant' : 'variant'}]${d.profiles ? ` (${d.profiles.join(', ')} only)` : ''}  ${d.description}`);
}
