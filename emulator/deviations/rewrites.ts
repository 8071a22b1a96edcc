// Rewrites of the wire answer for `response` deviations (catalogue.ts, ledger.ts): pick answers by
// content type, outcome or code, and edit their status, headers or body.
import type { WireResponse } from '../../core/types.ts';
import type { ResponseInfo, Rewrite } from './types.ts';

export const isXml = (res: WireResponse) => /xml/i.test(contentTypeOf(res) ?? '');
export const isJson = (res: WireResponse) => /json/i.test(contentTypeOf(res) ?? '') && res.body.trim().startsWith('{');

export function contentTypeOf(res: WireResponse): string | undefined {
  const k = Object.keys(res.headers).find((h) => h.toLowerCase() === 'content-type');
  return k ? res.headers[k] : undefined;
}

export function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
}

export function setHeader(headers: Record<string, string>, name: string, value: string): Record<string, string> {
  return { ...withoutHeader(headers, name), [name]: value };
}

/** Several rewrites, applied left to right. */
export const pipe = (...rewrites: Rewrite[]): Rewrite => (res, info) => rewrites.reduce((r, f) => f(r, info), res);

/** A header removed from every answer. */
export const dropHeader = (name: string): Rewrite => (res) => ({ ...res, headers: withoutHeader(res.headers, name) });

/** Rewrite an XML body's text; other bodies pass. */
export function editXml(when: (res: WireResponse, info: ResponseInfo) => boolean, edit: (body: string) => string): Rewrite {
  return (res, info) => (isXml(res) && when(res, info) ? { ...res, body: edit(res.body) } : res);
}

/** Rewrite a JSON body in place (`edit` mutates the parsed document); other bodies pass. */
export function editJson(when: (res: WireResponse, info: ResponseInfo) => boolean, edit: (doc: Record<string, any>, info: ResponseInfo) => void): Rewrite {
  return (res, info) => {
    if (!isJson(res) || !when(res, info)) return res;
    const doc: Record<string, any> = JSON.parse(res.body);
    edit(doc, info);
    return { ...res, body: JSON.stringify(doc) };
  };
}

export const always = () => true;
export const onSuccess = (res: WireResponse, info: ResponseInfo) => info.code === undefined && res.status < 400;
export const onError = (_res: WireResponse, info: ResponseInfo) => info.code !== undefined;
export const onCode = (...codes: string[]) => (_res: WireResponse, info: ResponseInfo) => info.code !== undefined && codes.includes(info.code);

/** The status of errors with one of `codes` changed to `status` (body untouched). */
export function statusOf(status: number, ...codes: string[]): Rewrite {
  return (res, info) => (onCode(...codes)(res, info) ? { ...res, status } : res);
}

/** An error code rewritten in the body (JSON or XML), status untouched. */
export function renameCode(from: string, to: string): Rewrite {
  return (res, info) => {
    if (info.code !== from) return res;
    return { ...res, body: renamed(res.body, from, to) };
  };
}

/** The code as a JSON string value or an XML element's text, in any envelope. */
export function renamed(body: string, from: string, to: string): string {
  return body.split(`"${from}"`).join(`"${to}"`).split(`>${from}<`).join(`>${to}<`);
}
