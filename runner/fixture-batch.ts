// Fixtures for many cases in one round trip. A case's fixtures used to cost one control request per
// entity plus one to remove them afterwards: about 0.9 requests per case on top of the vendor call,
// the largest cost a loopback run had left. When the target's fixtures can batch (`Fixtures.batch`),
// the first case that needs fixtures also creates those of the next cases it will run (the caller's
// lookahead), and the clean-up of finished cases rides along with that next batch.
//
// What stays the same: every case gets its own fresh entities before its call, and they are removed
// (cascading) after it. What changes: they are created up to one window earlier, and removed up to
// one window later; the world stays bounded by two windows of fixtures. Cases on account-wide state
// (`exclusive`) are never batched: they run alone, after `flush()`, on the one-at-a-time path.
import type { Case, Fixtures, FixtureBatch, FixtureBatchAnswer, Vendor } from '../core/types.ts';

export interface Prepared { vendor: Vendor; refs: Record<string, string>; kinds: Record<string, string>; created: { kind: string; id: string }[] }

type Batchable = Fixtures & Required<Pick<Fixtures, 'batch'>>;

/** Fixture sets per batch (the look-ahead); removals ride along with the next batch. */
const DEFAULT_FIXTURE_WINDOW = 32;

export class FixtureBatcher {
  private readonly ready = new Map<Case, Promise<Prepared>>();
  private pendingRemoval: FixtureBatch['remove'] = [];
  private pendingCount = 0;
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly fixtures: Batchable, private readonly window = DEFAULT_FIXTURE_WINDOW) {}

  /** A target whose fixtures can batch gets a batcher; others keep the one-at-a-time path. */
  static for(fixtures: Fixtures | undefined, window?: number): FixtureBatcher | undefined {
    return fixtures?.batch ? new FixtureBatcher(fixtures as Batchable, window) : undefined;
  }

  /** Would this case's fixtures go through the batcher? */
  handles(c: Case): boolean {
    return !c.exclusive && (c.setup?.length ?? 0) > 0;
  }

  /**
   * The case's fixtures: made already by an earlier batch, or now, in one request together with
   * those of the next handled cases in `ahead` (the caller's upcoming cases, in run order).
   */
  prepare(c: Case, ahead: Iterable<Case>): Promise<Prepared> {
    let p = this.ready.get(c);
    if (!p) {
      const sets = [c];
      for (const next of ahead) {
        if (sets.length >= this.window) break;
        if (next !== c && this.handles(next) && !this.ready.has(next)) sets.push(next);
      }
      this.send(sets);
      p = this.ready.get(c)!;
    }
    this.ready.delete(c);
    return p;
  }

  /** A finished case's entities: removed with the next batch, or by flush(). */
  release(vendor: Vendor, created: { kind: string; id: string }[]): void {
    if (!created.length) return;
    this.pendingRemoval.push({ vendor, entities: [...created].reverse() });
    // A run whose later cases need no fixtures sends no further batch: do not let removals pile up.
    if (++this.pendingCount >= 2 * this.window) this.track(this.fixtures.batch({ remove: this.takeRemovals(), create: [] }));
  }

  /** Remove what finished cases left, and what was prepared for cases that never ran; wait for every request. */
  async flush(): Promise<void> {
    const orphans = [...this.ready.values()];
    this.ready.clear();
    for (const p of orphans) {
      const got = await p.catch(() => undefined);
      if (got?.created.length) this.pendingRemoval.push({ vendor: got.vendor, entities: [...got.created].reverse() });
    }
    if (this.pendingRemoval.length) this.track(this.fixtures.batch({ remove: this.takeRemovals(), create: [] }));
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private takeRemovals(): FixtureBatch['remove'] {
    const out = this.pendingRemoval;
    this.pendingRemoval = [];
    this.pendingCount = 0;
    return out;
  }

  private track<T>(p: Promise<T>): void {
    const q = p.then(() => undefined, () => undefined); // clean-up failures are not a case's verdict
    this.inFlight.add(q);
    void q.finally(() => this.inFlight.delete(q));
  }

  private send(cases: Case[]): void {
    const request: FixtureBatch = {
      remove: this.takeRemovals(),
      create: cases.map((c) => ({ vendor: c.call.vendor, specs: c.setup! })),
    };
    const answers = this.fixtures.batch(request);
    this.track(answers);
    cases.forEach((c, i) => {
      const p = answers.then((all) => prepared(c, all[i]));
      p.catch(() => undefined); // reported when its case awaits it; one not yet awaited is no unhandled rejection
      this.ready.set(c, p);
    });
  }
}

function prepared(c: Case, answer: FixtureBatchAnswer | undefined): Prepared {
  if (!answer) throw new Error('the batch answered fewer sets than it was sent');
  if ('error' in answer) throw new Error(answer.error);
  const kinds: Record<string, string> = {};
  const created: { kind: string; id: string }[] = [];
  for (const spec of c.setup!) {
    const id = answer.ids[spec.as];
    if (typeof id !== 'string') throw new Error(`the batch answered no id for fixture "${spec.as}"`);
    kinds[spec.as] = spec.kind;
    created.push({ kind: spec.kind, id });
  }
  return { vendor: c.call.vendor, refs: answer.ids, kinds, created };
}
