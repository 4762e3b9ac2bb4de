/**
 * A Durable Object's one alarm, for objects with several things falling due: `ensure` moves it earlier, never
 * later. The time it is set for is kept in memory (read once when the object starts), so asking for an alarm
 * that is already set costs no storage call.
 */
export class AlarmClock {
  readonly #storage: Pick<DurableObjectStorage, 'getAlarm' | 'setAlarm'>;
  #at: number | null = null;

  constructor(storage: Pick<DurableObjectStorage, 'getAlarm' | 'setAlarm'>) {
    this.#storage = storage;
  }

  /** Call in the object's `blockConcurrencyWhile` at start. */
  async load(): Promise<void> {
    this.#at = await this.#storage.getAlarm();
  }

  /** Sets the alarm for `atMs` unless it is already set sooner. */
  async ensure(atMs: number): Promise<void> {
    if (this.#at !== null && this.#at <= atMs) return;
    this.#at = atMs;
    await this.#storage.setAlarm(atMs);
  }

  /** Call first thing in `alarm()`: the alarm that rang is no longer set. */
  rang(): void {
    this.#at = null;
  }
}
