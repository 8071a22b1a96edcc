// The emulator's replay window for Alibaba signature nonces (emulator/http/nonces.ts): a nonce seen
// inside the window is a replay, one outside it or never seen is not; a full store forgets expired
// nonces first, then the oldest; many nonces survive the store's growth, compaction and re-indexing.
import { describe, expect, it } from 'vitest';
import { NonceStore } from '../../emulator/http/nonces.ts';

const MIN = 60_000;

describe('NonceStore', () => {
  it.each([
    ['the same nonce inside the window', [['a', 0], ['a', 30 * MIN]], [false, true]],
    ['the same nonce after the window', [['a', 0], ['a', 31 * MIN]], [false, false]],
    ['used again after the window, then replayed', [['a', 0], ['a', 40 * MIN], ['a', 41 * MIN]], [false, false, true]],
    ['different nonces', [['a', 0], ['b', 0], ['A', 0], ['a ', 0]], [false, false, false, false]],
    ['case and length matter', [['nonce', 0], ['Nonce', 0], ['nonce\u0000', 0], ['nonce', 1]], [false, false, false, true]],
  ] as const)('%s', (_what, uses, replays) => {
    const store = new NonceStore();
    expect(uses.map(([n, at]) => store.check(n, at))).toEqual(replays);
  });

  it('a full store forgets the expired nonces first, then the oldest', () => {
    const store = new NonceStore(10 * MIN, 3);
    for (const [n, at] of [['a', 0], ['b', 5 * MIN], ['c', 6 * MIN]] as const) store.check(n, at);
    // 'a' is out of the window at 11 min: pruned to make room for 'd'; 'b' and 'c' stay replays
    expect(store.check('d', 11 * MIN)).toBe(false);
    expect([store.check('b', 12 * MIN), store.check('c', 12 * MIN)]).toEqual([true, true]);
    // nothing expired at 12 min and the store is full: the oldest ('b') goes
    expect(store.check('e', 12 * MIN)).toBe(false);
    expect(store.size).toBe(3);
    expect(store.check('b', 13 * MIN)).toBe(false);
  });

  it('50,000 nonces through growth and compaction: each new once, each a replay after', () => {
    const store = new NonceStore(31 * MIN, 30_000);
    const nonce = (i: number) => `3f2b${i.toString(16).padStart(8, '0')}-nonce`;
    const first = Array.from({ length: 50_000 }, (_, i) => store.check(nonce(i), i));
    expect(first.filter(Boolean)).toEqual([]);
    expect(store.size).toBe(30_000);
    // the last 30,000 are remembered (a replay records nothing), the first 20,000 were the oldest and went
    const kept = Array.from({ length: 30_000 }, (_, i) => store.check(nonce(20_000 + i), 50_000));
    expect(kept.filter((x) => !x).length).toBe(0);
    const gone = Array.from({ length: 20_000 }, (_, i) => store.check(nonce(i), 50_000));
    expect(gone.filter(Boolean).length).toBe(0);
  });

  it('clear forgets every nonce', () => {
    const store = new NonceStore();
    store.check('a', 0);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.check('a', 1)).toBe(false);
  });
});
