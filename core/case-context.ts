// The case being run, for code below the runner that must know it (the real-cloud fixtures and
// guard, differential mode): set by runner/runCase around everything one case does.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Case } from './types.ts';

export const caseContext = new AsyncLocalStorage<Case>();

/** The case whose work is running now, if any. */
export function currentCase(): Case | undefined {
  return caseContext.getStore();
}
