// `contracts diff`: temp copies of contracts/, one file modified by the test, the same classifier.
import { dropRowEvidence, rowFile, withoutRowText } from '../helpers/contracts-copy.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffContractSets, materialize } from '../../drift/contracts-diff.ts';
import { DEFAULT_CONTRACTS_DIR } from '../../loader/index.ts';

const CSG = 'aliyun/ecs/2014-05-26/CreateSnapshotGroup.yaml';

function copyWith(rel?: string, edit?: (t: string) => string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'contracts-copy-')), 'contracts');
  cpSync(DEFAULT_CONTRACTS_DIR, dir, { recursive: true });
  if (rel && edit) {
    const file = join(dir, rel);
    const text = readFileSync(file, 'utf8');
    const next = edit(text);
    expect(next).not.toBe(text);
    writeFileSync(file, next);
  }
  return dir;
}

describe('contracts diff', () => {
  it('two identical sets: no changes', () => {
    expect(diffContractSets(DEFAULT_CONTRACTS_DIR, copyWith())).toEqual([]);
  });

  it('a tighter maxLength in one contract', () => {
    const changes = diffContractSets(DEFAULT_CONTRACTS_DIR, copyWith(CSG, (t) => t.replace('maxLength: 128', 'maxLength: 64')));
    expect(changes.map((c) => [c.contract, c.kind, c.classification, c.subject, c.before, c.after, c.line])).toEqual([
      ['aliyun.ecs.CreateSnapshotGroup', 'constraint-changed', 'breaking-for-clients', 'param Name maxLength', 128, 64, 39]]);
  });

  it('a removed error row is compatible', () => {
    const dir = copyWith('aliyun/ecs/2014-05-26/DeleteSnapshot.yaml', (t) => withoutRowText(t, 'Operation.Conflict'));
    dropRowEvidence(rowFile(dir, 'DeleteSnapshot'), 'Operation.Conflict');
    const changes = diffContractSets(DEFAULT_CONTRACTS_DIR, dir);
    expect(changes.map((c) => [c.kind, c.classification, c.subject])).toEqual([['error-removed', 'compatible', 'error 403 Operation.Conflict']]);
  });

  it('a removed contract file is contract-removed (breaking-for-clients); an added one contract-added', () => {
    const dir = copyWith();
    rmSync(join(dir, CSG));
    rmSync(join(dir, CSG.replace(/\.yaml$/, '.evidence.yaml')));   // its ledger goes with it (an orphan ledger is an error)
    expect(diffContractSets(DEFAULT_CONTRACTS_DIR, dir).map((c) => [c.kind, c.classification, c.contract])).toEqual([['contract-removed', 'breaking-for-clients', 'aliyun.ecs.CreateSnapshotGroup']]);
    expect(diffContractSets(dir, DEFAULT_CONTRACTS_DIR).map((c) => [c.kind, c.classification])).toEqual([['contract-added', 'breaking-for-emulators']]);
  });

  it('git:HEAD materializes the committed contracts folder', () => {
    const m = materialize('git:HEAD', process.cwd());
    try {
      const changes = diffContractSets(m.dir, copyWith(CSG, (t) => t.replace('maxLength: 128', 'maxLength: 64')));
      // The committed contracts may differ from the working tree in other ways; this one change must be there.
      expect(changes).toContainEqual(expect.objectContaining({ contract: 'aliyun.ecs.CreateSnapshotGroup', subject: 'param Name maxLength', before: 128, after: 64 }));
    } finally { m.cleanup(); }
  });

  it('git:<unknown rev> is a usage error', () => {
    expect(() => materialize('git:no-such-rev-xyz', process.cwd())).toThrow(/git archive failed/);
  });
});
