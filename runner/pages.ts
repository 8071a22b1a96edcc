// Paging through a read call's answer, as a client lists everything: the case's first call asked for
// a page of `Case.pages` items; this stage asks for the next pages the way the contract's
// `listing.paging` says (a next token, page numbers, an offset, or the last id as a marker) until the
// last page. The `listed` check then judges every page together. Bounded: a target whose paging never
// ends (a token that repeats, pages that never shrink) is stopped and reported, never looped on.
import type { Case, ContractListing, ProtocolProfile, Target, TargetResponse } from '../core/types.ts';
import { fieldAt } from '../core/field-path.ts';
import { listedIds } from '../checks/listed.ts';
import { sendWithRetries, type RetryOptions } from './retry.ts';
import { isAnswered } from '../core/outcome.ts';

/** More pages than this for one case is a paging that never ends (cases page a handful of fixtures). */
export const MAX_PAGES = 25;

export interface FollowedPages { more: TargetResponse[]; problem?: string }

const listed = (r: TargetResponse) => isAnswered(r) && !r.error && (r.status === undefined || r.status < 300);

/** The pages after `first` (sent with `params`); stops at the last page, a failed page, or MAX_PAGES. */
export async function followPages(
  target: Target, c: Case, params: Record<string, unknown>, first: TargetResponse, listing: ContractListing,
  profile: ProtocolProfile | undefined, opts: RetryOptions,
): Promise<FollowedPages> {
  const paging = listing.paging;
  const size = c.pages;
  if (!paging || size === undefined || !listed(first)) return { more: [] };
  const more: TargetResponse[] = [];
  let last = first;
  let page = 1;
  let offset = 0;
  let token: unknown;
  for (;;) {
    const ids = listedIds(last.body, listing);
    offset += ids.length;
    let cursor: unknown;
    if (paging.style === 'token') {
      const next = fieldAt(last.body, paging.next ?? paging.cursor);
      if (next === undefined || next === null || next === '') return { more };
      if (next === token) return { more, problem: `page ${page} gave the same ${paging.next ?? paging.cursor} as the page before (${String(next)}): paging would never end` };
      cursor = token = next;
    } else {
      if (ids.length < Math.max(size, paging.min ?? 1)) return { more }; // a short page is the last one
      cursor = paging.style === 'page' ? page + 1 : paging.style === 'offset' ? offset : ids[ids.length - 1];
    }
    if (page >= MAX_PAGES) return { more, problem: `paging did not end within ${MAX_PAGES} pages of ${size}` };
    page++;
    const next = await sendWithRetries(target, { ...c, destructive: false }, { ...params, [paging.cursor]: cursor }, c.expect, profile, { ...opts, stateChanging: false });
    if (!listed(next)) {
      const why = !isAnswered(next) ? next.message : `${next.status ?? ''} ${next.error?.code ?? ''}`.trim();
      return { more, problem: `page ${page} (${paging.cursor}=${String(cursor)}) got no list: ${why}` };
    }
    more.push(next);
    last = next;
  }
}
