// Deviations derived from the read calls' `listing` (contracts): for every filter a read call
// declares, a mutant that ignores its parameter (expected to die in `filters`); for every paging read
// call, one that ignores the cursor (every page is the first: ids repeat) and one that ignores the
// page size (expected to die in `paging`). None is written by hand, so a filter added to a contract
// gets its mutant at once. They act at ops/listing.ts's decision points (PAGING) and, for a filter,
// by the engine not passing its parameter on.
import type { Contract } from '../../core/types.ts';
import type { Mutant } from './types.ts';

export const LISTING_PREFIX = 'listing.';

/** The name of one listing mutant: `listing.<vendor>.<Operation>.<what>`. */
export const listingMutantName = (c: Pick<Contract, 'vendor' | 'operation'>, what: string) => `${LISTING_PREFIX}${c.vendor}.${c.operation}.${what}`;

export function listingDeviations(contracts: readonly Contract[]): Mutant[] {
  return contracts.flatMap((c) => {
    const l = c.listing;
    if (!l) return [];
    const base = { kind: 'mutant', vendor: c.vendor, operation: c.operation } as const;
    return [
      ...(l.filters ?? []).map((f): Mutant => ({
        ...base, name: listingMutantName(c, `ignores-${f.param}`), expectedCategory: 'filters', apply: { ignores: [f.param] },
        description: `${c.operation} lists ${l.kind} entities whatever ${f.param} says (the filter on ${f.field} is ignored)`,
      })),
      ...(l.paging ? [
        { ...base, name: listingMutantName(c, 'ignores-cursor'), expectedCategory: 'paging', apply: { set: { cursor: 'ignored' } }, description: `${c.operation} ignores ${l.paging.cursor}: every page is the first` } satisfies Mutant,
        { ...base, name: listingMutantName(c, 'ignores-size'), expectedCategory: 'paging', apply: { set: { pageSize: 'unbounded' } }, description: `${c.operation} ignores ${l.paging.size}: one page holds everything` } satisfies Mutant,
      ] : []),
    ];
  });
}
