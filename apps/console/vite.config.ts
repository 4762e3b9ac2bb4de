import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';

// The console is served from its own origin (http://localhost:5180), never the edge's. The browser talks only to
// that origin: the one path /v1/admin/* is passed on to the edge by this server, so the edge needs no CORS for
// its operator routes and no browser origin can read them cross-origin (README.md, "Why a proxy, not CORS").
const edge = process.env.TESSERA_EDGE || 'http://127.0.0.1:8787';

/** Only the operator API, and without the console origin's cookies (it sets none; a stray one stays here). */
const proxy: Record<string, ProxyOptions> = {
  '/v1/admin/': {
    target: edge,
    changeOrigin: true,
    configure: (server) => server.on('proxyReq', (request) => request.removeHeader('cookie')),
  },
};

// No inline script or style anywhere: Lit's styles are constructed style sheets, uPlot's CSS is imported as a
// string into them. Trusted Types: only Lit's own policy may create HTML.
const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const headers = {
  'Content-Security-Policy': csp,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=()',
};

// cors: false. Vite's dev server would otherwise answer CORS for any localhost origin, proxied paths included:
// the merchant demo on :5173 could then read the operator API through this origin.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: { host: 'localhost', port: 5180, strictPort: true, cors: false, headers, proxy },
  preview: { host: 'localhost', port: 5180, strictPort: true, cors: false, headers, proxy },
  build: { target: 'es2022' },
  logLevel: 'info',
  clearScreen: false,
});
