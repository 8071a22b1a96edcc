// Header access that ignores case: Node lower-cases incoming names, SDKs send mixed case.

export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const want = name.toLowerCase();
  if (Object.hasOwn(headers, want)) return headers[want]; // names are mostly lower case already
  for (const k in headers) if (k.toLowerCase() === want) return headers[k];
  return undefined;
}

export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) out[k.toLowerCase()] = headers[k]!;
  return out;
}

/** The media type without parameters, lower case (`application/json`). */
export function mediaType(headers: Record<string, string>): string {
  return (getHeader(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}
