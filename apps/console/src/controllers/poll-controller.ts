import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs `task` while its host is connected, again every `intervalMs` for as long as the task answers true: a
 * rotation is polled while it runs, and left alone once it is idle or done. `refresh()` runs it now.
 */
export class PollController implements ReactiveController {
  readonly #task: () => Promise<boolean>;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, task: () => Promise<boolean>, intervalMs: number) {
    this.#task = task;
    this.#intervalMs = intervalMs;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    void this.refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearTimeout(this.#timer);
  }

  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    const again = await this.#task();
    if (again && this.#connected) this.#timer = setTimeout(() => void this.refresh(), this.#intervalMs);
  }
}
