// A plain JSON object (not null, not an array): the one test loader, importer, openapi, drift and
// the emulator's control API all need when they walk parsed YAML or JSON.
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
