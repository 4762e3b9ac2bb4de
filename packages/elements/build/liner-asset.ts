/**
 * Builds the one file the field page loads when the browser's WebCrypto cannot seal (no `crypto.subtle`, as on
 * an http page at a LAN address): webcrypto-liner's prebuilt shim with the two globals it expects before it,
 * `asmCrypto` (AES-GCM, SHA) and `elliptic` (ECDH P-256). The liner itself breaks when Vite bundles it, so its
 * prebuilt shim is copied as is; elliptic ships no browser build, so it is bundled here into a classic script.
 * The file is served beside the page at `liner/webcrypto-liner.shim.min.js` and never loaded on the common path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

export const LINER_FILE = 'liner/webcrypto-liner.shim.min.js';

const require = createRequire(import.meta.url);
const linerDir = dirname(require.resolve('webcrypto-liner/package.json'));
const fromLiner = createRequire(join(linerDir, 'package.json'));

async function bundleElliptic(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { elliptic: fromLiner.resolve('elliptic') } },
    build: {
      write: false,
      minify: true,
      target: 'es2015',
      lib: {
        entry: fileURLToPath(new URL('./elliptic-global.js', import.meta.url)),
        formats: ['iife'],
        name: 'TesseraElliptic',
      },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('liner-asset: bundling elliptic produced no chunk');
}

let pending: Promise<string> | undefined;

/** The liner file's text: asmCrypto, then elliptic, then the shim, each a classic script. */
export function linerSource(): Promise<string> {
  pending ??= bundleElliptic().then((elliptic) => {
    const asm = readFileSync(fromLiner.resolve('asmcrypto.js/asmcrypto.all.es5.min.js'), 'utf8');
    const shim = readFileSync(join(linerDir, 'build/webcrypto-liner.shim.min.js'), 'utf8');
    return [
      '/*! webcrypto-liner 1.4.3 (MIT), asmcrypto.js (MIT), elliptic (MIT): loaded only without WebCrypto */',
      asm,
      elliptic,
      shim,
    ].join('\n;\n');
  });
  return pending;
}

/** Emits the liner file into the build and serves it from the dev server (and thus in browser tests). */
export function linerAsset(): Plugin {
  return {
    name: 'tessera:liner-asset',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: LINER_FILE, source: await linerSource() });
    },
    configureServer(server) {
      server.middlewares.use(async function serveLiner(req, res, next) {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.endsWith(`/${LINER_FILE}`)) return next();
        try {
          const body = await linerSource();
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          res.end(body);
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
