import { type Envelope, envelope, type FrameToParent, isFrameToParent, type ParentToFrame } from '@tessera/protocol';

/** A two-way link to one field frame. */
export interface FrameChannel {
  /** Posts to the frame, addressed to the edge origin only (never `"*"`). */
  post(message: ParentToFrame): void;
  /** Stops listening; later messages are ignored. */
  close(): void;
}

/**
 * Listens to messages from exactly one frame: the edge origin, that frame's window, and a well-formed protocol
 * message. Anything else (another frame, the page itself, another origin, a malformed payload) is dropped silently.
 */
export function openFrameChannel(
  frame: HTMLIFrameElement,
  edgeOrigin: string,
  onMessage: (message: Envelope<FrameToParent>) => void,
): FrameChannel {
  let open = true;
  const handler = (event: MessageEvent<unknown>): void => {
    if (!open || event.origin !== edgeOrigin || event.source === null || event.source !== frame.contentWindow) return;
    if (!isFrameToParent(event.data)) return;
    onMessage(event.data);
  };
  window.addEventListener('message', handler);
  return {
    post(message) {
      if (open) frame.contentWindow?.postMessage(envelope(message), edgeOrigin);
    },
    close() {
      open = false;
      window.removeEventListener('message', handler);
    },
  };
}
