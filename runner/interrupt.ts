// Ctrl-C (SIGINT) and SIGTERM during a run: the first stops the run from starting more cases (the
// runner sees `signal`), lets the cases in flight finish, and the command writes the partial
// reports (marked `interrupted`) and the summary; the second exits at once.
export interface Interrupt {
  readonly signal: AbortSignal;
  /** The signal that stopped the run, when one did. */
  readonly by?: NodeJS.Signals;
  /** Called once, on the first signal (cancel vitest, stop a real cloud's calls). */
  on(listener: () => void): void;
  /** Printed with "exiting now" on a second signal. */
  secondHint?: string;
  dispose(): void;
}

export const INTERRUPT_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export function watchInterrupts(write: (s: string) => void, proc: NodeJS.Process = process): Interrupt {
  const controller = new AbortController();
  const listeners: (() => void)[] = [];
  let by: NodeJS.Signals | undefined;
  const state: Interrupt = {
    signal: controller.signal,
    get by() { return by; },
    on: (l) => { listeners.push(l); if (controller.signal.aborted) l(); },
    dispose: () => { for (const s of SIGNALS) proc.off(s, handler); },
  };
  const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  function handler(sig: NodeJS.Signals) {
    if (controller.signal.aborted) {
      write(`\ninterrupted again: exiting now${state.secondHint ? `; ${state.secondHint}` : ''}\n`);
      proc.exit(INTERRUPT_EXIT[sig] ?? 130);
      return;
    }
    by = sig;
    write('\ninterrupted: no new cases; the cases in flight finish, then the partial reports are written (again to exit at once)\n');
    controller.abort();
    for (const l of listeners) l();
  }
  for (const s of SIGNALS) proc.on(s, handler);
  return state;
}
