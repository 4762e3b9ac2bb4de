// Test helper (never part of the field page): a stand-in for the merchant page. It is a same-origin iframe whose
// own script records what the field page posts to it and posts messages back, so that `event.source` is really
// that window, as it is for the real parent.
import { type Envelope, type FrameToParent, isFrameToParent } from '@tessera/protocol';
import { vi } from 'vitest';

interface ParentWindow extends Window {
  received: { data: unknown; origin: string }[];
  sendToFrame: (message: unknown, targetOrigin: string) => void;
}

const RECORDER = `<script>
window.received = [];
addEventListener('message', (e) => { if (e.source === parent) received.push({ data: e.data, origin: e.origin }); });
window.sendToFrame = (message, targetOrigin) => parent.postMessage(message, targetOrigin);
</script>`;

export interface FakeParent {
  window: Window;
  /** Every message the field page posted to this window, in order; one the SDK's guard would drop throws. */
  messages(): Envelope<FrameToParent>[];
  /** Posts `message` from this window to the test page (where the field page runs). */
  send(message: unknown): void;
  /** Resolves with the first message that `match` accepts, polling what was received (`vi.waitFor`). */
  waitFor<T extends Envelope<FrameToParent>>(
    match: (m: Envelope<FrameToParent>) => m is T,
    timeoutMs?: number,
  ): Promise<T>;
  remove(): void;
}

/** A same-origin window that plays the merchant page. */
export async function createFakeParent(): Promise<FakeParent> {
  const frame = document.createElement('iframe');
  frame.title = 'fake merchant page';
  frame.srcdoc = RECORDER;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as ParentWindow;
  const messages = () =>
    win.received.map(({ data }) => {
      if (!isFrameToParent(data)) throw new Error(`The SDK would drop this message: ${JSON.stringify(data)}`);
      return data;
    });
  return {
    window: win,
    messages,
    send: (message) => win.sendToFrame(message, location.origin),
    waitFor(match, timeoutMs = 5000) {
      return vi.waitFor(
        () => {
          const found = messages().find(match);
          if (!found) throw new Error('fake parent: no matching message');
          return found;
        },
        { timeout: timeoutMs, interval: 10 },
      );
    },
    remove: () => frame.remove(),
  };
}

/**
 * A window of another origin (a sandboxed srcdoc frame has the opaque origin "null") that posts `message` to the
 * test page as soon as it loads, as a hostile page that got hold of the frame's window would.
 */
export async function postFromOpaqueOrigin(message: unknown): Promise<void> {
  const frame = document.createElement('iframe');
  frame.title = 'hostile page';
  frame.sandbox.add('allow-scripts');
  frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(message)}, '*'); parent.postMessage('sent', '*');</script>`;
  const sent = new Promise<void>((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || e.data !== 'sent') return;
      window.removeEventListener('message', onMessage);
      resolve();
    };
    window.addEventListener('message', onMessage);
  });
  document.body.append(frame);
  await sent;
  frame.remove();
}
