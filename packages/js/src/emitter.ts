import { IntegrationError } from './integration-error';

type Handlers<Events> = { [K in keyof Events]?: Set<(event: Events[K]) => void> };

/** A minimal typed event emitter; one handler's exception never stops the others. */
export class Emitter<Events extends Record<string, unknown>> {
  readonly #names: ReadonlySet<string>;
  #handlers: Handlers<Events> = {};

  constructor(names: readonly (keyof Events & string)[]) {
    this.#names = new Set(names);
  }

  on<K extends keyof Events & string>(name: K, handler: (event: Events[K]) => void): void {
    this.#check(name, handler);
    let set = this.#handlers[name];
    if (!set) {
      set = new Set();
      this.#handlers[name] = set;
    }
    set.add(handler);
  }

  off<K extends keyof Events & string>(name: K, handler?: (event: Events[K]) => void): void {
    if (!this.#names.has(name)) throw new IntegrationError(`Unknown event "${String(name)}".`);
    if (handler) this.#handlers[name]?.delete(handler);
    else delete this.#handlers[name];
  }

  emit<K extends keyof Events & string>(name: K, event: Events[K]): void {
    for (const handler of [...(this.#handlers[name] ?? [])]) {
      try {
        handler(event);
      } catch (error) {
        // A merchant's handler bug must not break the element; surface it as an uncaught error instead.
        reportError(error);
      }
    }
  }

  clear(): void {
    this.#handlers = {};
  }

  #check(name: string, handler: unknown): void {
    if (!this.#names.has(name)) {
      throw new IntegrationError(`Unknown event "${name}"; expected one of: ${[...this.#names].join(', ')}.`);
    }
    if (typeof handler !== 'function') throw new IntegrationError(`The handler for "${name}" must be a function.`);
  }
}
