/**
 * Where a token's CVC waits for its first forward: this vault object's memory, and nowhere else. It never
 * reaches the object's storage, so no restore of that storage (Durable Objects keep 30 days of point-in-time
 * recovery) can bring it back once it is erased (PCI DSS 3.3.1.2). The price: when the object restarts (a deploy,
 * an eviction after it sat idle, a crash), every CVC it held is gone and a forward that needs one answers
 * `cvc_unavailable`. Forward soon after tokenizing.
 */
export class CvcStore {
  /** In insertion order, which is expiry order (every CVC lives the same time), so the oldest go first. */
  readonly #entries = new Map<string, { cvc: string; expiresAt: number }>();
  readonly #maxEntries: number;
  /** Tokens whose CVC went by time (or by the memory bound), not yet reported (see `takeExpired`). */
  #expired: string[] = [];

  /** @param maxEntries a bound on memory: past it the oldest CVCs are dropped, as if they had expired. */
  constructor(maxEntries = 100_000) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) throw new RangeError('CvcStore: maxEntries > 0');
    this.#maxEntries = maxEntries;
  }

  put(tokenId: string, cvc: string, expiresAt: number, nowSeconds: number): void {
    this.sweep(nowSeconds);
    this.#entries.delete(tokenId);
    this.#entries.set(tokenId, { cvc, expiresAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#drop(oldest);
    }
  }

  /** The CVC, while it lives; an expired one is dropped on the way. */
  get(tokenId: string, nowSeconds: number): string | undefined {
    const entry = this.#entries.get(tokenId);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= nowSeconds) {
      this.#drop(tokenId);
      return undefined;
    }
    return entry.cvc;
  }

  has(tokenId: string, nowSeconds: number): boolean {
    return this.get(tokenId, nowSeconds) !== undefined;
  }

  erase(tokenId: string): void {
    this.#entries.delete(tokenId);
  }

  /** Drops every CVC past its time. */
  sweep(nowSeconds: number): void {
    for (const [tokenId, entry] of this.#entries) {
      if (entry.expiresAt > nowSeconds) break;
      this.#drop(tokenId);
    }
  }

  /** The tokens whose CVC expired since the last call, for the vault to record. */
  takeExpired(): string[] {
    const expired = this.#expired;
    this.#expired = [];
    return expired;
  }

  /** When the oldest CVC held expires (unix seconds), if any. */
  nextExpiry(): number | null {
    return this.#entries.values().next().value?.expiresAt ?? null;
  }

  #drop(tokenId: string): void {
    this.#entries.delete(tokenId);
    this.#expired.push(tokenId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
