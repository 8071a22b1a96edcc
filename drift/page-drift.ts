// `drift <page>`: a newer copy of a vendor page against the stored contract. The page is drafted
// (importer/draft.ts) and the draft diffed against the contract in page mode (diff-contracts.ts).
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { parse } from 'yaml';
import { ConformanceError, didYouMean, errorMessage, readFailure } from '../core/errors.ts';
import type { Contract } from '../core/types.ts';
import { draftContract } from '../importer/draft.ts';
import { parsePage } from '../importer/pages.ts';
import { loadContracts } from '../loader/index.ts';
import type { Change } from './classify.ts';
import { diffContracts } from './diff-contracts.ts';

export interface PageDrift { page: string; contract: string; contractId: string; changes: Change[] }

/** The stored contract of a page: `--contract <file>`, else the one whose source.file is the page's name. */
function storedContractFor(pageFile: string, opts: { contract?: string; contractsDir?: string; cwd?: string }): { contract: Contract; file: string } {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.contract) {
    let text: string;
    try { text = readFileSync(opts.contract, 'utf8'); } catch { throw new ConformanceError('E_USAGE', `--contract ${opts.contract}: cannot read the file`); }
    return { contract: parse(text) as Contract, file: relative(cwd, opts.contract) || opts.contract };
  }
  // The page against the contract as it transcribes the page (not the ledger's current view).
  const loaded = loadContracts({ dir: opts.contractsDir, expect: 'page' });
  const name = basename(pageFile);
  const hit = loaded.contracts.find((c) => c.source.file === name);
  if (!hit) {
    const known = loaded.contracts.flatMap((c) => (c.source.file ? [c.source.file] : []));
    const guess = didYouMean(name, known);
    throw new ConformanceError('E_USAGE', `no contract has source.file ${name}${guess ? ` (did you mean ${guess}?)` : ''}`, 'name the contract with --contract <file>');
  }
  return { contract: hit, file: relative(cwd, hit.$file!) };
}

export function pageDrift(pageFile: string, opts: { contract?: string; contractsDir?: string; cwd?: string } = {}): PageDrift {
  const { contract, file } = storedContractFor(pageFile, opts);
  let page;
  try { page = parsePage(pageFile); } catch (e) {
    throw new ConformanceError('E_USAGE', `${pageFile}: cannot read the page (${readFailure(e)})`);
  }
  const { vendor, service, version, operation } = contract;
  const draft = draftContract(page, { vendor, service, version, operation });
  const changes = diffContracts(contract, draft.contract, { page, requiredUnstated: draft.requiredUnstated });
  return { page: relative(opts.cwd ?? process.cwd(), pageFile) || pageFile, contract: file, contractId: contract.id, changes };
}
