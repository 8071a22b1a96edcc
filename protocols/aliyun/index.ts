// Alibaba Cloud RPC (ECS 2014-05-26): ACS3-HMAC-SHA256 by default, HMAC-SHA1 v1 on request.
import type { VendorProtocol } from '../types.ts';
import { getHeader } from '../common/headers.ts';
import { queryPairs } from '../common/params.ts';
import { acs3SigningStrings, verifyAcs3 } from './acs3.ts';
import { parseAliyunResponse, renderAliyunError, renderAliyunSuccess } from './envelope.ts';
import { buildAliyunRequest, parseAliyunRequest } from './request.ts';
import { v1Pairs, v1SigningStrings, verifyV1 } from './rpc-v1.ts';

export const aliyunProtocol: VendorProtocol = {
  vendor: 'aliyun',
  buildRequest: buildAliyunRequest,
  parseRequest: parseAliyunRequest,
  verify(req, lookup, opts) {
    const auth = getHeader(req.headers, 'authorization');
    if (auth !== undefined && auth.trim() !== '') {
      if (auth.trim().startsWith('ACS3-')) return verifyAcs3(req, lookup, opts);
      return { ok: false, reason: 'malformed', detail: `unsupported Authorization scheme "${auth.trim().split(/\s/)[0]}"` };
    }
    if (v1Pairs(req).some(([k]) => k === 'Signature')) return verifyV1(req, lookup, opts);
    const hasKey = queryPairs(req).some(([k]) => k === 'AccessKeyId');
    return { ok: false, reason: 'missing', detail: hasKey ? 'AccessKeyId without Signature' : 'no Authorization header and no Signature parameter' };
  },
  signingStrings: (req) => acs3SigningStrings(req) ?? v1SigningStrings(req),
  renderSuccess: renderAliyunSuccess,
  renderError: renderAliyunError,
  parseResponse: parseAliyunResponse,
};
