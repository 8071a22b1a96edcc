// The vendor pages live beside their contracts (contracts/<vendor>/<service>/<version>/pages/): a page
// name resolves through the contract that cites it, so tests name no folder of their own.
import { loadContracts, pageFileOf } from '../../loader/index.ts';

/** Absolute path of the stored page `name` (a contract's `source.file`); throws for a page no contract cites. */
export function pagePath(name: string): string {
  const contract = loadContracts().contracts.find((c) => c.source.file === name);
  if (!contract) throw new Error(`no contract cites the page ${name}`);
  return pageFileOf(contract);
}
