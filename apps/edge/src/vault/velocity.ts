import type { VelocityRules } from '../config/velocity-rules';

/**
 * Card-testing rules of one merchant's vault, checked on every create where the write happens anyway: exact for
 * this merchant, and free of any extra round trip. They see what the front's rate limits cannot: which cards,
 * expiries and BINs come from whom. Windows slide; state is the object's memory (a restart forgets it, as it
 * forgets a burst).
 */
export type VelocityRule = 'cards_per_client' | 'expiries_per_card' | 'attempts_per_card' | 'bins_per_key';

export interface Attempt {
  keyId: string;
  /** The client's address; only requests that carry one are judged (see `check`). */
  clientIp: string | null;
  fingerprint: string;
  bin: string;
  expiry: string;
}

export type Verdict =
  /** Allowed; `suspected` names a rule crossed by this very create (a key now throttled): audit it. */
  | { ok: true; suspected?: VelocityRule }
  /** Refused: `suspected` is set the first time a subject crosses a rule in a window (audit it then). */
  | { ok: false; rule: VelocityRule; retryAfter: number; suspected: boolean };

/** Timestamps (seconds) of events per subject, pruned to the window as they are read. */
class Window<K> {
  readonly #seen = new Map<string, Map<K, number>>();

  /** Distinct values of `subject` within the window, after pruning. */
  distinct(subject: string, since: number): number {
    const values = this.#seen.get(subject);
    if (values === undefined) return 0;
    for (const [value, at] of values) if (at <= since) values.delete(value);
    if (values.size === 0) this.#seen.delete(subject);
    return values.size;
  }

  has(subject: string, value: K): boolean {
    return this.#seen.get(subject)?.has(value) ?? false;
  }

  add(subject: string, value: K, now: number): void {
    let values = this.#seen.get(subject);
    if (values === undefined) {
      values = new Map();
      this.#seen.set(subject, values);
    }
    values.delete(value);
    values.set(value, now);
  }

  /** Drops every subject with nothing left in the window (bounds memory). */
  prune(since: number): void {
    for (const subject of this.#seen.keys()) this.distinct(subject, since);
  }
}

export class VelocityGuard {
  readonly #cardsPerClient = new Window<string>();
  readonly #expiriesPerCard = new Window<string>();
  readonly #attemptsPerCard = new Window<number>();
  readonly #binsPerKey = new Window<string>();
  /** Subjects refused until a time, by rule: `rule subject` → until (seconds). */
  readonly #blocked = new Map<string, number>();
  /** Throttled keys: creates in the current minute. */
  readonly #throttle = new Map<string, { minute: number; count: number }>();
  #attemptSeq = 0;
  #lastPrune = 0;

  /**
   * Whether this create may go on; call before any write. A request without a client address (absent, or
   * loopback: lib/client-address.ts) did not come through Cloudflare's network, which always names the client:
   * only local tools (development, tests, the bench) send those, and they are not judged.
   */
  check(rules: VelocityRules, attempt: Attempt, now: number): Verdict {
    if (attempt.clientIp === null) return { ok: true };
    const since = now - rules.windowSeconds;
    this.#pruneNow(rules, now);
    const blocked = this.#blockedFor(attempt, now);
    if (blocked) return { ok: false, rule: blocked.rule, retryAfter: blocked.until - now, suspected: false };

    const { clientIp, fingerprint, keyId } = attempt;
    const crossings: [VelocityRule, string, boolean][] = [
      [
        'cards_per_client',
        clientIp,
        !this.#cardsPerClient.has(clientIp, fingerprint) &&
          this.#cardsPerClient.distinct(clientIp, since) >= rules.maxCardsPerClient,
      ],
      [
        'expiries_per_card',
        fingerprint,
        !this.#expiriesPerCard.has(fingerprint, attempt.expiry) &&
          this.#expiriesPerCard.distinct(fingerprint, since) >= rules.maxExpiriesPerCard,
      ],
      [
        'attempts_per_card',
        fingerprint,
        this.#attemptsPerCard.distinct(fingerprint, since) >= rules.maxAttemptsPerCard,
      ],
    ];
    for (const [rule, subject, crossed] of crossings) {
      if (!crossed) continue;
      const until = now + rules.windowSeconds;
      this.#blocked.set(`${rule} ${subject}`, until);
      return { ok: false, rule, retryAfter: rules.windowSeconds, suspected: true };
    }

    // Many BINs under one key is how a distributed run looks. The key is not closed (anyone holding the public
    // key could close a merchant's checkout that way): while the suspicion lasts, each client address of the key
    // keeps a few creates a minute, which a shopper never needs more of and a script spread over many
    // addresses does.
    const suspectedUntil = this.#blocked.get(`bins_per_key ${keyId}`);
    const suspected = suspectedUntil !== undefined && suspectedUntil > now;
    const binsCrossed =
      !suspected &&
      !this.#binsPerKey.has(keyId, attempt.bin) &&
      this.#binsPerKey.distinct(keyId, since) >= rules.maxBinsPerKey;
    if (binsCrossed) this.#blocked.set(`bins_per_key ${keyId}`, now + rules.windowSeconds);
    if (suspected || binsCrossed) {
      const refused = this.#throttled(rules, `${keyId} ${clientIp}`, now);
      if (refused?.ok === false) return { ...refused, suspected: binsCrossed };
      if (binsCrossed) return { ok: true, suspected: 'bins_per_key' };
    }
    return { ok: true };
  }

  /** Counts a create that went through. */
  record(attempt: Attempt, now: number): void {
    if (attempt.clientIp === null) return;
    this.#cardsPerClient.add(attempt.clientIp, attempt.fingerprint, now);
    this.#expiriesPerCard.add(attempt.fingerprint, attempt.expiry, now);
    this.#attemptSeq += 1;
    this.#attemptsPerCard.add(attempt.fingerprint, this.#attemptSeq, now);
    this.#binsPerKey.add(attempt.keyId, attempt.bin, now);
  }

  #blockedFor(attempt: Attempt, now: number): { rule: VelocityRule; until: number } | undefined {
    const subjects: [VelocityRule, string | null][] = [
      ['cards_per_client', attempt.clientIp],
      ['expiries_per_card', attempt.fingerprint],
      ['attempts_per_card', attempt.fingerprint],
    ];
    for (const [rule, subject] of subjects) {
      if (subject === null) continue;
      const until = this.#blocked.get(`${rule} ${subject}`);
      if (until !== undefined && until > now) return { rule, until };
    }
    return undefined;
  }

  /** A refusal when a throttled subject has used its creates of this minute, else undefined (and counts one). */
  #throttled(rules: VelocityRules, subject: string, now: number): Verdict | undefined {
    const minute = Math.floor(now / 60);
    const current = this.#throttle.get(subject);
    const count = current?.minute === minute ? current.count : 0;
    if (count >= rules.throttledPerMinute) {
      return { ok: false, rule: 'bins_per_key', retryAfter: 60 - (now % 60), suspected: false };
    }
    this.#throttle.set(subject, { minute, count: count + 1 });
    return undefined;
  }

  #pruneNow(rules: VelocityRules, now: number): void {
    // Whole-map pruning at most once a minute keeps memory to the window without a cost per create.
    if (now - this.#lastPrune < 60) return;
    this.#lastPrune = now;
    const since = now - rules.windowSeconds;
    for (const window of [this.#cardsPerClient, this.#expiriesPerCard, this.#attemptsPerCard, this.#binsPerKey]) {
      window.prune(since);
    }
    for (const [subject, until] of this.#blocked) if (until <= now) this.#blocked.delete(subject);
    const minute = Math.floor(now / 60);
    for (const [subject, { minute: at }] of this.#throttle) if (at < minute) this.#throttle.delete(subject);
  }
}
