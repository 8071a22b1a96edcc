// Volcengine OpenAPI (ECS 2020-04-01): HMAC-SHA256 with a derived key.
import type { VendorProtocol } from '../types.ts';
import { parseVolcResponse, renderVolcError, renderVolcSuccess } from './envelope.ts';
import { buildVolcRequest, parseVolcRequest } from './request.ts';
import { verifyVolc, volcSigningStrings } from './signer.ts';

export const volcengineProtocol: VendorProtocol = {
  vendor: 'volcengine',
  buildRequest: buildVolcRequest,
  parseRequest: parseVolcRequest,
  verify: verifyVolc,
  signingStrings: volcSigningStrings,
  renderSuccess: renderVolcSuccess,
  renderError: renderVolcError,
  parseResponse: parseVolcResponse,
};
