// How a contract names the page it rests on: the stored seed page, else the vendor's URL (a read call
// transcribed from its ledger stores no page text), else the contract itself.
import type { Contract } from './types.ts';

export function pageLabel(c: Pick<Contract, 'id' | 'source'>): string {
  return c.source.file ?? c.source.url ?? `${c.id} (no stored page)`;
}
