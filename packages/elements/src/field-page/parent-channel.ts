import { type Envelope, envelope, type FrameToParent, isParentToFrame, type ParentToFrame } from '@tessera/protocol';

/**
 * The field page's one line to the merchant page. Sends only to the exact parent origin (never "*") and accepts
 * only messages from that origin and that window that pass the protocol guard; everything else is dropped silently.
 */
export class ParentChannel {
  readonly #parent: Window;
  readonly #origin: string;
  readonly #self: Window;

  constructor(parent: Window, parentOrigin: string, self: Window = window) {
    this.#parent = parent;
    this.#origin = parentOrigin;
    this.#self = self;
  }

  send(message: FrameToParent): void {
    this.#parent.postMessage(envelope(message), this.#origin);
  }

  /** Calls `on` for each accepted message; returns the function that stops listening. */
  listen(on: (message: Envelope<ParentToFrame>) => void): () => void {
    const handler = (event: MessageEvent<unknown>) => {
      if (event.origin !== this.#origin || event.source !== this.#parent || !isParentToFrame(event.data)) return;
      on(event.data);
    };
    this.#self.addEventListener('message', handler);
    return () => this.#self.removeEventListener('message', handler);
  }
}
