// Read a request body with a size limit; never throws (errors become `tooLarge` / `aborted`).
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<{ body: string; tooLarge?: boolean; aborted?: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: { body: string; tooLarge?: boolean; aborted?: boolean }) => { if (!done) { done = true; resolve(r); } };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) { finish({ body: '', tooLarge: true }); req.resume(); return; }
      chunks.push(c);
    });
    req.on('end', () => finish({ body: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ body: '', aborted: true }));
    req.on('aborted', () => finish({ body: '', aborted: true }));
  });
}
