// Runs in Node, inside the test server (Vite) of the packages that use the fake field page. It has no imports, so
// however the config that loads it is bundled, nothing but this file is needed.

/** The path the SDK frames (`CARD_FRAME_PATH` of @tessera/js): every element type is this page. */
const PAGE_PATH = '/elements/v1/card.html';

/** The piece of Vite's dev server the plugin uses, typed here so the kit needs no Vite of its own. */
interface DevServer {
  middlewares: {
    use(
      path: string,
      handle: (req: unknown, res: { setHeader(name: string, value: string): void; end(body: string): void }) => void,
    ): unknown;
  };
}

/**
 * A Vite plugin serving the fake field page at `/elements/v1/card.html` on the test server. Tests frame it from
 * http://localhost:<port> while they run on http://127.0.0.1:<port>, so the SDK's origin checks run across two
 * real origins. The page is ./page.ts, which the test server compiles like any test module.
 *
 * @example
 * export default defineConfig({ plugins: [fakeFieldPage()], test: { api: { host: '127.0.0.1' } } });
 */
export function fakeFieldPage() {
  const script = `/@fs${decodeURIComponent(new URL('./page.ts', import.meta.url).pathname)}`;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>fake field page</title></head>
<body><p>fake card fields</p><script type="module" src="${script}"></script></body></html>`;
  return {
    name: 'tessera:fake-field-page',
    configureServer(server: DevServer): void {
      server.middlewares.use(PAGE_PATH, function fakeFieldPageHtml(_req, res) {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(html);
      });
    },
  };
}
