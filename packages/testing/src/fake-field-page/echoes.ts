import { type Envelope, isParentToFrame, type ParentToFrame } from '@tessera/protocol';
import { isFakeFrameEcho } from './behaviour';

// Taken when the kit loads, before any test spies on them, so that the kit's own listeners are never counted.
const listen = window.addEventListener.bind(window);
const unlisten = window.removeEventListener.bind(window);

const refusal = (data: unknown) =>
  new Error(`The field page's guard refuses what the SDK posted: ${JSON.stringify(data)}`);

/**
 * Resolves with the next command a fake field page echoes back, i.e. what the SDK posted to it: from `frame` only
 * when given, else from any. Rejects when that command is one the real field page would drop.
 */
export function nextEcho(frame?: HTMLIFrameElement): Promise<Envelope<ParentToFrame>> {
  return new Promise((resolve, reject) => {
    const handler = (event: MessageEvent<unknown>): void => {
      if (!isFakeFrameEcho(event.data) || (frame && event.source !== frame.contentWindow)) return;
      unlisten('message', handler);
      const sent = event.data.fakeFrameEcho;
      if (isParentToFrame(sent)) resolve(sent);
      else reject(refusal(sent));
    };
    listen('message', handler);
  });
}

export interface EchoRecording {
  /** The commands the frame received, in order. */
  readonly echoes: Envelope<ParentToFrame>[];
  /** What it received that the real field page would drop; a test expects none. */
  readonly refused: unknown[];
  stop(): void;
}

/** Records the commands the fake field page in `frame` echoes back (what the SDK posted to it), in order. */
export function recordEchoes(frame: HTMLIFrameElement): EchoRecording {
  const echoes: Envelope<ParentToFrame>[] = [];
  const refused: unknown[] = [];
  const handler = (event: MessageEvent<unknown>): void => {
    if (!isFakeFrameEcho(event.data) || event.source !== frame.contentWindow) return;
    const sent = event.data.fakeFrameEcho;
    if (isParentToFrame(sent)) echoes.push(sent);
    else refused.push(sent);
  };
  listen('message', handler);
  return { echoes, refused, stop: () => unlisten('message', handler) };
}
