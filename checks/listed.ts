// A read call's answer lists the fixtures it should and leaves out the ones it should not (a filter),
// over every page when the case pages through (`pages`): each page within the asked size, no entity
// twice. Items are found through the contract's `listing` (where the list sits, which field is the id).
import type { CheckResult, ContractListing, TargetResponse } from '../core/types.ts';
import { asList, fieldAt } from '../core/field-path.ts';
import type { CheckFn } from './types.ts';

/** The entity ids one answer lists. */
export function listedIds(body: unknown, listing: ContractListing): string[] {
  const items = listing.items !== undefined ? asList(fieldAt(body, listing.items)) : asList(listing.item !== undefined ? fieldAt(body, listing.item) : undefined);
  return items.flatMap((x) => {
    const id = fieldAt(x, listing.id);
    return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
  });
}

export const listed: CheckFn = ({ testCase, response, expectation, contract, refs, pages }) => {
  const want = testCase.listed;
  if (!want || expectation.kind !== 'success' || !contract.listing) return undefined;
  const answers: TargetResponse[] = [response, ...(pages?.more ?? [])];
  const perPage = answers.map((r) => listedIds(r.body, contract.listing!));
  const seen = perPage.flat();
  const problems: string[] = [];
  if (pages?.problem) problems.push(pages.problem);
  if (testCase.pages !== undefined) {
    // a cloud that raises small pages to its minimum (listing.paging.min) may list that many
    const bound = Math.max(testCase.pages, contract.listing.paging?.min ?? 1);
    perPage.forEach((ids, i) => { if (ids.length > bound) problems.push(`page ${i + 1} lists ${ids.length} items, more than the ${bound} asked for (${contract.listing!.paging?.size ?? 'page size'})`); });
    const twice = [...new Set(seen.filter((id, i) => seen.indexOf(id) !== i))];
    if (twice.length) problems.push(`listed on more than one page: ${twice.join(', ')}`);
  }
  const idOf = (ref: string) => refs?.[ref] ?? ref;
  const missing = (want.includes ?? []).filter((r) => !seen.includes(idOf(r)));
  const extra = (want.excludes ?? []).filter((r) => seen.includes(idOf(r)));
  if (missing.length) problems.push(`not listed: ${missing.map((r) => `${r} (${idOf(r)})`).join(', ')}`);
  if (extra.length) problems.push(`listed, but the request's filters leave it out: ${extra.map((r) => `${r} (${idOf(r)})`).join(', ')}`);
  const expected = { ...(want.includes ? { includes: want.includes.map(idOf) } : {}), ...(want.excludes ? { excludes: want.excludes.map(idOf) } : {}), ...(testCase.pages !== undefined ? { pageSize: testCase.pages } : {}) };
  const result: CheckResult = { name: 'listed', ok: problems.length === 0, expected, actual: { pages: perPage } };
  return problems.length ? { ...result, message: `${contract.listing.items ?? contract.listing.item}: ${problems.join('; ')}` } : result;
};
