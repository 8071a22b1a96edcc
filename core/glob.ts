// Globs over names and ids (case ids, contract ids, operations, mutant names), with picomatch.
// Ids are not paths: `*` matches across `/` and `.` (bash mode, dot files allowed), so
// `aliyun.*` selects every Alibaba case and `*/positive/*` every positive one.
import picomatch from 'picomatch';

const OPTIONS = { bash: true, dot: true } as const;

/** Does the text use glob syntax at all (`*`, `?`, `[...]`, `{a,b}`, ...)? Plain text is matched as it is. */
export function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}

/** A matcher for one pattern: glob syntax when there is any, else the exact text. */
export function globMatcher(pattern: string): (s: string) => boolean {
  if (!isGlob(pattern)) return (s) => s === pattern;
  return picomatch(pattern, OPTIONS);
}
