// Compiled by `npx tsc --noEmit -p .` (not run by vitest): each @ts-expect-error must see a type error,
// so a check name that is not in the registry cannot be declared unobservable or registered.
import type { CheckFn } from '../../checks/index.ts';
import type { CheckName, TargetCapabilities } from '../../core/types.ts';

export const spelt: TargetCapabilities = { fixtures: false, xml: false, tweaks: false, unobservable: ['content-type', 'state'] };
// @ts-expect-error 'content_type' is not a check name
export const misspelt: TargetCapabilities = { fixtures: false, xml: false, tweaks: false, unobservable: ['content_type'] };

declare const fn: CheckFn;
// @ts-expect-error a registry without every check (here only `status`) does not satisfy the names
export const partial: Record<Exclude<CheckName, 'state'>, CheckFn> = { status: fn };
