// Real-cloud safety levels (`--safety`): what a case may do to an account, judged from the case
// alone (its call, fixtures and every answer it accepts), so the runner, `plan` and `--budget` agree.
//   read-only    sends no state-changing action at all
//   negative     state-changing actions only when nothing can change: every answer the case accepts
//                is an error, and every id it names was minted for the run (it cannot exist)
//   destructive  anything (`--allow-destructive`); the guard (adapters/guard.ts) still limits which
//                resources a call may name
// A case whose accepted answers include success on a state-changing action is destructive, even
// with a made-up id: the expectation profile says the cloud may act (or silently ignore it).
import type { Case, Contract } from '../core/types.ts';
import { alternativesOf } from '../core/expectations.ts';

export const SAFETY_LEVELS = ['read-only', 'negative', 'destructive'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];
export const DEFAULT_SAFETY: SafetyLevel = 'negative';

/** Actions that only read, by their verb (RPC actions name what they do). */
const READING_ACTION = /^(?:Describe|List|Get|Query|Show|Search|Head)[A-Z]/;
/** REST methods that read. */
const READING_METHOD = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Fixture kinds that name the caller's own context, not a resource a call can change: the Huawei
 * project is the credentials' own project on a real cloud (adapters/real-cloud.ts), a region is a place.
 */
const CONTEXT_KINDS = new Set(['project', 'region']);

/** Does the action change state? REST contracts by their method; RPC actions by their verb (unknown verbs do). */
export function isStateChangingAction(operation: string, contract?: Pick<Contract, 'http'>): boolean {
  const method = contract?.http?.method;
  if (method) return !READING_METHOD.has(method.toUpperCase());
  return !READING_ACTION.test(operation);
}

export interface SafetyClass {
  level: SafetyLevel;
  /** Why the case needs this level (one clause, for skip reasons and the plan). */
  why: string;
}

/** The lowest level that lets the case be sent. */
export function classifyCase(c: Pick<Case, 'call' | 'expect' | 'then' | 'setup' | 'tweak'>, contract?: Pick<Contract, 'http'>): SafetyClass {
  const op = c.call.operation;
  if (!isStateChangingAction(op, contract)) return { level: 'read-only', why: `${op} only reads` };
  // A reused-nonce case first sends the same request validly signed (runner/index.ts): that call may succeed.
  if (c.tweak?.auth === 'reused-nonce') return { level: 'destructive', why: `${op} changes state and the case first sends a valid request (to prime the nonce)` };
  const answers = [...alternativesOf(c.expect), ...(c.then ? alternativesOf(c.then.expect) : [])];
  if (answers.some((a) => a.kind === 'success')) return { level: 'destructive', why: `${op} changes state and the case accepts success` };
  const resources = (c.setup ?? []).filter((f) => !CONTEXT_KINDS.has(f.kind));
  if (resources.length) return { level: 'destructive', why: `${op} changes state and the case names existing resources (${[...new Set(resources.map((f) => f.kind))].join(', ')})` };
  return { level: 'negative', why: `${op} changes state, but the case accepts only errors and names only ids minted for the run` };
}

/** Does `allowed` permit a case of level `needed`? */
export function permits(allowed: SafetyLevel, needed: SafetyLevel): boolean {
  return SAFETY_LEVELS.indexOf(needed) <= SAFETY_LEVELS.indexOf(allowed);
}

/** The level a run allows: `--safety`, else `--allow-destructive`, else negative. */
export function safetyOf(opts: { safety?: SafetyLevel; allowDestructive?: boolean }): SafetyLevel {
  return opts.safety ?? (opts.allowDestructive ? 'destructive' : DEFAULT_SAFETY);
}

/** Why a case is not sent under `allowed` (undefined when it is). */
export function refusedBySafety(cls: SafetyClass, allowed: SafetyLevel): string | undefined {
  if (permits(allowed, cls.level)) return undefined;
  const how = cls.level === 'destructive' ? '--safety destructive (or --allow-destructive)' : `--safety ${cls.level}`;
  return `real-cloud safety ${allowed}: ${cls.why}; needs ${how}`;
}
