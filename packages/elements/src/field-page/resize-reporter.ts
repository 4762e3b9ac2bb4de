/**
 * Watches the page's height and reports each change (whole pixels), so the parent can size the iframe to fit
 * the fields and their error messages.
 */
export class ResizeReporter {
  readonly #element: Element;
  readonly #report: (height: number) => void;
  #observer: ResizeObserver | undefined;
  #last = -1;

  constructor(element: Element, report: (height: number) => void) {
    this.#element = element;
    this.#report = report;
  }

  /**
   * Starts watching. The first height goes out with the observer's first notification, in the next rendering
   * update, rather than by measuring now: that would force a style and layout pass into the task that says ready.
   */
  start(): void {
    this.#observer ??= new ResizeObserver(() => this.check());
    this.#observer.observe(this.#element);
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /** Reports the current height if it differs from the last one reported. */
  check(): void {
    const height = Math.ceil(this.#element.getBoundingClientRect().height);
    if (height === this.#last) return;
    this.#last = height;
    this.#report(height);
  }
}
