// The fake field page's own script, running inside the frame the SDK mounts (see ./serve.ts). It speaks the frame
// protocol through @tessera/protocol's own types, envelope and guard, so a protocol change breaks it at compile time.
import {
  ELEMENT_TYPES,
  type ElementType,
  envelope,
  FIELD_ERRORS,
  type FrameToParent,
  isParentToFrame,
} from '@tessera/protocol';
import {
  FAKE_FRAME_HEIGHT,
  FAKE_FRAME_KEYS,
  FAKE_INCOMPLETE,
  FAKE_TITLE,
  FAKE_TOKEN,
  FAKE_WARNING,
  type FakeFrameEcho,
  SLOW_REPLY_MS,
} from './behaviour';

const query = new URLSearchParams(location.search);
const key = query.get('key');
const parentOrigin = query.get('parent');
const channel = new URLSearchParams(location.hash.slice(1)).get('channel') ?? '';
const type = query.get('type') ?? 'card';
const element: ElementType =
  key !== FAKE_FRAME_KEYS.wrongType && (ELEMENT_TYPES as readonly string[]).includes(type)
    ? (type as ElementType)
    : 'card';

if (!parentOrigin) throw new Error('fake field page: no parent origin in the query');

const post = (message: FrameToParent) => parent.postMessage(envelope(message), parentOrigin);
const emptyChange = (): FrameToParent => ({
  type: 'change',
  payload: { element, empty: true, complete: false, valid: false, brand: 'unknown' },
});
const completeChange = (): FrameToParent => ({
  type: 'change',
  payload: { element, empty: false, complete: true, valid: true, brand: 'visa' },
});

addEventListener('message', (event) => {
  if (event.source !== parent || event.origin !== parentOrigin) return;
  const echo: FakeFrameEcho = { fakeFrameEcho: event.data };
  parent.postMessage(echo, parentOrigin);
  // What the real page would drop, this one drops too (the echo lets the test see it was sent).
  if (!isParentToFrame(event.data)) return;
  const message = event.data;
  switch (message.type) {
    case 'tokenize':
      if (key === FAKE_FRAME_KEYS.noReply) return;
      setTimeout(
        () => post({ type: 'tokenize:result', id: message.id, payload: FAKE_TOKEN }),
        key === FAKE_FRAME_KEYS.slow ? SLOW_REPLY_MS : 0,
      );
      return;
    case 'focus':
    case 'blur':
      post({ type: message.type, payload: { element, field: 'number' } });
      return;
    case 'clear':
      post(emptyChange());
      return;
    case 'validate': {
      const code = FAKE_INCOMPLETE[element];
      const error = key === FAKE_FRAME_KEYS.incomplete ? { code, message: FIELD_ERRORS[code] } : undefined;
      post({ type: 'validate:result', id: message.id, payload: { element, ...(error && { error }) } });
      return;
    }
  }
});

if (key !== FAKE_FRAME_KEYS.silent) {
  post({ type: 'resize', payload: { height: FAKE_FRAME_HEIGHT } });
  post({
    type: 'ready',
    payload: { element, channel: key === FAKE_FRAME_KEYS.wrongChannel ? 'other' : channel },
  });
  post(key === FAKE_FRAME_KEYS.complete ? completeChange() : emptyChange());
  if (key === FAKE_FRAME_KEYS.chatty) {
    post({ type: 'title', payload: { title: FAKE_TITLE } });
    post({ type: 'warning', payload: { ...FAKE_WARNING, detail: [...FAKE_WARNING.detail] } });
    post({ type: 'escape', payload: { element } });
    if (element === 'cardNumber') post({ type: 'advance', payload: { element } });
  }
}
