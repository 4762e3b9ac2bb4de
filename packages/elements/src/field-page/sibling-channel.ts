import { type Envelope, envelope, type FrameToFrame, isFrameToFrame } from '@tessera/protocol';

/**
 * The line between the frames of one split group (number, expiry, CVC), all on the edge's origin and children of
 * the same merchant page. Messages go to `parent.frames[i]` with this page's own origin as target, so a frame of
 * any other origin never receives them; they never go to the parent. A message is accepted only when it comes from
 * this origin, from another frame of the same parent, carries this group's channel and passes the protocol guard.
 */
export class SiblingChannel {
  readonly #parent: Window;
  readonly #channel: string;
  readonly #self: Window;

  constructor(parent: Window, channel: string, self: Window = window) {
    this.#parent = parent;
    this.#channel = channel;
    this.#self = self;
  }

  /** The other frames of the parent (whatever their origin: the browser delivers only to same-origin ones). */
  #siblings(): Window[] {
    const frames: Window[] = [];
    for (let i = 0; i < this.#parent.frames.length; i++) {
      const frame = this.#parent.frames[i];
      if (frame && frame !== this.#self) frames.push(frame);
    }
    return frames;
  }

  /** Posts to one sibling, or to every other frame of the parent. */
  send(message: FrameToFrame, to?: Window): void {
    const origin = this.#self.origin;
    for (const frame of to ? [to] : this.#siblings()) frame.postMessage(envelope(message), origin);
  }

  /** Calls `on` for each accepted message, with the frame that sent it; returns the function that stops listening. */
  listen(on: (message: Envelope<FrameToFrame>, from: Window) => void): () => void {
    const handler = (event: MessageEvent<unknown>) => {
      const source = event.source;
      if (event.origin !== this.#self.origin || !source || !('postMessage' in source)) return;
      if (source === this.#self || !this.#siblings().includes(source as Window)) return;
      if (!isFrameToFrame(event.data) || event.data.payload.channel !== this.#channel) return;
      on(event.data, source as Window);
    };
    this.#self.addEventListener('message', handler);
    return () => this.#self.removeEventListener('message', handler);
  }
}
