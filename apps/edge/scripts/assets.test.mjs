// Node-side test of the assets assembly (vitest.node.config.ts), type-checked by tsconfig.node.json.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleAssets } from './assets.mjs';

/** Two fake package builds, as packages/elements and packages/js leave them. */
function builds() {
  const root = mkdtempSync(join(tmpdir(), 'tessera-assets-'));
  const elements = join(root, 'elements');
  const js = join(root, 'js');
  mkdirSync(join(elements, 'assets'), { recursive: true });
  mkdirSync(js);
  writeFileSync(join(elements, 'card.html'), '<!doctype html>');
  writeFileSync(join(elements, 'split.html'), '<!doctype html><title>split</title>');
  writeFileSync(join(elements, 'assets/card-abc.js'), 'field page');
  writeFileSync(join(js, 'tessera.iife.js'), 'var Tessera=1;\n//# sourceMappingURL=tessera.iife.js.map\n');
  writeFileSync(join(js, 'tessera-card.iife.js'), 'var TesseraCard=2;\n');
  return { elements, js, out: join(root, 'public') };
}

describe('assembleAssets', () => {
  it('lays out the field pages and the SDK as the edge serves them, hashed copies and SRI hashes beside', () => {
    const dirs = builds();
    const manifest = assembleAssets(dirs);
    expect(readFileSync(join(dirs.out, 'elements/v1/card.html'), 'utf8')).toBe('<!doctype html>');
    expect(readFileSync(join(dirs.out, 'elements/v1/split.html'), 'utf8')).toBe('<!doctype html><title>split</title>');
    expect(readFileSync(join(dirs.out, 'elements/v1/assets/card-abc.js'), 'utf8')).toBe('field page');
    // The edge serves no source maps: the comment that names one goes.
    expect(readFileSync(join(dirs.out, 'js/v1/tessera.js'), 'utf8')).toBe('var Tessera=1;\n');
    expect(Object.keys(manifest.files)).toEqual(['tessera.js', 'tessera-card.js']);
    for (const [name, file] of Object.entries(manifest.files)) {
      expect(file.url).toMatch(new RegExp(`^/js/v1/${name.replace('.js', '')}\\.[0-9a-f]{16}\\.js$`));
      const served = readFileSync(join(dirs.out, file.url));
      expect(served.equals(readFileSync(join(dirs.out, 'js/v1', name)))).toBe(true);
      expect(file.integrity).toBe(`sha384-${createHash('sha384').update(served).digest('base64')}`);
    }
    expect(JSON.parse(readFileSync(join(dirs.out, 'js/v1/manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('names a changed build by its new hash, and keeps an unchanged one', () => {
    const dirs = builds();
    const first = assembleAssets(dirs);
    writeFileSync(join(dirs.js, 'tessera.iife.js'), 'var Tessera=3;\n');
    const second = assembleAssets(dirs);
    expect(second.files['tessera.js']?.url).not.toBe(first.files['tessera.js']?.url);
    expect(second.files['tessera-card.js']).toEqual(first.files['tessera-card.js']);
  });

  it('refuses to assemble without both builds, naming what is missing', () => {
    const dirs = builds();
    expect(() => assembleAssets({ ...dirs, js: join(dirs.js, 'nowhere') })).toThrow(
      /build @tessera\/elements and @tessera\/js first/,
    );
  });
});
