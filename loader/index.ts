// Load every contract and vendor profile under contracts/, with file/line traceability.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Contract, ProtocolProfile, Vendor } from '../core/types.ts';
import { ContractError } from './errors.ts';
import { parseYamlWithLines } from './yaml-lines.ts';

export { ContractError } from './errors.ts';
export { lineOf } from './yaml-lines.ts';

export const DEFAULT_CONTRACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../contracts');

export interface LoadedContracts {
  dir: string;
  contracts: Contract[];
  profiles: Record<Vendor, ProtocolProfile>;
  byId(id: string): Contract;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

export function loadContracts(opts: { dir?: string } = {}): LoadedContracts {
  const dir = resolve(opts.dir ?? DEFAULT_CONTRACTS_DIR);
  const contracts: Contract[] = [];
  const profiles = {} as Record<Vendor, ProtocolProfile>;
  for (const file of yamlFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(process.cwd(), file) || file;
    const { data, lines } = parseYamlWithLines(text, shown);
    if (data === null || typeof data !== 'object') throw new ContractError(shown, 1, 'expected a mapping at the top level');
    if (file.endsWith('_protocol.yaml')) {
      const profile = data as ProtocolProfile;
      profiles[profile.vendor] = { ...profile, $file: file, $lines: lines };
    } else {
      contracts.push({ ...(data as Contract), $file: file, $lines: lines, $sha256: createHash('sha256').update(text).digest('hex') });
    }
  }
  const index = new Map(contracts.map((c) => [c.id, c]));
  return {
    dir, contracts, profiles,
    byId(id) {
      const c = index.get(id);
      if (!c) throw new ContractError(dir, undefined, `no contract with id "${id}" (known: ${[...index.keys()].join(', ')})`);
      return c;
    },
  };
}
