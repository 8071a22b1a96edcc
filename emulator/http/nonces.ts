// Alibaba signature nonces seen within the replay window (memory only; a restart forgets them,
// as the window is short anyway).
export class NonceStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = 31 * 60 * 1000, private readonly max = 200_000) {}

  /** True when the nonce was seen inside the window; records it otherwise. */
  check(nonce: string, now: number): boolean {
    const at = this.seen.get(nonce);
    if (at !== undefined && now - at < this.windowMs) return true;
    if (this.seen.size >= this.max) this.prune(now);
    this.seen.set(nonce, now);
    return false;
  }

  private prune(now: number): void {
    for (const [k, at] of this.seen) if (now - at >= this.windowMs) this.seen.delete(k);
    while (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value!);
  }

  clear(): void { this.seen.clear(); }
}
