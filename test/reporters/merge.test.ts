import { describe, expect, it } from 'vitest';
import { mergeByTarget, mergeResults } from '../../reporters/merge.ts';
import { loadFixture } from '../fixtures/results/index.ts';

const emu = loadFixture('emulator.json');
const s1 = loadFixture('shard-1-of-2.json');
const s2 = loadFixture('shard-2-of-2.json');

describe('mergeResults', () => {
  it('merging two shards gives the whole run (in either order)', () => {
    expect(mergeResults([s1, s2])).toEqual(emu);
    expect(mergeResults([s2, s1])).toEqual(emu);
  });

  it('rejects parts of different runs', () => {
    expect(() => mergeResults([s1, { ...s2, seed: 2 }])).toThrowError('cannot merge: seed differs (1 vs 2); only shards of one run can be merged');
    expect(() => mergeResults([s1, { ...s2, depth: 'deep' }])).toThrowError(/depth differs/);
    expect(() => mergeResults([s1, { ...s2, target: { name: 'other', kind: 'http' } }])).toThrowError(/target differs/);
    expect(() => mergeResults([])).toThrowError(/nothing to merge/);
  });

  it('rejects duplicate case ids', () => {
    expect(() => mergeResults([s1, { ...s2, cases: [...s2.cases, s1.cases[0]] }]))
      .toThrowError(`case "${s1.cases[0].id}" appears in two parts (1 and 2); shards must not overlap`);
  });

  it('rejects shards that ran different contract versions', () => {
    const changed = { ...s2, contracts: s2.contracts.map((c, i) => (i === 0 ? { ...c, sha256: 'f'.repeat(64) } : c)) };
    expect(() => mergeResults([s1, changed])).toThrowError(/differs between parts/);
  });

  it('merges per target when results of several targets are mixed', () => {
    const http = loadFixture('http.json');
    expect(mergeByTarget([s1, http, s2])).toEqual([emu, http]);
  });
});
