// Runs in Node, inside the test server (Vite) of the packages that use the fake field page. It has no imports, so
// however the config that loads it is bundled, nothing but this file is needed.

/** The path the SDK frames (`CARD_FRAME_PATH` of @tessera/js): every element type is this page. */
const PAGE_PATH = '/elements/v1/card.html';
/** The path of the edge's key check (`KEY_CHECK_PATH` of @tessera/protocol). */
const CHECK_PATH = '/v1/keys/check';

/** Keys the fake edge refuses, as `FAKE_FRAME_KEYS.invalid` and `.foreignOrigin` of ./behaviour.ts name them. */
const REFUSED: Record<string, { status: number; code: string }> = {
  pk_test_invalid: { status: 401, code: 'unauthorized' },
  pk_test_foreignorigin: { status: 403, code: 'forbidden_origin' },
};

interface Request {
  url?: string;
}
interface Response {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/** The piece of Vite's dev server the plugin uses, typed here so the kit needs no Vite of its own. */
interface DevServer {
  middlewares: { use(path: string, handle: (req: Request, res: Response) => void): unknown };
}

const keyOf = (req: Request) => new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';

/**
 * A Vite plugin serving the fake field page at `/elements/v1/card.html` on the test server, and a fake of the edge's
 * key check. Tests frame it from http://localhost:<port> while they run on http://127.0.0.1:<port>, so the SDK's
 * origin checks run across two real origins. The page is ./page.ts, which the test server compiles like any test
 * module. For a refused key the page is what the edge answers then: a page framed nowhere.
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
      server.middlewares.use(PAGE_PATH, function fakeFieldPageHtml(req, res) {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        const refused = REFUSED[keyOf(req)];
        if (refused === undefined) return res.end(html);
        res.statusCode = refused.status;
        res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
        res.end('<!doctype html><title>Card payment is unavailable</title><p>Card payment is unavailable.</p>');
      });
      server.middlewares.use(CHECK_PATH, function fakeKeyCheck(req, res) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        const refused = REFUSED[keyOf(req)];
        if (refused === undefined) {
          res.statusCode = 204;
          return res.end();
        }
        res.statusCode = refused.status;
        res.setHeader('Content-Type', 'application/problem+json');
        res.end(JSON.stringify({ type: `urn:tessera:error:${refused.code}`, title: 'Refused.', ...refused }));
      });
    },
  };
}
