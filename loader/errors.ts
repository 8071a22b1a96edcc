// A broken contract names its file, line and reason; never a stack trace for the user.
export class ContractError extends Error {
  readonly code = 'E_CONTRACT';
  /**
   * Every problem found, this one first. `loadContracts` validates all files before it throws, and
   * throws the FIRST problem (file, line, reason of that one) with `problems` holding all of them
   * and the message listing each on its own line.
   */
  problems: ContractError[] = [this];
  constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'ContractError';
  }

  /** `file:line: reason`, the one-line form of this problem alone. */
  get where(): string { return `${this.file}${this.line ? `:${this.line}` : ''}: ${this.reason}`; }

  /** One error for many problems: the first, with a count in the message and all of them in `problems`. */
  static aggregate(problems: ContractError[]): ContractError {
    const [first] = problems;
    if (!first) throw new Error('ContractError.aggregate needs at least one problem');
    if (problems.length === 1) return first;
    const all = new ContractError(first.file, first.line, first.reason);
    all.problems = problems;
    all.message = `${problems.length} contract problems:\n${problems.map((p) => `  ${p.where}`).join('\n')}`;
    return all;
  }
}
