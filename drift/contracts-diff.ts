// `contracts diff <old> <new>`: two contract sets (folders, or `git:<rev>` for the contracts folder
// at a revision) diffed contract by contract with the shared classifier.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ConformanceError, errorMessage } from '../core/errors.ts';
import { loadContracts, DEFAULT_CONTRACTS_DIR } from '../loader/index.ts';
import { classify, type Change } from './classify.ts';
import { diffContracts } from './diff-contracts.ts';
import { isJsonObject } from '../core/json.ts';

/** A folder to load, and a cleanup for temp folders made from git. */
export function materialize(spec: string, cwd: string, contractsDir = DEFAULT_CONTRACTS_DIR): { dir: string; cleanup: () => void } {
  const git = /^git:(.+)$/.exec(spec);
  if (!git) return { dir: resolve(cwd, spec), cleanup: () => {} };
  const rev = git[1]!;
  const run = (args: string[], opts: { cwd: string; input?: Buffer } = { cwd }) => execFileSync('git', args, { cwd: opts.cwd, input: opts.input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  let top: string;
  try { top = run(['rev-parse', '--show-toplevel'], { cwd: contractsDir }).toString().trim(); } catch {
    throw new ConformanceError('E_USAGE', `${spec}: ${contractsDir} is not inside a git repository`);
  }
  const sub = relative(top, contractsDir).replace(/\\/g, '/') || '.';
  const tmp = mkdtempSync(join(tmpdir(), 'contracts-git-'));
  try {
    const tar = run(['archive', '--format=tar', rev, sub], { cwd: top });
    execFileSync('tar', ['-x', '-C', tmp], { input: tar });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const stderr = isJsonObject(e) ? e.stderr : undefined;
    const why = String(stderr ?? errorMessage(e)).trim().split('\n')[0];
    throw new ConformanceError('E_USAGE', `${spec}: git archive failed (${why})`);
  }
  return { dir: join(tmp, sub), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

export function diffContractSets(oldDir: string, newDir: string): Change[] {
  // Contracts as stored (the page's claims): a ledger's claims are not contract changes.
  const [a, b] = [loadContracts({ dir: oldDir, expect: 'page' }), loadContracts({ dir: newDir, expect: 'page' })];
  const before = new Map(a.contracts.map((c) => [c.id, c]));
  const after = new Map(b.contracts.map((c) => [c.id, c]));
  const out: Change[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [x, y] = [before.get(id), after.get(id)];
    if (!x) out.push({ kind: 'contract-added', subject: `contract ${id}`, contract: id, ...classify('contract-added') });
    else if (!y) out.push({ kind: 'contract-removed', subject: `contract ${id}`, contract: id, ...classify('contract-removed') });
    else out.push(...diffContracts(x, y).map((c) => ({ ...c, contract: id })));
  }
  return out;
}
