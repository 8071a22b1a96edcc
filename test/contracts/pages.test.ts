// The page parser on the five real vendor pages: exact counts, spot values with their lines.
import { pagePath } from '../helpers/pages.ts';
import { describe, expect, it } from 'vitest';
import { detectFormat, parsePage, parsePageText, unescapeMd } from '../../importer/pages.ts';
import { loadContracts } from '../../loader/index.ts';

const page = (f: string) => parsePage(pagePath(f));

describe('parsePage counts', () => {
  it.each([
    // file, format, params, response fields, error rows, examples (kind@line), prose lines
    ['aliyun-ecs-2014-05-26-CreateSnapshotGroup.md', 'aliyun-md', 8, 2, 37, ['request@59', 'response-xml@70', 'response-json@79'], [7, 9, 10, 11, 12, 13, 15]],
    ['aliyun-ecs-2014-05-26-DeleteSnapshot.md', 'aliyun-md', 3, 1, 6, ['request@41', 'response-xml@51', 'response-json@59'], [7, 9, 10, 11]],
    ['aliyun-ecs-2014-05-26-DeleteSnapshotGroup.md', 'aliyun-md', 3, 10, 0, ['request@45', 'response-xml@56', 'response-json@88'], [7]],
    ['huaweicloud-evs-v2-DeleteSnapshot.md', 'huawei-html', 2, 2, 0, ['response-json@92', 'response-json@103'], [12, 13]],
    ['volcengine-ecs-2020-04-01-DeleteInstances.txt', 'volc-text', 4, 1, 7, ['request@79', 'response-json@86'], [10, 11, 12, 13]],
  ] as const)('%s', (file, format, params, fields, errors, examples, prose) => {
    const p = page(file);
    expect(p.format).toBe(format);
    expect(p.file).toBe(file);
    expect(p.params).toHaveLength(params);
    expect(p.responseFields).toHaveLength(fields);
    expect(p.errors).toHaveLength(errors);
    expect(p.examples.map((e) => `${e.kind}@${e.line}`)).toEqual(examples);
    expect(p.prose.map((x) => x.line)).toEqual(prose);
  });

  it('is deterministic', () => {
    for (const f of loadContracts().contracts.flatMap((c) => (c.source.file ? [c.source.file] : []))) {
      expect(JSON.stringify(page(f))).toBe(JSON.stringify(page(f)));
    }
  });

  it('detects the format from the name and content', () => {
    expect(detectFormat('x.txt', '')).toBe('volc-text');
    expect(detectFormat('x.md', 'a\n<table><tr><td>x</td></tr></table>')).toBe('huawei-html');
    expect(detectFormat('x.md', '|a|b|\n|--|--|')).toBe('aliyun-md');
  });
});

describe('parsePage header', () => {
  it.each([
    // file, title, printed update date, summary, REST URI, success status (undefined: the page has none)
    ['aliyun-ecs-2014-05-26-CreateSnapshotGroup.md', 'CreateSnapshotGroup', undefined,
      { text: '调用CreateSnapshotGroup为指定ECS实例中的云盘创建实例快照。实例快照包含一个或多个云盘对应的快照。', line: 3 }, undefined, undefined],
    ['aliyun-ecs-2014-05-26-DeleteSnapshot.md', 'DeleteSnapshot', undefined,
      { text: '调用DeleteSnapshot删除指定的快照。如果需要取消正在创建的快照，也可以调用该接口删除快照，即取消创建快照任务。', line: 3 }, undefined, undefined],
    ['aliyun-ecs-2014-05-26-DeleteSnapshotGroup.md', 'DeleteSnapshotGroup', undefined,
      { text: '调用DeleteSnapshotGroup删除指定的实例快照。', line: 3 }, undefined, undefined],
    ['huaweicloud-evs-v2-DeleteSnapshot.md', '删除云硬盘快照', undefined, { text: '删除云硬盘快照。支持企业项目授权功能。', line: 5 },
      { method: 'DELETE', path: '/v2/{project_id}/cloudsnapshots/{snapshot_id}', line: 19 }, { status: 202, line: 116 }],
    ['volcengine-ecs-2020-04-01-DeleteInstances.txt', 'DeleteInstances - 删除实例', '2024.10.28 17:36:25',
      { text: '调用 DeleteInstances 接口删除一台或多台实例。', line: 6 }, undefined, undefined],
  ])('%s', (file, title, updated, summary, http, successStatus) => {
    const { title: t, updated: u, summary: s, http: h, successStatus: ok } = page(file);
    expect({ title: t, updated: u, summary: s, http: h, successStatus: ok }).toStrictEqual({ title, updated, summary, http, successStatus });
  });
});

describe('Alibaba Markdown', () => {
  const p = page('aliyun-ecs-2014-05-26-CreateSnapshotGroup.md');
  it('unescapes cells and keeps multi-line cells whole, at the row line', () => {
    expect(p.params.map((x) => x.name)).toEqual(['Action', 'InstanceId', 'RegionId', 'InstantAccess', 'InstantAccessRetentionDays', 'Name', 'Description', 'ExcludeDiskId.N']);
    expect(p.params[0]).toMatchObject({ name: 'Action', required: false, line: 25 });
    expect(p.params[1]).toEqual({ name: 'InstanceId', type: 'String', required: true, example: 'i-j6ca469urv8ei629****', description: '实例ID。', line: 26 });
    expect(p.params[3]).toEqual({ name: 'InstantAccess', type: 'Boolean', required: false, example: 'false', line: 28,
      description: '是否开启快照极速可用。取值范围：\n\n-   true：开启\n-   false：关闭\n\n默认值：false' });
    expect(p.params[4]!.line).toBe(34);
    expect(p.params[4]!.description).toContain('仅当`InstantAccess=true`时，该参数生效。');
    expect(p.params[5]!.description).toContain('下划线（_）');
    expect(p.params[7]).toMatchObject({ name: 'ExcludeDiskId.N', type: 'RepeatList', example: 'd-j6cf7l0ewidb78lq****', line: 41 });
    expect(p.params[7]!.description.endsWith('N的取值范围：1~16')).toBe(true);
  });
  it('reads the response and error tables', () => {
    expect(p.responseFields.map((f) => [f.name, f.line, f.path.join('.')])).toEqual([['RequestId', 51, 'RequestId'], ['SnapshotGroupId', 52, 'SnapshotGroupId']]);
    expect(p.errors[0]).toEqual({ status: 400, code: 'InvalidSnapshotName.Malformed', message: 'The specified SnapshotName is wrongly formed.', description: '快照名称格式不合法。', line: 89 });
    expect(p.errors.find((e) => e.code === 'IdempotentProcessing')).toMatchObject({ status: 403, message: 'The previous idempotent request(s) is still processing.', line: 115 });
    expect(p.errors.find((e) => e.code === 'QuotaExceed.Tags')).toMatchObject({ message: '%s', line: 116 });
    expect(p.errors.filter((e) => e.code === 'InternalError').map((e) => e.line)).toEqual([124, 125]);
    expect(p.errors.at(-1)!.message).toBe('The request processing has failed due to some unknown error, exception or failure.');
    const byStatus = p.errors.reduce<Record<number, number>>((m, e) => ({ ...m, [e.status]: (m[e.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 400: 8, 403: 22, 404: 5, 500: 2 });
  });
  it('reads examples and prose', () => {
    expect(p.examples[0]!.text.split('\n')[0]).toBe('https://ecs.aliyuncs.com/?Action=CreateSnapshotGroup');
    expect(p.examples[2]!.validJson).toBe(true);
    expect(JSON.parse(p.examples[2]!.text)).toEqual({ RequestId: '01ABBD93-1ABB-4D92-B496-1A3D20EC0697', SnapshotGroupId: 'ssg-j6ciyh3k52qp7ovm****' });
    expect(p.prose[1]).toEqual({ text: 'ECS实例状态为**运行中**（`Running`）或者**已停止**（`Stopped`）。', line: 9, kind: 'bullet', section: '接口说明' });
    expect(p.prose[0]!.kind).toBe('paragraph');
  });
  it('nests DeleteSnapshotGroup response rows by the marker rows and the JSON example', () => {
    const g = page('aliyun-ecs-2014-05-26-DeleteSnapshotGroup.md');
    expect(g.responseFields.map((f) => [f.name, f.line, f.parent ?? null, f.type ?? null])).toEqual([
      ['OperationProgressSet', 25, null, 'Array of OperationProgress'],
      ['OperationProgress', 26, 'OperationProgressSet', null],
      ['ErrorCode', 27, 'OperationProgress', 'String'],
      ['ErrorMsg', 30, 'OperationProgress', 'String'],
      ['OperationStatus', 33, 'OperationProgress', 'String'],
      ['RelatedItemSet', 34, 'OperationProgress', 'Array of RelatedItem'],
      ['RelatedItem', 35, 'RelatedItemSet', null],
      ['Name', 36, 'RelatedItem', 'String'],
      ['Value', 37, 'RelatedItem', 'String'],
      ['RequestId', 38, null, 'String'],
    ]);
    expect(g.responseFields[8]!.path).toEqual(['OperationProgressSet', 'OperationProgress', 'RelatedItemSet', 'RelatedItem', 'Value']);
    expect(g.responseFields[2]!.description).toBe('错误码。删除成功时返回空值。\n\n错误码和错误信息，请参见[错误中心](https://error-center.alibabacloud.com/status/product/Ecs)。');
  });
  it('DeleteSnapshot: Action is 是 on this page', () => {
    const d = page('aliyun-ecs-2014-05-26-DeleteSnapshot.md');
    expect(d.params.map((x) => [x.name, x.required, x.line])).toEqual([['Action', true, 21], ['SnapshotId', true, 22], ['Force', false, 23]]);
    expect(d.errors.map((e) => [e.status, e.code, e.line])[4]).toEqual([404, 'InvalidSnapshotId.NotFound', 72]);
    expect(d.errors[0]!.message).toBe('The snapshot has been used to create user defined image(s).');
  });
  it('unescapeMd', () => {
    expect(unescapeMd('a\\*\\*b \\_c\\_ \\(s\\) \\{x\\}')).toBe('a**b _c_ (s) {x}');
  });
});

describe('Huawei Markdown + HTML tables', () => {
  const p = page('huaweicloud-evs-v2-DeleteSnapshot.md');
  it('reads the constraints', () => {
    expect(p.prose.map((x) => x.text)).toEqual(['不能删除以autobk_snapshot_为前缀的快照。', '当快照状态为available、error状态时，才可以删除。']);
  });
  it('reads the URI and response tables with the line of each row', () => {
    expect(p.params).toEqual([
      { name: 'project_id', type: '', required: true, description: '项目ID。', line: 32, in: 'path' },
      { name: 'snapshot_id', type: '', required: true, description: '快照ID。', line: 39, in: 'path' },
    ]);
    expect(p.responseFields.map((f) => [f.name, f.type, f.line])).toEqual([['message', 'string', 67], ['code', 'string', 74]]);
    expect(p.responseFields[1]!.description).toBe('出现错误时，返回的错误码。\n错误码和其对应的含义请参考错误码说明。');
    expect(p.lines[p.params[1]!.line - 1]).toContain('snapshot_id');
  });
  it('reads the indented fenced examples', () => {
    expect(p.examples.map((e) => [e.line, e.validJson])).toEqual([[92, true], [103, true]]);
    expect(JSON.parse(p.examples[1]!.text)).toEqual({ itemNotFound: { message: 'XXXX', code: 'XXX' } });
  });
});

describe('Volcengine scraped text', () => {
  const p = page('volcengine-ecs-2020-04-01-DeleteInstances.txt');
  it('reads one-cell-per-line rows with an EMPTY 是否必填 cell', () => {
    expect(p.params.map((x) => [x.name, x.type, x.required, x.example, x.line])).toEqual([
      ['Action', 'String', null, 'DeleteInstances', 26],
      ['Version', 'String', null, '2020-04-01', 33],
      ['ClientToken', 'String', null, '333456899ff****', 40],
      ['InstanceIds.N', 'Array of String', null, 'InstanceIds.1=i-ybo349sxoncm9t******&InstanceIds.2=i-ybo349sxolcm9t******', 48],
    ]);
    expect(p.params[2]!.description).toBe('保证请求幂等性。由客户端自动生成一个参数值,确保不同请求间该参数值唯一,避免当调用API超时或服务器内部错误时,客户端多次重试导致重复性操作。\n取值:仅支持ASCII字符,且不能超过64个字符。');
    expect(p.params[3]!.description).toBe('实例ID,最多支持100个ID。\n\n  • 参数 - N:表示实例的序号。\n  • 多个Instance ID之间用&分隔。');
  });
  it('reads a filled 是否必填 cell too', () => {
    const text = ['请求参数', '', '参数', '类型', '是否必填', '示例值', '描述', 'A', 'String', '是', 'x', '', 'desc a', '', 'B', 'Integer', '否', '1', '', 'desc b', '返回参数'].join('\n');
    const q = parsePageText(text, 'x.txt');
    expect(q.params.map((x) => [x.name, x.required, x.example, x.description, x.line])).toEqual([['A', true, 'x', 'desc a', 8], ['B', false, '1', 'desc b', 15]]);
  });
  it('reads the response table, error table (line of the code) and the invalid JSON example', () => {
    expect(p.responseFields).toEqual([{ name: 'OperationDetails', type: 'Array of Object', example: '--', description: '操作详情。', line: 70, path: ['OperationDetails'] }]);
    expect(p.errors.map((e) => [e.status, e.code, e.line])).toEqual([
      [400, 'IdempotentParameterMismatch', 122], [400, 'InvalidArgument', 128], [400, 'InvalidClientToken.Malformed', 134],
      [400, 'InvalidCount.Malformed', 140], [400, 'InvalidDedicatedHostStatus.Unsupported', 146], [412, 'IdempotentProcessing', 152], [500, 'InternalError', 158],
    ]);
    expect(p.errors[0]).toMatchObject({ message: 'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.', description: '幂等参数不一致。' });
    expect(p.examples[1]).toMatchObject({ kind: 'response-json', line: 86, validJson: false });
    expect(p.examples[0]!.text.split('\n')).toHaveLength(4);
    expect(p.prose.map((x) => x.depth)).toEqual([1, 2, 2, 1]);
  });
});
