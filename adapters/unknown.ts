// Reading values no type promises (what an SDK resolved or threw, a client's error, a server's
// reply): a property at a time, checked where it is used, never cast to a shape it may not have.

/** A property of a value of unknown shape (inherited ones too: an Error's `name`); undefined for a primitive. */
export function prop(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
}

/** The value when it is a string (a code, a message, a request id), else undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
