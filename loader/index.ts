// Load every contract and vendor profile under contracts/, with file/line traceability.
// Every file is validated (meta-schema, then the semantic checks of semantic.ts) before anything is
// thrown: `loadContracts` throws ONE ContractError for the first problem (its file, line, reason),
// whose `problems` lists all of them and whose message prints one `file:line: reason` per line.
// `checkContracts` returns the problems instead of throwing (for `validate`-style tooling and tests).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Contract, ProtocolProfile, Vendor } from '../core/types.ts';
import type { LoadedContracts } from '../core/contracts.ts';
import { cacheEnabled, cacheKey, readCache, writeCache } from './cache.ts';
import { ContractError } from './errors.ts';
import { checkLedger, contractUnder, profileUnder } from './evidence.ts';
import { DEFAULT_EXPECT, EXPECT_PROFILES, type ExpectProfile, type Ledger } from '../core/evidence.ts';
import { ConformanceError } from '../core/errors.ts';
import { checkContract, checkProfile } from './semantic.ts';
import { CONTRACT_SCHEMA_FILE, EVIDENCE_SCHEMA_FILE, PROFILE_SCHEMA_FILE, contractShape, ledgerShape, profileShape, type Problem } from './validate.ts';
import { lineOf, parseYamlWithLines } from './yaml-lines.ts';
import { isJsonObject } from '../core/json.ts';

export { ContractError } from './errors.ts';
export type { LoadedContracts } from '../core/contracts.ts';
export { lineOf } from './yaml-lines.ts';
export { CONTRACT_SCHEMA_FILE, EVIDENCE_SCHEMA_FILE, PROFILE_SCHEMA_FILE } from './validate.ts';
export { backingOf, contractKeys, profileKeys, type Backing, type ExpectationKey } from './evidence-keys.ts';
export { answerOf, contractUnder, profileUnder } from './evidence.ts';

export const DEFAULT_CONTRACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../contracts');

/** Evidence ledgers beside contracts and profiles (docs/evidence-format.md). */
export const EVIDENCE_FILE = /\.evidence\.ya?ml$/;

/** The folder beside a contract that holds the vendor pages it was transcribed from (kept in the repository). */
export const PAGES_DIR = 'pages';

/**
 * Absolute path of the seed page a contract was transcribed from: `<contract folder>/pages/<source.file>`;
 * undefined for a contract that stores no page (`source.file: null`, a read call resting on its ledger).
 */
export function pageFileOf(contract: Pick<Contract, '$file' | 'source' | 'vendor' | 'service' | 'version'>, dir = DEFAULT_CONTRACTS_DIR): string | undefined {
  if (contract.source.file === null) return undefined;
  const folder = contract.$file ? dirname(contract.$file) : resolve(dir, contract.vendor, contract.service, contract.version);
  return join(folder, PAGES_DIR, contract.source.file);
}

export interface ContractCheck {
  /** What did load (files with problems are left out). */
  loaded: LoadedContracts;
  /** Every problem, in file order, then line order. */
  problems: ContractError[];
}

/** Contract and profile files (`ledgers: false`), or the ledgers beside them (`*.evidence.yaml`, docs/evidence-format.md). */
function yamlFiles(dir: string, ledgers = false): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p, ledgers);
    return /\.ya?ml$/.test(name) && EVIDENCE_FILE.test(name) === ledgers ? [p] : [];
  });
}

interface Parsed { file: string; shown: string; rel: string; text: string; data: Record<string, unknown>; lines: Record<string, number> }

/** Validate all contracts and profiles under `dir`; never throws for a broken contract. */
export function checkContracts(opts: { dir?: string } = {}): ContractCheck {
  const dir = resolve(opts.dir ?? DEFAULT_CONTRACTS_DIR);
  const problems: ContractError[] = [];
  const report = (p: Parsed | { shown: string }, list: Problem[]) => {
    for (const x of [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) problems.push(new ContractError(p.shown, x.line, x.reason));
  };
  const parsed: Parsed[] = [];
  for (const file of [...yamlFiles(dir), ...yamlFiles(dir, true)]) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(process.cwd(), file) || file;
    try {
      const { data, lines } = parseYamlWithLines(text, shown);
      if (!isJsonObject(data)) {
        problems.push(new ContractError(shown, 1, 'expected a mapping at the top level'));
        continue;
      }
      parsed.push({ file, shown, rel: relative(dir, file), text, data, lines });
    } catch (e) {
      if (e instanceof ContractError) problems.push(e); else throw e;
    }
  }

  const profiles = {} as Record<Vendor, ProtocolProfile>;
  const byName = new Map<string, ProtocolProfile>();
  for (const p of parsed.filter((x) => x.file.endsWith('_protocol.yaml'))) {
    const shape = profileShape(p.data, p.lines);
    if (shape.problems) { report(p, shape.problems); continue; }
    const profile = { ...shape.value, $file: p.file, $lines: p.lines };
    const semantic = checkProfile(profile, p.lines, p.rel);
    if (profiles[profile.vendor]) semantic.push({ line: lineOf(p.lines, '/vendor'), reason: `vendor: a second profile for ${profile.vendor} (first: ${relative(process.cwd(), profiles[profile.vendor].$file!)})` });
    if (byName.has(profile.name)) semantic.push({ line: lineOf(p.lines, '/name'), reason: `name: duplicate profile name '${profile.name}'` });
    if (semantic.length) { report(p, semantic); continue; }
    profiles[profile.vendor] = profile;
    byName.set(profile.name, profile);
  }

  const contracts: Contract[] = [];
  const firstFile = new Map<string, string>();
  for (const p of parsed.filter((x) => !x.file.endsWith('_protocol.yaml') && !EVIDENCE_FILE.test(x.file))) {
    const shape = contractShape(p.data, p.lines);
    if (shape.problems) { report(p, shape.problems); continue; }
    const contract = shape.value;
    const semantic = checkContract(contract, p.lines, { profiles: byName, relPath: p.rel });
    const dup = firstFile.get(contract.id);
    if (dup) semantic.push({ line: lineOf(p.lines, '/id'), reason: `id: duplicate contract id '${contract.id}' (first: ${dup})` });
    else firstFile.set(contract.id, p.shown);
    if (semantic.length) { report(p, semantic); continue; }
    contracts.push({ ...contract, $file: p.file, $lines: p.lines, $sha256: createHash('sha256').update(p.text).digest('hex') });
  }

  // Ledgers: `<Op>.evidence.yaml` describes `<Op>.yaml` beside it; `_protocol.evidence.yaml` its profile.
  for (const p of parsed.filter((x) => EVIDENCE_FILE.test(x.file))) {
    const shape = ledgerShape(p.data, p.lines);
    if (shape.problems) { report(p, shape.problems); continue; }
    const ledger = { ...shape.value, $file: p.file, $lines: p.lines };
    ledger.backing ??= {};
    ledger.claims ??= [];
    const described = p.file.replace(EVIDENCE_FILE, '.yaml');
    const target = contracts.find((c) => c.$file === described) ?? Object.values(profiles).find((x) => x.$file === described);
    const semantic = checkLedger(ledger, target, p.lines);
    const expected = target && ('operation' in target ? target.id : `profile:${target.vendor}`);
    if (target && ledger.for !== expected) semantic.unshift({ line: lineOf(p.lines, '/for'), reason: `for: '${ledger.for}', but the file beside this ledger is ${expected}` });
    if (semantic.length) { report(p, semantic); continue; }
    target!.$ledger = ledger;
  }

  return { loaded: indexed(dir, contracts, profiles), problems };
}

function indexed(dir: string, contracts: Contract[], profiles: Record<Vendor, ProtocolProfile>, expect?: ExpectProfile): LoadedContracts {
  const index = new Map(contracts.map((c) => [c.id, c]));
  return {
    dir, contracts, profiles, ...(expect ? { expect } : {}),
    byId(id) {
      const c = index.get(id);
      if (!c) throw new ContractError(dir, undefined, `no contract with id "${id}" (known: ${[...index.keys()].join(', ')})`);
      return c;
    },
  };
}

/**
 * Load and validate all contracts; throws one ContractError (the first problem, with all in `problems`).
 * The default directory's clean load is cached by content (loader/cache.ts): same files, same result.
 */
export function loadContracts(opts: { dir?: string; expect?: ExpectProfile } = {}): LoadedContracts {
  const dir = resolve(opts.dir ?? DEFAULT_CONTRACTS_DIR);
  const expect = opts.expect ?? DEFAULT_EXPECT;
  if (!EXPECT_PROFILES.includes(expect)) throw new ConformanceError('E_OPTION', `unknown expectation profile "${expect}" (known: ${EXPECT_PROFILES.join(', ')})`);
  const cacheable = dir === DEFAULT_CONTRACTS_DIR && cacheEnabled();
  const key = cacheable ? cacheKey([...yamlFiles(dir), ...yamlFiles(dir, true)], [CONTRACT_SCHEMA_FILE, PROFILE_SCHEMA_FILE, EVIDENCE_SCHEMA_FILE]) : undefined;
  let raw: { contracts: Contract[]; profiles: Record<Vendor, ProtocolProfile> } | undefined;
  if (key) {
    const hit = readCache(dir, key);
    if (hit) raw = { contracts: hit.contracts as Contract[], profiles: hit.profiles as Record<Vendor, ProtocolProfile> };
  }
  if (!raw) {
    const { loaded, problems } = checkContracts(opts);
    if (problems.length > 0) throw ContractError.aggregate(problems);
    if (key) writeCache(dir, key, { contracts: loaded.contracts, profiles: loaded.profiles });
    raw = loaded;
  }
  return underProfile(dir, raw.contracts, raw.profiles, expect);
}

/** The contracts and profiles as `expect` sees them (loader/evidence.ts). */
function underProfile(dir: string, contracts: Contract[], profiles: Record<Vendor, ProtocolProfile>, expect: ExpectProfile): LoadedContracts {
  const seen = contracts.map((c) => contractUnder(c, profiles[c.vendor], expect));
  const profs = Object.fromEntries(Object.entries(profiles).map(([v, p]) => [v, profileUnder(p, expect)])) as Record<Vendor, ProtocolProfile>;
  return indexed(dir, seen, profs, expect);
}
