// Alibaba signature nonces seen within the replay window (memory only; a restart forgets them,
// as the window is short anyway).
//
// Kept off the JS heap, in typed arrays: a long run signs hundreds of thousands of requests, and a
// Map of nonce strings was the one thing on the heap that grew with the run (V8 then sized the
// whole heap to it: about 30 MB of peak RSS at 100k cases). Each nonce is kept as a 64-bit
// fingerprint (two independent 32-bit hashes) with the time it was seen: two different nonces
// taken for one needs a 64-bit collision, about 1 in 10^9 with the store full (200,000 nonces).
const EMPTY = 0;

export class NonceStore {
  /** Entries by sequence number, in a ring (position: seq & (capacity - 1)); live ones are seq in [head, tail). */
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private at = new Float64Array(1024);
  private head = 0;
  private tail = 0;
  /**
   * Open-addressing index: seq + 1 per slot (0: empty). A slot whose entry has left the ring is
   * stale, and skipped; the index is rebuilt from the live entries once half its slots are used,
   * with room for four times them, so each nonce costs O(1) on average.
   */
  private slots = new Uint32Array(2048);
  private used = 0;

  constructor(private readonly windowMs = 31 * 60 * 1000, private readonly max = 200_000) {}

  get size(): number { return this.tail - this.head; }

  /** True when the nonce was seen inside the window; records it otherwise. */
  check(nonce: string, now: number): boolean {
    const h1 = fnv1a(nonce);
    const h2 = murmurish(nonce);
    const found = this.find(h1, h2);
    if (found >= 0 && now - this.at[found]! < this.windowMs) return true;
    if (found >= 0) { this.at[found] = now; return false; } // seen before the window: a fresh use
    this.forget(now);
    this.append(h1, h2, now);
    return false;
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
    this.slots.fill(EMPTY);
    this.used = 0;
  }

  /** The ring position of a live entry with this fingerprint, or -1. */
  private find(h1: number, h2: number): number {
    const mask = this.slots.length - 1;
    const ring = this.hi.length - 1;
    for (let s = h1 & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e === EMPTY) return -1;
      const seq = e - 1;
      if (seq < this.head) continue; // stale: that entry has left the ring
      const pos = seq & ring;
      if (this.hi[pos] === h1 && this.lo[pos] === h2) return pos;
    }
  }

  /** Nonces out of the window leave; while the store is full, the oldest does. */
  private forget(now: number): void {
    const ring = this.hi.length - 1;
    while (this.head < this.tail && now - this.at[this.head & ring]! >= this.windowMs) this.head++;
    while (this.size >= this.max) this.head++;
  }

  private append(h1: number, h2: number, now: number): void {
    if (this.size === this.hi.length) this.grow();
    const seq = this.tail++;
    const pos = seq & (this.hi.length - 1);
    this.hi[pos] = h1;
    this.lo[pos] = h2;
    this.at[pos] = now;
    if ((this.used + 1) * 2 > this.slots.length) this.reindex();
    else this.insert(seq);
  }

  private insert(seq: number): void {
    const mask = this.slots.length - 1;
    let s = this.hi[seq & (this.hi.length - 1)]! & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = seq + 1;
    this.used++;
  }

  /** A ring twice as large, each live entry at its new position. */
  private grow(): void {
    const [hi, lo, at] = [new Uint32Array(this.hi.length * 2), new Uint32Array(this.hi.length * 2), new Float64Array(this.hi.length * 2)];
    const [from, to] = [this.hi.length - 1, hi.length - 1];
    for (let seq = this.head; seq < this.tail; seq++) {
      hi[seq & to] = this.hi[seq & from]!;
      lo[seq & to] = this.lo[seq & from]!;
      at[seq & to] = this.at[seq & from]!;
    }
    [this.hi, this.lo, this.at] = [hi, lo, at];
    this.reindex();
  }

  private reindex(): void {
    let size = 2048;
    while (size < (this.size + 1) * 4) size *= 2;
    this.slots = size === this.slots.length ? this.slots.fill(EMPTY) : new Uint32Array(size);
    this.used = 0;
    for (let seq = this.head; seq < this.tail; seq++) this.insert(seq);
  }
}

/** FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent 32-bit hash (multiply-rotate with MurmurHash3's constants and finaliser). */
function murmurish(s: string): number {
  let h = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h = Math.imul((h ^ k) << 13 | (h ^ k) >>> 19, 5) + 0xe6546b64;
  }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
