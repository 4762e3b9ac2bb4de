import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRANDS } from './brands';
import {
  API_ERRORS,
  type ApiErrorCode,
  CLIENT_ERRORS,
  type ClientErrorCode,
  clientError,
  FIELD_ERRORS,
  type FieldErrorCode,
  type TesseraError,
} from './errors';
import { isFrameToFrame, isFrameToParent, isParentToFrame } from './frame-guards';
import {
  type CardSummary,
  ELEMENT_TYPES,
  type Envelope,
  envelope,
  FIELD_NAMES,
  type FieldError,
  type FrameToFrame,
  type FrameToParent,
  OPTIONAL_SPLIT_TYPES,
  type ParentToFrame,
  SPLIT_ELEMENT_TYPES,
} from './frame-messages';
import { SANITIZE_PROBLEMS } from './sanitize-context';

// Generated messages for the three frame guards: every message of the protocol's types is accepted, and a message
// with one member replaced by a value of the wrong type (anything fast-check makes, less the right type), taken
// away, or added to a payload that must stay empty, is refused. Example tables are in frame-messages.test.ts.

const FIELD_CODES = Object.keys(FIELD_ERRORS) as FieldErrorCode[];

// ---- valid messages, built from the protocol's types --------------------------------------------------------

const id = fc.stringMatching(/^[\w-]{1,64}$/);
const element = fc.constantFrom(...ELEMENT_TYPES);
const brand = fc.constantFrom(...BRANDS);
const fieldError = fc.constantFrom(...FIELD_CODES).map((code): FieldError => ({ code, message: FIELD_ERRORS[code] }));
const tesseraError: fc.Arbitrary<TesseraError> = fc.oneof(
  fc.constantFrom(...(Object.keys(CLIENT_ERRORS) as ClientErrorCode[])).map(clientError),
  fc
    .constantFrom(...(Object.keys(API_ERRORS) as ApiErrorCode[]))
    .map((code): TesseraError => ({ type: 'api_error', code, message: API_ERRORS[code].message })),
  fieldError.map((e): TesseraError => ({ type: 'validation_error', ...e })),
);
const card: fc.Arbitrary<CardSummary> = fc.record({
  brand,
  last4: fc.stringMatching(/^\d{4}$/),
  expMonth: fc.integer({ min: 1, max: 12 }),
  expYear: fc.integer({ min: 2000, max: 2199 }),
});

const toParent: fc.Arbitrary<Envelope<FrameToParent>> = fc.oneof(
  fc.record({ element, channel: id }).map((payload) => envelope({ type: 'ready', payload })),
  fc
    .record(
      { element, empty: fc.boolean(), complete: fc.boolean(), valid: fc.boolean(), brand, error: fieldError },
      { requiredKeys: ['element', 'empty', 'complete', 'valid', 'brand'] },
    )
    .map((payload) => envelope({ type: 'change', payload })),
  ...(['focus', 'blur'] as const).map((type) =>
    fc
      .record({ element, field: fc.constantFrom(...FIELD_NAMES) })
      .map((payload) => envelope<FrameToParent>({ type, payload })),
  ),
  ...(['escape', 'advance'] as const).map((type) =>
    element.map((element) => envelope<FrameToParent>({ type, payload: { element } })),
  ),
  fc.double({ min: 0, max: 9999.99, noNaN: true }).map((height) => envelope({ type: 'resize', payload: { height } })),
  fc
    .stringMatching(/^[^\p{Cc}\p{N}]{1,200}$/u)
    .map((title) => envelope<FrameToParent>({ type: 'title', payload: { title } })),
  fc
    .record(
      {
        option: fc.stringMatching(/^[^\p{Cc}]{1,200}$/u),
        problem: fc.constantFrom(...SANITIZE_PROBLEMS),
        detail: fc.array(fc.stringMatching(/^[^\p{Cc}]{1,100}$/u), { maxLength: 5 }),
      },
      { requiredKeys: ['option', 'problem'] },
    )
    .map((payload) => envelope<FrameToParent>({ type: 'warning', payload })),
  fc
    .record({ id, payload: fc.record({ element, error: fieldError }, { requiredKeys: ['element'] }) })
    .map(({ id, payload }) => envelope<FrameToParent>({ type: 'validate:result', id, payload })),
  fc
    .record({
      id,
      payload: fc.oneof(
        fc.record({ token: fc.stringMatching(/^tok_[\w-]{1,32}$/), card }),
        fc.record({ error: tesseraError }),
      ),
    })
    .map(({ id, payload }) => envelope({ type: 'tokenize:result', id, payload })),
);

const toFrame: fc.Arbitrary<Envelope<ParentToFrame>> = fc.oneof(
  fc.oneof(
    id.map((id) => envelope<ParentToFrame>({ type: 'tokenize', id, payload: {} })),
    fc
      .record({ id, collect: fc.subarray([...OPTIONAL_SPLIT_TYPES]) })
      .map(({ id, collect }) => envelope<ParentToFrame>({ type: 'tokenize', id, payload: { collect } })),
  ),
  id.map((id) => envelope<ParentToFrame>({ type: 'validate', id, payload: {} })),
  fc
    .record(
      {
        style: fc.record({ base: fc.record({ color: fc.constantFrom('red', '#32325d') }) }),
        disabled: fc.boolean(),
        hideIcon: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .map((payload) => envelope({ type: 'update', payload })),
  ...(['focus', 'blur', 'clear'] as const).map((type) => fc.constant(envelope({ type, payload: {} }))),
);

const part = fc.oneof(
  fc.record({
    element: fc.constant('cardExpiry' as const),
    expMonth: fc.integer({ min: 1, max: 12 }),
    expYear: fc.integer({ min: 2000, max: 2199 }),
  }),
  fc.record(
    { element: fc.constant('cardCvc' as const), cvc: fc.stringMatching(/^\d{3,4}$/) },
    { requiredKeys: ['element'] },
  ),
  fc.record({
    element: fc.constant('cardholderName' as const),
    name: fc.constantFrom('A', 'Zoë Ångström', '山田 太郎'),
  }),
  fc.record({
    element: fc.constant('postalCode' as const),
    postalCode: fc.stringMatching(/^[A-Z0-9]{1,5}( [0-9]{1,4})?$/),
  }),
  fc.record({
    element: fc.constantFrom(
      'cardExpiry' as const,
      'cardCvc' as const,
      'cardholderName' as const,
      'postalCode' as const,
    ),
    error: fieldError,
  }),
);
const toSibling: fc.Arbitrary<Envelope<FrameToFrame>> = fc.oneof(
  fc
    .record({ channel: id, element: fc.constantFrom(...SPLIT_ELEMENT_TYPES) })
    .map((payload) => envelope({ type: 'hello', payload })),
  fc.record({ channel: id, brand }).map((payload) => envelope({ type: 'brand', payload })),
  fc.record({ id, payload: fc.record({ channel: id, brand }) }).map((m) => envelope({ type: 'collect', ...m })),
  fc
    .record({ id, channel: id, part })
    .map(({ id, channel, part }) => envelope({ type: 'collect:result', id, payload: { channel, ...part } })),
);

// ---- the members of each message, and what counts as the right type for each --------------------------------

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number';
const isBoolean: Check = (v) => typeof v === 'boolean';
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const orUndefined =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);

/**
 * One member of a message: where it is and which values are of its type. An optional member may be taken away;
 * an `empty` one is a payload to which no member may be added.
 */
interface Member {
  path: readonly string[];
  right: Check;
  optional?: boolean;
  empty?: boolean;
}
const m = (path: string, right: Check, more: Partial<Member> = {}): Member => ({
  path: path.split('.'),
  right,
  ...more,
});

const header = (types: readonly string[]) => [
  m('tessera', (v) => v === 1),
  m('type', oneOf(types)),
  m('payload', isObject),
];

const errorMembers = (at: string, code: Check) => [
  m(at, isObject),
  m(`${at}.code`, code),
  m(`${at}.message`, isString),
];

const TO_PARENT_TYPES = [
  'ready',
  'change',
  'focus',
  'blur',
  'escape',
  'advance',
  'resize',
  'title',
  'warning',
  'validate:result',
  'tokenize:result',
];
function toParentMembers(message: Envelope<FrameToParent>): Member[] {
  const head = header(TO_PARENT_TYPES);
  switch (message.type) {
    case 'ready':
      return [...head, m('payload.element', oneOf(ELEMENT_TYPES)), m('payload.channel', isString)];
    case 'change':
      return [
        ...head,
        m('payload.element', oneOf(ELEMENT_TYPES)),
        ...['empty', 'complete', 'valid'].map((name) => m(`payload.${name}`, isBoolean)),
        m('payload.brand', oneOf(BRANDS)),
        // The error is optional: taking it away, or making it undefined, leaves a valid change.
        m('payload.error', orUndefined(isObject), { optional: true }),
        ...(message.payload.error ? errorMembers('payload.error', oneOf(FIELD_CODES)).slice(1) : []),
      ];
    case 'focus':
    case 'blur':
      return [...head, m('payload.element', oneOf(ELEMENT_TYPES)), m('payload.field', oneOf(FIELD_NAMES))];
    case 'escape':
    case 'advance':
      return [...head, m('payload.element', oneOf(ELEMENT_TYPES))];
    case 'resize':
      return [...head, m('payload.height', isNumber)];
    case 'title':
      return [...head, m('payload.title', isString)];
    case 'warning':
      return [
        ...head,
        m('payload.option', isString),
        m('payload.problem', oneOf(SANITIZE_PROBLEMS)),
        m('payload.detail', orUndefined(Array.isArray), { optional: true }),
      ];
    case 'validate:result':
      return [
        ...head,
        m('id', isString),
        m('payload.element', oneOf(ELEMENT_TYPES)),
        m('payload.error', orUndefined(isObject), { optional: true }),
        ...(message.payload.error ? errorMembers('payload.error', oneOf(FIELD_CODES)).slice(1) : []),
      ];
    case 'tokenize:result':
      if ('error' in message.payload) {
        return [
          ...head,
          m('id', isString),
          ...errorMembers('payload.error', isString),
          m('payload.error.type', isString),
        ];
      }
      return [
        ...head,
        m('id', isString),
        m('payload.token', isString),
        m('payload.card', isObject),
        m('payload.card.brand', oneOf(BRANDS)),
        m('payload.card.last4', isString),
        m('payload.card.expMonth', isNumber),
        m('payload.card.expYear', isNumber),
      ];
  }
}

const TO_FRAME_TYPES = ['tokenize', 'validate', 'update', 'focus', 'blur', 'clear'];
const isCollectList = (v: unknown) =>
  Array.isArray(v) && v.every((t) => OPTIONAL_SPLIT_TYPES.includes(t)) && new Set(v).size === v.length;
function toFrameMembers(message: Envelope<ParentToFrame>): Member[] {
  const [tessera, type, payload] = header(TO_FRAME_TYPES) as [Member, Member, Member];
  if (message.type === 'update') return [tessera, type, payload];
  const emptyPayload = { ...payload, empty: true };
  if (message.type === 'tokenize' && 'collect' in message.payload) {
    return [tessera, type, payload, m('id', isString), m('payload.collect', isCollectList, { optional: true })];
  }
  return message.type === 'tokenize' || message.type === 'validate'
    ? [tessera, type, emptyPayload, m('id', isString)]
    : [tessera, type, emptyPayload];
}

const TO_SIBLING_TYPES = ['hello', 'brand', 'collect', 'collect:result'];
function toSiblingMembers(message: Envelope<FrameToFrame>): Member[] {
  const head = [...header(TO_SIBLING_TYPES), m('payload.channel', isString)];
  switch (message.type) {
    case 'hello':
      return [...head, m('payload.element', oneOf(SPLIT_ELEMENT_TYPES))];
    case 'brand':
      return [...head, m('payload.brand', oneOf(BRANDS))];
    case 'collect':
      return [...head, m('id', isString), m('payload.brand', oneOf(BRANDS))];
    case 'collect:result': {
      // Either frame's element is right: an expiry part sent as the CVC frame's is a CVC part with no CVC.
      // The element values that leave a valid part: any sibling's for an error; for a value, its own, and the CVC
      // frame's (a CVC part with no CVC takes any other member as extra).
      const elements =
        'error' in message.payload
          ? ['cardExpiry', 'cardCvc', 'cardholderName', 'postalCode']
          : [message.payload.element === 'cardCvc' ? 'cardExpiry' : message.payload.element, 'cardCvc'];
      const own = [...head, m('id', isString), m('payload.element', oneOf(elements))];
      if ('error' in message.payload) {
        // Without its error, a CVC frame's part is a CVC part with no CVC (a card that has none).
        const [error, ...inside] = errorMembers('payload.error', oneOf(FIELD_CODES)) as [Member, ...Member[]];
        return [...own, { ...error, optional: message.payload.element === 'cardCvc' }, ...inside];
      }
      switch (message.payload.element) {
        case 'cardExpiry':
          return [...own, m('payload.expMonth', isNumber), m('payload.expYear', isNumber)];
        case 'cardholderName':
          return [...own, m('payload.name', isString)];
        case 'postalCode':
          return [...own, m('payload.postalCode', isString)];
        default:
          return [...own, m('payload.cvc', orUndefined(isString), { optional: true })];
      }
    }
  }
}

// ---- spoiling one member ------------------------------------------------------------------------------------

const ABSENT = Symbol('absent');

function withMember(message: object, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path.at(-1) ?? '';
  if (value === ABSENT) delete at[last];
  // defineProperty, so that a key named __proto__ becomes a member rather than the prototype.
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

interface Sample {
  message: unknown;
  /** `accepted <type>` or `refused <type> <path> <how>`: the branch of the guard the sample takes. */
  label: string;
  accept: boolean;
}

function samples<M extends { type: string }>(valid: fc.Arbitrary<M>, members: (message: M) => Member[]) {
  const accepted = valid.map((message): Sample => ({ message, label: `accepted ${message.type}`, accept: true }));
  const refused = valid.chain((message) =>
    fc.constantFrom(...members(message)).chain((member) => {
      const where = `refused ${message.type} ${member.path.join('.')}`;
      const ways: fc.Arbitrary<Sample>[] = [
        fc
          .anything()
          .filter((value) => !member.right(value))
          .map((value) => ({
            message: withMember(message, member.path, value),
            label: `${where} type`,
            accept: false,
          })),
      ];
      if (!member.optional) {
        ways.push(
          fc.constant({ message: withMember(message, member.path, ABSENT), label: `${where} absent`, accept: false }),
        );
      }
      if (member.empty) {
        const extra = fc.tuple(
          fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'tessera')),
          fc.anything(),
        );
        ways.push(
          extra.map(([key, value]) => ({
            message: withMember(message, [...member.path, key], value),
            label: `${where} extra`,
            accept: false,
          })),
        );
      }
      return fc.oneof(...ways);
    }),
  );
  return fc.oneof(accepted, refused);
}

// Each sample is a valid message (half of them) or one with a single member spoiled. Shares of 100,000 samples are
// written beside each guard. The test fails when a kind of message is accepted or refused in less than MIN_SHARE of
// the runs, or a way of spoiling in less than MIN_WAY, rather than quietly testing less.
const RUNS = 2_000;
const MIN_SHARE = 0.03;
const MIN_WAY = 0.01;

describe.each([
  // Accepted 50 %: 4.5 % for each of the eleven kinds. Refused 50 %, split over the kinds in the same way and over
  // their (kind, member, way) branches: about half a member of the wrong type, half a member taken away.
  ['isFrameToParent', isFrameToParent, samples(toParent, toParentMembers), TO_PARENT_TYPES, ['type', 'absent']],
  // Accepted 50 %: 8.3 % each for tokenize (half of them collecting optional parts), validate, update, focus, blur
  // and clear. Refused 50 %, split the same way: a wrong type, a member taken away, or one added to a payload that
  // must stay empty.
  ['isParentToFrame', isParentToFrame, samples(toFrame, toFrameMembers), TO_FRAME_TYPES, ['type', 'absent', 'extra']],
  // Accepted 50 %, 12.5 % per kind; refused 50 %, 12.5 % per kind over 55 branches (the rarest 0.1 %): 25.5 % a
  // wrong type, 24.5 % taken away.
  ['isFrameToFrame', isFrameToFrame, samples(toSibling, toSiblingMembers), TO_SIBLING_TYPES, ['type', 'absent']],
] as const)('%s on generated messages', (_, guard, sample, types, ways) => {
  it('accepts every valid message and refuses each one spoiled in one member', () => {
    const seen = new Map<string, number>();
    const count = (label: string) => seen.set(label, (seen.get(label) ?? 0) + 1);
    fc.assert(
      fc.property(sample as fc.Arbitrary<Sample>, ({ message, label, accept }) => {
        const words = label.split(' ');
        count(words.slice(0, 2).join(' '));
        if (!accept) count(`way ${words.at(-1)}`);
        expect(guard(message)).toBe(accept);
      }),
      { numRuns: RUNS },
    );
    const share = (branch: string) => (seen.get(branch) ?? 0) / RUNS;
    const rare = [
      ...types.flatMap((type) => [`accepted ${type}`, `refused ${type}`]).filter((b) => share(b) < MIN_SHARE),
      ...ways.map((way) => `way ${way}`).filter((b) => share(b) < MIN_WAY),
    ];
    expect(rare).toEqual([]);
  });

  it('never throws, and accepts nothing fast-check makes up', () => {
    // fc.anything() never made an accepted message in 100,000 samples.
    fc.assert(fc.property(fc.anything(), (value) => guard(value) === false));
  });

  it('never throws on an envelope of any type around anything', () => {
    const shaped = fc.record({
      tessera: fc.constant(1),
      type: fc.constantFrom(...types),
      id: fc.anything(),
      payload: fc.anything(),
    });
    fc.assert(fc.property(shaped, (value) => typeof guard(value) === 'boolean'));
  });
});
