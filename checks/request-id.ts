// Every answer carries a request id, in the vendor's format (as the pages' examples print them).
import type { Vendor } from '../core/types.ts';
import type { CheckFn } from './types.ts';

/** Alibaba: upper-case UUID (DeleteSnapshot.md line 186); Volcengine: timestamp + hex (DeleteInstances.txt line 87); Huawei: 32 hex or a UUID. */
export const REQUEST_ID_FORMATS: Record<Vendor, RegExp> = {
  aliyun: /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/,
  volcengine: /^[0-9A-Za-z]{16,64}$/,
  huaweicloud: /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
};

export const requestId: CheckFn = ({ testCase, response, contract }) => {
  const id = response.requestId;
  if (id === undefined || id === '') {
    return { name: 'request-id', ok: false, expected: 'a request id', actual: null, source: testCase.source, message: 'the answer carries no request id' };
  }
  const re = REQUEST_ID_FORMATS[contract.vendor];
  const ok = re.test(id);
  return { name: 'request-id', ok, expected: re.source, actual: id, ...(ok ? {} : { message: `request id ${JSON.stringify(id)} is not in the ${contract.vendor} format` }) };
};
