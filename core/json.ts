// A plain JSON object (not null, not an array): the one test loader, importer, openapi, drift and
// the emulator's control API all need when they walk parsed YAML or JSON.
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A string field of an answer's body: at its top level, under an XML answer's one root element, or
 * under Volcengine's `Result` (the new id a creating call returns, `$response.Field` of a flow).
 */
export function answerField(body: unknown, format: string | undefined, field: string): string | undefined {
  let doc = isJsonObject(body) ? body : undefined;
  if (format === 'xml' && doc && Object.keys(doc).length === 1) {
    const root = Object.values(doc)[0];
    doc = isJsonObject(root) ? root : undefined;
  }
  const v = doc?.[field] ?? (isJsonObject(doc?.Result) ? doc.Result[field] : undefined);
  return typeof v === 'string' ? v : undefined;
}

/** True when `v` is one of `list` (a const tuple): narrows `v` to the tuple's members, no cast needed. */
export function isOneOf<T extends string | number | boolean | null>(list: readonly T[], v: unknown): v is T {
  const members: readonly unknown[] = list;
  return members.includes(v);
}
