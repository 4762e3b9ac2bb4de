import type { ElementType, FieldErrorCode, FrameToParent, TokenizeResult } from '@tessera/protocol';

/**
 * Publishable keys that make the fake field page misbehave, one way each. With any other key it says `resize`,
 * `ready` (as the element type and with the channel id of its URL) and a first empty `change` at once, answers
 * `focus` / `blur` with that event and `clear` with an empty `change`, and `tokenize` with `FAKE_TOKEN`.
 */
export const FAKE_FRAME_KEYS = {
  /** Never says ready. */
  silent: 'pk_test_silent',
  /** Says ready with a channel id other than the one in its URL fragment. */
  wrongChannel: 'pk_test_wrongchannel',
  /** Says ready as a `card` element, whatever the `type` in its query. */
  wrongType: 'pk_test_wrongtype',
  /** Never answers `tokenize`. */
  noReply: 'pk_test_noreply',
  /** Answers `tokenize` after `SLOW_REPLY_MS`. */
  slow: 'pk_test_slow',
  /** A key the fake edge does not know: its check answers 401, its page is framed nowhere (./serve.ts). */
  invalid: 'pk_test_invalid',
  /** A key whose origins do not include the tests page: its check answers 403, its page is framed nowhere. */
  foreignOrigin: 'pk_test_foreignorigin',
  /** Says a complete, valid card in its first `change`, so a form sees a card it can tokenize. */
  complete: 'pk_test_complete',
  /** Answers `validate` with its own input's "incomplete" error (`FAKE_INCOMPLETE`), as an empty field would. */
  incomplete: 'pk_test_incomplete',
  /**
   * After `ready`, says everything a field page may say on its own: its `title` (`FAKE_TITLE`), a `warning`
   * (`FAKE_WARNING`), `escape`, and, as a split number field, `advance`.
   */
  chatty: 'pk_test_chatty',
} as const;

/** What a chatty fake field page names itself. */
export const FAKE_TITLE = 'Fake secure input frame';

/** The warning a chatty fake field page sends about its options. */
export const FAKE_WARNING = {
  option: 'appearance.theme',
  problem: 'choice',
  detail: ['default', 'night', 'flat'],
} as const satisfies Extract<FrameToParent, { type: 'warning' }>['payload'];

/** The error each element's fake page answers `validate` with, under the `incomplete` key. */
export const FAKE_INCOMPLETE: Record<ElementType, FieldErrorCode> = {
  card: 'incomplete_number',
  cardNumber: 'incomplete_number',
  cardExpiry: 'incomplete_expiry',
  cardCvc: 'incomplete_cvc',
  cardholderName: 'incomplete_name',
  postalCode: 'incomplete_postal_code',
};

export const SLOW_REPLY_MS = 300;

/** The height the fake field page reports in its first `resize`. */
export const FAKE_FRAME_HEIGHT = 123;

/** What the fake field page answers to `tokenize`. */
export const FAKE_TOKEN = {
  token: 'tok_fake123',
  card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
} as const satisfies TokenizeResult;

/**
 * Posted by the fake field page to its parent for every message it gets from it, so tests see what the SDK
 * sent. The SDK drops it: it is not a protocol message.
 */
export interface FakeFrameEcho {
  fakeFrameEcho: unknown;
}

export function isFakeFrameEcho(data: unknown): data is FakeFrameEcho {
  return typeof data === 'object' && data !== null && 'fakeFrameEcho' in data;
}
