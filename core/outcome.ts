// The questions many call sites ask of a target's outcome (TargetResponse, core/types.ts).
import type { Answer, Answered, TargetResponse } from './types.ts';

/** Did the target answer (the only outcome whose fields the answer checks judge)? */
export const isAnswered = (r: TargetResponse): r is Answered => r.outcome === 'answered';

/** The answer seen, if any: the answer itself, or the one a transport error gave up on. */
export const answerSeen = (r: TargetResponse): Answer | undefined =>
  r.outcome === 'answered' ? r : r.outcome === 'transport-error' ? r.last : undefined;

/** An answer's own fields, without its outcome and what the sending added (attempts, timing, exchange). */
export function answerFields({ outcome: _o, durationMs: _d, attempts: _a, exchange: _x, ...answer }: Answered): Answer {
  return answer;
}
