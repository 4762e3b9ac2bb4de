/**
 * Two pages from one build, each loading the same code the way that makes its frames ready soonest:
 * - `card.html`, the combined card's page: one frame, its code inline in the page as a classic script. The frame
 *   needs no second request, and V8 compiles the code as the parser reaches it instead of handing the module to a
 *   streaming thread and back. Against its bare frame, the combined card measured 1.36× inline and 1.49× as a
 *   module, three alternating rounds of 40 (2026-11-30).
 * - `split.html`, the split fields' page: three frames at once, sharing one renderer's main thread, each loading the
 *   hashed module. V8 compiles the module once and the other frames take its code from the isolate's cache, which
 *   an inline script (its name, the page's URL, differs by fragment in each frame) would miss: split fields inline
 *   measured 1.53× against 1.49× as a module.
 * The edge answers `card.html?type=…` (a split field) with split.html; the URL stays the same for every element.
 * The code inline is the module's, wrapped in a strict function so that its top-level names stay out of `window`.
 */
import type { Plugin, Rolldown } from 'vite';
import { COMPILE_HINT } from './compile-hints.ts';

export const CARD_PAGE = 'card.html';
export const SPLIT_PAGE = 'split.html';

/**
 * The text of a classic `<script>` running the bundled module `code` (compile hint first, as V8 reads it). Throws
 * on what a script element's text cannot hold as is (`</script`, `<!--`, `<script`: the HTML parser would end the
 * script early or never) and on what only a module can run.
 */
export function inlineScript(
  code: string,
  chunk: Pick<Rolldown.OutputChunk, 'imports' | 'dynamicImports' | 'exports'>,
): string {
  const unsafe = /<\/script|<!--|<script/i.exec(code);
  if (unsafe) throw new Error(`inline-card-page: the field page's code holds "${unsafe[0]}", which cannot go inline`);
  if (chunk.imports.length > 0 || chunk.dynamicImports.length > 0 || chunk.exports.length > 0) {
    throw new Error('inline-card-page: the field page must be one module that imports and exports nothing');
  }
  if (code.includes('import.meta')) throw new Error('inline-card-page: import.meta only runs in a module');
  const body = code.startsWith(COMPILE_HINT) ? code.slice(COMPILE_HINT.length) : code;
  return `${COMPILE_HINT}(function () {\n"use strict";\n${body}\n})();\n`;
}

/** `html` with its module script replaced by `script` inline, first in the body (which then exists when it runs). */
export function inlinePage(html: string, src: string, script: string): string {
  const tag = new RegExp(`\\s*<script\\b[^>]*\\ssrc="${src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`);
  if (!tag.test(html)) throw new Error(`inline-card-page: ${CARD_PAGE} names no script ${src}`);
  if (!html.includes('<body>')) throw new Error(`inline-card-page: ${CARD_PAGE} has no <body>`);
  // A function replacement: the code's `$&` and `$'` must stay as they are.
  return html.replace(tag, () => '').replace('<body>', () => `<body><script>${script}</script>`);
}

export function inlineCardPage(): Plugin {
  let base = '/';
  return {
    name: 'tessera-inline-card-page',
    apply: 'build',
    // After Vite's own HTML output and the compile hint (plugins' generateBundle run in order).
    enforce: 'post',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const page = bundle[CARD_PAGE];
      if (page?.type !== 'asset') throw new Error(`inline-card-page: no ${CARD_PAGE} in the build`);
      const entries = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.isEntry);
      if (entries.length !== 1) throw new Error(`inline-card-page: ${entries.length} entry chunks, not one`);
      const [entry] = entries as [Rolldown.OutputChunk];
      const html = String(page.source);
      // split.html keeps the module, as Vite wrote it.
      this.emitFile({ type: 'asset', fileName: SPLIT_PAGE, source: html });
      page.source = inlinePage(html, `${base}${entry.fileName}`, inlineScript(entry.code, entry));
    },
  };
}
