// Envelope round-trips: what renderSuccess/renderError write, parseResponse reads back; and the
// official SDKs themselves read our error envelopes (served from a capture server on 127.0.0.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../core/types.ts';
import { protocolFor } from '../../protocols/index.ts';
import type { RenderableError } from '../../protocols/types.ts';
import { aliyunClient, type Capture, huaweiClient, hwDeleteSnapshot, startCapture, volcService } from './sdk-harness.ts';

const ctx = { requestId: 'B7A3C4D2-0000-4F5E-8A9B-0123456789AB', action: 'DeleteSnapshot', version: '2014-05-26', region: 'cn-hangzhou', service: 'ecs' };

const ERRORS: [Vendor, RenderableError, 'JSON' | 'XML'][] = [
  ['aliyun', { status: 404, code: 'InvalidSnapshotId.NotFound', message: 'The specified snapshot is not found' }, 'JSON'],
  ['aliyun', { status: 400, code: 'MissingParameter', message: 'The input parameter SnapshotId <&> is not supplied.' }, 'XML'],
  ['aliyun', { status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' }, 'JSON'],
  ['volcengine', { status: 400, code: 'InvalidArgument', message: 'The specified argument is invalid.' }, 'JSON'],
  ['volcengine', { status: 500, code: 'InternalError', message: 'An internal error has occurred.' }, 'JSON'],
  ['huaweicloud', { status: 404, code: 'EVS.5000', message: 'snapshot not found', kind: 'itemNotFound' }, 'JSON'],
  ['huaweicloud', { status: 400, code: 'EVS.2095', message: 'bad request', kind: 'badRequest' }, 'JSON'],
  ['huaweicloud', { status: 400, code: 'EVS.2095', message: 'bad request' }, 'JSON'],
  ['huaweicloud', { status: 401, code: 'APIGW.0301', message: 'Incorrect IAM authentication information', kind: 'gateway' }, 'JSON'],
];

describe('renderError -> parseResponse', () => {
  it.each(ERRORS)('%s %j (%s)', (vendor, err, format) => {
    const p = protocolFor(vendor);
    const wire = p.renderError(err, { ...ctx, format });
    expect(wire.status).toBe(err.status);
    const res = p.parseResponse(wire);
    expect(res).toMatchObject({ status: err.status, error: { code: err.code, message: err.message }, requestId: ctx.requestId });
    expect(res.format).toBe(format === 'XML' ? 'xml' : 'json');
  });

  it('Alibaba XML errors use exactly text/xml;charset=utf-8 and the documented element order', () => {
    const wire = protocolFor('aliyun').renderError(ERRORS[1]![1], { ...ctx, format: 'XML' });
    expect(wire.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(wire.body).toMatch(/^<\?xml[^>]*\?><Error><RequestId>.*<\/RequestId><HostId>.*<\/HostId><Code>MissingParameter<\/Code><Message>.*&lt;&amp;&gt;.*<\/Message><Recommend>.*<\/Recommend><\/Error>$/);
  });

  it('Alibaba JSON errors carry RequestId, HostId, Code, Message, Recommend', () => {
    const body = JSON.parse(protocolFor('aliyun').renderError(ERRORS[0]![1], ctx).body);
    expect(Object.keys(body)).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
  });

  it('Volcengine errors carry the full ResponseMetadata', () => {
    const body = JSON.parse(protocolFor('volcengine').renderError(ERRORS[3]![1], { ...ctx, action: 'DeleteInstances', version: '2020-04-01', region: 'cn-beijing' }).body);
    expect(body).toEqual({ ResponseMetadata: { RequestId: ctx.requestId, Action: 'DeleteInstances', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing', Error: { Code: 'InvalidArgument', Message: 'The specified argument is invalid.' } } });
  });

  it('Huawei errors always send X-Request-Id, in each body form', () => {
    const p = protocolFor('huaweicloud');
    expect(JSON.parse(p.renderError(ERRORS[5]![1], ctx).body)).toEqual({ itemNotFound: { message: 'snapshot not found', code: 'EVS.5000' } });
    expect(JSON.parse(p.renderError(ERRORS[7]![1], ctx).body)).toEqual({ error: { message: 'bad request', code: 'EVS.2095' } });
    expect(JSON.parse(p.renderError(ERRORS[8]![1], ctx).body)).toEqual({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information', request_id: ctx.requestId });
    for (const [, e] of ERRORS.filter(([v]) => v === 'huaweicloud')) expect(p.renderError(e, ctx).headers['X-Request-Id']).toBe(ctx.requestId);
  });
});

const PROGRESS = {
  OperationProgressSet: {
    OperationProgress: [
      { OperationStatus: 'Success', ErrorMsg: '', ErrorCode: '', RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: 's-1' }, { Name: 'SnapshotId', Value: 's-2' }] } },
      { OperationStatus: 'Failed', ErrorMsg: 'a < b', ErrorCode: 'X', RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: 's-3' }] } },
    ],
  },
};

describe('renderSuccess -> parseResponse', () => {
  it('Alibaba JSON: RequestId first, PascalCase kept, lists stay arrays', () => {
    const wire = protocolFor('aliyun').renderSuccess('DeleteSnapshotGroup', PROGRESS, ctx);
    expect(wire.status).toBe(200);
    const res = protocolFor('aliyun').parseResponse(wire);
    expect(Object.keys(res.body as object)[0]).toBe('RequestId');
    expect(res).toMatchObject({ format: 'json', requestId: ctx.requestId, body: PROGRESS });
    expect(res.error).toBeUndefined();
  });

  it('Alibaba XML: lists as repeated elements, parsed back as arrays under the root element', () => {
    const wire = protocolFor('aliyun').renderSuccess('DeleteSnapshotGroup', PROGRESS, { ...ctx, format: 'XML' });
    expect(wire.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(wire.body.match(/<OperationProgress>/g)).toHaveLength(2);
    expect(wire.body).toContain('<OperationProgressSet><OperationProgress><OperationStatus>Success</OperationStatus>');
    expect(wire.body).toContain('<RelatedItem><Name>SnapshotId</Name><Value>s-1</Value></RelatedItem><RelatedItem><Name>SnapshotId</Name><Value>s-2</Value></RelatedItem>');
    const res = protocolFor('aliyun').parseResponse(wire);
    expect(res.format).toBe('xml');
    expect(res.requestId).toBe(ctx.requestId);
    const root = (res.body as { DeleteSnapshotGroupResponse: any }).DeleteSnapshotGroupResponse;
    const progress = root.OperationProgressSet.OperationProgress;
    expect(Array.isArray(progress)).toBe(true);
    expect(progress).toHaveLength(2);
    expect(progress[0].RelatedItemSet.RelatedItem).toEqual([{ Name: 'SnapshotId', Value: 's-1' }, { Name: 'SnapshotId', Value: 's-2' }]);
    // A list with one item is one element: XML cannot say it is a list (contracts name such lists).
    expect(progress[1].RelatedItemSet.RelatedItem).toEqual({ Name: 'SnapshotId', Value: 's-3' });
    expect(progress[1].ErrorMsg).toBe('a < b');
    expect(progress[0].ErrorCode).toBe('');
  });

  it('Volcengine: {ResponseMetadata, Result}', () => {
    const result = { OperationDetails: [{ InstanceId: 'i-1' }] };
    const res = protocolFor('volcengine').parseResponse(protocolFor('volcengine').renderSuccess('DeleteInstances', result, { ...ctx, action: undefined, version: '2020-04-01' }));
    expect(res).toMatchObject({ status: 200, requestId: ctx.requestId, body: { ResponseMetadata: { Action: 'DeleteInstances', Version: '2020-04-01' }, Result: result } });
    expect(res.error).toBeUndefined();
  });

  it('Huawei: 202 with an empty body; requestId from X-Request-Id', () => {
    const wire = protocolFor('huaweicloud').renderSuccess('DeleteSnapshot', null, ctx);
    expect(wire).toEqual({ status: 202, headers: { 'X-Request-Id': ctx.requestId }, body: '' });
    expect(protocolFor('huaweicloud').parseResponse(wire)).toMatchObject({ status: 202, format: 'none', requestId: ctx.requestId });
  });

  it('non-JSON bodies are kept raw as format "other"', () => {
    const res = protocolFor('aliyun').parseResponse({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' });
    expect(res).toMatchObject({ status: 502, format: 'other', raw: '<html>Bad Gateway</html>' });
    expect(res.body).toBeUndefined();
  });
});

describe('the official SDKs read our error envelopes', () => {
  let c: Capture;
  beforeAll(async () => { c = await startCapture(); });
  afterAll(() => c.close());

  it('Alibaba: ClientError with our Code and RequestId, from JSON and from text/xml;charset=utf-8', async () => {
    for (const format of ['JSON', 'XML'] as const) {
      c.respond = () => protocolFor('aliyun').renderError(ERRORS[0]![1], { ...ctx, format });
      const err = await aliyunClient(c).call('deleteSnapshot', 'DeleteSnapshotRequest', { snapshotId: 's-x' }).then(() => undefined, (e: any) => e);
      expect([format, err?.name, err?.code, err?.statusCode, err?.data?.RequestId]).toEqual([format, 'ClientError', 'InvalidSnapshotId.NotFound', 404, ctx.requestId]);
    }
  });

  it('Alibaba: our success body is read onto the SDK model', async () => {
    c.respond = () => protocolFor('aliyun').renderSuccess('DeleteSnapshotGroup', PROGRESS, ctx);
    const res: any = await aliyunClient(c).call('deleteSnapshotGroup', 'DeleteSnapshotGroupRequest', { regionId: 'cn-hangzhou', snapshotGroupId: 'ssg-1' });
    expect(res.body.requestId).toBe(ctx.requestId);
    expect(res.body.operationProgressSet.operationProgress).toHaveLength(2);
  });

  it('Volcengine: resolves with our ResponseMetadata.Error', async () => {
    c.respond = () => protocolFor('volcengine').renderError(ERRORS[3]![1], { ...ctx, action: 'DeleteInstances' });
    const res: any = await volcService(c).createAPI('DeleteInstances', { Version: '2020-04-01' })({ 'InstanceIds.1': 'i-1' });
    expect(res.ResponseMetadata.Error).toEqual({ Code: 'InvalidArgument', Message: 'The specified argument is invalid.' });
  });

  it('Huawei: {"error":{..}} and the gateway form give errorCode; typed wrappers lose it in this SDK', async () => {
    const hc = huaweiClient(c);
    const outcome = async (e: RenderableError) => {
      c.respond = () => protocolFor('huaweicloud').renderError(e, ctx);
      const err: any = await hwDeleteSnapshot(hc, 'snap-1').then(() => undefined, (x: unknown) => x);
      return [err?.httpStatusCode, err?.errorCode, err?.requestId];
    };
    expect(await outcome(ERRORS[7]![1])).toEqual([400, 'EVS.2095', ctx.requestId]);
    expect(await outcome(ERRORS[8]![1])).toEqual([401, 'APIGW.0301', ctx.requestId]);
    expect(await outcome(ERRORS[5]![1])).toEqual([404, undefined, ctx.requestId]);
    c.respond = () => protocolFor('huaweicloud').renderSuccess('DeleteSnapshot', null, ctx);
    expect(await hwDeleteSnapshot(hc, 'snap-1')).toEqual({ httpStatusCode: 202 });
  });
});
