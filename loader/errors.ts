// A broken contract names its file, line and reason; never a stack trace for the user.
export class ContractError extends Error {
  readonly code = 'E_CONTRACT';
  constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'ContractError';
  }
}
