// Who may use the control API: loopback clients, or (when a token is configured) anyone with
// header `x-emulator-token` equal to it; then loopback alone is not enough.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(address: string | undefined): boolean {
  return !!address && LOOPBACK.test(address);
}

export function controlAllowed(req: IncomingMessage, token: string | undefined): { ok: true } | { ok: false; reason: string } {
  if (token !== undefined && token !== '') {
    const got = req.headers['x-emulator-token'];
    const given = Buffer.from(typeof got === 'string' ? got : '');
    const want = Buffer.from(token);
    if (given.length === want.length && timingSafeEqual(given, want)) return { ok: true };
    return { ok: false, reason: 'the control API needs header x-emulator-token' };
  }
  if (isLoopback(req.socket.remoteAddress)) return { ok: true };
  return { ok: false, reason: 'the control API answers loopback clients only (configure a control token to allow others)' };
}
