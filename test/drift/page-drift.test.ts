// `drift <page>`: each kind of change, made by the test on a copy of a real page, is reported alone,
// with its classification and page line; the unmodified pages report no drift.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../drift/classify.ts';
import { pageDrift } from '../../drift/page-drift.ts';
import { ALL_PAGES, PAGES, deleteLine, modifiedPage, pagePath, replaceOnce } from './helpers.ts';

type Brief = Pick<Change, 'kind' | 'classification' | 'subject' | 'before' | 'after' | 'line' | 'oldLine'>;
const driftOf = (name: string, edit: (t: string) => string) => pageDrift(modifiedPage(name, edit)).changes;
const brief = (c: Change): Brief =>
  ({ kind: c.kind, classification: c.classification, subject: c.subject, before: c.before, after: c.after, line: c.line, oldLine: c.oldLine });

describe('drift: the unmodified pages', () => {
  it.each(ALL_PAGES)('%s has no drift', (page) => {
    expect(pageDrift(pagePath(page)).changes).toEqual([]);
  });
});

const DESCRIPTION = '|Description|String|否|This is description.|描述。长度为2～256个字符，不能以`http://`或`https://`开头。 |';
const withRow = (required: string) => (t: string) => replaceOnce(t, DESCRIPTION, `${DESCRIPTION}\n|ResourceGroupId|String|${required}|rg-aek2****|资源组ID。 |`);
/** Fill line `n` (1-based), which must be blank: a Volcengine required cell. */
const fillBlankLine = (n: number, value: string) => (t: string) => {
  const lines = t.split('\n');
  expect(lines[n - 1]).toBe('');
  lines[n - 1] = value;
  return lines.join('\n');
};

describe('drift: one change at a time', () => {
  // title, page, edit, the one change reported (every field of it; undefined where absent)
  it.each<[string, string, (t: string) => string, Brief]>([
    ['a tighter length (2~128 -> 2~64) is breaking-for-clients', PAGES.csg, (t) => replaceOnce(t, '长度为2~128个', '长度为2~64个'),
      { kind: 'constraint-changed', classification: 'breaking-for-clients', subject: 'param Name maxLength', before: 128, after: 64, line: 39, oldLine: 39 }],
    ['a looser list size (N 1~16 -> 1~32) is breaking-for-emulators', PAGES.csg, (t) => replaceOnce(t, 'N的取值范围：1~16', 'N的取值范围：1~32'),
      { kind: 'constraint-changed', classification: 'breaking-for-emulators', subject: 'param ExcludeDiskId.N maxItems', before: 16, after: 32, line: 41, oldLine: 41 }],
    ['a smaller list limit (最多支持100个 -> 50个, Volcengine text) is breaking-for-clients', PAGES.volc, (t) => replaceOnce(t, '最多支持100个ID', '最多支持50个ID'),
      { kind: 'constraint-changed', classification: 'breaking-for-clients', subject: 'param InstanceIds.N maxItems', before: 100, after: 50, line: 48, oldLine: 48 }],
    ['a dropped forbidden prefix (not pattern) is breaking-for-emulators', PAGES.csg, (t) => replaceOnce(t, '长度为2～256个字符，不能以`http://`或`https://`开头。', '长度为2～256个字符。'),
      { kind: 'constraint-changed', classification: 'breaking-for-emulators', subject: 'param Description not.pattern', before: '^https?://', after: undefined, line: 40, oldLine: 40 }],
    ['a changed integer range is reported on the page line', PAGES.csg, (t) => replaceOnce(t, '取值范围：1~65535', '取值范围：1~365'),
      { kind: 'constraint-changed', classification: 'breaking-for-clients', subject: 'param InstantAccessRetentionDays maximum', before: 65535, after: 365, line: 34, oldLine: 34 }],
    ['a deleted error row is compatible', PAGES.csg, (t) => deleteLine(t, '|400|InvalidParameter.Name|'),
      { kind: 'error-removed', classification: 'compatible', subject: 'error 400 InvalidParameter.Name', before: 'The specified Name is invalid.', after: undefined, line: undefined, oldLine: 96 }],
    ['one of two rows with the same code deleted (InternalError) is still a removed row', PAGES.csg, (t) => deleteLine(t, 'due to some unknown error.|'),
      { kind: 'error-removed', classification: 'compatible', subject: 'error 500 InternalError', before: 'The request processing has failed due to some unknown error.', after: undefined, line: undefined, oldLine: 124 }],
    ['an added error row is breaking-for-emulators (at the line the row now holds)', PAGES.ds, (t) => replaceOnce(t, '|500|InternalError|', '|409|SnapshotBusy|The snapshot is busy.|快照忙。|\n|500|InternalError|'),
      { kind: 'error-added', classification: 'breaking-for-emulators', subject: 'error 409 SnapshotBusy', before: undefined, after: 'The snapshot is busy.', line: 71, oldLine: undefined }],
    ['a changed error status is breaking-for-clients', PAGES.ds, (t) => replaceOnce(t, '|404|InvalidSnapshotId.NotFound|', '|400|InvalidSnapshotId.NotFound|'),
      { kind: 'error-changed', classification: 'breaking-for-clients', subject: 'error InvalidSnapshotId.NotFound', before: { status: 404 }, after: { status: 400 }, line: 72, oldLine: 72 }],
    ['a changed error message is breaking-for-emulators (Volcengine text)', PAGES.volc, (t) => replaceOnce(t, 'The specified argument is invalid.', 'The argument is invalid.'),
      { kind: 'error-changed', classification: 'breaking-for-emulators', subject: 'error InvalidArgument', before: { message: 'The specified argument is invalid.' }, after: { message: 'The argument is invalid.' }, line: 128, oldLine: 128 }],
    ['an added optional parameter row is breaking-for-emulators', PAGES.csg, withRow('否'),
      { kind: 'param-added', classification: 'breaking-for-emulators', subject: 'param ResourceGroupId', before: undefined, after: { required: false, type: 'string' }, line: 41, oldLine: undefined }],
    ['an added required parameter row is breaking-for-clients', PAGES.csg, withRow('是'),
      { kind: 'param-added', classification: 'breaking-for-clients', subject: 'param ResourceGroupId', before: undefined, after: { required: true, type: 'string' }, line: 41, oldLine: undefined }],
    ['a removed parameter row is breaking-for-clients', PAGES.ds, (t) => t.replace(/\|Force\|Boolean\|[\s\S]*?默认值：false \|\n/, ''),
      { kind: 'param-removed', classification: 'breaking-for-clients', subject: 'param Force', before: { required: false, type: 'boolean' }, after: undefined, line: undefined, oldLine: 23 }],
    ['否 -> 是 is breaking-for-clients', PAGES.ds, (t) => replaceOnce(t, '|Force|Boolean|否|', '|Force|Boolean|是|'),
      { kind: 'required-changed', classification: 'breaking-for-clients', subject: 'param Force', before: false, after: true, line: 23, oldLine: 23 }],
    ['是 -> 否 is breaking-for-emulators', PAGES.ds, (t) => replaceOnce(t, '|SnapshotId|String|是|', '|SnapshotId|String|否|'),
      { kind: 'required-changed', classification: 'breaking-for-emulators', subject: 'param SnapshotId', before: true, after: false, line: 22, oldLine: 22 }],
    ['a filled-in blank required cell (Volcengine) is compared; blanks are not', PAGES.volc, fillBlankLine(42, '是'),
      { kind: 'required-changed', classification: 'breaking-for-clients', subject: 'param ClientToken', before: false, after: true, line: 40, oldLine: 40 }],
    ['a changed default is breaking-for-clients', PAGES.ds, (t) => replaceOnce(t, ' 默认值：false |', ' 默认值：true |'),
      { kind: 'default-changed', classification: 'breaking-for-clients', subject: 'param Force', before: false, after: true, line: 23, oldLine: 23 }],
    ['a changed parameter type is breaking-for-clients (the string-only minLength follows silently)', PAGES.dsg, (t) => replaceOnce(t, '|SnapshotGroupId|String|', '|SnapshotGroupId|Integer|'),
      { kind: 'type-changed', classification: 'breaking-for-clients', subject: 'param SnapshotGroupId', before: 'string', after: 'integer', line: 19, oldLine: 19 }],
    ['an added response field is breaking-for-emulators', PAGES.ds, (t) => replaceOnce(t, '|RequestId|String|473469C7', '|SnapshotName|String|a|快照名。 |\n|RequestId|String|473469C7'),
      { kind: 'response-field-added', classification: 'breaking-for-emulators', subject: 'field SnapshotName', before: undefined, after: 'string', line: 34, oldLine: undefined }],
    // RequestId stays in the examples, but its table row is gone: removed.
    ['a removed response field row is breaking-for-clients', PAGES.ds, (t) => deleteLine(t, '|RequestId|String|473469C7'),
      { kind: 'response-field-removed', classification: 'breaking-for-clients', subject: 'field RequestId', before: 'string', after: undefined, line: undefined, oldLine: 34 }],
    ['a retyped nested response field is breaking-for-clients', PAGES.dsg, (t) => replaceOnce(t, '|ErrorCode|String|400|', '|ErrorCode|Integer|400|'),
      { kind: 'response-field-retyped', classification: 'breaking-for-clients', subject: 'field OperationProgressSet.OperationProgress.ErrorCode', before: 'string', after: 'integer', line: 27, oldLine: 27 }],
    ['a changed success status (Huawei 返回值) is breaking-for-clients', PAGES.hw, (t) => t.replace(/(-   正常\n\n\s+)202/, '$1200'),
      { kind: 'status-changed', classification: 'breaking-for-clients', subject: 'response status', before: 202, after: 200, line: 116, oldLine: undefined }],
    ['a changed URI (Huawei) is breaking-for-clients', PAGES.hw, (t) => replaceOnce(t, 'DELETE /v2/\\{project\\_id\\}/cloudsnapshots', 'DELETE /v3/\\{project\\_id\\}/cloudsnapshots'),
      { kind: 'http-changed', classification: 'breaking-for-clients', subject: 'http', before: 'DELETE /v2/{project_id}/cloudsnapshots/{snapshot_id}', after: 'DELETE /v3/{project_id}/cloudsnapshots/{snapshot_id}', line: 19, oldLine: undefined }],
  ])('%s', (_title, page, edit, want) => {
    expect(driftOf(page, edit).map(brief)).toEqual([want]);
  });

  it('--contract names the stored contract explicitly', () => {
    const file = modifiedPage(PAGES.ds, (t) => replaceOnce(t, ' 默认值：false |', ' 默认值：true |'));
    const r = pageDrift(file, { contract: 'contracts/aliyun/ecs/2014-05-26/DeleteSnapshot.yaml' });
    expect(r.contractId).toBe('aliyun.ecs.DeleteSnapshot');
    expect(r.changes.map((c) => c.kind)).toEqual(['default-changed']);
  });
});
