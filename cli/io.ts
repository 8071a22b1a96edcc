// The streams, directory and environment a command runs in (injected by tests).
export interface OutStream { write(s: string): unknown; isTTY?: boolean; columns?: number }

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function defaultIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Colour only on a terminal, and never with NO_COLOR set (FORCE_COLOR forces it). */
export function useColor(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}
