// Limits against slow or malformed clients, applied to the emulator's own Node server.
// Why these numbers: the contracts allow 100 `InstanceIds.N` (Volcengine DeleteInstances) and
// Tag.N lists whose keys/values reach 128 characters; percent-encoded in a GET query line that is
// tens of KB, over Node's 16 KB default. 64 KB fits both with room; it is the emulator's choice,
// not a vendor-published gateway limit (none was found in the stored sources).
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { newRequestId } from '../state/ids.ts';

export const MAX_HEADER_BYTES = 64 * 1024;
/** A client must finish its headers in this time (Node's default is 60 s; slowloris held 85 s). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Whole request (headers + body). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Idle keep-alive sockets are closed after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const MAX_CONNECTIONS = 256;

export const serverOptions: ServerOptions = {
  maxHeaderSize: MAX_HEADER_BYTES,
  headersTimeout: HEADERS_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  // How often Node looks for sockets past those timeouts (default 30 s would let a slow client linger).
  connectionsCheckingInterval: 1_000,
};

/**
 * A request Node could not parse (bad request line, oversized headers) never reaches a parser
 * that knows the vendor, so it gets a JSON 400 with a request id and no error code: the one
 * answer without a vendor code (listed as such in test/emulator/error-codes.test.ts).
 */
export function malformedAnswer(status: number, requestId: string): string {
  const body = JSON.stringify({ RequestId: requestId, Message: status === 431 ? 'The request headers are too large.' : 'The request could not be parsed.' });
  return `HTTP/1.1 ${status === 431 ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n`
    + `content-type: application/json; charset=utf-8\r\nx-emulator-request-id: ${requestId}\r\n`
    + `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

export function hardenServer(server: Server): void {
  server.maxConnections = MAX_CONNECTIONS;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') { socket.destroy(); return; }
    // A timeout is not answered: the client is not reading; drop it.
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') { socket.destroy(); return; }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end(malformedAnswer(status, newRequestId(undefined, Date.now())));
  });
}
