// The vendor pages live beside their contracts (contracts/<vendor>/<service>/<version>/pages/): a page
// name resolves through the contract that cites it, so tests name no folder of their own.
import type { Contract } from '../../core/types.ts';
import { loadContracts, pageFileOf } from '../../loader/index.ts';

/** Absolute path of the stored page `name` (a contract's `source.file`); throws for a page no contract cites. */
export function pagePath(name: string): string {
  const contract = loadContracts().contracts.find((c) => c.source.file === name);
  if (!contract) throw new Error(`no contract cites the page ${name}`);
  return storedPageOf(contract);
}

/** The stored page of a contract that has one (throws for a read call that stores none). */
export function storedPageOf(contract: Contract): string {
  const page = pageFileOf(contract);
  if (!page) throw new Error(`${contract.id} stores no page (source.file: null)`);
  return page;
}

/** The contracts transcribed from a stored page, and the ones resting on their ledger alone (no page text stored). */
export function byPage(contracts: Contract[]): { paged: Contract[]; pageless: Contract[] } {
  return { paged: contracts.filter((c) => c.source.file !== null), pageless: contracts.filter((c) => c.source.file === null) };
}
