/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// test/ is checked by tsconfig.node.json (tsconfig.json compiles src/ only), so the DOM comes in here.
import { vi } from 'vitest';

// Taken before any test spies on them, so the tests' own listeners are never counted.
const listen = window.addEventListener.bind(window);
const unlisten = window.removeEventListener.bind(window);

/** Counts the window `message` listeners added and removed while it runs: one per mounted frame channel. */
export function messageListeners(): { added(): number; live(): number } {
  const live = new Set<unknown>();
  let added = 0;
  vi.spyOn(window, 'addEventListener').mockImplementation((type, listener, options) => {
    if (type === 'message') {
      added++;
      live.add(listener);
    }
    listen(type, listener, options);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation((type, listener, options) => {
    if (type === 'message') live.delete(listener);
    unlisten(type, listener, options);
  });
  return { added: () => added, live: () => live.size };
}
