import { describe, expect, it } from 'vitest';
import { API_ERRORS, clientError, FIELD_ERRORS, type FieldErrorCode } from './errors';
import { isFrameToFrame, isFrameToParent, isParentToFrame } from './frame-guards';
import {
  type CardSummary,
  type CollectedPart,
  ELEMENT_TYPES,
  type Envelope,
  envelope,
  FIELD_NAMES,
  FRAME_PROTOCOL,
  type FrameToFrame,
  type FrameToParent,
  type ParentToFrame,
  SPLIT_ELEMENT_TYPES,
} from './frame-messages';

// Example tables for the three frame guards. Every valid shape is accepted; each refusal below is a valid message
// with exactly one member spoiled (`spoil`), so it shows which check refuses it. Generated messages are in
// frame-messages.property.test.ts.

const CHANNEL = 'c2d9a6f0-1b7e-4c1a-9f3e-2a7b5c8d0e14';
const ID = 'req_01J8Z3';
const CARD: CardSummary = { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 };
const FIELD_CODES = Object.keys(FIELD_ERRORS) as FieldErrorCode[];

const ABSENT = Symbol('absent');

/** A copy of a message with the member at a dotted path set to `value`, or removed when `value` is ABSENT. */
function spoil(message: object, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let at = copy;
  for (const key of keys) at = at[key] as Record<string, unknown>;
  if (value === ABSENT) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** An array carrying the members of a valid message: typeof says object, but it is no record. */
const asArray = (value: object) => Object.assign([], value);

const ready = envelope<FrameToParent>({ type: 'ready', payload: { element: 'card', channel: CHANNEL } });
type ChangePayload = Extract<FrameToParent, { type: 'change' }>['payload'];
const CHANGE: ChangePayload = { element: 'card', empty: false, complete: false, valid: false, brand: 'visa' };
const change = envelope<FrameToParent>({ type: 'change', payload: CHANGE });
const changeWithError = envelope<FrameToParent>({
  type: 'change',
  payload: {
    element: 'cardNumber',
    empty: false,
    complete: false,
    valid: false,
    brand: 'unknown',
    error: { code: 'invalid_number', message: FIELD_ERRORS.invalid_number },
  },
});
const focus = envelope<FrameToParent>({ type: 'focus', payload: { element: 'card', field: 'expiry' } });
const resize = envelope<FrameToParent>({ type: 'resize', payload: { height: 44 } });
const escaped = envelope<FrameToParent>({ type: 'escape', payload: { element: 'cardCvc' } });
const title = envelope<FrameToParent>({ type: 'title', payload: { title: 'Champ sécurisé du numéro de carte' } });
const warning = envelope<FrameToParent>({
  type: 'warning',
  payload: { option: 'appearance.fonts[0].src', problem: 'font', detail: ['https://fonts.gstatic.com'] },
});
const validated = envelope<FrameToParent>({
  type: 'validate:result',
  id: ID,
  payload: { element: 'postalCode', error: { code: 'invalid_postal_code', message: FIELD_ERRORS.invalid_postal_code } },
});
const tokenized = envelope<FrameToParent>({
  type: 'tokenize:result',
  id: ID,
  payload: { token: 'tok_1PqR2sT3uV4wX5yZ', card: CARD },
});
const tokenizeFailed = envelope<FrameToParent>({
  type: 'tokenize:result',
  id: ID,
  payload: { error: clientError('busy') },
});

describe('envelope', () => {
  it('tags a message with the protocol version and keeps every member', () => {
    const message: FrameToParent = { type: 'resize', payload: { height: 44 } };
    const wrapped = envelope(message);
    expect(wrapped).toEqual({ tessera: 1, type: 'resize', payload: { height: 44 } });
    expect(wrapped.tessera).toBe(FRAME_PROTOCOL);
    expect(wrapped).not.toBe(message);
    expect(message).toEqual({ type: 'resize', payload: { height: 44 } });
  });

  it('makes messages each guard accepts', () => {
    expect(
      isFrameToParent(envelope<FrameToParent>({ type: 'blur', payload: { element: 'cardCvc', field: 'cvc' } })),
    ).toBe(true);
    expect(isParentToFrame(envelope<ParentToFrame>({ type: 'clear', payload: {} }))).toBe(true);
    expect(
      isFrameToFrame(envelope<FrameToFrame>({ type: 'hello', payload: { channel: CHANNEL, element: 'cardCvc' } })),
    ).toBe(true);
  });
});

describe('isFrameToParent', () => {
  const valid: [string, unknown][] = [
    ...ELEMENT_TYPES.map((element): [string, Envelope<FrameToParent>] => [
      `ready from ${element}`,
      envelope({ type: 'ready', payload: { element, channel: CHANNEL } }),
    ]),
    ['ready with a one-character channel', envelope({ type: 'ready', payload: { element: 'card', channel: 'c' } })],
    [
      'ready with a 64-character channel',
      envelope({ type: 'ready', payload: { element: 'card', channel: 'c'.repeat(64) } }),
    ],
    ['change without an error', change],
    [
      'change that is complete',
      envelope({
        type: 'change',
        payload: { element: 'card', empty: false, complete: true, valid: true, brand: 'mastercard' },
      }),
    ],
    // From plain JS: the member is there but undefined.
    ['change with an undefined error', spoil(change, 'payload.error', undefined)],
    ...FIELD_CODES.map((code): [string, Envelope<FrameToParent>] => [
      `change with ${code}`,
      envelope({
        type: 'change',
        payload: { ...CHANGE, error: { code, message: FIELD_ERRORS[code] } },
      }),
    ]),
    ...ELEMENT_TYPES.flatMap((element) =>
      FIELD_NAMES.flatMap((field) =>
        (['focus', 'blur'] as const).map((type): [string, Envelope<FrameToParent>] => [
          `${type} of ${element} ${field}`,
          envelope({ type, payload: { element, field } }),
        ]),
      ),
    ),
    ...ELEMENT_TYPES.flatMap((element) =>
      (['escape', 'advance'] as const).map((type): [string, Envelope<FrameToParent>] => [
        `${type} from ${element}`,
        envelope({ type, payload: { element } }),
      ]),
    ),
    ['a title', title],
    ['a title in Arabic', spoil(title, 'payload.title', 'إطار آمن لإدخال رقم البطاقة')],
    ['a title of 200 characters', spoil(title, 'payload.title', 'a'.repeat(200))],
    ['a warning', warning],
    ['a warning without detail', spoil(warning, 'payload.detail', ABSENT)],
    ['a field that is valid', envelope({ type: 'validate:result', id: ID, payload: { element: 'card' } })],
    ['a field that is not', validated],
    ['resize to 0', envelope({ type: 'resize', payload: { height: 0 } })],
    ['resize to a fraction', envelope({ type: 'resize', payload: { height: 44.5 } })],
    ['resize to just under 10,000', envelope({ type: 'resize', payload: { height: 9999.99 } })],
    ['a token', tokenized],
    ['a token with dashes and underscores', spoil(tokenized, 'payload.token', 'tok_a-b_C9')],
    ['a token of a card expiring in January', spoil(tokenized, 'payload.card.expMonth', 1)],
    ['a client error', tokenizeFailed],
    [
      'a field error',
      envelope({
        type: 'tokenize:result',
        id: ID,
        payload: { error: { type: 'validation_error', code: 'expired', message: FIELD_ERRORS.expired } },
      }),
    ],
    [
      'an edge error',
      envelope({
        type: 'tokenize:result',
        id: ID,
        payload: { error: { type: 'api_error', code: 'rate_limited', message: API_ERRORS.rate_limited.message } },
      }),
    ],
  ];

  it.each(valid)('accepts %s', (_, message) => {
    expect(isFrameToParent(message)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['no tessera', spoil(ready, 'tessera', ABSENT)],
    ['tessera 2', spoil(ready, 'tessera', 2)],
    ["tessera '1'", spoil(ready, 'tessera', '1')],
    ['tessera true', spoil(ready, 'tessera', true)],
    ['no type', spoil(ready, 'type', ABSENT)],
    ['an unknown type', spoil(ready, 'type', 'Ready')],
    ['a parent-to-frame type', spoil(focus, 'type', 'clear')],
    ['a frame-to-frame type', spoil(ready, 'type', 'hello')],
    ['no payload', spoil(ready, 'payload', ABSENT)],
    ['a null payload', spoil(ready, 'payload', null)],
    ['a payload as text', spoil(ready, 'payload', 'card')],
    ['a payload that is an array', spoil(ready, 'payload', asArray(ready.payload))],
    ['a message that is an array', asArray(ready)],
    ['ready from no element', spoil(ready, 'payload.element', ABSENT)],
    ['ready from an unknown element', spoil(ready, 'payload.element', 'cardnumber')],
    ['ready without a channel', spoil(ready, 'payload.channel', ABSENT)],
    ['ready with an empty channel', spoil(ready, 'payload.channel', '')],
    ['ready with a 65-character channel', spoil(ready, 'payload.channel', 'c'.repeat(65))],
    ['ready with a dot in the channel', spoil(ready, 'payload.channel', 'a.b')],
    ['ready with a newline after the channel', spoil(ready, 'payload.channel', `${CHANNEL}\n`)],
    ['ready with a numeric channel', spoil(ready, 'payload.channel', 12345)],
    ['ready with the channel in an array', spoil(ready, 'payload.channel', [CHANNEL])],
    ['change from an unknown element', spoil(change, 'payload.element', 'name')],
    ['change without empty', spoil(change, 'payload.empty', ABSENT)],
    ["change with empty 'false'", spoil(change, 'payload.empty', 'false')],
    ['change with complete 0', spoil(change, 'payload.complete', 0)],
    ['change without complete', spoil(change, 'payload.complete', ABSENT)],
    ['change with valid null', spoil(change, 'payload.valid', null)],
    ['change without valid', spoil(change, 'payload.valid', ABSENT)],
    ['change without a brand', spoil(change, 'payload.brand', ABSENT)],
    ['change with an unknown brand', spoil(change, 'payload.brand', 'Visa')],
    ['change with a null error', spoil(change, 'payload.error', null)],
    ['change with an error as text', spoil(change, 'payload.error', 'invalid_number')],
    ['change with an unknown error code', spoil(changeWithError, 'payload.error.code', 'busy')],
    ['change with an error without a code', spoil(changeWithError, 'payload.error.code', ABSENT)],
    ['change with an error without a message', spoil(changeWithError, 'payload.error.message', ABSENT)],
    ['change with a numeric error message', spoil(changeWithError, 'payload.error.message', 1)],
    ['focus of an unknown element', spoil(focus, 'payload.element', 'form')],
    ['focus of an unknown field', spoil(focus, 'payload.field', 'email')],
    ['focus without a field', spoil(focus, 'payload.field', ABSENT)],
    ['blur without an element', spoil({ ...focus, type: 'blur' }, 'payload.element', ABSENT)],
    ['blur of a field named by its element', spoil({ ...focus, type: 'blur' }, 'payload.field', 'cardCvc')],
    ['escape from an unknown element', spoil(escaped, 'payload.element', 'form')],
    ['escape without an element', spoil(escaped, 'payload.element', ABSENT)],
    ['advance from no element', spoil({ ...escaped, type: 'advance' }, 'payload.element', null)],
    ['a title with a digit', spoil(title, 'payload.title', 'Card 4242')],
    ['a title with an Arabic-Indic digit', spoil(title, 'payload.title', 'رقم ٤')],
    ['a title with a full-width digit', spoil(title, 'payload.title', 'カード１')],
    ['an empty title', spoil(title, 'payload.title', '')],
    ['a title of 201 characters', spoil(title, 'payload.title', 'a'.repeat(201))],
    ['a title with a newline', spoil(title, 'payload.title', 'Card\nnumber')],
    ['a title that is not text', spoil(title, 'payload.title', ['Card'])],
    ['no title', spoil(title, 'payload.title', ABSENT)],
    ['a warning of an unknown problem', spoil(warning, 'payload.problem', 'bad')],
    ['a warning without an option', spoil(warning, 'payload.option', ABSENT)],
    ['a warning naming an option of 201 characters', spoil(warning, 'payload.option', 'o'.repeat(201))],
    ['a warning with a newline', spoil(warning, 'payload.option', 'a\nb')],
    ['a warning with its detail as text', spoil(warning, 'payload.detail', 'https://fonts.gstatic.com')],
    ['a warning with a detail of 101 characters', spoil(warning, 'payload.detail', ['d'.repeat(101)])],
    ['a validation without an id', spoil(validated, 'id', ABSENT)],
    ['a validation of an unknown element', spoil(validated, 'payload.element', 'form')],
    ['a validation with an unknown error code', spoil(validated, 'payload.error.code', 'busy')],
    ['a validation with a null error', spoil(validated, 'payload.error', null)],
    ['resize without a height', spoil(resize, 'payload.height', ABSENT)],
    ['resize to a negative height', spoil(resize, 'payload.height', -0.01)],
    ['resize to 10,000', spoil(resize, 'payload.height', 10_000)],
    ['resize to a height as text', spoil(resize, 'payload.height', '44')],
    ['resize to NaN', { ...resize, payload: { height: Number.NaN } }],
    ['resize to Infinity', { ...resize, payload: { height: Number.POSITIVE_INFINITY } }],
    ['a result without an id', spoil(tokenized, 'id', ABSENT)],
    ['a result with a slash in the id', spoil(tokenized, 'id', 'a/b')],
    ['a result with a numeric id', spoil(tokenized, 'id', 12345)],
    ['a result with an empty payload', spoil(tokenized, 'payload', {})],
    ['a result without a token', spoil(tokenized, 'payload.token', ABSENT)],
    ['a token without its prefix', spoil(tokenized, 'payload.token', '1PqR2sT3uV4wX5yZ')],
    ['a token that is only the prefix', spoil(tokenized, 'payload.token', 'tok_')],
    ['a token with a capital prefix', spoil(tokenized, 'payload.token', 'TOK_1PqR')],
    ['a token with text before it', spoil(tokenized, 'payload.token', 'xtok_1PqR')],
    ['a token with a space', spoil(tokenized, 'payload.token', 'tok_1P qR')],
    ['a token with a newline after it', spoil(tokenized, 'payload.token', 'tok_1PqR\n')],
    ['a token in an array', spoil(tokenized, 'payload.token', ['tok_1PqR'])],
    ['a token without a card', spoil(tokenized, 'payload.card', ABSENT)],
    ['a token with the card as text', spoil(tokenized, 'payload.card', '4242')],
    ['a token with the card as an array', spoil(tokenized, 'payload.card', asArray(CARD))],
    ['a card without a brand', spoil(tokenized, 'payload.card.brand', ABSENT)],
    ['a card of an unknown brand', spoil(tokenized, 'payload.card.brand', 'naranja')],
    ['a card without last4', spoil(tokenized, 'payload.card.last4', ABSENT)],
    ['a card with three last digits', spoil(tokenized, 'payload.card.last4', '242')],
    ['a card with five last digits', spoil(tokenized, 'payload.card.last4', '42424')],
    ['a card with a letter in last4', spoil(tokenized, 'payload.card.last4', '42a2')],
    ['a card with last4 as a number', spoil(tokenized, 'payload.card.last4', 4242)],
    ['a card with full-width last4', spoil(tokenized, 'payload.card.last4', '４２４２')],
    ['a card with a fractional month', spoil(tokenized, 'payload.card.expMonth', 1.5)],
    ['a card with the month as text', spoil(tokenized, 'payload.card.expMonth', '12')],
    ['a card without a month', spoil(tokenized, 'payload.card.expMonth', ABSENT)],
    ['a card with a fractional year', spoil(tokenized, 'payload.card.expYear', 2030.5)],
    ['a card without a year', spoil(tokenized, 'payload.card.expYear', ABSENT)],
    ['an error that is null', spoil(tokenizeFailed, 'payload.error', null)],
    ['an error that is undefined', { ...tokenizeFailed, payload: { error: undefined } }],
    [
      'an error beside a token, when the error is no error',
      { ...tokenized, payload: { ...tokenized.payload, error: {} } },
    ],
    ['an error without a type', spoil(tokenizeFailed, 'payload.error.type', ABSENT)],
    ['an error with a numeric code', spoil(tokenizeFailed, 'payload.error.code', 409)],
    ['an error without a code', spoil(tokenizeFailed, 'payload.error.code', ABSENT)],
    ['an error without a message', spoil(tokenizeFailed, 'payload.error.message', ABSENT)],
    ['an error with a message that is an object', spoil(tokenizeFailed, 'payload.error.message', {})],
  ])('refuses %s', (_, message) => {
    expect(isFrameToParent(message)).toBe(false);
  });
});

describe('isParentToFrame', () => {
  const tokenize = envelope<ParentToFrame>({ type: 'tokenize', id: ID, payload: {} });
  const update = envelope<ParentToFrame>({ type: 'update', payload: { disabled: true } });

  const validate = envelope<ParentToFrame>({ type: 'validate', id: ID, payload: {} });
  const collecting = envelope<ParentToFrame>({ type: 'tokenize', id: ID, payload: { collect: ['cardholderName'] } });

  it.each<[string, unknown]>([
    ['tokenize', tokenize],
    ['tokenize collecting the name', collecting],
    [
      'tokenize collecting the postal code and the name',
      spoil(collecting, 'payload.collect', ['postalCode', 'cardholderName']),
    ],
    ['tokenize collecting nothing more', spoil(collecting, 'payload.collect', [])],
    ['validate', validate],
    [
      'an update of every option',
      envelope({ type: 'update', payload: { style: { base: { color: 'red' } }, hideIcon: true } }),
    ],
    // The field page keeps only what readElementOptions lets through, so the guard takes any record here.
    ['an update with no option', envelope({ type: 'update', payload: {} })],
    ['an update with an unknown option', spoil(update, 'payload', { placeholder: 'x' })],
    ...(['focus', 'blur', 'clear'] as const).map((type): [string, Envelope<ParentToFrame>] => [
      type,
      envelope({ type, payload: {} }),
    ]),
  ])('accepts %s', (_, message) => {
    expect(isParentToFrame(message)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['no tessera', spoil(tokenize, 'tessera', ABSENT)],
    ['tessera 0', spoil(tokenize, 'tessera', 0)],
    ['a message that is an array', asArray(tokenize)],
    ['a message that is null', null],
    ['an unknown type', spoil(tokenize, 'type', 'submit')],
    ['a frame-to-parent type', spoil(update, 'type', 'change')],
    ['tokenize without an id', spoil(tokenize, 'id', ABSENT)],
    ['tokenize with an empty id', spoil(tokenize, 'id', '')],
    ['tokenize with a numeric id', spoil(tokenize, 'id', 7)],
    ['tokenize without a payload', spoil(tokenize, 'payload', ABSENT)],
    ['tokenize with a card in its payload', spoil(tokenize, 'payload.number', '4242424242424242')],
    ['tokenize with an array payload', spoil(tokenize, 'payload', [])],
    ['tokenize collecting the CVC, which every group has', spoil(collecting, 'payload.collect', ['cardCvc'])],
    ['tokenize collecting the name twice', spoil(collecting, 'payload.collect', ['cardholderName', 'cardholderName'])],
    ['tokenize collecting a name given as text', spoil(collecting, 'payload.collect', 'cardholderName')],
    ['tokenize collecting with a card beside', spoil(collecting, 'payload.number', '4242424242424242')],
    ['validate without an id', spoil(validate, 'id', ABSENT)],
    ['validate with a member in its payload', spoil(validate, 'payload.field', 'number')],
    ['validate without a payload', spoil(validate, 'payload', ABSENT)],
    ['an update without a payload', spoil(update, 'payload', ABSENT)],
    ['an update with a null payload', spoil(update, 'payload', null)],
    ['an update with an array payload', spoil(update, 'payload', asArray({ disabled: true }))],
    ['an update with options as text', spoil(update, 'payload', '{"disabled":true}')],
    ...(['focus', 'blur', 'clear'] as const).flatMap((type): [string, unknown][] => [
      [`${type} with a member in its payload`, { tessera: 1, type, payload: { field: 'number' } }],
      [`${type} without a payload`, { tessera: 1, type }],
      [`${type} with a null payload`, { tessera: 1, type, payload: null }],
      [`${type} with an array payload`, { tessera: 1, type, payload: [] }],
    ]),
  ])('refuses %s', (_, message) => {
    expect(isParentToFrame(message)).toBe(false);
  });
});

describe('isFrameToFrame', () => {
  const hello = envelope<FrameToFrame>({ type: 'hello', payload: { channel: CHANNEL, element: 'cardExpiry' } });
  const brand = envelope<FrameToFrame>({ type: 'brand', payload: { channel: CHANNEL, brand: 'amex' } });
  const collect = envelope<FrameToFrame>({ type: 'collect', id: ID, payload: { channel: CHANNEL, brand: 'amex' } });
  const result = (part: CollectedPart) =>
    envelope<FrameToFrame>({ type: 'collect:result', id: ID, payload: { channel: CHANNEL, ...part } });
  const expiry = result({ element: 'cardExpiry', expMonth: 12, expYear: 2030 });
  const cvc = result({ element: 'cardCvc', cvc: '123' });
  const failed = result({
    element: 'cardCvc',
    error: { code: 'incomplete_cvc', message: FIELD_ERRORS.incomplete_cvc },
  });

  it.each<[string, unknown]>([
    ...SPLIT_ELEMENT_TYPES.map((element): [string, unknown] => [
      `hello from ${element}`,
      spoil(hello, 'payload.element', element),
    ]),
    ['a brand', brand],
    ['a request to collect', collect],
    ['an expiry', expiry],
    ['an expiry in January 2000', result({ element: 'cardExpiry', expMonth: 1, expYear: 2000 })],
    ['an expiry in December 2199', result({ element: 'cardExpiry', expMonth: 12, expYear: 2199 })],
    ['a 3-digit CVC', cvc],
    ['a 4-digit CVC', result({ element: 'cardCvc', cvc: '1234' })],
    ['no CVC (a card that has none)', result({ element: 'cardCvc' })],
    ['an undefined CVC (from plain JS)', spoil(cvc, 'payload.cvc', undefined)],
    ['an error of the CVC frame', failed],
    ['a name', result({ element: 'cardholderName', name: 'Zoë Ångström' })],
    ['a postal code', result({ element: 'postalCode', postalCode: 'SW1A 1AA' })],
    [
      'an error of the name frame',
      result({ element: 'cardholderName', error: { code: 'incomplete_name', message: FIELD_ERRORS.incomplete_name } }),
    ],
    [
      'an error of the postal code frame',
      result({
        element: 'postalCode',
        error: { code: 'invalid_postal_code', message: FIELD_ERRORS.invalid_postal_code },
      }),
    ],
    [
      'an error of the expiry frame',
      result({ element: 'cardExpiry', error: { code: 'expired', message: FIELD_ERRORS.expired } }),
    ],
  ])('accepts %s', (_, message) => {
    expect(isFrameToFrame(message)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['no tessera', spoil(hello, 'tessera', ABSENT)],
    ['tessera 2', spoil(brand, 'tessera', 2)],
    ['a message that is an array', asArray(hello)],
    ['an unknown type', spoil(hello, 'type', 'goodbye')],
    ['a frame-to-parent type', spoil(hello, 'type', 'ready')],
    ['no payload', spoil(brand, 'payload', ABSENT)],
    ['a payload that is an array', spoil(brand, 'payload', asArray(brand.payload))],
    ['no channel', spoil(hello, 'payload.channel', ABSENT)],
    ['an empty channel', spoil(brand, 'payload.channel', '')],
    ['a channel with a space', spoil(collect, 'payload.channel', 'a b')],
    ['a numeric channel', spoil(expiry, 'payload.channel', 42)],
    ['hello from the combined card', spoil(hello, 'payload.element', 'card')],
    ['hello from no element', spoil(hello, 'payload.element', ABSENT)],
    ['a brand that is unknown to us', spoil(brand, 'payload.brand', 'naranja')],
    ['a brand message without a brand', spoil(brand, 'payload.brand', ABSENT)],
    ['collect without an id', spoil(collect, 'id', ABSENT)],
    ['collect with an id too long', spoil(collect, 'id', 'i'.repeat(65))],
    ['collect without a brand', spoil(collect, 'payload.brand', ABSENT)],
    ['a result without an id', spoil(expiry, 'id', ABSENT)],
    ['a result with a numeric id', spoil(cvc, 'id', 1)],
    ['a result of the number frame', spoil(expiry, 'payload.element', 'cardNumber')],
    ['a result of no element', spoil(cvc, 'payload.element', ABSENT)],
    ['an expiry in month 0', spoil(expiry, 'payload.expMonth', 0)],
    ['an expiry in month 13', spoil(expiry, 'payload.expMonth', 13)],
    ['an expiry in a fractional month', spoil(expiry, 'payload.expMonth', 6.5)],
    ['an expiry with the month as text', spoil(expiry, 'payload.expMonth', '12')],
    ['an expiry without a month', spoil(expiry, 'payload.expMonth', ABSENT)],
    ['an expiry in 1999', spoil(expiry, 'payload.expYear', 1999)],
    ['an expiry in 2200', spoil(expiry, 'payload.expYear', 2200)],
    ['an expiry in a two-digit year', spoil(expiry, 'payload.expYear', 30)],
    ['an expiry in a fractional year', spoil(expiry, 'payload.expYear', 2030.5)],
    ['an expiry without a year', spoil(expiry, 'payload.expYear', ABSENT)],
    ['a 2-digit CVC', spoil(cvc, 'payload.cvc', '12')],
    ['a 5-digit CVC', spoil(cvc, 'payload.cvc', '12345')],
    ['a CVC with a letter', spoil(cvc, 'payload.cvc', '12a')],
    ['a CVC with a space before it', spoil(cvc, 'payload.cvc', ' 123')],
    ['a CVC with a newline after it', spoil(cvc, 'payload.cvc', '123\n')],
    ['a full-width CVC', spoil(cvc, 'payload.cvc', '１２３')],
    ['a numeric CVC', spoil(cvc, 'payload.cvc', 123)],
    ['a CVC in an array', spoil(cvc, 'payload.cvc', ['123'])],
    ['a null CVC', spoil(cvc, 'payload.cvc', null)],
    ['a CVC from the number frame', spoil(cvc, 'payload.element', 'cardNumber')],
    ['an error of the number frame', spoil(failed, 'payload.element', 'cardNumber')],
    ['a blank name', result({ element: 'cardholderName', name: '  ' })],
    ['a name with a newline', result({ element: 'cardholderName', name: 'A\nB' })],
    ['a name that is not text', spoil(result({ element: 'cardholderName', name: 'A' }), 'payload.name', 1)],
    ['a name frame without its name', spoil(result({ element: 'cardholderName', name: 'A' }), 'payload.name', ABSENT)],
    ['a postal code with a symbol', result({ element: 'postalCode', postalCode: '1234%' })],
    ['a postal code of 17 characters', result({ element: 'postalCode', postalCode: '1'.repeat(17) })],
    ['a name sent as the postal code frame', result({ element: 'postalCode', name: 'A' } as unknown as CollectedPart)],
    ['an error of no element', spoil(failed, 'payload.element', ABSENT)],
    ['an error that is null', spoil(failed, 'payload.error', null)],
    ['an error with an unknown code', spoil(failed, 'payload.error.code', 'busy')],
    ['an error without a message', spoil(failed, 'payload.error.message', ABSENT)],
  ])('refuses %s', (_, message) => {
    expect(isFrameToFrame(message)).toBe(false);
  });
});
