// Assembles what the edge serves as files (wrangler.jsonc `assets`), laid out as its URLs:
//   public/elements/v1/**      packages/elements/dist: the field pages, their hashed assets, the lazy webcrypto-liner;
//   public/js/v1/tessera.js    packages/js/dist/tessera.iife.js: the SDK as a classic script (window.Tessera);
//   public/js/v1/tessera-card.js   packages/js/dist/tessera-card.iife.js: <tessera-card>, the SDK included;
//   public/js/v1/<name>.<hash>.js  the same bytes under a name of their own SHA-256, never to change;
//   public/js/v1/manifest.json     each script's hashed URL and SRI hash (sha384), which merchants pin.
// Each file is copied as built, less its sourceMappingURL comment (the edge serves no source maps). Run by the edge's
// `build` and `dev` scripts and by scripts/demo.mjs after the two packages are built; `assembleAssets()` is exported
// for the bench, which assembles from its own copies of the builds.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const ASSETS_DIR = fileURLToPath(new URL('../public', import.meta.url));

/** The scripts the edge serves under /js/v1/, by served name, from packages/js/dist. */
export const SDK_SCRIPTS = { 'tessera.js': 'tessera.iife.js', 'tessera-card.js': 'tessera-card.iife.js' };

/** `sha384-…`, as a page's `integrity` attribute takes it. @param {Buffer} bytes */
export const integrityOf = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** `tessera.js` → `tessera.<first 16 hex digits of its SHA-256>.js`. @param {string} name @param {Buffer} bytes */
export const hashedName = (name, bytes) =>
  name.replace(/\.js$/, `.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.js`);

/**
 * @param {{ elements?: string, js?: string, out?: string }} [dirs] the two packages' dist folders and the output
 * @returns {{ version: string, files: Record<string, { url: string, integrity: string }> }} the manifest written
 */
export function assembleAssets({
  elements = join(ROOT, 'packages/elements/dist'),
  js = join(ROOT, 'packages/js/dist'),
  out = ASSETS_DIR,
} = {}) {
  const missing = [
    join(elements, 'card.html'),
    join(elements, 'split.html'),
    ...Object.values(SDK_SCRIPTS).map((f) => join(js, f)),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`assets: build @tessera/elements and @tessera/js first; missing ${missing.join(', ')}`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'js/v1'), { recursive: true });
  cpSync(elements, join(out, 'elements/v1'), { recursive: true });

  /** @type {Record<string, { url: string, integrity: string }>} */
  const files = {};
  for (const [name, built] of Object.entries(SDK_SCRIPTS)) {
    const text = readFileSync(join(js, built), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    const bytes = Buffer.from(text);
    const hashed = hashedName(name, bytes);
    writeFileSync(join(out, 'js/v1', name), bytes);
    writeFileSync(join(out, 'js/v1', hashed), bytes);
    files[name] = { url: `/js/v1/${hashed}`, integrity: integrityOf(bytes) };
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'packages/js/package.json'), 'utf8'));
  const manifest = { version, files };
  writeFileSync(join(out, 'js/v1/manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { files } = assembleAssets();
    for (const [name, file] of Object.entries(files)) console.log(`/js/v1/${name} → ${file.url} ${file.integrity}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
