/**
 * Compiles the field's Lit templates at build time (`@lit-labs/compiler`): each `html` template becomes the HTML and
 * the list of parts Lit would otherwise work out in the browser on the first render, by scanning the template's
 * strings with regular expressions and walking the parsed tree for its markers. That preparation ran in the task that
 * says ready, in every frame. Lit still turns the HTML into a `<template>` through its own Trusted Types policy, so
 * the field page's CSP is unchanged. Compiled templates import Lit's part classes from `lit-html` itself, which is
 * why the package depends on `lit-html` beside `lit` (the same version). The compiler takes `html` templates only;
 * see brand-icon.ts for the `svg` ones.
 */
import { compileLitTemplates } from '@lit-labs/compiler';
import ts from 'typescript';
import type { Plugin } from 'vite';

const HAS_TEMPLATE = /\bhtml`/;

export function compiledTemplates(): Plugin {
  return {
    name: 'tessera-compiled-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/node_modules/') || !HAS_TEMPLATE.test(code)) return null;
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
          sourceMap: true,
        },
        transformers: { before: [compileLitTemplates()] },
      });
      return out.sourceMapText === undefined
        ? { code: out.outputText }
        : { code: out.outputText, map: out.sourceMapText };
    },
  };
}
