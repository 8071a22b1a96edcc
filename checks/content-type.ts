// The content type names the format of the body; an explicitly requested format is honoured.
import type { CheckFn } from './types.ts';

export const contentType: CheckFn = ({ testCase, response }) => {
  const asked = testCase.call.format;
  if (response.format === undefined || response.format === 'none') {
    return asked && response.raw ? { name: 'content-type', ok: false, expected: asked, actual: response.format, message: 'empty body' } : undefined;
  }
  const ct = (response.contentType ?? '').toLowerCase();
  if (asked && response.format !== asked.toLowerCase()) {
    return { name: 'content-type', ok: false, expected: asked, actual: response.format, message: `asked for ${asked}, got a ${response.format} body` };
  }
  const want = response.format === 'xml' ? 'xml' : response.format === 'json' ? 'json' : undefined;
  if (!want) return { name: 'content-type', ok: false, expected: 'json or xml', actual: response.format, message: 'body is neither JSON nor XML' };
  const ok = ct.includes(want);
  return { name: 'content-type', ok, expected: `*/${want}`, actual: response.contentType ?? null, ...(ok ? {} : { message: `a ${want.toUpperCase()} body served as ${response.contentType ?? 'no content type'}` }) };
};
