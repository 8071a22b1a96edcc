// User-facing errors: each a class with a stable code and a one-line message that says what to do.
// The CLI prints `error [CODE] message` and exits 2; it never shows a stack for these.

/** Stable codes: scripts and docs may rely on them. */
export type ErrorCode =
  | 'E_USAGE'            // bad command line (unknown option, missing argument)
  | 'E_OPTION'           // an option value is not allowed (--depth deeep)
  | 'E_CONFIG'           // conformance.config.ts is missing, broken or has a bad value
  | 'E_CONTRACT'         // a contract failed to load or validate
  | 'E_RESULTS'          // a results.json file is unreadable or does not match the schema
  | 'E_MERGE'            // result shards that cannot be joined
  | 'E_NO_CASES'         // the filters selected nothing
  | 'E_RUN'              // the run could not complete (the spec could not open its target)
  | 'E_UNREACHABLE'      // the preflight probe got no answer from a target (exit 3, nothing run)
  | 'E_CREDENTIALS'      // a real-cloud target lacks a credential (names the environment variable)
  | 'E_FIXTURES'         // conformance.fixtures.yaml is unreadable or invalid (file:line)
  | 'E_JOURNAL';         // a real-cloud journal is unreadable

export class ConformanceError extends Error {
  readonly code: ErrorCode;
  /** Optional next step, appended to the message on the same line. */
  readonly hint?: string;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(hint ? `${message}; ${hint}` : message);
    this.name = 'ConformanceError';
    this.code = code;
    this.hint = hint;
  }
}

/** Edit distance counting a swap of two neighbours as one edit (`htlm` -> `html` is 1). */
export function levenshtein(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Closest candidate within a distance proportional to its length (or a prefix match), if any. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(needle, candidate.toLowerCase());
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3))) return best;
  return candidates.find((c) => needle.length >= 2 && c.toLowerCase().startsWith(needle));
}

/** `what "value" is not one of a, b, c (did you mean "x"?)` as an E_OPTION (or given code) error. */
export function notOneOf(
  what: string, value: string, allowed: readonly string[], code: ErrorCode = 'E_OPTION',
): ConformanceError {
  const guess = didYouMean(value, allowed);
  const suggestion = guess ? ` (did you mean "${guess}"?)` : '';
  return new ConformanceError(code, `${what} "${value}" is not one of ${allowed.join(', ')}${suggestion}`);
}

export function isConformanceError(e: unknown): e is ConformanceError {
  return e instanceof ConformanceError;
}

/** The system error code of what was thrown (`ENOENT`, `EPERM`...), if it carries one. */
export function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** Why a file could not be read: its system error code, else the message. */
export const readFailure = (e: unknown): string => errnoCode(e) ?? errorMessage(e);

/** What was thrown, as text: an Error's message, anything else stringified (no cast at each catch). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
