// Shared by the browser tests (not part of the build: nothing in src/index.ts imports it).
import { loadTessera, type Tessera } from '@tessera/js';
import type { ReactNode } from 'react';
import { createRoot, type Root, type RootOptions } from 'react-dom/client';
import { expect, vi } from 'vitest';

/**
 * The tests page is http://127.0.0.1:<port>; the same server under http://localhost:<port> is another origin and
 * stands in for the edge (it serves test/fake-field-page.ts).
 */
export const crossOriginEdge = (): string => `http://localhost:${location.port}`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The real SDK, loaded against the fake edge. */
export const loadTestTessera = (): Promise<Tessera> => loadTessera('pk_test_react', { edge: crossOriginEdge() });

export interface Rendered {
  host: HTMLDivElement;
  root: Root;
  rerender(ui: ReactNode): void;
  unmount(): void;
}

const mounted = new Set<Rendered>();
// Taken before any test spies on them, so the tests' own listeners are never counted.
const listen = window.addEventListener.bind(window);
const unlisten = window.removeEventListener.bind(window);

/** Renders into a fresh container with `createRoot`. */
export function render(ui: ReactNode, options?: RootOptions): Rendered {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host, options);
  const rendered: Rendered = {
    host,
    root,
    rerender: (next) => root.render(next),
    unmount: () => {
      if (!mounted.delete(rendered)) return;
      root.unmount();
      host.remove();
    },
  };
  mounted.add(rendered);
  root.render(ui);
  return rendered;
}

/** Unmounts whatever a test left rendered. */
export function cleanup(): void {
  for (const rendered of [...mounted]) rendered.unmount();
}

/** Waits until exactly one iframe is in `host` and returns it. */
export async function oneFrame(host: HTMLElement): Promise<HTMLIFrameElement> {
  await expect.poll(() => host.querySelectorAll('iframe').length).toBe(1);
  return host.querySelector('iframe') as HTMLIFrameElement;
}

/** The channel id of a frame's URL fragment. */
export const channelOf = (frame: HTMLIFrameElement): string | null =>
  new URLSearchParams(new URL(frame.src).hash.slice(1)).get('channel');

export interface Echo {
  tessera: number;
  type: string;
  id?: string;
  payload: unknown;
}

/** Records the commands the fake field page of `frame` echoes back (what the SDK posted to it), in order. */
export function recordEchoes(frame: HTMLIFrameElement): { echoes: Echo[]; stop(): void } {
  const channel = channelOf(frame);
  const echoes: Echo[] = [];
  const handler = (event: MessageEvent<unknown>): void => {
    const data = event.data as { fakeFrameEcho?: Echo; channel?: string } | null;
    if (data?.fakeFrameEcho && data.channel === channel) echoes.push(data.fakeFrameEcho);
  };
  listen('message', handler);
  return { echoes, stop: () => unlisten('message', handler) };
}

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
