// Huawei Cloud REST (EVS v2): SDK-HMAC-SHA256.
import type { VendorProtocol } from '../types.ts';
import { parseHwResponse, renderHwError, renderHwSuccess } from './envelope.ts';
import { buildHwRequest, parseHwRequest } from './request.ts';
import { hwSigningStrings, verifyHw } from './signer.ts';

export const huaweicloudProtocol: VendorProtocol = {
  vendor: 'huaweicloud',
  buildRequest: buildHwRequest,
  parseRequest: parseHwRequest,
  verify: verifyHw,
  signingStrings: hwSigningStrings,
  renderSuccess: renderHwSuccess,
  renderError: renderHwError,
  parseResponse: parseHwResponse,
};
