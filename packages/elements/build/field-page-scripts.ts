/**
 * Two pages from one build, each carrying the same code, a classic script, the way that makes its frames ready
 * soonest (ready against bare frames, alternating rounds of 40, 2026-11-30):
 * - `card.html`, the combined card's page: one frame, the code inline at the start of its body. The frame needs no
 *   second request, and V8 compiles the code as the parser reaches it instead of handing a module to a streaming
 *   thread and back: 1.34-1.44x its bare frame, against 1.48-1.59x as a module.
 * - `split.html`, the split fields' page: three frames at once, sharing one renderer's main thread, each loading the
 *   code from one hashed file, a classic script at the end of its body that the parser runs as soon as it has it:
 *   1.44-1.50x three bare frames, against 1.48-1.49x `async` in the head, 1.47-1.60x as a module and 1.49-1.54x
 *   inline in each page (three copies compiled on that one thread).
 * The edge answers `card.html?type=…` (a split field) with split.html (`fieldPageFile` of @tessera/protocol); the URL
 * stays the same for every element.
 * The classic script is Vite's module, wrapped in a strict function so that its top-level names stay out of `window`.
 */
import { createHash } from 'node:crypto';
// The subpath has no imports of its own, so Node loads it as it is (the packaging tests, the bench's tools).
import { FIELD_PAGE as CARD_PAGE, SPLIT_FIELD_PAGE as SPLIT_PAGE } from '@tessera/protocol/field-page-csp';
import type { Plugin, Rolldown } from 'vite';
import { COMPILE_HINT } from './compile-hints.ts';

/**
 * The text of a classic script running the bundled module `code` (compile hint first, as V8 reads it). Throws on
 * what a script element's text cannot hold as is (`</script`, `<!--`, `<script`: the HTML parser would end the
 * script early or never) and on what only a module can run.
 */
export function classicScript(
  code: string,
  chunk: Pick<Rolldown.OutputChunk, 'imports' | 'dynamicImports' | 'exports'>,
): string {
  const unsafe = /<\/script|<!--|<script/i.exec(code);
  if (unsafe) throw new Error(`field-page-scripts: the field page's code holds "${unsafe[0]}", which cannot go inline`);
  if (chunk.imports.length > 0 || chunk.dynamicImports.length > 0 || chunk.exports.length > 0) {
    throw new Error('field-page-scripts: the field page must be one module that imports and exports nothing');
  }
  if (code.includes('import.meta')) throw new Error('field-page-scripts: import.meta only runs in a module');
  const body = code.startsWith(COMPILE_HINT) ? code.slice(COMPILE_HINT.length) : code;
  return `${COMPILE_HINT}(function () {\n"use strict";\n${body}\n})();\n`;
}

/** The page's script tag for `src`, as Vite wrote it (a module). */
function scriptTag(html: string, src: string): RegExp {
  const tag = new RegExp(`\\s*<script\\b[^>]*\\ssrc="${src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`);
  if (!tag.test(html)) throw new Error(`field-page-scripts: the page names no script ${src}`);
  return tag;
}

/** `html` with its module script replaced by `script` inline, first in the body (which then exists when it runs). */
export function inlinePage(html: string, src: string, script: string): string {
  const tag = scriptTag(html, src);
  if (!html.includes('<body>')) throw new Error(`field-page-scripts: ${CARD_PAGE} has no <body>`);
  // A function replacement: the code's `$&` and `$'` must stay as they are.
  return html.replace(tag, () => '').replace('<body>', () => `<body><script>${script}</script>`);
}

/** `html` with its module script (`src`) replaced by a classic script loaded from `classicSrc`, last in the body. */
export function classicPage(html: string, src: string, classicSrc: string): string {
  const tag = scriptTag(html, src);
  if (!html.includes('</body>')) throw new Error(`field-page-scripts: ${SPLIT_PAGE} has no </body>`);
  return html.replace(tag, () => '').replace('</body>', () => `<script src="${classicSrc}"></script></body>`);
}

export function fieldPageScripts(): Plugin {
  let base = '/';
  return {
    name: 'tessera-field-page-scripts',
    apply: 'build',
    // After Vite's own HTML output and the compile hint (plugins' generateBundle run in order).
    enforce: 'post',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const page = bundle[CARD_PAGE];
      if (page?.type !== 'asset') throw new Error(`field-page-scripts: no ${CARD_PAGE} in the build`);
      const entries = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.isEntry);
      if (entries.length !== 1) throw new Error(`field-page-scripts: ${entries.length} entry chunks, not one`);
      const [entry] = entries as [Rolldown.OutputChunk];
      const html = String(page.source);
      const moduleSrc = `${base}${entry.fileName}`;
      // The module's file gives way to the classic script's, named after its own bytes (a hashed name is immutable).
      const script = classicScript(entry.code, entry);
      const fileName = `assets/field-${createHash('sha256').update(script).digest('base64url').slice(0, 10)}.js`;
      delete bundle[entry.fileName];
      this.emitFile({ type: 'asset', fileName, source: script });
      this.emitFile({
        type: 'asset',
        fileName: SPLIT_PAGE,
        source: classicPage(html, moduleSrc, `${base}${fileName}`),
      });
      page.source = inlinePage(html, moduleSrc, script);
    },
  };
}
