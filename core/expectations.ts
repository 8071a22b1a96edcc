// An expectation is one answer, or several the doc allows (Acceptable). Generators, checks and the
// runner all ask the same two questions of it; one definition, here below every layer.
import type { Acceptable, ErrorRef, Expectation } from './types.ts';

export const isAcceptable = (e: Expectation | Acceptable | ErrorRef): e is Acceptable => 'alternatives' in e;

/** The answers an expectation allows: its alternatives, or itself. */
export const alternativesOf = (e: Expectation | Acceptable): Expectation[] => (isAcceptable(e) ? e.alternatives : [e]);
