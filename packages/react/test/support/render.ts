/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// test/ is checked by tsconfig.node.json (tsconfig.json compiles src/ only), so the DOM comes in here.
import type { ReactNode } from 'react';
import { createRoot, type Root, type RootOptions } from 'react-dom/client';

export interface Rendered {
  host: HTMLDivElement;
  root: Root;
  rerender(ui: ReactNode): void;
  unmount(): void;
}

const mounted = new Set<Rendered>();

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
