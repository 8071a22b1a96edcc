// Deletes in progress end on the emulator clock. The store ticks on every request and skips its scan
// of the deletes until the earliest is due: these cases hold the skip to the clock (several deletes
// due at different times, a patched due time, a settle, a reload).
import { describe, expect, test } from 'vitest';
import { Store } from '../../emulator/state/store.ts';

function world() {
  let now = 1_000_000;
  const store = new Store(() => now);
  store.load({});
  for (const id of ['a', 'b', 'c']) store.create('huaweicloud', 'snapshot', { id, status: 'available' }, { silent: true });
  const alive = () => ['a', 'b', 'c'].filter((id) => store.get('huaweicloud', 'snapshot', id));
  return { store, alive, advance: (ms: number) => { now += ms; store.tick(); } };
}

describe('deletes in progress end when due, and not before', () => {
  test.each([
    // [deletes: id and delay, steps: advance ms then who is still there]
    ['one delete', [['a', 1000]], [[999, ['a', 'b', 'c']], [1, ['b', 'c']]]],
    ['two, the later first', [['a', 3000], ['b', 1000]], [[1000, ['a', 'c']], [1999, ['a', 'c']], [1, ['c']]]],
    ['three, one tick apart each', [['a', 100], ['b', 200], ['c', 300]], [[100, ['b', 'c']], [100, ['c']], [100, []]]],
  ] as const)('%s', (_name, deletes, steps) => {
    const w = world();
    for (const [id, ms] of deletes) w.store.startDeleting('huaweicloud', 'snapshot', id, 'deleting', ms);
    for (const [ms, left] of steps) { w.advance(ms); expect(w.alive()).toEqual(left); }
  });

  test('a delete patched to end sooner ends then (the skip follows the patch)', () => {
    const w = world();
    w.store.startDeleting('huaweicloud', 'snapshot', 'a', 'deleting', 10_000);
    w.advance(1);
    w.store.patch('huaweicloud', 'snapshot', 'a', { deletesAt: w.store.now() + 10 });
    w.advance(10);
    expect(w.alive()).toEqual(['b', 'c']);
  });

  test('settling ends every delete at once; a reload forgets them', () => {
    const w = world();
    w.store.startDeleting('huaweicloud', 'snapshot', 'a', 'deleting', 10_000);
    w.store.settleDeletions();
    expect(w.alive()).toEqual(['b', 'c']);
    w.store.startDeleting('huaweicloud', 'snapshot', 'b', 'deleting', 5);
    w.store.load({ huaweicloud: { snapshot: [{ id: 'b', status: 'available' }] } });
    w.advance(10);
    expect(w.store.get('huaweicloud', 'snapshot', 'b')?.status).toBe('available');
  });
});
