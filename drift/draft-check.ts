// Hold a draft to the loader's meta-schema and semantic checks: write it, with the vendor profiles,
// into a temp contracts tree (the loader wants <vendor>/<service>/<version>/<Operation>.yaml) and check it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract } from '../core/types.ts';
import { draftToYaml } from '../importer/draft-yaml.ts';
import { checkContracts, DEFAULT_CONTRACTS_DIR, type ContractError } from '../loader/index.ts';

export function checkDraft(contract: Contract, contractsDir = DEFAULT_CONTRACTS_DIR): ContractError[] {
  const dir = mkdtempSync(join(tmpdir(), 'draft-check-'));
  try {
    for (const vendor of readdirSync(contractsDir)) {
      const profile = join(contractsDir, vendor, '_protocol.yaml');
      if (!existsSync(profile)) continue;
      mkdirSync(join(dir, vendor), { recursive: true });
      cpSync(profile, join(dir, vendor, '_protocol.yaml'));
    }
    const at = join(dir, contract.vendor, contract.service, contract.version);
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, `${contract.operation}.yaml`), draftToYaml(contract));
    return checkContracts({ dir }).problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
