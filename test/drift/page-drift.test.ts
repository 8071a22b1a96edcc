// `drift <page>`: each kind of change, made by the test on a copy of a real page, is reported alone,
// with its classification and page line; the unmodified pages report no drift.
import { describe, expect, it } from 'vitest';
import { pageDrift } from '../../drift/page-drift.ts';
import { ALL_PAGES, PAGES, deleteLine, lineOf, modifiedPage, pagePath, replaceOnce } from './helpers.ts';

const driftOf = (name: string, edit: (t: string) => string) => pageDrift(modifiedPage(name, edit)).changes;
const brief = (c: { kind: string; classification: string; subject: string; before?: unknown; after?: unknown; line?: number; oldLine?: number }) =>
  ({ kind: c.kind, classification: c.classification, subject: c.subject, before: c.before, after: c.after, line: c.line, oldLine: c.oldLine });

describe('drift: the unmodified pages', () => {
  it.each(ALL_PAGES)('%s has no drift', (page) => {
    expect(pageDrift(pagePath(page)).changes).toEqual([]);
  });
});

describe('drift: one change at a time', () => {
  it('a tighter length (2~128 -> 2~64) is breaking-for-clients', () => {
    const changes = driftOf(PAGES.csg, (t) => replaceOnce(t, '长度为2~128个', '长度为2~64个'));
    expect(changes.map(brief)).toEqual([{ kind: 'constraint-changed', classification: 'breaking-for-clients', subject: 'param Name maxLength', before: 128, after: 64, line: 39, oldLine: 39 }]);
  });

  it('a looser list size (N 1~16 -> 1~32) is breaking-for-emulators', () => {
    const changes = driftOf(PAGES.csg, (t) => replaceOnce(t, 'N的取值范围：1~16', 'N的取值范围：1~32'));
    expect(changes.map(brief)).toEqual([{ kind: 'constraint-changed', classification: 'breaking-for-emulators', subject: 'param ExcludeDiskId.N maxItems', before: 16, after: 32, line: 41, oldLine: 41 }]);
  });

  it('a smaller list limit (最多支持100个 -> 50个, Volcengine text) is breaking-for-clients', () => {
    const changes = driftOf(PAGES.volc, (t) => replaceOnce(t, '最多支持100个ID', '最多支持50个ID'));
    expect(changes.map(brief)).toEqual([{ kind: 'constraint-changed', classification: 'breaking-for-clients', subject: 'param InstanceIds.N maxItems', before: 100, after: 50, line: 48, oldLine: 48 }]);
  });

  it('a dropped forbidden prefix (not pattern) is breaking-for-emulators', () => {
    const changes = driftOf(PAGES.csg, (t) => replaceOnce(t, '长度为2～256个字符，不能以`http://`或`https://`开头。', '长度为2～256个字符。'));
    expect(changes.map(brief)).toEqual([{ kind: 'constraint-changed', classification: 'breaking-for-emulators', subject: 'param Description not.pattern', before: '^https?://', after: undefined, line: 40, oldLine: 40 }]);
  });

  it('a changed integer range is reported on the page line', () => {
    const changes = driftOf(PAGES.csg, (t) => replaceOnce(t, '取值范围：1~65535', '取值范围：1~365'));
    expect(changes.map(brief)).toEqual([{ kind: 'constraint-changed', classification: 'breaking-for-clients', subject: 'param InstantAccessRetentionDays maximum', before: 65535, after: 365, line: 34, oldLine: 34 }]);
  });

  it('a deleted error row is compatible', () => {
    const changes = driftOf(PAGES.csg, (t) => deleteLine(t, '|400|InvalidParameter.Name|'));
    expect(changes.map(brief)).toEqual([{ kind: 'error-removed', classification: 'compatible', subject: 'error 400 InvalidParameter.Name', before: 'The specified Name is invalid.', after: undefined, line: undefined, oldLine: 96 }]);
  });

  it('one of two rows with the same code deleted (InternalError) is still a removed row', () => {
    const changes = driftOf(PAGES.csg, (t) => deleteLine(t, 'due to some unknown error.|'));
    expect(changes.map((c) => [c.kind, c.subject, c.oldLine])).toEqual([['error-removed', 'error 500 InternalError', 124]]);
  });

  it('an added error row is breaking-for-emulators', () => {
    const changes = driftOf(PAGES.ds, (t) => replaceOnce(t, '|500|InternalError|', '|409|SnapshotBusy|The snapshot is busy.|快照忙。|\n|500|InternalError|'));
    const line = lineOf(PAGES.ds, '|500|InternalError|');
    expect(changes.map(brief)).toEqual([{ kind: 'error-added', classification: 'breaking-for-emulators', subject: 'error 409 SnapshotBusy', before: undefined, after: 'The snapshot is busy.', line, oldLine: undefined }]);
  });

  it('a changed error status is breaking-for-clients', () => {
    const changes = driftOf(PAGES.ds, (t) => replaceOnce(t, '|404|InvalidSnapshotId.NotFound|', '|400|InvalidSnapshotId.NotFound|'));
    const line = lineOf(PAGES.ds, '|404|InvalidSnapshotId.NotFound|');
    expect(changes.map(brief)).toEqual([{ kind: 'error-changed', classification: 'breaking-for-clients', subject: 'error InvalidSnapshotId.NotFound', before: { status: 404 }, after: { status: 400 }, line, oldLine: line }]);
  });

  it('a changed error message is breaking-for-emulators (Volcengine text)', () => {
    const changes = driftOf(PAGES.volc, (t) => replaceOnce(t, 'The specified argument is invalid.', 'The argument is invalid.'));
    expect(changes.map(brief)).toEqual([{ kind: 'error-changed', classification: 'breaking-for-emulators', subject: 'error InvalidArgument', before: { message: 'The specified argument is invalid.' }, after: { message: 'The argument is invalid.' }, line: 128, oldLine: 128 }]);
  });

  it('an added optional parameter row is breaking-for-emulators; a required one breaking-for-clients', () => {
    const row = (req: string) => `|Description|String|否|This is description.|描述。长度为2～256个字符，不能以\`http://\`或\`https://\`开头。 |\n|ResourceGroupId|String|${req}|rg-aek2****|资源组ID。 |`;
    const from = '|Description|String|否|This is description.|描述。长度为2～256个字符，不能以`http://`或`https://`开头。 |';
    const optional = driftOf(PAGES.csg, (t) => replaceOnce(t, from, row('否')));
    expect(optional.map(brief)).toEqual([{ kind: 'param-added', classification: 'breaking-for-emulators', subject: 'param ResourceGroupId', before: undefined, after: { required: false, type: 'string' }, line: 41, oldLine: undefined }]);
    const required = driftOf(PAGES.csg, (t) => replaceOnce(t, from, row('是')));
    expect(required.map((c) => [c.kind, c.classification, c.subject, c.line])).toEqual([['param-added', 'breaking-for-clients', 'param ResourceGroupId', 41]]);
  });

  it('a removed parameter row is breaking-for-clients', () => {
    const changes = driftOf(PAGES.ds, (t) => t.replace(/\|Force\|Boolean\|[\s\S]*?默认值：false \|\n/, ''));
    expect(changes.map(brief)).toEqual([{ kind: 'param-removed', classification: 'breaking-for-clients', subject: 'param Force', before: { required: false, type: 'boolean' }, after: undefined, line: undefined, oldLine: 23 }]);
  });

  it('否 -> 是 is breaking-for-clients; 是 -> 否 breaking-for-emulators', () => {
    const now = driftOf(PAGES.ds, (t) => replaceOnce(t, '|Force|Boolean|否|', '|Force|Boolean|是|'));
    expect(now.map(brief)).toEqual([{ kind: 'required-changed', classification: 'breaking-for-clients', subject: 'param Force', before: false, after: true, line: 23, oldLine: 23 }]);
    const off = driftOf(PAGES.ds, (t) => replaceOnce(t, '|SnapshotId|String|是|', '|SnapshotId|String|否|'));
    expect(off.map(brief)).toEqual([{ kind: 'required-changed', classification: 'breaking-for-emulators', subject: 'param SnapshotId', before: true, after: false, line: 22, oldLine: 22 }]);
  });

  it('a filled-in blank required cell (Volcengine) is compared; blanks are not', () => {
    const lines = (t: string) => t.split('\n');
    const changes = driftOf(PAGES.volc, (t) => { const l = lines(t); expect(l[41]).toBe(''); l[41] = '是'; return l.join('\n'); });
    expect(changes.map(brief)).toEqual([{ kind: 'required-changed', classification: 'breaking-for-clients', subject: 'param ClientToken', before: false, after: true, line: 40, oldLine: 40 }]);
  });

  it('a changed default is breaking-for-clients', () => {
    const changes = driftOf(PAGES.ds, (t) => replaceOnce(t, ' 默认值：false |', ' 默认值：true |'));
    expect(changes.map(brief)).toEqual([{ kind: 'default-changed', classification: 'breaking-for-clients', subject: 'param Force', before: false, after: true, line: 23, oldLine: 23 }]);
  });

  it('a changed parameter type is breaking-for-clients (the string-only minLength follows silently)', () => {
    const changes = driftOf(PAGES.dsg, (t) => replaceOnce(t, '|SnapshotGroupId|String|', '|SnapshotGroupId|Integer|'));
    expect(changes.map(brief)).toEqual([{ kind: 'type-changed', classification: 'breaking-for-clients', subject: 'param SnapshotGroupId', before: 'string', after: 'integer', line: 19, oldLine: 19 }]);
  });

  it('a response field added, removed, retyped', () => {
    const added = driftOf(PAGES.ds, (t) => replaceOnce(t, '|RequestId|String|473469C7', '|SnapshotName|String|a|快照名。 |\n|RequestId|String|473469C7'));
    expect(added.map(brief)).toEqual([{ kind: 'response-field-added', classification: 'breaking-for-emulators', subject: 'field SnapshotName', before: undefined, after: 'string', line: 34, oldLine: undefined }]);
    // RequestId stays in the examples, but its table row is gone: removed.
    const removed = driftOf(PAGES.ds, (t) => deleteLine(t, '|RequestId|String|473469C7'));
    expect(removed.map(brief)).toEqual([{ kind: 'response-field-removed', classification: 'breaking-for-clients', subject: 'field RequestId', before: 'string', after: undefined, line: undefined, oldLine: 34 }]);
    const retyped = driftOf(PAGES.dsg, (t) => replaceOnce(t, '|ErrorCode|String|400|', '|ErrorCode|Integer|400|'));
    expect(retyped.map(brief)).toEqual([{ kind: 'response-field-retyped', classification: 'breaking-for-clients', subject: 'field OperationProgressSet.OperationProgress.ErrorCode', before: 'string', after: 'integer', line: 27, oldLine: 27 }]);
  });

  it('a changed success status (Huawei 返回值) is breaking-for-clients', () => {
    const changes = driftOf(PAGES.hw, (t) => t.replace(/(-   正常\n\n\s+)202/, '$1200'));
    expect(changes.map(brief)).toEqual([{ kind: 'status-changed', classification: 'breaking-for-clients', subject: 'response status', before: 202, after: 200, line: 116, oldLine: undefined }]);
  });

  it('a changed URI (Huawei) is breaking-for-clients', () => {
    const changes = driftOf(PAGES.hw, (t) => replaceOnce(t, 'DELETE /v2/\\{project\\_id\\}/cloudsnapshots', 'DELETE /v3/\\{project\\_id\\}/cloudsnapshots'));
    expect(changes.map((c) => [c.kind, c.classification, c.before, c.after, c.line])).toEqual([['http-changed', 'breaking-for-clients', 'DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}', 'DELETE /v3/{project_id}/cloudsnapshots/{snapshot_id}', 19]]);
  });

  it('--contract names the stored contract explicitly', () => {
    const file = modifiedPage(PAGES.ds, (t) => replaceOnce(t, ' 默认值：false |', ' 默认值：true |'));
    const r = pageDrift(file, { contract: 'contracts/aliyun/ecs/2014-05-26/DeleteSnapshot.yaml' });
    expect(r.contractId).toBe('aliyun.ecs.DeleteSnapshot');
    expect(r.changes.map((c) => c.kind)).toEqual(['default-changed']);
  });
});
