/**
 * Serves the production build of the field page under /elements/v1/ the way the edge does (apps/edge/src/elements):
 * card.html with a fresh nonce on every <script>, <style> and <link> tag and the edge's strict CSP, answered from
 * split.html (the code from its file) for a split field's `?type=`, from card.html (the code inline) otherwise; assets
 * as is, split.html never at its own path. The build runs in memory on first request, so `vitest run` needs no earlier
 * `vite build`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The subpath has no imports of its own, so Node loads it while Vite reads this config.
import { FIELD_PAGE, fieldPageCsp, fieldPageFile, SPLIT_FIELD_PAGE } from '@tessera/protocol/field-page-csp';
import { build, type Plugin } from 'vite';

const BASE = '/elements/v1/';
const TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
};
/** Files Vite copies beside the build as they are (the locale files); a build in memory leaves them out. */
const PUBLIC = fileURLToPath(new URL('../../public/', import.meta.url));

// The edge's own policy, with violations posted back here so a test can read them (GET /elements/v1/__csp-reports).
// The edge takes `frame-ancestors` from the key's allowed origins; here a loopback `parent` (the tests page, which
// frames the page from its other origin in the split-field tests) is allowed, else only this origin.
const csp = (nonce: string, parent: string | null) =>
  fieldPageCsp({
    nonce,
    frameAncestors: parent && /^http:\/\/(?:localhost|127\.0\.0\.1):\d+$/.test(parent) ? [parent] : ["'self'"],
    reportUri: `${BASE}__csp-reports`,
  });

async function buildFieldPage(): Promise<Map<string, string | Uint8Array>> {
  const out = await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'silent',
    build: { write: false },
  });
  const files = new Map<string, string | Uint8Array>();
  for (const o of Array.isArray(out) ? out : [out]) {
    if (!('output' in o)) continue;
    for (const item of o.output) files.set(item.fileName, item.type === 'chunk' ? item.code : item.source);
  }
  return files;
}

export function builtFieldPage(): Plugin {
  let files: Promise<Map<string, string | Uint8Array>> | undefined;
  const reports: unknown[] = [];
  return {
    name: 'tessera:built-field-page',
    configureServer(server) {
      server.middlewares.use(async function servePage(req, res, next) {
        const url = new URL(req.url ?? '/', 'http://edge');
        const path = url.pathname;
        if (!path.startsWith(BASE)) return next();
        try {
          const name = path.slice(BASE.length);
          if (name === '__csp-reports') {
            if (req.method === 'POST') {
              const chunks: Buffer[] = [];
              for await (const chunk of req) chunks.push(chunk as Buffer);
              reports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            }
            res.setHeader('Content-Type', 'application/json');
            return res.end(JSON.stringify(reports));
          }
          files ??= buildFieldPage();
          const copied = /^locales\/[\w-]+\.json$/.test(name) && existsSync(PUBLIC + name);
          const file = name === FIELD_PAGE ? fieldPageFile(url.searchParams) : name;
          const body =
            name === SPLIT_FIELD_PAGE
              ? undefined
              : ((await files).get(file) ?? (copied ? readFileSync(PUBLIC + name) : undefined));
          if (body === undefined) {
            res.statusCode = 404;
            return res.end();
          }
          res.setHeader(
            'Content-Type',
            `${TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream'}; charset=utf-8`,
          );
          if (name !== FIELD_PAGE) return res.end(body);
          const nonce = randomBytes(16).toString('base64');
          res.setHeader('Content-Security-Policy', csp(nonce, url.searchParams.get('parent')));
          res.end(String(body).replace(/<(script|style|link)\b/g, `<$1 nonce="${nonce}"`));
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
