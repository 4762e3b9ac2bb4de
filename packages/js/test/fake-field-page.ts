import type { Plugin } from 'vite';

/**
 * A stand-in field page for the SDK's browser tests, served by the test server at the card frame's path.
 * It is NOT the real field page (packages/elements): it speaks just enough of the frame protocol to test the
 * SDK's wiring. Its behaviour is picked by the publishable key in its URL:
 * - `pk_test_silent`: never says ready.
 * - `pk_test_wrongchannel`: says ready with a channel id other than the one in its fragment.
 * - `pk_test_noreply`: ready, but never answers `tokenize`.
 * - `pk_test_slow`: answers `tokenize` after 300 ms.
 * - `pk_test_wrongtype`: says ready as a `card` element whatever the `type` in its query.
 * - anything else: ready at once, answers `tokenize` with `tok_fake123` / visa 4242.
 * Every command it receives is echoed to the parent as `{ fakeFrameEcho: <message>, href }`, which the SDK
 * ignores (not a protocol message) and tests can observe.
 */
const FAKE_FIELD_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>fake field page</title></head>
<body><p>fake card fields</p><script>
const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
const key = query.get('key');
const parentOrigin = query.get('parent');
const channel = fragment.get('channel');
const element = key === 'pk_test_wrongtype' ? 'card' : query.get('type') || 'card';
const post = (message) => parent.postMessage({ tessera: 1, ...message }, parentOrigin);
const token = { token: 'tok_fake123', card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } };
addEventListener('message', (event) => {
  if (event.source !== parent || event.origin !== parentOrigin) return;
  const message = event.data;
  parent.postMessage({ fakeFrameEcho: message, href: location.href }, parentOrigin);
  if (message.type === 'tokenize' && key !== 'pk_test_noreply') {
    setTimeout(() => post({ type: 'tokenize:result', id: message.id, payload: token }), key === 'pk_test_slow' ? 300 : 0);
  }
  if (message.type === 'focus') post({ type: 'focus', payload: { element, field: 'number' } });
  if (message.type === 'blur') post({ type: 'blur', payload: { element, field: 'number' } });
});
if (key !== 'pk_test_silent') {
  post({ type: 'resize', payload: { height: 123 } });
  post({ type: 'ready', payload: { element, channel: key === 'pk_test_wrongchannel' ? 'other' : channel } });
  post({ type: 'change', payload: { element, empty: true, complete: false, valid: false, brand: 'unknown' } });
}
</script></body></html>`;

/** Serves the fake field page at `/elements/v1/card.html` on the test server. */
export function fakeFieldPage(): Plugin {
  return {
    name: 'tessera-fake-field-page',
    configureServer(server) {
      server.middlewares.use('/elements/v1/card.html', (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(FAKE_FIELD_PAGE);
      });
    },
  };
}
