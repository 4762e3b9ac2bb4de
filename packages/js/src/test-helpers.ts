// Shared by the browser tests (not part of the SDK build: nothing in src/index.ts imports it).
import type { TesseraCardElement } from './card-element';
import type { CardElementEvents } from './card-element-events';

/**
 * The tests page is served from http://127.0.0.1:<port>; the same test server under http://localhost:<port>
 * is another origin, and stands in for the edge (it serves the fake field page of test/fake-field-page.ts).
 */
export const crossOriginEdge = (): string => `http://localhost:${location.port}`;
/** The page's own origin, for wiring tests with a same-origin fake frame. */
export const sameOriginEdge = (): string => location.origin;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the next event of that name. */
export function nextEvent<K extends keyof CardElementEvents & string>(
  element: TesseraCardElement,
  name: K,
): Promise<CardElementEvents[K]> {
  return new Promise((resolve) => {
    const handler = (event: CardElementEvents[K]): void => {
      element.off(name, handler);
      resolve(event);
    };
    element.on(name, handler);
  });
}

/** Resolves with the next command the fake field page echoes back (what the SDK posted to it). */
export function nextEcho(): Promise<{ type: string; id?: string; payload: unknown; tessera: number }> {
  return new Promise((resolve) => {
    const handler = (event: MessageEvent<unknown>): void => {
      const data = event.data;
      if (typeof data === 'object' && data !== null && 'fakeFrameEcho' in data) {
        removeEventListener('message', handler);
        resolve(data.fakeFrameEcho as { type: string; id?: string; payload: unknown; tessera: number });
      }
    };
    addEventListener('message', handler);
  });
}

/** A fresh container in the document for one test. */
export function container(): HTMLDivElement {
  const div = document.createElement('div');
  document.body.append(div);
  return div;
}
