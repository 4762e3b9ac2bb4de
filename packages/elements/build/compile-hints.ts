/**
 * Marks the field page's entry chunk with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`: nearly every
 * function in it runs before the page says ready (Lit, the element, the option readers, the card checks), so V8
 * compiles them all with the script (on the background thread that streams it, for the file split fields load)
 * instead of one by one the first time each is called. Split fields' three frames share one main thread, where that
 * lazy compilation cost each frame as much as its own code's evaluation (the page without the hint measured slower
 * against its bare frames, card and split alike, 2026-11-30; so did the card's inline script). Browsers without
 * compile hints read a comment. field-page-scripts.ts keeps the hint first in both pages' script.
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

export function compileHints(): Plugin {
  return {
    name: 'tessera-compile-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        chunk.code = COMPILE_HINT + chunk.code;
        // One line more at the top: a source map, if any, starts one line later.
        if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
      }
    },
  };
}
