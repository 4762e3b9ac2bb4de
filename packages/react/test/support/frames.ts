/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// test/ is checked by tsconfig.node.json (tsconfig.json compiles src/ only), so the DOM comes in here.
import { expect } from 'vitest';

/** Waits until exactly one iframe is in `host` and returns it. */
export async function oneFrame(host: HTMLElement): Promise<HTMLIFrameElement> {
  await expect.poll(() => host.querySelectorAll('iframe').length).toBe(1);
  return host.querySelector('iframe') as HTMLIFrameElement;
}

/** The channel id of a frame's URL fragment. */
export const channelOf = (frame: HTMLIFrameElement): string | null =>
  new URLSearchParams(new URL(frame.src).hash.slice(1)).get('channel');
