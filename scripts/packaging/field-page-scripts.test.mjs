import { describe, expect, it } from 'vitest';
import { COMPILE_HINT } from '../../packages/elements/build/compile-hints.ts';
import { classicPage, classicScript, inlinePage } from '../../packages/elements/build/field-page-scripts.ts';

// packages/elements/build/field-page-scripts.ts, which makes the field page's code a classic script, inline in
// card.html and a file split.html loads: code that a script element cannot hold as is must stop the build, never
// reach a page whose parser would end the script early (or run the rest as HTML).
const MODULE_CHUNK = { imports: [], dynamicImports: [], exports: [] };
const PAGE =
  '<!doctype html><html><head><title>Card details</title>\n    <script async type="module" crossorigin src="/elements/v1/assets/card-a1.js"></script>\n  </head>\n  <body></body></html>';

describe("the field pages' classic script", () => {
  it('runs the module in a strict function, its compile hint first', () => {
    const script = classicScript(`${COMPILE_HINT}var a=1;document.body.append(\`$&$'\`);`, MODULE_CHUNK);
    expect(script.startsWith(COMPILE_HINT)).toBe(true);
    expect(script.split(COMPILE_HINT)).toHaveLength(2);
    expect(script).toContain('(function () {\n"use strict";\nvar a=1;');
    expect(script.endsWith('})();\n')).toBe(true);
  });

  it.each([
    ['an end tag', 'const s = "</script>";'],
    ['an end tag in any case', 'const s = `</SCRIPT `;'],
    ['a comment opening', 'const s = "<!--";'],
    ['a script start tag', "const s = '<script>';"],
  ])('stops the build on code holding %s', (_what, code) => {
    expect(() => classicScript(code, MODULE_CHUNK)).toThrow(/cannot go inline/);
  });

  it('stops the build on a module that imports, exports or reads import.meta', () => {
    expect(() => classicScript('f()', { ...MODULE_CHUNK, imports: ['assets/b.js'] })).toThrow(/one module/);
    expect(() => classicScript('f()', { ...MODULE_CHUNK, dynamicImports: ['assets/b.js'] })).toThrow(/one module/);
    expect(() => classicScript('f()', { ...MODULE_CHUNK, exports: ['x'] })).toThrow(/one module/);
    expect(() => classicScript('new URL("x", import.meta.url)', MODULE_CHUNK)).toThrow(/import\.meta/);
  });

  it('replaces the module tag by the script, first in the body, keeping the code as it is', () => {
    const html = inlinePage(PAGE, '/elements/v1/assets/card-a1.js', "x(`$&$'`)");
    expect(html).not.toContain('card-a1.js');
    expect(html).toContain("<body><script>x(`$&$'`)</script></body>");
    expect(() => inlinePage(PAGE, '/elements/v1/assets/other.js', 'x()')).toThrow(/names no script/);
  });

  it('loads the classic script from its own file, last in the split page body', () => {
    const html = classicPage(PAGE, '/elements/v1/assets/card-a1.js', '/elements/v1/assets/field-b2.js');
    expect(html).toContain('</head>\n  <body><script src="/elements/v1/assets/field-b2.js"></script></body>');
    expect(html).not.toMatch(/module|card-a1/);
    expect(() => classicPage(PAGE, '/elements/v1/assets/other.js', '/x.js')).toThrow(/names no script/);
  });
});
