import type { Plugin } from 'vite';

/**
 * A stand-in field page for the bindings' browser tests, served by the test server for every page under
 * `/elements/v1/` (the card page and whatever pages the split fields use). It is NOT the real field page
 * (packages/elements): it speaks just enough of the frame protocol to drive the SDK, which the components use
 * unmocked. At once it says `resize`, `ready` (echoing its channel id) and a first `change`, unless its key is
 * `pk_test_silent` (then it never becomes ready). It answers `focus` / `blur` with the matching event, `clear` with
 * an empty `change` and `tokenize` with `tok_fake123`, and echoes every command it receives to the parent as
 * `{ fakeFrameEcho: <message>, channel }`, which the SDK ignores and tests observe.
 */
const FAKE_FIELD_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>fake field page</title></head>
<body><p>fake card fields</p><script>
const parentOrigin = new URLSearchParams(location.search).get('parent');
const channel = new URLSearchParams(location.hash.slice(1)).get('channel');
const post = (message) => parent.postMessage({ tessera: 1, ...message }, parentOrigin);
const token = { token: 'tok_fake123', card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } };
const change = (empty) => post({ type: 'change', payload: { element: 'card', empty, complete: false, valid: false, brand: 'unknown' } });
addEventListener('message', (event) => {
  if (event.source !== parent || event.origin !== parentOrigin) return;
  const message = event.data;
  parent.postMessage({ fakeFrameEcho: message, channel }, parentOrigin);
  if (message.type === 'focus' || message.type === 'blur') post({ type: message.type, payload: { element: 'card', field: 'number' } });
  if (message.type === 'clear') change(true);
  if (message.type === 'tokenize') post({ type: 'tokenize:result', id: message.id, payload: token });
});
if (new URLSearchParams(location.search).get('key') !== 'pk_test_silent') {
  post({ type: 'resize', payload: { height: 50 } });
  post({ type: 'ready', payload: { element: 'card', channel } });
  change(true);
}
</script></body></html>`;

/** Serves the fake field page under `/elements/v1/` on the test server. */
export function fakeFieldPage(): Plugin {
  return {
    name: 'tessera-react-fake-field-page',
    configureServer(server) {
      server.middlewares.use('/elements/v1/', (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(FAKE_FIELD_PAGE);
      });
    },
  };
}
