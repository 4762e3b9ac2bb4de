import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledTemplates } from '../../packages/elements/build/compiled-templates.ts';

// packages/elements/build/compiled-templates.ts, the build step that compiles the field's Lit templates, run on the
// field's own sources: a template the compiler cannot take (a binding where Lit allows none) would silently stay a
// runtime template, prepared in the browser before every ready. Every `html` template must come out compiled.
const COMPONENTS = new URL('../../packages/elements/src/components/card-field/', import.meta.url);
const sources = readdirSync(COMPONENTS)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => {
    const path = fileURLToPath(new URL(name, COMPONENTS));
    return { name, path, code: readFileSync(path, 'utf8') };
  });
const transform = (code, path) => compiledTemplates().transform.call({}, code, path);
/** The code without its comments, which may name a template (`html` in backticks) without being one. */
const uncommented = (code) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe("the field's compiled templates", () => {
  it('leaves no html template to prepare in the browser', () => {
    const withTemplates = sources.filter(({ code }) => /\bhtml`/.test(code));
    expect(withTemplates.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['brand-icon.ts', 'card-field-view.ts', 'card-field.ts']),
    );
    for (const { path, code } of withTemplates) {
      const out = transform(code, path);
      expect(out.code).toContain('_$litType$');
      expect(uncommented(out.code), path).not.toMatch(/\bhtml\s*`/);
    }
  });

  it('leaves a file without html templates alone', () => {
    for (const { path, code } of sources.filter(({ code }) => !/\bhtml`/.test(code))) {
      expect(transform(code, path)).toBeNull();
    }
  });

  it('keeps a template it cannot compile as it was, which the first test would catch', () => {
    // A binding in a tag name is not allowed by Lit; the compiler leaves such a template to the runtime.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the compiler, bindings and all
    const code = "import { html } from 'lit';\nexport const bad = (tag: string) => html`<${tag}></${tag}>`;\n";
    expect(transform(code, '/virtual/bad.ts').code).toMatch(/\bhtml\s*`/);
  });
});
