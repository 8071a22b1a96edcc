// Dispatch a WireRequest straight into a Node request listener, without a socket: a minimal
// IncomingMessage (a Readable with method/url/headers) and a ServerResponse stand-in that
// collects status, headers and body. Chosen over supertest for speed (see inprocess.ts).
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { WireRequest, WireResponse } from '../core/types.ts';
import { prop } from './unknown.ts';

const FAKE_SOCKET = {
  remoteAddress: '127.0.0.1', remotePort: 0, localAddress: '127.0.0.1', localPort: 0, encrypted: false,
  destroy() {}, setTimeout() {}, setNoDelay() {}, setKeepAlive() {}, on() { return this; }, once() { return this; },
  removeListener() { return this; }, off() { return this; },
};

class ShimRequest extends Readable {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly rawHeaders: string[];
  readonly httpVersion = '1.1';
  readonly httpVersionMajor = 1;
  readonly httpVersionMinor = 1;
  readonly socket = FAKE_SOCKET;
  readonly connection = FAKE_SOCKET;
  readonly trailers = {};
  complete = false;
  aborted = false;
  private pending: Buffer | null;

  constructor(wire: WireRequest) {
    super();
    this.method = wire.method.toUpperCase();
    this.url = wire.path;
    this.headers = {};
    this.rawHeaders = [];
    const body = wire.body === undefined ? null : Buffer.from(wire.body);
    for (const [k, v] of Object.entries(wire.headers)) {
      this.headers[k.toLowerCase()] = v;
      this.rawHeaders.push(k, v);
    }
    if (body && this.headers['content-length'] === undefined) this.headers['content-length'] = String(body.length);
    this.pending = body;
  }

  override _read(): void {
    if (this.pending) { const chunk = this.pending; this.pending = null; this.push(chunk); }
    this.complete = true;
    this.push(null);
  }

  setTimeout(): this { return this; }
}

type HeaderValue = string | number | readonly string[];

class ShimResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  writableFinished = false;
  finished = false;
  sendDate = false;
  readonly socket = FAKE_SOCKET;
  readonly connection = FAKE_SOCKET;
  private readonly headers = new Map<string, HeaderValue>();
  private readonly chunks: Buffer[] = [];

  constructor(private readonly done: (res: WireResponse) => void, readonly req: ShimRequest) { super(); }

  setHeader(name: string, value: HeaderValue): this { this.headers.set(name.toLowerCase(), value); return this; }
  appendHeader(name: string, value: HeaderValue): this {
    const prev = this.headers.get(name.toLowerCase());
    const add = Array.isArray(value) ? value : [String(value)];
    this.headers.set(name.toLowerCase(), prev === undefined ? value : [...(Array.isArray(prev) ? prev : [String(prev)]), ...add]);
    return this;
  }
  getHeader(name: string): HeaderValue | undefined { return this.headers.get(name.toLowerCase()); }
  getHeaders(): Record<string, HeaderValue> { return Object.fromEntries(this.headers); }
  getHeaderNames(): string[] { return [...this.headers.keys()]; }
  hasHeader(name: string): boolean { return this.headers.has(name.toLowerCase()); }
  removeHeader(name: string): void { this.headers.delete(name.toLowerCase()); }
  flushHeaders(): void { this.headersSent = true; }

  writeHead(status: number, a?: string | Record<string, HeaderValue> | HeaderValue[], b?: Record<string, HeaderValue>): this {
    this.statusCode = status;
    let headers = b;
    if (typeof a === 'string') this.statusMessage = a; else if (a && !Array.isArray(a)) headers = a;
    if (Array.isArray(a)) {
      for (let i = 0; i + 1 < a.length; i += 2) {
        const v = a[i + 1];
        if (v !== undefined) this.setHeader(String(a[i]), v);
      }
    }
    if (headers) for (const [k, v] of Object.entries(headers)) if (v !== undefined) this.setHeader(k, v);
    this.headersSent = true;
    return this;
  }

  write(chunk: string | Uint8Array, enc?: BufferEncoding | (() => void), cb?: () => void): boolean {
    this.headersSent = true;
    if (chunk !== undefined && chunk !== null) {
      this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof enc === 'string' ? enc : 'utf8') : Buffer.from(chunk));
    }
    const callback = typeof enc === 'function' ? enc : cb;
    if (callback) queueMicrotask(callback);
    return true;
  }

  end(chunk?: string | Uint8Array | (() => void), enc?: BufferEncoding | (() => void), cb?: () => void): this {
    if (this.writableEnded) return this;
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof enc === 'function') { cb = enc; enc = undefined; }
    if (chunk !== undefined) this.write(chunk, enc);
    this.headersSent = true;
    this.writableEnded = this.writableFinished = this.finished = true;
    const headers: Record<string, string> = {};
    for (const [k, v] of this.headers) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    const body = Buffer.concat(this.chunks);
    if (headers['content-length'] === undefined) headers['content-length'] = String(body.length);
    this.done({ status: this.statusCode, headers, body: body.toString('utf8') });
    queueMicrotask(() => { this.emit('finish'); this.emit('close'); });
    if (cb) queueMicrotask(cb);
    return this;
  }

  setTimeout(): this { return this; }
  destroy(): this { return this; }
}

/** Run one request through the listener; resolves when the response ends. */
export function dispatch(handler: RequestListener, wire: WireRequest): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    const req = new ShimRequest(wire);
    const res = new ShimResponse(resolve, req);
    try {
      // a listener typed as returning void may still return a promise: its rejection fails the request
      const r: unknown = handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
      const then = prop(r, 'then');
      if (typeof then === 'function') then.call(r, undefined, reject);
    } catch (e) { reject(e); }
  });
}
